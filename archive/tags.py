"""Tags: add and remove on documents, a persistent undo log, rename, merge, colours,
a notmuch-style dump/restore, and saved searches.

Every change of document tags goes through `_apply`, which writes the ids it actually
changed to `tag_log`; the entries of one user action share one timestamp (`at`), and
`undo_last` reverts the newest action that is not undone yet. The log lives in the
database, so undo works after a restart.

The dump format is notmuch's: one line per tagged document,

    +tag1 +tag2 -- key:<source key>

with tags and key percent-encoded (spaces, `%`, and non-printing characters), so that a
dump restores into a fresh import of the same files even when document ids differ.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, unquote

from rich.color import Color, ColorParseError

from archive.models import Tag
from archive.store import Archive, ArchiveError

# Colours a tag gets unless the user set one (Rich colour names; readable on dark and light).
PALETTE = (
    "#e06c75",
    "#d19a66",
    "#e5c07b",
    "#98c379",
    "#56b6c2",
    "#61afef",
    "#c678dd",
    "#be5046",
    "#7ec699",
    "#f08d49",
)
_CHUNK = 500


class TagError(ArchiveError):
    """A tag name or a tag operation the user must correct."""


@dataclass(frozen=True, slots=True)
class TagChange:
    """One user action on tags, as recorded in tag_log."""

    at: str
    action: str  # add | remove
    tag: str
    document_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SavedSearch:
    name: str
    query: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def clean_tag(name: str) -> str:
    """The stored form of a tag name, or TagError naming what is wrong with it."""
    tag = unicodedata.normalize("NFC", name).strip()
    if not tag:
        raise TagError("a tag name cannot be empty")
    if any(ch.isspace() for ch in tag):
        raise TagError(f"tag {tag!r}: no spaces in a tag name (use - or _)")
    if tag[0] in "+-":
        raise TagError(f"tag {tag!r}: a tag name cannot start with + or -")
    if any(unicodedata.category(ch).startswith("C") for ch in tag):
        raise TagError(f"tag {tag!r}: control characters are not allowed")
    return tag


def default_color(name: str) -> str:
    """A stable colour for a tag, the same in every session."""
    return PALETTE[zlib.crc32(name.encode("utf-8")) % len(PALETTE)]


def is_color(color: str) -> bool:
    """Whether `color` is one the app can draw (a Rich colour: #rrggbb, a name, rgb(...))."""
    try:
        Color.parse(color)
    except ColorParseError:
        return False
    return True


def _color_of(name: str, stored: str | None) -> str:
    # A colour written by hand into the file (or by an older version) that does not parse
    # would stop every screen showing the tag: show the default instead.
    return stored if stored and is_color(stored) else default_color(name)


# -- reading --------------------------------------------------------------------------------
def list_tags(archive: Archive) -> list[Tag]:
    """Every tag with the number of documents carrying it, most used first."""
    rows = archive.conn.execute(
        "SELECT t.name, count(dt.document_id), t.color FROM tags t "
        "LEFT JOIN document_tags dt ON dt.tag_id = t.id GROUP BY t.id "
        "ORDER BY count(dt.document_id) DESC, t.name"
    )
    return [Tag(name, count, _color_of(name, color)) for name, count, color in rows]


def stored_name(archive: Archive, name: str) -> str | None:
    """The stored name of the tag `name` names (harakat and tatweel aside), or None."""
    found = _tag(archive.conn, clean_tag(name), create=False)
    return None if found is None else found[1]


def tag_names(archive: Archive) -> list[str]:
    return [r[0] for r in archive.conn.execute("SELECT name FROM tags ORDER BY name")]


def tag_colors(archive: Archive) -> dict[str, str]:
    return {
        name: _color_of(name, color)
        for name, color in archive.conn.execute("SELECT name, color FROM tags")
    }


def set_color(archive: Archive, name: str, color: str | None) -> None:
    """Set a tag's colour (None: back to its default); a colour Rich cannot parse is refused."""
    if color is not None and not is_color(color):
        raise TagError(
            f"tag {name!r}: {color!r} is not a colour (use #rrggbb or a name such as red, "
            "bright_blue, grey50)"
        )
    with archive.conn:
        cur = archive.conn.execute("UPDATE tags SET color = ? WHERE name = ?", (color, name))
    if cur.rowcount == 0:
        raise TagError(f"no tag {name!r} in {archive.path}")


# -- changing -------------------------------------------------------------------------------
def _tag_id(conn: sqlite3.Connection, name: str, *, create: bool) -> int | None:
    """The id of the tag named exactly `name` (rename, merge and undo name tags as stored)."""
    row = conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
    if row is not None:
        return int(row[0])
    if not create:
        return None
    cur = conn.execute("INSERT INTO tags (name, created_at) VALUES (?, ?)", (name, _now()))
    return int(cur.lastrowid or 0)


def _bare(name: str) -> str:
    """A tag name without harakat and tatweel: "اقتصادُ" and "اقتصـاد" are the tag اقتصاد.
    (Letters are not folded: a tag is the user's word, and ة/ه or أ/ا may tell two apart.)"""
    return "".join(
        ch for ch in name if ch != "\u0640" and unicodedata.category(ch) not in ("Mn", "Me")
    )


def _tag(conn: sqlite3.Connection, name: str, *, create: bool) -> tuple[int, str] | None:
    """The tag `name` names, as (id, stored name): the same name, else one that differs
    from it only by harakat or tatweel; created as `name` when `create` and none does."""
    row = conn.execute("SELECT id, name FROM tags WHERE name = ?", (name,)).fetchone()
    if row is None:
        bare = _bare(name)
        rows = conn.execute("SELECT id, name FROM tags ORDER BY id").fetchall()
        row = next((r for r in rows if _bare(r[1]) == bare), None)
    if row is not None:
        return int(row[0]), str(row[1])
    if not create:
        return None
    cur = conn.execute("INSERT INTO tags (name, created_at) VALUES (?, ?)", (name, _now()))
    return int(cur.lastrowid or 0), name


def _ids_with(archive: Archive, tag_id: int, ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0]
            for r in archive.conn.execute(
                f"SELECT document_id FROM document_tags WHERE tag_id = ? "
                f"AND document_id IN ({marks})",
                (tag_id, *chunk),
            )
        )
    return found


