"""One page of a query's matches, in order, and their count when it comes for free.

The SQL behind archive.search.engine.search. Cost rules (measured on the 30 000-document
bench archive; they are what keeps the design bounded toward 1 000 000 documents):

- No Python work per match. SQLite counts, ranks and walks; Python sees one page of rows.
- The index's rowids are date keys (archive.search.index.fts_key), so "newest first" is
  `ORDER BY rowid DESC`, which FTS5 reads lazily: a page costs its own rows.
- The title group is found in titles_fts (title positions only, never a common word's
  thousands of body positions), and the rest of the matches through an IN list of it.
- Every group is sized by a count that stops at BM25_MAX_ROWS; bm25 (2-5 µs a row) runs
  only on groups that small, a larger group (a very common word) is listed newest first.
  When both groups are small, their sizes are the total: no count pass after the page.

Order (sort="rank"): the title group (a query word in the title) first, ranked by bm25 of
the title words in titles_fts (title > title_stem); then the rest, by bm25 with the columns
weighted title > title_stem > body > body_stem. Score = -bm25, plus TITLE_BONUS in the
title group; 0 for a group listed newest first (its score is the bonus alone).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from math import isqrt

from archive.schema import FTS_TABLE, ID_MASK, TITLE_FTS_TABLE, fts_doc_id, highest_document_id
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


Scored = list[tuple[int, float]]


@dataclass(slots=True)
class Page:
    rows: Scored  # (id, score) of the page, in order
    total: int | None = None  # the exact number of matches, when finding the page counted it
    provisional: bool = False  # a group was listed newest first where bm25 was dear


# bm25 reads the whole posting list of every form of the query's words once per query (to
# count the documents each occurs in): 30-45 ms for a word in most of 1 000 000 documents
# (~2 ms at 50 000), whatever the number of rows it scores. search(quick=True), the app's
# keystroke, lists newest first instead when a word occurs in this many documents (never
# in an archive smaller than that), and says so (Page.provisional); the app then asks for
# the ranked page in a second worker.
BM25_DEAR_DOCUMENTS = 50_000


def bm25_dear(conn: sqlite3.Connection, compiled: Compiled) -> bool:
    """Whether a word of the query occurs in BM25_DEAR_DOCUMENTS documents or more."""
    if highest_document_id(conn) < BM25_DEAR_DOCUMENTS:  # ids are never reused: a bound
        return False
    for leaf in compiled.leaves:
        sql = f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"
        if count_upto(conn, sql, [leaf], BM25_DEAR_DOCUMENTS) >= BM25_DEAR_DOCUMENTS:
            return True
    return False


Also = tuple[str, list]  # one more SQL condition on the index row, and its parameters


def match_select(
    compiled: Compiled,
    expr: str,
    *,
    also: Also | None = None,
    scored: bool = False,
    key: bool = False,
    columns: str | None = None,
    table: str = FTS_TABLE,
) -> tuple[str, list]:
    """SELECT of the document ids of the rows of the index `table` (documents_fts, or
    titles_fts for an expression on titles alone) matching `expr` that pass `also` and the
    query's filters; `scored`: with -bm25; `key`: the rows' date keys instead; `columns`:
    these instead (SQL on the index row)."""
    params: list = [expr]
    extra = ""
    if also is not None:
        extra = f" AND {also[0]}"
        params += also[1]
    filters, filter_params = compiled.fts_filters(table)
    if columns is None:
        columns = "rowid" if key else fts_doc_id(table) + (f", -{RANKS[table]}" if scored else "")
    sql = f"SELECT {columns} FROM {table} WHERE {table} MATCH ?{extra} AND {filters}"
    return sql, [*params, *filter_params]


def count_upto(conn: sqlite3.Connection, select: str, params: list, cap: int) -> int:
    """How many rows `select` yields, counting no further than `cap` (SQLite stops there)."""
    sql = f"SELECT count(*) FROM ({select} LIMIT ?)"
    return int(conn.execute(sql, [*params, cap]).fetchone()[0])


def best(conn: sqlite3.Connection, select: str, params: list, limit: int) -> Scored:
    """The `limit` best rows of a scored `select`, by score, equal scores newest first
    (short titles often tie). Cost: bm25 of every row (~2-5 µs each): small groups only."""
    sql = f"{select} ORDER BY 2 DESC, rowid DESC LIMIT ?"
    return conn.execute(sql, [*params, limit]).fetchall()


def newest(conn: sqlite3.Connection, select: str, params: list, limit: int) -> list[int]:
    """The first `limit` ids of `select` (of one index table) by date key, newest first.
    FTS5 reads its posting lists backwards lazily: the walk costs the rows it returns (and
    those it skips for a condition), not the matches."""
    sql = f"{select} ORDER BY rowid DESC LIMIT ?"
    return [r[0] for r in conn.execute(sql, [*params, limit])]


def walk_newest(conn: sqlite3.Connection, compiled: Compiled, expr: str, limit: int) -> list[int]:
    """Ids of the matches of `expr` by coalesce(date, date_inferred), newest first."""
    select, params = match_select(compiled, expr)
    return newest(conn, select, params, limit)


def _among(table: str, keys: list[int]) -> Also:
    """A row of the index `table` whose date key is one of `keys`."""
    return f"+{table}.rowid IN (SELECT value FROM json_each(?))", [json.dumps(keys)]


def _in_titles(table: str, title: str) -> Also:
    """A row of `table` whose document's title matches `title` (found in titles_fts)."""
    sql = f"+{table}.rowid IN (SELECT rowid FROM {TITLE_FTS_TABLE} WHERE {TITLE_FTS_TABLE} MATCH ?)"
    return sql, [title]


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


