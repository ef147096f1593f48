"""One page of a query's matches, in order, and their count when it comes for free.

The SQL behind archive.search.engine.search. Cost rules (measured on the 30 000-document
bench archive; they are what keeps the design bounded toward 1 000 000 documents):

- No Python work per match. SQLite counts, ranks and walks the date index; Python sees one
  page of rows, or a title group of at most BM25_MAX_ROWS rows.
- Few FTS5 passes. A phrase is the costly case (FTS5 reads position lists): its title group
  is listed and scored in one capped pass (a word's is first sized by a capped count, so
  a large one never pays bm25 for BM25_MAX_ROWS rows); the rest is sized by a count that stops at
  BM25_MAX_ROWS (then it is also the total); a large rest is walked newest first on the
  date index against one IN list of the matches that SQLite builds. (Materialising the
  matches once to walk and count them was measured slower: ~2x for a common word.)
- bm25 (~2 µs a row) only on groups of at most BM25_MAX_ROWS rows; a larger group (a very
  common word) is listed newest first instead, as before.

Order (sort="rank"): the title group (a query word in the title) first, each group by bm25
with the columns weighted title > title_stem > body > body_stem; score = -bm25, plus
TITLE_BONUS in the title group; 0 for a group listed newest first (its score is the bonus).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

from archive.schema import FTS_TABLE, ID_MASK, TITLE_FTS_TABLE
from archive.search.compile import BM25_WEIGHTS, ID, Compiled

# A hit with a query word in its title scores this much more (FTS5's bm25 saturates term
# frequency, so column weights alone let a long body outrank a title; see compile.py).
TITLE_BONUS = 1000
# bm25 costs ~2 µs per matching row; a group (title matches, then the others) larger than
# this (a very common word) is listed newest first instead of ranked.
BM25_MAX_ROWS = 3000
RANKS = {  # -bm25 of each index, its columns weighted title > title_stem > body > body_stem
    FTS_TABLE: f"bm25({FTS_TABLE}, {', '.join(str(w) for w in BM25_WEIGHTS)})",
    TITLE_FTS_TABLE: f"bm25({TITLE_FTS_TABLE}, {BM25_WEIGHTS[0]}, {BM25_WEIGHTS[2]})",
}
RANK = RANKS[FTS_TABLE]


def doc_id(table: str = FTS_TABLE) -> str:
    """The document id of a row of an index `table`, in SQL (its rowid is a date key)."""
    return f"({table}.rowid & {ID_MASK})"


FTS_DOC_ID = doc_id()

Scored = list[tuple[int, float]]
# The FTS5 strings of an expression, left to right ("" is a quote inside one).
_FTS_STRING = re.compile(r'"((?:[^"]|"")*)"')


def _has_phrase(expr: str) -> bool:
    """Whether an FTS5 string of `expr` holds two words or more (a phrase)."""
    return any(" " in s for s in _FTS_STRING.findall(expr))


@dataclass(slots=True)
class Page:
    rows: Scored  # (id, score) of the page, in order
    total: int | None = None  # the exact number of matches, when finding the page counted it


def match_select(
    compiled: Compiled,
    expr: str,
    within: str | None = None,
    *,
    scored: bool = False,
    table: str = FTS_TABLE,
) -> tuple[str, list]:
    """SELECT of the document ids (and, `scored`, -bm25) of the rows of the index `table`
    matching `expr`, among the documents matching `within`, that pass the query's filters.
    `table`: documents_fts, or titles_fts for an expression on titles alone."""
    extra, params = "", [expr]
    if within is not None:
        # "+rowid": a plain rowid IN (...) is handed to FTS5 as rowid = ?, a MATCH per value
        extra = f" AND +rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)"
        params.append(within)
    filters, filter_params = compiled.fts_filters(table)
    columns = f"{doc_id(table)}, -{RANKS[table]}" if scored else doc_id(table)
    sql = f"SELECT {columns} FROM {table} WHERE {table} MATCH ?{extra} AND {filters}"
    return sql, [*params, *filter_params]


def count_upto(conn: sqlite3.Connection, select: str, params: list, cap: int) -> int:
    """How many rows `select` yields, counting no further than `cap` (SQLite stops there)."""
    sql = f"SELECT count(*) FROM ({select} LIMIT ?)"
    return int(conn.execute(sql, [*params, cap]).fetchone()[0])


def ranked(
    conn: sqlite3.Connection,
    compiled: Compiled,
    expr: str,
    limit: int,
    within: str | None = None,
    table: str = FTS_TABLE,
) -> Scored:
    """(id, -bm25) of the best `limit` matches of `expr` (among those of `within`; bm25
    then counts only `expr`'s own phrases). Cost: bm25 of every match: small groups only."""
    sql, params = match_select(compiled, expr, within, scored=True, table=table)
    return conn.execute(f"{sql} ORDER BY 2 DESC, 1 LIMIT ?", [*params, limit]).fetchall()


def _scored_upto(
    conn: sqlite3.Connection,
    compiled: Compiled,
    expr: str,
    within: str | None,
    cap: int,
    table: str = FTS_TABLE,
) -> Scored:
    """(id, -bm25) of at most `cap` matches of `expr`, unordered: one pass that both sizes
    a group and scores it when it is small."""
    sql, params = match_select(compiled, expr, within, scored=True, table=table)
    return conn.execute(f"{sql} LIMIT ?", [*params, cap]).fetchall()


def walk_newest(
    conn: sqlite3.Connection,
    compiled: Compiled,
    expr: str,
    limit: int,
    *,
    exclude: list[int] | None = None,
) -> list[int]:
    """Ids of the matches of `expr` (less `exclude`) by coalesce(date, date_inferred),
    newest first. The index's rowids are date keys and FTS5 reads its posting lists
    backwards lazily: the walk costs the rows it returns (and those it skips for a
    filter), not the matches."""
    select, params = match_select(compiled, expr)
    excl, excl_params = "", []
    if exclude:
        excl = f" AND {FTS_DOC_ID} NOT IN (SELECT value FROM json_each(?))"
        excl_params = [json.dumps(exclude)]
    sql = f"{select}{excl} ORDER BY {FTS_TABLE}.rowid DESC LIMIT ?"
    return [r[0] for r in conn.execute(sql, [*params, *excl_params, limit])]


def _both(expr: str, within: str | None) -> str:
    """One FTS5 expression for "matches `expr` and `within`": FTS5 intersects the doclists,
    far cheaper than an IN list of every match of `within`. Only where no bm25 is read
    (bm25 of it would also count `within`'s phrases; scoring keeps the IN list)."""
    return expr if within is None else f"({expr}) AND ({within})"


FILTER_TABLE = "arshif_search_filter"  # in the connection's own temp schema


def _in_select(cond: str) -> str | None:
    """The SELECT of a filter condition `@id IN (SELECT ...)`, or None for any other form."""
    head = f"{ID} IN ("
    if not (cond.startswith(head) and cond.endswith(")")):
        return None
    depth = 0
    for i, ch in enumerate(cond[len(head) - 1 :], len(head) - 1):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0:  # the parenthesis after IN closes here: it must be the end
            return cond[len(head) : -1] if i == len(cond) - 1 else None
    return None


def materialise_filters(conn: sqlite3.Connection, compiled: Compiled) -> Compiled:
    """The query with its filters (tag:, date:, source:...) collected once into a temp
    table, so that each FTS5 pass finds a filter by rowid (SQLite uses the table's own
    b-tree for the IN) instead of building an IN list of the filter's ids again: a
    filtered query makes three or four passes. Left as it is inside a caller's
    transaction (the temp table is written and committed here), or for a filter that is
    not a plain `id IN (SELECT ...)` (an exclusion)."""
    if compiled.match is None or not compiled.where or conn.in_transaction:
        return compiled
    selects: list[tuple[str, list]] = []
    params = list(compiled.params)
    for cond in compiled.where:
        inner = _in_select(cond)
        if inner is None:
            return compiled
        n = cond.count("?")
        selects.append((inner, params[:n]))
        params = params[n:]
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {FILTER_TABLE} (id INTEGER PRIMARY KEY)")
    try:
        conn.execute(f"DELETE FROM temp.{FILTER_TABLE}")
        first, first_params = selects[0]
        conn.execute(f"INSERT OR IGNORE INTO temp.{FILTER_TABLE} {first}", first_params)
        for inner, inner_params in selects[1:]:
            conn.execute(f"DELETE FROM temp.{FILTER_TABLE} WHERE id NOT IN ({inner})", inner_params)
    finally:
        conn.commit()  # only the temp table was written (no transaction was open before)
    return Compiled(
        match=compiled.match,
        title_match=compiled.title_match,
        title_within_match=compiled.title_within_match,
        where=[f"{ID} IN (SELECT id FROM temp.{FILTER_TABLE})"],
        params=[],
        dates=compiled.dates,  # a range of rowids already: nothing to collect
    )


def rank_page(conn: sqlite3.Connection, compiled: Compiled, limit: int, offset: int) -> Page:
    """The page [offset, offset + limit) of a full-text query by relevance."""
    match = compiled.match
    assert match is not None
    n = offset + limit
    title = compiled.title_match
    first: Scored = []  # the title group, best first
    whole_first = True  # `first` holds every member of the title group
    if title:
        within = None if compiled.title_within_match else match
        # The title group alone (one word or phrase) is found in titles_fts: title
        # positions only. With other words beside it, documents_fts intersects the two.
        group = TITLE_FTS_TABLE if within is None else FTS_TABLE
        scored: Scored | None = None
        if _has_phrase(title):  # positions make a pass dear: size and score at once
            scored = _scored_upto(conn, compiled, title, within, BM25_MAX_ROWS + 1, group)
        else:  # a cheap capped count first, so a large group never pays bm25
            select, params = match_select(compiled, _both(title, within), table=group)
            size = count_upto(conn, select, params, BM25_MAX_ROWS + 1)
            # bm25 of the title's phrases only, on the few rows of `_both` (an IN list of
            # them, not of every match of `within`)
            among = _both(title, within) if within is not None else None
            if n <= size <= BM25_MAX_ROWS:  # the page is all title matches: SQLite sorts
                best = ranked(conn, compiled, title, n, within=among, table=group)
                return Page([(i, s + TITLE_BONUS) for i, s in best][offset:])
            if size == 0:
                scored = []
            elif size <= BM25_MAX_ROWS:
                scored = _scored_upto(conn, compiled, title, among, BM25_MAX_ROWS + 1, group)
        if scored is not None and len(scored) <= BM25_MAX_ROWS:
            first = sorted(((i, s + TITLE_BONUS) for i, s in scored), key=lambda r: (-r[1], r[0]))
        else:
            ids = walk_newest(conn, compiled, _both(title, within), n)
            first, whole_first = [(i, float(TITLE_BONUS)) for i in ids], False
    if len(first) >= n:
        return Page(first[offset:n])
    more = n - len(first)
    if not whole_first:
        # the title group is too large to list: the rest is what its expression excludes
        assert title is not None
        rest = f"({match}) NOT ({title})"
        select, params = match_select(compiled, rest)
        if count_upto(conn, select, params, BM25_MAX_ROWS + 1) > BM25_MAX_ROWS:
            ids = walk_newest(conn, compiled, rest, more)
            return Page((first + [(i, 0.0) for i in ids])[offset:])
        return Page((first + ranked(conn, compiled, rest, more))[offset:])
    # the rest = every match less the title group: sized by one capped count of the matches
    exclude = [i for i, _ in first]
    select, params = match_select(compiled, match)
    seen = count_upto(conn, select, params, BM25_MAX_ROWS + 1 + len(exclude))
    if seen - len(exclude) <= BM25_MAX_ROWS:
        rest = f"({match}) NOT ({title})" if title and first else match
        tail = ranked(conn, compiled, rest, more) if seen > len(exclude) else []
        return Page((first + tail)[offset:], total=seen)
    ids = walk_newest(conn, compiled, match, more, exclude=exclude)
    return Page((first + [(i, 0.0) for i in ids])[offset:])
