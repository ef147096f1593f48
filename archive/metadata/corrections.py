"""The user's corrections to entities: rename, merge, delete; and the entity listing.

Each correction changes the stored entities at once and is recorded in entity_corrections,
from which archive.metadata.store.save_metadata replays it whenever a document is extracted
again (re-import), so corrections survive.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from archive.metadata.store import add_alias, entity_key
from archive.models import Entity
from archive.store import Archive, ArchiveError

KINDS = ("person", "org", "place")


@dataclass(frozen=True, slots=True)
class EntitySummary:
    entity: Entity
    documents: int  # documents that mention it
    mentions: int  # mentions across the archive


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ArchiveError(f"unknown entity kind {kind!r} (use one of: {', '.join(KINDS)})")


def find_entity(archive: Archive, kind: str, name: str) -> int | None:
    """The id of the entity of `kind` called `name` (canonically or by an alias)."""
    _check_kind(kind)
    key = entity_key(name)
    row = archive.conn.execute(
        "SELECT id FROM entities WHERE kind = ? AND key = ?", (kind, key)
    ).fetchone()
    if row is None:
        row = archive.conn.execute(
            "SELECT e.id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
            "WHERE e.kind = ? AND a.key = ? ORDER BY e.id LIMIT 1",
            (kind, key),
        ).fetchone()
    return int(row[0]) if row else None


def _require(archive: Archive, kind: str, name: str) -> int:
    entity_id = find_entity(archive, kind, name)
    if entity_id is None:
        raise ArchiveError(f"no {kind} called {name!r} in {archive.path}")
    return entity_id


def _record(archive: Archive, action: str, kind: str, name: str, target: str | None) -> None:
    archive.conn.execute(
        "INSERT INTO entity_corrections (at, action, kind, name, target) VALUES (?, ?, ?, ?, ?)",
        (datetime.now(UTC).isoformat(timespec="seconds"), action, kind, name, target),
    )


def _move(archive: Archive, source_id: int, target_id: int) -> None:
    """Fold entity `source_id` into `target_id`: mentions, aliases, and its name as an alias."""
    q = archive.conn.execute
    for doc_id, count, surfaces in q(
        "SELECT document_id, count, surfaces FROM document_entities WHERE entity_id = ?",
        (source_id,),
    ).fetchall():
        row = q(
            "SELECT count, surfaces FROM document_entities WHERE document_id = ? AND entity_id = ?",
            (doc_id, target_id),
        ).fetchone()
        if row is None:
            q(
                "INSERT INTO document_entities (document_id, entity_id, count, surfaces) "
                "VALUES (?, ?, ?, ?)",
                (doc_id, target_id, count, surfaces),
            )
        else:
            merged = json.loads(row[1] or "[]")
            merged += [s for s in json.loads(surfaces or "[]") if s not in merged]
            q(
                "UPDATE document_entities SET count = ?, surfaces = ? "
                "WHERE document_id = ? AND entity_id = ?",
                (row[0] + count, json.dumps(merged, ensure_ascii=False), doc_id, target_id),
            )
    (name,) = q("SELECT name FROM entities WHERE id = ?", (source_id,)).fetchone()
    for (alias,) in q(
        "SELECT alias FROM entity_aliases WHERE entity_id = ?", (source_id,)
    ).fetchall():
        add_alias(archive.conn, target_id, alias)
    add_alias(archive.conn, target_id, name)
    q("DELETE FROM document_entities WHERE entity_id = ?", (source_id,))
    q("DELETE FROM entity_aliases WHERE entity_id = ?", (source_id,))
    q("DELETE FROM entities WHERE id = ?", (source_id,))


def rename_entity(archive: Archive, kind: str, name: str, new_name: str) -> None:
    """Give an entity a new canonical name; the old one stays as an alias. Renaming onto an
    existing entity's name merges the two."""
    new_name = new_name.strip()
    if not new_name:
        raise ArchiveError("the new name is empty")
    entity_id = _require(archive, kind, name)
    with archive.conn:
        existing = archive.conn.execute(
            "SELECT id FROM entities WHERE kind = ? AND key = ?", (kind, entity_key(new_name))
        ).fetchone()
        if existing and existing[0] != entity_id:
            _move(archive, entity_id, existing[0])
        else:
            (old,) = archive.conn.execute(
                "SELECT name FROM entities WHERE id = ?", (entity_id,)
            ).fetchone()
            archive.conn.execute(
                "UPDATE entities SET name = ?, key = ? WHERE id = ?",
                (new_name, entity_key(new_name), entity_id),
            )
            if entity_key(old) != entity_key(new_name):
                add_alias(archive.conn, entity_id, old)
        _record(archive, "rename", kind, name, new_name)


def merge_entities(archive: Archive, kind: str, name: str, into: str) -> None:
    """Fold the entity `name` into the entity `into` (which must exist)."""
    source_id = _require(archive, kind, name)
    target_id = _require(archive, kind, into)
    if source_id == target_id:
        raise ArchiveError(f"{name!r} and {into!r} are already the same {kind}")
    (target_name,) = archive.conn.execute(
        "SELECT name FROM entities WHERE id = ?", (target_id,)
    ).fetchone()
    with archive.conn:
        _move(archive, source_id, target_id)
        _record(archive, "merge", kind, name, target_name)


def delete_entity(archive: Archive, kind: str, name: str) -> None:
    """Remove an entity from every document, now and on later re-imports."""
    entity_id = _require(archive, kind, name)
    with archive.conn:
        archive.conn.execute("DELETE FROM document_entities WHERE entity_id = ?", (entity_id,))
        archive.conn.execute("DELETE FROM entity_aliases WHERE entity_id = ?", (entity_id,))
        archive.conn.execute("DELETE FROM entities WHERE id = ?", (entity_id,))
        _record(archive, "delete", kind, name, None)


def list_entities(archive: Archive, kind: str | None = None) -> list[EntitySummary]:
    """Entities mentioned in at least one document, most documents first."""
    if kind is not None:
        _check_kind(kind)
    rows = archive.conn.execute(
        "SELECT e.id, e.kind, e.name, COUNT(de.document_id), SUM(de.count) "
        "FROM entities e JOIN document_entities de ON de.entity_id = e.id "
        "WHERE (? IS NULL OR e.kind = ?) GROUP BY e.id "
        "ORDER BY COUNT(de.document_id) DESC, SUM(de.count) DESC, e.name",
        (kind, kind),
    ).fetchall()
    aliases: dict[int, list[str]] = {}
    for entity_id, alias in archive.conn.execute("SELECT entity_id, alias FROM entity_aliases"):
        aliases.setdefault(entity_id, []).append(alias)
    return [
        EntitySummary(Entity(eid, k, name, tuple(aliases.get(eid, ())), docs), docs, mentions)
        for eid, k, name, docs, mentions in rows
    ]