# How a set filter (compile.IdSet) is checked: as a list of its documents, read from the
# key's index into a b-tree (~0.1 µs a document at 30 000, ~0.7 at 1 000 000), or document
# by document (an EXISTS on the primary key, ~1.4-3.6 µs a check). A walk that stops after
# k results passes about k * N / |set| documents of an archive of N, so checking each
# costs less than listing the set when |set|^2 > ~9 k N. For a search's walk (k: the app's
# count, capped near 1 000) that is an entity in 95 000 of 1 000 000 documents, or in
# 16 000 of 30 000. A search that counts every match (exact) lists every set: the list
# is built once, a check is made per match.
PER_DOCUMENT_FACTOR = 9
WALK_RESULTS = 1000


def per_document_bound(documents: int, results: int = WALK_RESULTS) -> int:
    """The size from which a set filter is checked document by document, in a walk that
    stops after `results` results."""
    return max(1, isqrt(PER_DOCUMENT_FACTOR * results * documents))


def size_sets(
    conn: sqlite3.Connection,
    compiled: Compiled,
    *,
    exact: bool = False,
    results: int = WALK_RESULTS,
) -> Compiled:
    """The query with each set filter sized: its rows counted up to per_document_bound
    (read from the key's index alone), and marked large at the bound unless `exact` (or
    a lookup per document is dear: a source)."""
    if not compiled.sets:
        return compiled
    bound = per_document_bound(highest_document_id(conn), results)
    sized = []
    for id_set in compiled.sets:
        size = count_upto(conn, *id_set.rows(), bound)
        large = size >= bound and not exact and id_set.per_document_cheap
        sized.append(replace(id_set, size=size, large=large))
    return replace(compiled, sets=sized)


def materialise_filters(
    conn: sqlite3.Connection, compiled: Compiled, *, exact: bool = False
) -> Compiled:
    """The query ready to run its filters where a page or a count needs them (`exact`: a
    count of every match too): set filters sized (size_sets), and, for a full-text query,
    the filters checked as lists collected once into a temp table, so that each FTS5 pass
    finds a filter by rowid (SQLite uses the table's own b-tree for the IN) instead of
    building an IN list of the filter's ids again: a filtered query makes three or four
    passes. Large sets stay checked document by document. Left as lists inside a caller's
    transaction (the temp table is written and committed here), or when a filter is not
    a plain `id IN (SELECT ...)` (an exclusion)."""
    # (without words, an exact count lists the sets itself: matches.count_matches)
    compiled = size_sets(conn, compiled, exact=exact and compiled.match is not None)
    listed = [s for s in compiled.sets if not s.large]
    if compiled.match is None or not (compiled.where or listed) or conn.in_transaction:
        return compiled
    selects: list[tuple[str, list]] = [s.members() for s in listed]
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
    return replace(
        compiled,
        where=[f"{ID} IN (SELECT id FROM temp.{FILTER_TABLE})"],
        params=[],
        sets=[s for s in compiled.sets if s.large],
    )  # dates: a range of rowids already, nothing to collect