def _existing_ids(archive: Archive, ids: Sequence[int]) -> list[int]:
    found: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0]
            for r in archive.conn.execute(f"SELECT id FROM documents WHERE id IN ({marks})", chunk)
        )
    return [i for i in ids if i in found]


def _apply(archive: Archive, action: str, tag: str, ids: Sequence[int], at: str) -> list[int]:
    """Add or remove one tag on ids; log and return the ids that actually changed.

    Runs inside the caller's transaction.
    """
    conn = archive.conn
    existing = _existing_ids(archive, ids) if action == "add" else []
    if action == "add" and not existing:
        return []  # a tag comes into being on a document: none from an empty selection
    found = _tag(archive.conn, tag, create=action == "add")
    if found is None:
        return []
    tag_id, tag = found  # (the stored name: the log and undo name the tag as it is)
    have = _ids_with(archive, tag_id, ids)
    if action == "add":
        changed = [i for i in existing if i not in have]
        conn.executemany(
            "INSERT INTO document_tags (document_id, tag_id, tagged_at) VALUES (?, ?, ?)",
            [(i, tag_id, at) for i in changed],
        )
    else:
        changed = [i for i in ids if i in have]
        conn.executemany(
            "DELETE FROM document_tags WHERE document_id = ? AND tag_id = ?",
            [(i, tag_id) for i in changed],
        )
    if changed:
        conn.execute(
            "INSERT INTO tag_log (at, action, tag, document_ids) VALUES (?, ?, ?, ?)",
            (at, action, tag, json.dumps(changed)),
        )
    return changed


def tags_from_record(value: object) -> list[str]:
    """Tag names carried by an imported record's `tags` field (a list, or names separated
    by spaces or commas as in `arshif export --format csv`); invalid names are skipped."""
    if isinstance(value, str):
        raw: list[object] = list(value.replace(",", " ").split())
    elif isinstance(value, list):
        raw = value
    else:
        return []
    names = []
    for item in raw:
        if isinstance(item, str):
            try:
                names.append(clean_tag(item))
            except TagError:
                continue
    return list(dict.fromkeys(names))


def tag_imported(
    conn: sqlite3.Connection, tagged: Iterable[tuple[int, list[str]]], at: str
) -> None:
    """Add the tags that imported records carry (never removes, not in the undo log).

    Runs inside the importer's batch transaction."""
    for doc_id, names in tagged:
        for name in names:
            found = _tag(conn, name, create=True)
            assert found is not None  # (created when missing)
            conn.execute(
                "INSERT OR IGNORE INTO document_tags (document_id, tag_id, tagged_at) "
                "VALUES (?, ?, ?)",
                (doc_id, found[0], at),
            )


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(int(i) for i in ids))


