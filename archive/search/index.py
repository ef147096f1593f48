"""What goes into the FTS5 index: normalised exact forms and light stems.

documents_fts has one row per document and the columns of archive.schema.FTS_COLUMNS:
title, body (normalised words) and title_stem, body_stem (their light stems). The text
indexed is the body with boilerplate left out.

Its rowid is the document's *date key* (fts_key): the document's date as a number
(YYYYMMDD; UNDATED for none, see key_date) above the document id in the low 32 bits. FTS5 keeps every
posting list in rowid order, so the newest matches of any query are the first rows of
`ORDER BY rowid DESC` (FTS5 reads them lazily: a page costs its own rows, not the
matches), and a date filter is a rowid range FTS5 seeks to. `rowid & ID_MASK` is the
document id (the view `search_index` gives it as `document_id`).

titles_fts holds the title and title_stem columns again under the same rowids (schema v5):
the title group of a query is found there without reading body positions. Both tables are
written, deleted and rebuilt together (_write), and index_terms lists the Arabic terms
written (schema v8, archive.search.terms: prefix queries).

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
import re
import sqlite3
from collections.abc import Callable, Iterable
from functools import lru_cache

from archive.metadata import Metadata
from archive.models import Span
from archive.schema import (
    FTS_COLUMNS,
    FTS_DOC_ID,
    FTS_TABLE,
    ID_BITS,
    ID_MASK,
    TITLE_FTS_COLUMNS,
    TITLE_FTS_TABLE,
    key_date,
)
from archive.search.terms import TERMS_TABLE, record_terms
from archive.text.normalize import words
from archive.text.stem import light_stem

Columns = tuple[str, str, str, str]
IndexRow = tuple[int, str | None, Columns]  # (document id, its date, index_columns(...))
INDEX_FORMAT = 6  # bump when index_columns changes in a way the probe below might not show
# Text that exercises every fold and every stemming rule the index depends on.
_PROBE = (
    "أَعلنَ الإدارةُ الذاتيّة لشمال وشرق سوريا، «قسد» والحكومات وحكومتها بالرقة للأمم المتحدة "
    "مسؤول مسئولية آلاف إلى مصطفى ٢٠٢٣ ۱۴۰۲ الاجتمـــاع Reuters Éléphant ﻻ ﷺ فالمنطقتين "
    "كتابهما وزراؤهم ونقابات والمعلمين سيارتان 1445هـ 2024م لـCNN ١٢٬٦٣٠ 1,250,000 12.5"
)
_CHUNK = 500
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_number(date: str | None) -> int:
    """A stored date ('YYYY', 'YYYY-MM', 'YYYY-MM-DD') as YYYYMMDD, a missing month or day
    as 00, so the numbers sort as the strings do; 0 for no date (or one that is not ISO)."""
    m = _DATE.fullmatch(date) if date else None
    if m is None:
        return 0
    year, month, day = m.groups()
    return int(year) * 10_000 + int(month or 0) * 100 + int(day or 0)


def fts_key(doc_id: int, date: str | None) -> int:
    """The index rowid of a document: newer dates above older, undated below all, then by
    id. `date` is coalesce(date, date_inferred), the date the archive sorts by."""
    if not 0 < doc_id <= ID_MASK:
        raise ValueError(f"document id {doc_id} is outside 1..{ID_MASK}")
    return (key_date(date_number(date)) << ID_BITS) | doc_id


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
_INSERT_TITLE = (
    f"INSERT INTO {TITLE_FTS_TABLE} (rowid, {', '.join(TITLE_FTS_COLUMNS)}) VALUES (?, ?, ?)"
)
_DELETE_TITLE = (
    f"INSERT INTO {TITLE_FTS_TABLE} ({TITLE_FTS_TABLE}, rowid, {', '.join(TITLE_FTS_COLUMNS)}) "
    "VALUES ('delete', ?, ?, ?)"
)
KeyedColumns = tuple[int, str, str, str, str]  # (date key, *Columns)


def _write(conn: sqlite3.Connection, keyed: list[KeyedColumns], *, delete: bool = False) -> None:
    """Insert (or, with `delete`, take out) rows of both indexes, in key order."""
    keyed.sort()
    conn.executemany(_DELETE if delete else _INSERT, keyed)
    titles = [(key, title, title_stem) for key, title, _, title_stem, _ in keyed]
    conn.executemany(_DELETE_TITLE if delete else _INSERT_TITLE, titles)
    if not delete:
        record_terms(conn, (row[1:] for row in keyed))


def index_documents(
    conn: sqlite3.Connection,
    rows: Iterable[IndexRow],
    *,
    new: bool = False,
) -> None:
    """(Re)index documents: rows of (document id, coalesce(date, date_inferred),
    index_columns(...)). Caller commits. `new`: none of the ids is in the index yet (no
    delete pass). Otherwise the ids already indexed are removed first, with the values
    recomputed from their stored rows: call this BEFORE the documents rows change (or call
    remove_documents first). Rows go in by key: FTS5 buffers a transaction's postings only
    while rowids rise (a lower one flushes a small segment to disk)."""
    rows = list(rows)
    if not new:
        remove_documents(conn, [doc_id for doc_id, _, _ in rows])
    _write(conn, [(fts_key(doc_id, date), *cols) for doc_id, date, cols in rows])


_STORED = (
    "SELECT id, title, body, boilerplate, coalesce(date, date_inferred) FROM documents "
    "WHERE id IN ({marks})"
)


def remove_documents(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Take these documents out of the index, as their stored rows were indexed. Caller
    commits; the documents rows must still hold what was indexed. An indexed id without a
    document row (deleted by hand, outside Arshif) cannot be recomputed: the index is then
    rebuilt from `documents`."""
    wanted = list(dict.fromkeys(ids))
    deletes: list[KeyedColumns] = []
    unstored: list[int] = []
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        stored = {
            doc_id: (title, body, boiler, date)
            for doc_id, title, body, boiler, date in conn.execute(
                _STORED.format(marks=",".join("?" * len(chunk))), chunk
            )
        }
        unstored += [i for i in chunk if i not in stored]
        keys = {fts_key(doc_id, row[3]): doc_id for doc_id, row in stored.items()}
        marks = ",".join("?" * len(keys))
        indexed = {
            r[0]
            for r in conn.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE rowid IN ({marks})", list(keys)
            )
        }
        # a stored date changed by hand since the row was indexed: find it by id (a scan)
        astray = _indexed_keys(conn, [d for k, d in keys.items() if k not in indexed])
        for key, doc_id in [*((k, keys[k]) for k in indexed), *astray]:
            title, body, boiler, _ = stored[doc_id]
            deletes.append((key, *stored_columns(title, body, boiler)))
    if _indexed_keys(conn, unstored):
        rebuild_index(conn, exclude=wanted)
        return
    _write(conn, deletes, delete=True)