class _Bm25:
    """Whether this query's groups are ranked by bm25: always, but with quick=True when
    bm25 is dear (asked once, when a group first needs it); `skipped` says it was not."""

    def __init__(self, conn: sqlite3.Connection, compiled: Compiled, quick: bool) -> None:
        self.conn, self.compiled, self.quick = conn, compiled, quick
        self.dear: bool | None = None
        self.skipped = False

    def __call__(self) -> bool:
        if self.quick and self.dear is None:
            self.dear = bm25_dear(self.conn, self.compiled)
        self.skipped = self.skipped or bool(self.dear)
        return not self.dear


def rank_page(
    conn: sqlite3.Connection,
    compiled: Compiled,
    limit: int,
    offset: int,
    *,
    exact_total: bool = False,
    quick: bool = False,
) -> Page:
    """The page [offset, offset + limit) of a full-text query by relevance: the title group
    (documents with a query word in the title) first, then the rest of the matches; each
    part ranked by bm25 when it holds at most BM25_MAX_ROWS documents, else newest first.

    Every pass is bounded by BM25_MAX_ROWS or by the page, whatever the archive's size,
    but one: several words, few of them in titles, all of them in many documents (the
    matches are read once with an IN list of the few titles). `exact_total`: the caller
    needs the number of matches; the rest is then counted whole, not capped, and the
    total comes with the page (one count pass fewer). `quick`: where bm25 is dear
    (bm25_dear), groups are listed newest first and the page says it is provisional."""
    ranks = _Bm25(conn, compiled, quick)
    page = _rank_page(conn, compiled, offset + limit, offset, exact_total, ranks)
    page.provisional = ranks.skipped
    return page


def _rank_page(
    conn: sqlite3.Connection,
    compiled: Compiled,
    n: int,
    offset: int,
    exact_total: bool,
    ranks: _Bm25,
) -> Page:
    match = compiled.match
    assert match is not None
    cap = BM25_MAX_ROWS
    title = compiled.title_match
    if not title:
        return _rest_page(
            conn, compiled, match, [], n, offset, 0, exact_total=exact_total, ranks=ranks
        )
    titles = match_select(compiled, title, table=TITLE_FTS_TABLE)
    title_count = count_upto(conn, *titles, cap + 1)  # titles_fts: cheap
    # The rest of the matches: NOT IN a short list of title matches, else FTS5's NOT (it
    # reads positions, but lazily: a walk or a capped count stops early).
    rest_match = f"({match}) NOT ({title})" if title_count > cap else match
    rest_also = None if title_count > cap else (f"NOT {_in_titles(FTS_TABLE, title)[0]}", [title])
    if compiled.title_within_match:  # one word or phrase: its title matches are the group
        if title_count <= cap and ranks():
            scored = match_select(compiled, title, table=TITLE_FTS_TABLE, scored=True)
            first = [(i, s + TITLE_BONUS) for i, s in best(conn, *scored, n)]
        else:
            first = [(i, float(TITLE_BONUS)) for i in newest(conn, *titles, n)]
        return _rest_page(
            conn, compiled, rest_match, first, n, offset, title_count, also=rest_also,
            exact_total=exact_total, ranks=ranks,
        )  # fmt: skip
    # Several words: the group is the matches with a query word in the title.
    both = f"({match}) AND ({title})"
    matches: list[int] | None = None  # the keys of every match, when there are few
    if title_count > cap:
        select, params = match_select(compiled, match, key=True)
        matches = [r[0] for r in conn.execute(f"{select} LIMIT ?", [*params, cap + 1])]
        if len(matches) > cap:
            # many titles and many matches: both groups newest first, FTS5 intersecting lazily
            members = match_select(compiled, both)
            first = [(i, float(TITLE_BONUS)) for i in newest(conn, *members, n)]
            return _rest_page(conn, compiled, rest_match, first, n, offset, cap + 1, ranks=ranks)
    # Few titles or few matches: the group is no larger than either, so it is ranked.
    if matches is not None:  # few matches: FTS5 checks their titles
        group = match_select(compiled, both, key=True)
    else:  # few titles: the matches are checked against their list
        group = match_select(compiled, match, also=_in_titles(FTS_TABLE, title), key=True)
    keys = [r[0] for r in conn.execute(*group)]
    if not keys:
        first = []
    elif ranks():
        among = _among(TITLE_FTS_TABLE, keys)
        scored = match_select(compiled, title, table=TITLE_FTS_TABLE, also=among, scored=True)
        first = [(i, s + TITLE_BONUS) for i, s in best(conn, *scored, n)]
    else:  # the keys are date keys: newest first is their order
        first = [(k & ID_MASK, float(TITLE_BONUS)) for k in sorted(keys, reverse=True)[:n]]
    if matches is not None:  # the rest is known already: the matches less the group
        return _few_rest_page(conn, compiled, first, n, offset, matches, set(keys), ranks)
    return _rest_page(
        conn, compiled, rest_match, first, n, offset, len(keys), also=rest_also,
        exact_total=exact_total, ranks=ranks,
    )  # fmt: skip