def add_tags(archive: Archive, ids: Iterable[int], tags: Iterable[str]) -> int:
    """Tag documents; returns the number of (document, tag) pairs that were added."""
    return _change(archive, "add", ids, tags)


def remove_tags(archive: Archive, ids: Iterable[int], tags: Iterable[str]) -> int:
    """Untag documents; returns the number of (document, tag) pairs that were removed."""
    return _change(archive, "remove", ids, tags)


def _change(archive: Archive, action: str, ids: Iterable[int], tags: Iterable[str]) -> int:
    names = list(dict.fromkeys(clean_tag(t) for t in tags))
    wanted = _unique(ids)
    at = _now()
    with archive.conn:
        return sum(len(_apply(archive, action, name, wanted, at)) for name in names)


def last_change(archive: Archive) -> list[TagChange]:
    """The entries of the newest action that undo would revert (empty when none)."""
    row = archive.conn.execute("SELECT max(at) FROM tag_log WHERE undone = 0").fetchone()
    if row is None or row[0] is None:
        return []
    return [
        TagChange(at, action, tag, tuple(json.loads(ids)))
        for at, action, tag, ids in archive.conn.execute(
            "SELECT at, action, tag, document_ids FROM tag_log WHERE undone = 0 AND at = ? "
            "ORDER BY id",
            (row[0],),
        )
    ]


def undo_last(archive: Archive) -> list[TagChange]:
    """Revert the newest tag action not yet undone; returns what was reverted.

    Undo itself is not logged as a new action, so repeated undo walks back in time.
    """
    changes = last_change(archive)
    if not changes:
        return []
    conn = archive.conn
    with conn:
        for change in reversed(changes):
            tag_id = _tag_id(archive.conn, change.tag, create=change.action == "remove")
            if tag_id is None:
                continue
            if change.action == "add":
                conn.executemany(
                    "DELETE FROM document_tags WHERE document_id = ? AND tag_id = ?",
                    [(i, tag_id) for i in change.document_ids],
                )
                # A tag left on no document, with no colour of its own, goes too: undoing
                # its first use leaves no empty name behind in completions and `tags`.
                conn.execute(
                    "DELETE FROM tags WHERE id = ? AND color IS NULL AND NOT EXISTS "
                    "(SELECT 1 FROM document_tags WHERE tag_id = ?)",
                    (tag_id, tag_id),
                )
            else:
                conn.executemany(
                    "INSERT OR IGNORE INTO document_tags (document_id, tag_id, tagged_at) "
                    "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?)",
                    [(i, tag_id, change.at, i) for i in change.document_ids],
                )
        conn.execute("UPDATE tag_log SET undone = 1 WHERE undone = 0 AND at = ?", (changes[0].at,))
    return changes


def rename_tag(archive: Archive, old: str, new: str) -> None:
    """Rename a tag (its colour and the undo log follow); into an existing name it merges."""
    new = clean_tag(new)
    if old == new:
        return
    conn = archive.conn
    if _tag_id(archive.conn, old, create=False) is None:
        raise TagError(f"no tag {old!r} in {archive.path}")
    if _tag_id(archive.conn, new, create=False) is not None:
        merge_tags(archive, [old], new)
        return
    with conn:
        conn.execute("UPDATE tags SET name = ? WHERE name = ?", (new, old))
        conn.execute("UPDATE tag_log SET tag = ? WHERE tag = ?", (new, old))


def merge_tags(archive: Archive, sources: Iterable[str], target: str) -> int:
    """Give every document of the source tags the target tag and drop the sources.

    Logged as one action (add target, remove sources), so `undo_last` reverts it.
    Returns the number of documents that gained the target tag.
    """
    target = clean_tag(target)
    names = [s for s in dict.fromkeys(sources) if s != target]
    conn = archive.conn
    missing = [s for s in names if _tag_id(archive.conn, s, create=False) is None]
    if missing:
        raise TagError(f"no tag {missing[0]!r} in {archive.path}")
    at = _now()
    added = 0
    with conn:
        for name in names:
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT dt.document_id FROM document_tags dt JOIN tags t ON t.id = dt.tag_id "
                    "WHERE t.name = ? ORDER BY dt.document_id",
                    (name,),
                )
            ]
            added += len(_apply(archive, "add", target, ids, at))
            _apply(archive, "remove", name, ids, at)
        conn.executemany(
            "DELETE FROM tags WHERE name = ? AND NOT EXISTS "
            "(SELECT 1 FROM document_tags WHERE tag_id = tags.id)",
            [(n,) for n in names],
        )
    return added