def _indexed_keys(conn: sqlite3.Connection, ids: list[int]) -> list[tuple[int, int]]:
    """(key, id) of the index rows of these ids, whatever their key: a scan of every
    rowid (tens of ms at 1 000 000), so only for rows that are not where they should be."""
    if not ids:
        return []
    return conn.execute(
        f"SELECT rowid, {FTS_DOC_ID} FROM {FTS_TABLE} "
        f"WHERE {FTS_DOC_ID} IN (SELECT value FROM json_each(?))",
        (json.dumps(ids),),
    ).fetchall()


def has_orphans(conn: sqlite3.Connection, above: int) -> bool:
    """Index rows with an id >= `above` (ids not yet given to any stored document). Only
    the ids of documents deleted by hand can be there, so the index is looked at only when
    the highest id ever given (counters) is at or above `above`."""
    row = conn.execute("SELECT value FROM counters WHERE name = 'documents'").fetchone()
    if row is None or row[0] < above:
        return False
    found = conn.execute(f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_DOC_ID} >= ? LIMIT 1", (above,))
    return found.fetchone() is not None


def rebuild_index(conn: sqlite3.Connection, *, exclude: Iterable[int] = ()) -> int:
    """Empty the index and index every stored document again (but `exclude`); record the
    index version. Caller commits (one transaction: a crash leaves the old index).
    Documents go in by date key (see index_documents), read a chunk of ids at a time."""
    skip = set(exclude)
    for table in (FTS_TABLE, TITLE_FTS_TABLE):
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
    conn.execute(f"DELETE FROM {TERMS_TABLE}")
    keys = sorted(  # the id is in each key's low bits: one int per document
        fts_key(doc_id, date)
        for doc_id, date in conn.execute("SELECT id, coalesce(date, date_inferred) FROM documents")
        if doc_id not in skip
    )
    done = 0
    for start in range(0, len(keys), _CHUNK):
        key_of = {key & ID_MASK: key for key in keys[start : start + _CHUNK]}
        marks = ",".join("?" * len(key_of))
        rows = conn.execute(
            f"SELECT id, title, body, boilerplate FROM documents WHERE id IN ({marks})",
            list(key_of),
        )
        batch = [(key_of[d], *stored_columns(t, b, bp)) for d, t, b, bp in rows]
        _write(conn, batch)
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


def ensure_index_current(
    conn: sqlite3.Connection, on_rebuild: Callable[[int], None] | None = None
) -> bool:
    """Rebuild the index when it was built by another index_columns (or never recorded);
    True when it was rebuilt. Takes the write lock first, so two processes opening the
    same archive rebuild it once. `on_rebuild(documents)` is called before a rebuild
    starts (it takes ~4 s per 10 000 documents): the caller tells the user why it waits."""
    if stored_index_version(conn) == index_version():
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        if stored_index_version(conn) == index_version():
            conn.rollback()
            return False
        if on_rebuild is not None:  # (a new archive's empty index is no news)
            (documents,) = conn.execute("SELECT count(*) FROM documents").fetchone()
            if documents:
                on_rebuild(int(documents))
        rebuild_index(conn)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return True
