"""What goes into the FTS5 index: normalised exact forms and light stems.

documents_fts has one row per document (rowid = documents.id) and the columns of
archive.schema.FTS_COLUMNS: title, body (normalised words) and title_stem, body_stem
(their light stems). The text indexed is the body with boilerplate left out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from archive.schema import FTS_TABLE
from archive.text.normalize import words
from archive.text.stem import light_stem


def index_columns(title: str, body: str) -> tuple[str, str, str, str]:
    """The four FTS column values for a document."""
    title_words = words(title)
    body_words = words(body)
    return (
        " ".join(title_words),
        " ".join(body_words),
        " ".join(light_stem(w) for w in title_words),
        " ".join(light_stem(w) for w in body_words),
    )


def index_documents(
    conn: sqlite3.Connection,
    rows: Iterable[tuple[int, tuple[str, str, str, str]]],
    *,
    new: bool = False,
) -> None:
    """(Re)index documents: rows of (document id, index_columns(...)). Caller commits.
    `new`: none of the ids is in the index yet (no delete pass)."""
    rows = list(rows)
    if not new:
        remove_documents(conn, [doc_id for doc_id, _ in rows])
    conn.executemany(
        f"INSERT INTO {FTS_TABLE} (rowid, title, body, title_stem, body_stem) "
        "VALUES (?, ?, ?, ?, ?)",
        [(doc_id, *cols) for doc_id, cols in rows],
    )


def remove_documents(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    conn.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", [(i,) for i in ids])