def _few_rest_page(
    conn: sqlite3.Connection,
    compiled: Compiled,
    first: Scored,
    n: int,
    offset: int,
    matches: list[int],
    group: set[int],
    ranks: _Bm25,
) -> Page:
    """The page when every match's key is known (at most BM25_MAX_ROWS): the title group's
    best `first` rows, then the other matches; the total is their number."""
    total = len(matches)
    if len(first) >= n:
        return Page(first[offset:n], total=total)
    more = n - len(first)
    rest = [k for k in matches if k not in group]
    if rest and ranks():
        assert compiled.match is not None
        ranked = match_select(compiled, compiled.match, also=_among(FTS_TABLE, rest), scored=True)
        tail = best(conn, *ranked, more)
    else:  # the keys are date keys: newest first is their order
        tail = [(k & ID_MASK, 0.0) for k in sorted(rest, reverse=True)[:more]]
    return Page((first + tail)[offset:], total=total)


def _rest_page(
    conn: sqlite3.Connection,
    compiled: Compiled,
    rest_match: str,
    first: Scored,
    n: int,
    offset: int,
    group_size: int,
    *,
    also: Also | None = None,
    exact_total: bool = False,
    ranks: _Bm25,
) -> Page:
    """The page: the title group's best `first` rows (of `group_size` documents, more than
    BM25_MAX_ROWS when it was not listed whole), then the other matches (`rest_match`,
    `also`), ranked when they are few, else newest first."""
    whole = group_size <= BM25_MAX_ROWS
    if len(first) >= n and not (exact_total and whole):
        return Page(first[offset:n])
    more = n - len(first)
    rest = match_select(compiled, rest_match, also=also)
    if exact_total and whole:  # every match counted (plainly): the total comes with the page
        assert compiled.match is not None
        everything = match_select(compiled, compiled.match)
        count_sql = f"SELECT count(*) FROM ({everything[0]})"
        rest_size = int(conn.execute(count_sql, everything[1]).fetchone()[0]) - group_size
    else:
        rest_size = count_upto(conn, *rest, BM25_MAX_ROWS + 1)
    total = (
        group_size + rest_size if whole and (exact_total or rest_size <= BM25_MAX_ROWS) else None
    )
    if more <= 0:
        return Page(first[offset:n], total=total)
    if rest_size <= BM25_MAX_ROWS and ranks():
        ranked = match_select(compiled, rest_match, also=also, scored=True)
        tail = best(conn, *ranked, more) if rest_size else []
        return Page((first + tail)[offset:], total=total)
    return Page((first + [(i, 0.0) for i in newest(conn, *rest, more)])[offset:], total=total)