def delete_unused_tags(archive: Archive) -> int:
    with archive.conn:
        cur = archive.conn.execute(
            "DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM document_tags WHERE tag_id = tags.id)"
        )
    return cur.rowcount


# -- dump / restore ---------------------------------------------------------------------------
_SAFE = "!$&'()*+,/:;=?@[]^_`{|}~.-<>\"#"


def _enc(text: str) -> str:
    # Keep letters (Arabic included) readable; encode spaces, % and controls.
    return "".join(
        ch if (ch.isprintable() and not ch.isspace() and ch != "%") else quote(ch, safe="")
        for ch in text
    )


def dump_tags(archive: Archive) -> Iterator[str]:
    """Lines `+a +b -- key:<source key>`, one per tagged document, ordered by key."""
    rows = archive.conn.execute(
        "SELECT d.source_key, group_concat(t.name, char(10)) FROM documents d "
        "JOIN document_tags dt ON dt.document_id = d.id JOIN tags t ON t.id = dt.tag_id "
        "GROUP BY d.id ORDER BY d.source_key"
    )
    for key, names in rows:
        tags = " ".join(f"+{_enc(n)}" for n in sorted(names.split("\n")))
        yield f"{tags} -- key:{_enc(key)}"


@dataclass(slots=True)
class RestoreSummary:
    documents: int = 0  # documents whose tags the dump sets
    changed: int = 0  # (document, tag) pairs added or removed
    unknown: int = 0  # lines naming a document this archive does not have


def _parse_dump_line(line: str, lineno: int) -> tuple[list[str], str, str]:
    head, sep, target = line.partition(" -- ")
    if not sep:
        if line.startswith("-- "):
            head, target = "", line[3:]
        else:
            raise TagError(f"line {lineno}: expected '+tag ... -- key:KEY', got {line[:60]!r}")
    tags = []
    for token in head.split():
        if not token.startswith("+"):
            raise TagError(f"line {lineno}: tag {token!r} must start with +")
        tags.append(clean_tag(unquote(token[1:])))
    kind, colon, value = target.strip().partition(":")
    if not colon or kind not in ("key", "id"):
        raise TagError(f"line {lineno}: expected key:KEY or id:N after --, got {target!r}")
    return tags, kind, unquote(value)


def restore_tags(archive: Archive, lines: Iterable[str]) -> RestoreSummary:
    """Set each listed document's tags to exactly those of its dump line (notmuch restore).

    Documents not in the dump keep their tags. The whole restore is one undoable action;
    a malformed line aborts it before anything changes.
    """
    parsed = []
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parsed.append(_parse_dump_line(line, lineno))
    summary = RestoreSummary()
    conn = archive.conn
    at = _now()
    plan: dict[tuple[str, str], list[int]] = {}
    for tags, kind, value in parsed:
        if kind == "key":
            row = conn.execute("SELECT id FROM documents WHERE source_key = ?", (value,)).fetchone()
        else:
            row = conn.execute(
                "SELECT id FROM documents WHERE id = ?", (int(value) if value.isdigit() else -1,)
            ).fetchone()
        if row is None:
            summary.unknown += 1
            continue
        doc_id = int(row[0])
        summary.documents += 1
        have = set(archive.tags_of(doc_id))
        for name in set(tags) - have:
            plan.setdefault(("add", name), []).append(doc_id)
        for name in have - set(tags):
            plan.setdefault(("remove", name), []).append(doc_id)
    with conn:
        for (action, name), ids in sorted(plan.items()):
            summary.changed += len(_apply(archive, action, name, ids, at))
    return summary


# -- saved searches ---------------------------------------------------------------------------
def save_search(archive: Archive, name: str, query: str) -> None:
    name = name.strip()
    if not name:
        raise TagError("a saved search needs a name")
    with archive.conn:
        archive.conn.execute(
            "INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET query = excluded.query",
            (name, query, _now()),
        )


def delete_saved_search(archive: Archive, name: str) -> bool:
    with archive.conn:
        cur = archive.conn.execute("DELETE FROM saved_searches WHERE name = ?", (name,))
    return cur.rowcount > 0


def saved_searches(archive: Archive) -> list[SavedSearch]:
    return [
        SavedSearch(name, query)
        for name, query in archive.conn.execute(
            "SELECT name, query FROM saved_searches ORDER BY name"
        )
    ]
