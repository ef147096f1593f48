"""The matches of a query as a set: their SELECT, their number, and, for a query without
words, its newest documents. What search(), count(), matching_ids() and the facets share.

A query without words selects documents by filters alone. Its documents are walked in the
archive's order off the index documents_newest, each checked against the filters, or,
when a set filter (compile.IdSet: tag:, person:, org:, place:, resolution:) holds few
documents (fewest), read from that set and sorted. A filter alone is counted from its
key's index (set_size).
"""

from __future__ import annotations

import sqlite3
from math import isqrt

from archive.schema import highest_document_id
from archive.search.compile import DATE_EXPR, Compiled, IdSet
from archive.search.page import count_upto, match_select


def fewest(compiled: Compiled, documents: int) -> IdSet | None:
    """The sized set filter of fewest documents, if it holds fewer than √N of an archive
    of N: the query's documents are then cheaper found from that set, reading each one's
    date from its row (~5 µs: the date follows the body), than by walking documents_newest
    until a page is full (~0.1 µs a document passed, k * N / |set| of them, and the set
    listed at ~2 µs a document: even with k = 50 the walk costs more below √N)."""
    sized = [s for s in compiled.sets if s.size is not None]
    if not sized:
        return None
    few = min(sized, key=lambda s: s.size or 0)
    return few if (few.size or 0) < isqrt(documents) else None


def matched_select(
    conn: sqlite3.Connection, compiled: Compiled, *, columns: str = "id"
) -> tuple[str, list[object]]:
    """SELECT of the ids the query matches (no ranking). Without a full-text part: a walk
    of documents_newest (its order, backwards, is newest first), or the documents of a
    set filter with few of them (fewest; no order), each checked against the rest;
    `columns`: these instead (SQL on the documents row)."""
    if compiled.match is not None:
        return match_select(compiled, compiled.match)
    cond, params = compiled.filters("+id")
    few = fewest(compiled, highest_document_id(conn))
    if few is None:
        return f"SELECT {columns} FROM documents INDEXED BY documents_newest WHERE {cond}", params
    documents, document_params = few.documents()
    return (
        f"SELECT {columns} FROM ({documents}) AS m "
        f"CROSS JOIN documents AS d ON d.id = m.document_id WHERE {cond}",
        [*document_params, *params],
    )


def newest_selected(
    conn: sqlite3.Connection, compiled: Compiled, *, columns: str = "id"
) -> tuple[str, list[object]]:
    """matched_select of a query without words, newest first (no date last)."""
    assert compiled.match is None
    sql, params = matched_select(conn, compiled, columns=columns)
    return f"{sql} ORDER BY {DATE_EXPR} DESC, id DESC", params


def count_matches(conn: sqlite3.Connection, compiled: Compiled, cap: int | None = None) -> int:
    """The number of matches; with `cap`, counting stops past it (cap + 1 means "more")."""
    if compiled.match is not None:
        sql, params = match_select(compiled, compiled.match)
    elif not compiled.filtered and not compiled.dates:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    elif len(compiled.sets) == 1 and not compiled.where and not compiled.dates:
        return set_size(conn, compiled.sets[0], cap)
    else:
        # a walk of every document checks each set as a list
        sql, params = matched_select(conn, compiled if cap is not None else compiled.as_lists())
    if cap is not None:
        return count_upto(conn, sql, params, cap + 1)
    return int(conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])


def set_size(conn: sqlite3.Connection, id_set: IdSet, cap: int | None = None) -> int:
    """The number of documents of a set filter (past `cap`: cap + 1), from its table's
    index on the key: a document is listed once per key (the primary key is (document_id,
    key)), and deleting a document deletes its rows."""
    if not id_set.keys:
        return 0
    # one key: each document once (the primary key); more: a document under two, once
    sql, params = id_set.rows() if len(id_set.keys) == 1 else id_set.documents()
    if cap is not None:
        return count_upto(conn, sql, params, cap + 1)
    return int(conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])
