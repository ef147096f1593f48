"""What goes into the FTS5 index: normalised exact forms and light stems.

documents_fts has one row per document (rowid = documents.id) and the columns of
archive.schema.FTS_COLUMNS: title, body (normalised words) and title_stem, body_stem
(their light stems). The text indexed is the body with boilerplate left out.

The table is contentless (schema v2, `content=''`): it holds the index alone, not a second
copy of the words. SQLite 3.40 has no contentless_delete, so a row is removed with FTS5's
'delete' command and the very values that were indexed, recomputed here from the stored
document (title, body, boilerplate spans). That holds only while index_columns computes what
it computed when the row was written, so the index records INDEX_VERSION (a number bumped by
hand plus a fingerprint of index_columns on probe text): an archive whose index was built by
another normaliser or stemmer is rebuilt from `documents` when it is opened
(ensure_index_current), never patched with values that no longer match.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from functools import lru_cache

from archive.metadata import Metadata
from archive.models import Span
from archive.schema import FTS_COLUMNS, FTS_TABLE
from archive.text.normalize import words
from archive.text.stem import light_stem

Columns = tuple[str, str, str, str]
INDEX_FORMAT = 2  # bump when index_columns changes in a way the probe below might not show
# Text that exercises every fold and every stemming rule the index depends on.
_PROBE = (
    "أَعلنَ الإدارةُ الذاتيّة لشمال وشرق سوريا، «قسد» والحكومات وحكومتها بالرقة للأمم المتحدة "
    "مسؤول مسئولية آلاف إلى مصطفى ٢٠٢٣ ۱۴۰۲ الاجتمـــاع Reuters Éléphant ﻻ ﷺ فالمنطقتين "
    "كتابهما وزراؤهم ونقابات والمعلمين سيارتان"
)
_CHUNK = 500


def index_columns(title: str, body: str) -> Columns:
    """The four FTS column values for a document."""
    title_words = words(title)
    body_words = words(body)
    return (
        " ".join(title_words),
        " ".join(body_words),
        " ".join(map(light_stem, title_words)),
        " ".join(map(light_stem, body_words)),
    )


@lru_cache(maxsize=1)
def index_version() -> str:
    """INDEX_FORMAT and a fingerprint of what index_columns makes of the probe text."""
    cols = index_columns(_PROBE[:40], _PROBE)
    digest = hashlib.sha256("\x1f".join(cols).encode("utf-8")).hexdigest()[:16]
    return f"{INDEX_FORMAT}:{digest}"


def stored_columns(title: str, body: str, boilerplate: str | None) -> Columns:
    """index_columns of a stored document row (boilerplate: the JSON list of spans)."""
    spans = tuple(Span(s, e) for s, e in json.loads(boilerplate)) if boilerplate else ()
    return index_columns(title or "", Metadata(title="", boilerplate=spans).indexable_text(body))


_INSERT = f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(FTS_COLUMNS)}) VALUES (?, ?, ?, ?, ?)"
_DELETE = (
    f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, {', '.join(FTS_COLUMNS)}) "
    "VALUES ('delete', ?, ?, ?, ?, ?)"
)


def index_documents(
    conn: sqlite3.Connection,
    rows: Iterable[tuple[int, Columns]],
    *,
    new: bool = False,
) -> None:
    """(Re)index documents: rows of (document id, index_columns(...)). Caller commits.
    `new`: none of the ids is in the index yet (no delete pass). Otherwise the ids already
    indexed are removed first, with the values recomputed from their stored rows: call this
    BEFORE the documents rows change (or call remove_documents first)."""
    rows = list(rows)
    if not new:
        remove_documents(conn, [doc_id for doc_id, _ in rows])
    conn.executemany(_INSERT, [(doc_id, *cols) for doc_id, cols in rows])


def remove_documents(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Take these documents out of the index, as their stored rows were indexed. Caller
    commits; the documents rows must still hold what was indexed. An indexed id without a
    document row (deleted by hand, outside Arshif) cannot be recomputed: the index is then
    rebuilt from `documents`."""
    wanted = list(dict.fromkeys(ids))
    deletes: list[tuple[object, ...]] = []
    orphans = False
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        indexed = [
            r[0]
            for r in conn.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)
        ]
        if not indexed:
            continue
        marks = ",".join("?" * len(indexed))
        stored = {
            doc_id: (title, body, boiler)
            for doc_id, title, body, boiler in conn.execute(
                f"SELECT id, title, body, boilerplate FROM documents WHERE id IN ({marks})",
                indexed,
            )
        }
        orphans = orphans or len(stored) < len(indexed)
        deletes += [(doc_id, *stored_columns(*row)) for doc_id, row in stored.items()]
    if orphans:
        rebuild_index(conn, exclude=wanted)
        return
    conn.executemany(_DELETE, deletes)


def has_orphans(conn: sqlite3.Connection, above: int) -> bool:
    """Index rows with an id >= `above` (ids not yet given to any stored document)."""
    row = conn.execute(f"SELECT 1 FROM {FTS_TABLE} WHERE rowid >= ? LIMIT 1", (above,))
    return row.fetchone() is not None


def rebuild_index(conn: sqlite3.Connection, *, exclude: Iterable[int] = ()) -> int:
    """Empty the index and index every stored document again (but `exclude`); record the
    index version. Caller commits (one transaction: a crash leaves the old index)."""
    skip = set(exclude)
    conn.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('delete-all')")
    done = 0
    batch: list[tuple[object, ...]] = []
    cur = conn.execute("SELECT id, title, body, boilerplate FROM documents ORDER BY id")
    while rows := cur.fetchmany(_CHUNK):
        batch = [(d, *stored_columns(t, b, bp)) for d, t, b, bp in rows if d not in skip]
        conn.executemany(_INSERT, batch)
        done += len(batch)
    _save_version(conn)
    return done


def _save_version(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO index_state (name, value) VALUES ('version', ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (index_version(),),
    )


def stored_index_version(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM index_state WHERE name = 'version'").fetchone()
    return None if row is None else str(row[0])


def ensure_index_current(conn: sqlite3.Connection) -> bool:
    """Rebuild the index when it was built by another index_columns (or never recorded);
    True when it was rebuilt. Takes the write lock first, so two processes opening the
    same archive rebuild it once."""
    if stored_index_version(conn) == index_version():
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        if stored_index_version(conn) == index_version():
            conn.rollback()
            return False
        rebuild_index(conn)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return True
