"""Writing one import batch in one transaction: new, updated, moved and duplicate documents.

The ids of new documents are assigned here, inside the write transaction (BEGIN IMMEDIATE
holds the write lock), so the documents, their FTS rows and their metadata are inserted
with executemany and no read-back.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from archive.importing.formats import Record, Rejection
from archive.metadata import Metadata
from archive.metadata.store import save_metadata_many
from archive.models import ImportSummary
from archive.notes import note_from_record, note_imported
from archive.search.index import (
    has_orphans,
    index_documents,
    rebuild_index,
    remove_documents,
)
from archive.tags import tag_imported, tags_from_record


@dataclass(slots=True)
class Prepared:
    """A record on its way into the archive."""

    source_key: str
    path: str
    anchor: Path  # the folder `path` is relative to
    record: Record
    sha256: str
    existing_id: int | None = None  # the document with this source_key, if stored
    old_path: str | None = None
    needs_prepare: bool = True  # False: stored with the same body
    meta: Metadata | None = None
    cols: tuple[str, str, str, str] | None = None

    @property
    def body(self) -> str:
        return self.record.body


_DOC_FIELDS = (
    "source_key, path, url, title, title_derived, body, date, date_text, date_inferred, "
    "source, author, sha256, word_count, extra, boilerplate, import_id, updated_at"
)
# Above every id ever stored (schema v3): a document deleted by hand never lends its id.
_NEXT_ID = (
    "SELECT max((SELECT coalesce(max(id), 0) FROM documents), "
    "(SELECT coalesce(max(value), 0) FROM counters WHERE name = 'documents')) + 1"
)
_INSERT = (
    f"INSERT INTO documents (id, {_DOC_FIELDS}, duplicate_of, imported_at) "
    f"VALUES ({', '.join('?' * 20)})"
)
_UPDATE = (
    "UPDATE documents SET "
    + ", ".join(f"{c.strip()} = ?" for c in _DOC_FIELDS.split(","))
    + " WHERE id = ?"
)


def _file_of(path: str) -> str:
    """The file part of a stored path: "news/a.jsonl#3" -> "news/a.jsonl"."""
    head, sep, tail = path.rpartition("#")
    return head if sep and tail.isdigit() else path


def _root_of(path: str) -> str:
    return path.split("/", 1)[0] if "/" in path else ""


def stored_by_key(conn: sqlite3.Connection, keys: list[str]) -> dict[str, tuple[int, str, str]]:
    """Stored documents with these source keys: key -> (id, sha256, path)."""
    stored: dict[str, tuple[int, str, str]] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for doc_id, key, sha, path in conn.execute(
            f"SELECT id, source_key, sha256, path FROM documents WHERE source_key IN ({marks})",
            chunk,
        ):
            stored[key] = (doc_id, sha, path)
    return stored


class Writer:
    def __init__(self, conn: sqlite3.Connection, import_id: int, summary: ImportSummary) -> None:
        self.conn = conn
        self.import_id = import_id
        self.summary = summary
        self._claimed: set[int] = set()  # documents already matched by a move in this run

    def _values(self, item: Prepared, now: str) -> tuple[object, ...]:
        meta = item.meta
        assert meta is not None
        fields = item.record.fields
        extra = dict(item.record.extra)
        for k, v in meta.extra.items():
            extra.setdefault(k, v)
        return (
            item.source_key,
            item.path,
            fields.get("url"),
            meta.title or fields.get("title") or "",
            int(meta.title_derived),
            item.body,
            meta.date,
            meta.date_text,
            meta.date_inferred,
            meta.source or fields.get("source"),
            meta.author or fields.get("author"),
            item.sha256,
            meta.word_count,
            json.dumps(extra, ensure_ascii=False) if extra else None,
            json.dumps([[s.start, s.end] for s in meta.boilerplate]) if meta.boilerplate else None,
            self.import_id,
            now,
        )

    def write_batch(self, items: list[Prepared], rejections: list[Rejection], now: str) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._write(items, now)
            conn.executemany(
                "INSERT INTO rejections (import_id, path, reason) VALUES (?, ?, ?)",
                [(self.import_id, r.where, r.reason) for r in rejections],
            )
            self.summary.rejected += len(rejections)
            self.summary.rejections.extend((r.where, r.reason) for r in rejections)
            self._save_counts()
            conn.commit()
        except BaseException:
            conn.rollback()
            raise

    def finish(self, now: str) -> None:
        with self.conn:
            self._save_counts(finished_at=now)

    def _save_counts(self, finished_at: str | None = None) -> None:
        s = self.summary
        self.conn.execute(
            "UPDATE imports SET added = ?, updated = ?, unchanged = ?, duplicates = ?, "
            "rejected = ?, finished_at = ? WHERE id = ?",
            (s.added, s.updated, s.unchanged, s.duplicates, s.rejected, finished_at,
             self.import_id),
        )  # fmt: skip

    def _write(self, items: list[Prepared], now: str) -> None:
        conn = self.conn
        # Classified before the write lock was taken: another import may have stored some
        # of these keys since. Look again inside the transaction.
        unseen = [i for i in items if i.existing_id is None]
        found = stored_by_key(conn, [i.source_key for i in unseen])
        for item in unseen:
            if item.source_key in found:
                item.existing_id, sha, item.old_path = found[item.source_key]
                item.needs_prepare = sha != item.sha256
        new = [i for i in items if i.existing_id is None]
        changed = [i for i in items if i.existing_id is not None and i.needs_prepare]
        for item in items:
            if item.existing_id is not None and not item.needs_prepare:
                self.summary.unchanged += 1
                if item.old_path != item.path:  # a url-identified file renamed
                    conn.execute(
                        "UPDATE documents SET path = ? WHERE id = ?", (item.path, item.existing_id)
                    )
        same_body = self._stored_by_sha([i.sha256 for i in new])
        (next_id,) = conn.execute(_NEXT_ID).fetchone()
        (top,) = conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()
        if new and has_orphans(conn, top + 1):
            # index rows above every stored id: documents deleted by hand, whose indexed
            # values went with them; they would be counted by searches until rebuilt
            rebuild_index(conn)
        inserts: list[tuple[object, ...]] = []
        inserted: list[Prepared] = []
        relink: set[str] = set()
        for item in new:
            stored = same_body.get(item.sha256, [])
            moved = self._moved_from(item, stored)
            if moved is not None:
                changed.append(item)
                item.existing_id = moved
                continue
            first = stored[0][0] if stored else None
            item.existing_id = next_id
            next_id += 1
            inserts.append((item.existing_id, *self._values(item, now), first, now))
            inserted.append(item)
            stored.append((item.existing_id, item.source_key, item.path))
            same_body[item.sha256] = stored
            if first is None:
                self.summary.added += 1
            else:
                self.summary.duplicates += 1
        conn.executemany(_INSERT, inserts)
        # out of the index as they were indexed, before their rows change
        remove_documents(conn, [i.existing_id for i in changed if i.existing_id is not None])
        for item in changed:
            assert item.existing_id is not None
            (old_sha,) = conn.execute(
                "SELECT sha256 FROM documents WHERE id = ?", (item.existing_id,)
            ).fetchone()
            conn.execute(_UPDATE, (*self._values(item, now), item.existing_id))
            relink.update((old_sha, item.sha256))
            self.summary.updated += 1
        # Inserted ids are above every stored document; when they are also above every id
        # with metadata rows (none left behind by a hand-deleted document), their rows are
        # written without a delete pass first. The index has no rows for them (see above)
        # and none for the changed documents any more.
        fresh = not inserted or min(i.existing_id or 0 for i in inserted) > _highest_rows(conn)
        for group, new_ids in ((inserted, fresh), (changed, False)):
            rows = [(i.existing_id, i.meta, i.cols) for i in group]
            assert all(d is not None and m is not None and c for d, m, c in rows)
            save_metadata_many(conn, [(d, m) for d, m, _ in rows], new=new_ids)  # type: ignore[misc]
            index_documents(conn, [(d, _sort_date(m), c) for d, m, c in rows], new=True)  # type: ignore[misc,arg-type]
        carried = [(i.existing_id, _tags(i)) for i in inserted + changed]
        tag_imported(conn, [(doc_id, t) for doc_id, t in carried if doc_id is not None and t], now)
        noted = [(i.existing_id, _note(i)) for i in inserted + changed]
        note_imported(conn, [(d, n) for d, n in noted if d is not None and n is not None], now)
        for sha in relink:
            self._relink(sha)

    def _stored_by_sha(self, shas: list[str]) -> dict[str, list[tuple[int, str, str]]]:
        """Stored documents with these bodies: sha256 -> [(id, source_key, path)] by id."""
        out: dict[str, list[tuple[int, str, str]]] = {}
        unique = sorted(set(shas))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for doc_id, sha, key, path in self.conn.execute(
                f"SELECT id, sha256, source_key, path FROM documents "
                f"WHERE sha256 IN ({marks}) ORDER BY id",
                chunk,
            ):
                out.setdefault(sha, []).append((doc_id, key, path))
        return out

    def _moved_from(self, item: Prepared, stored: list[tuple[int, str, str]]) -> int | None:
        """The stored document this new path is a move of: same body, identified by its path,
        in the same imported folder, and its file no longer there."""
        for doc_id, key, path in stored:
            if doc_id in self._claimed or key != path or _root_of(path) != _root_of(item.path):
                continue
            if (item.anchor / path).exists() or (item.anchor / _file_of(path)).exists():
                continue
            self._claimed.add(doc_id)
            return doc_id
        return None

    def _relink(self, sha: str) -> None:
        """Point every document with this body at the first one (lowest id)."""
        ids = [r[0] for r in self.conn.execute(
            "SELECT id FROM documents WHERE sha256 = ? ORDER BY id", (sha,)
        )]  # fmt: skip
        if not ids:
            return
        self.conn.execute("UPDATE documents SET duplicate_of = NULL WHERE id = ?", (ids[0],))
        self.conn.executemany(
            "UPDATE documents SET duplicate_of = ? WHERE id = ?", [(ids[0], i) for i in ids[1:]]
        )


def _tags(item: Prepared) -> list[str]:
    """Tags an imported record carries (e.g. from `arshif export`)."""
    for key, value in item.record.extra.items():
        if key.lower() == "tags":
            return tags_from_record(value)
    return []


def _note(item: Prepared) -> str | None:
    """The note an imported record carries (e.g. from `arshif export`)."""
    for key, value in item.record.extra.items():
        if key.lower() == "note":
            return note_from_record(value)
    return None


def _sort_date(meta: Metadata | None) -> str | None:
    """coalesce(date, date_inferred) of the row written for `meta`: the date it sorts by."""
    if meta is None:
        return None
    return meta.date if meta.date is not None else meta.date_inferred


def _highest_rows(conn: sqlite3.Connection) -> int:
    """The highest document id that has entity, date or resolution rows (indexed max)."""
    (highest,) = conn.execute(
        "SELECT max(coalesce((SELECT max(document_id) FROM document_entities), 0), "
        "coalesce((SELECT max(document_id) FROM document_dates), 0), "
        "coalesce((SELECT max(document_id) FROM document_resolutions), 0))"
    ).fetchone()
    return int(highest)
