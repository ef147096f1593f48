"""Search the archive: the one entry point the app and the CLI share.

    search(archive, query, limit=50, offset=0, sort="rank") -> SearchResult
    matching_ids(archive, query) -> list[int]
    facets(archive, query, limit=20) -> {"tags"|"sources"|"years"|"people"|"orgs"|"places": [(value, count)]}
    facet_counts(archive, query, limit=20) -> Facets (the same, and how many matches were counted)
    highlight_spans(text, query) -> list[Span]

User input never raises: a query that cannot run comes back as SearchResult.error (search)
or QueryError (matching_ids, facets: the caller decides how to show it). The empty query,
or one with nothing searchable in it, lists every document, newest first.

Per keystroke the app runs one search with highlights=False and a count_limit (the page of
ids and titles, ranked, and a count that stops early), then count() in another worker when
the total was capped; the spans of the one document it shows come from highlight_spans().
How a page is found, and what each step costs: archive.search.page.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import nullcontext
from dataclasses import replace

from archive.models import SearchHit, SearchResult, Span
from archive.search.compile import DATE_EXPR, ID, IN_FTS, Compiled, compile_query
from archive.search.facets import Facets, count_facets
from archive.search.highlight import snippet, spans_for_terms
from archive.search.matches import count_matches, matched_select, newest_selected
from archive.search.page import (
    Page,
    materialise_filters,
    rank_page,
    size_sets,
    walk_newest,
)
from archive.search.query import Node, Phrase, QueryError, Term, parse, positive_terms
from archive.search.split import parallel_count
from archive.store import Archive

__all__ = [
    "QueryError", "SORTS", "count", "facet_counts", "facets", "highlight_spans", "matching_ids",
    "search",
]  # fmt: skip

SORTS = ("rank", "date", "title")
_IN_MATCH = IN_FTS.replace(ID, "+id")


def _compile(archive: Archive, query: str) -> tuple[Node | None, Compiled]:
    node = parse(query)
    return node, compile_query(archive.conn, node)


def _page_ids(
    conn: sqlite3.Connection,
    compiled: Compiled,
    sort: str,
    limit: int,
    offset: int,
    *,
    exact_total: bool = False,
    quick: bool = False,
) -> Page:
    """(id, score) for one page, and the total when finding the page counted it anyway.
    Score: -bm25, + TITLE_BONUS for a title match; 0 when not ranked by relevance."""
    match = compiled.match
    if match is not None and sort == "rank":
        return rank_page(conn, compiled, limit, offset, exact_total=exact_total, quick=quick)
    if match is not None and sort == "date":
        ids = walk_newest(conn, compiled, match, offset + limit)
        return Page([(i, 0.0) for i in ids[offset:]])
    if sort == "title":  # every match is sorted: sets checked as lists
        compiled = compiled.as_lists()
    cond, params = compiled.filters("+id")
    if match is not None:
        cond, params = f"{_IN_MATCH} AND {cond}", [match, *params]
    if sort == "title":
        rows = conn.execute(
            f"SELECT id FROM documents WHERE {cond} ORDER BY title COLLATE NOCASE, id "
            "LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        ids = [r[0] for r in rows]
    else:
        sql, params = newest_selected(conn, compiled)
        rows = conn.execute(f"{sql} LIMIT ?", [*params, offset + limit]).fetchall()
        ids = [r[0] for r in rows[offset:]]
    return Page([(i, 0.0) for i in ids])  # date and title order: no relevance score


def _user_error(query: str, exc: Exception) -> str:
    if isinstance(exc, QueryError):
        return f"query {query!r}: {exc}"
    return f"query {query!r} could not run: {exc}"


def search(
    archive: Archive,
    query: str,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str = "rank",
    highlights: bool = True,
    count_limit: int | None = None,
    quick: bool = False,
) -> SearchResult:
    """One page of hits for `query`, with the total count, snippets and match spans.

    highlights=False: hits carry no snippet and no spans, and no body is read (the app's
    list shows neither; it asks highlight_spans() for the one document it shows).
    count_limit=N: when the total is not known from finding the page, count no further
    than N; a larger total comes back as N with total_capped=True (count() gives it).
    quick=True: where ranking by bm25 would be dear (a word in 100 000 documents or more:
    page.bm25_dear), the page lists newest first and comes back provisional=True; the same
    search without quick ranks it (the app's keystroke asks for both, in that order)."""
    started = time.perf_counter()

    def result(
        hits: tuple[SearchHit, ...] = (),
        total: int = 0,
        error: str | None = None,
        capped: bool = False,
        provisional: bool = False,
    ) -> SearchResult:
        elapsed = (time.perf_counter() - started) * 1000
        return SearchResult(
            query=query, hits=hits, total=total, elapsed_ms=elapsed, error=error,
            total_capped=capped, provisional=provisional,
        )  # fmt: skip

    if sort not in SORTS:
        return result(error=f"unknown sort {sort!r} (use one of {', '.join(SORTS)})")
    capped = False
    try:
        node, compiled = _compile(archive, query)
        exact = count_limit is None
        # a large archive counts beside the page, in another thread (archive.search.split)
        with parallel_count(archive, compiled) if exact else nullcontext() as pending:
            compiled = materialise_filters(archive.conn, compiled, exact=exact)
            page = _page_ids(
                archive.conn, compiled, sort, max(0, limit), max(0, offset),
                exact_total=exact and pending is None, quick=quick,
            )  # fmt: skip
            # the page's hits, while another thread counts (at 1M: 2-4 ms less to wait)
            hits = _hits(archive, page.rows, positive_terms(node) if highlights else None)
            total = page.total
            if total is None and pending is not None:
                total = pending.result(compiled)
        if total is None:
            cap = None if exact else max(count_limit or 0, offset + len(page.rows))
            total = count_matches(archive.conn, compiled, cap)
            if cap is not None and total > cap:
                total, capped = cap, True
    except (QueryError, sqlite3.OperationalError) as exc:
        # OperationalError: an FTS5 expression SQLite refused (a bug of ours, not the user's)
        return result(error=_user_error(query, exc))
    return result(hits, total, capped=capped, provisional=page.provisional)


def _hits(
    archive: Archive, page: list[tuple[int, float]], terms: list[Term | Phrase] | None
) -> tuple[SearchHit, ...]:
    """The page's hits in order; with `terms`, their snippets and match spans, found on the
    original text of the title and body (terms=None: no body is read)."""
    rows = _rows(archive.conn, page)
    ids = [r[0] for r in rows]
    tags = archive.tags_of_many(ids) if ids else {}
    bodies = _bodies(archive.conn, ids) if ids and terms is not None else {}
    hits: list[SearchHit] = []
    for doc_id, path, title, date, source, score in rows:
        hit = SearchHit(
            id=doc_id,
            path=path,
            title=title or "",
            date=date,
            source=source,
            tags=tags.get(doc_id, ()),
            score=round(score, 4),
            snippet="",
        )
        if terms is not None:  # snippet and highlights, on the original text
            body = bodies.get(doc_id, "")
            body_spans = spans_for_terms(body, terms)
            snip, snip_spans = snippet(body, body_spans)
            hit = replace(
                hit,
                snippet=snip,
                snippet_spans=tuple(snip_spans),
                title_spans=tuple(spans_for_terms(hit.title, terms, field="title")),
                body_spans=tuple(body_spans),
            )
        hits.append(hit)
    return tuple(hits)


def count(archive: Archive, query: str) -> int:
    """The exact number of documents `query` matches (after a capped search: the app's
    count worker). Raises QueryError with a message for the user when it cannot run."""
    try:
        _, compiled = _compile(archive, query)
        with parallel_count(archive, compiled) as pending:
            if pending is not None:  # a large archive: on two connections
                return pending.result(materialise_filters(archive.conn, compiled, exact=True))
        return count_matches(archive.conn, size_sets(archive.conn, compiled, exact=True))
    except sqlite3.OperationalError as exc:
        raise QueryError(_user_error(query, exc)) from exc


def _rows(conn: sqlite3.Connection, page: list[tuple[int, float]]) -> list[tuple]:
    """(id, path, title, date, source, score) for the page, in page order."""
    if not page:
        return []
    ids = [i for i, _ in page]
    marks = ",".join("?" * len(ids))
    found = {
        r[0]: r
        for r in conn.execute(
            f"SELECT id, path, title, {DATE_EXPR}, source FROM documents WHERE id IN ({marks})",
            ids,
        )
    }
    return [(*found[i], score) for i, score in page if i in found]


def _bodies(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    marks = ",".join("?" * len(ids))
    return dict(conn.execute(f"SELECT id, body FROM documents WHERE id IN ({marks})", ids))


def matching_ids(archive: Archive, query: str) -> list[int]:
    """Every document id the query matches, in id order (e.g. to tag all results).

    Raises QueryError with a message for the user when the query cannot run."""
    _, compiled = _compile(archive, query)
    try:
        # every match is read: sets are listed, or a small one read directly (few)
        compiled = size_sets(archive.conn, compiled, exact=True)
        sql, params = matched_select(archive.conn, compiled)
        return sorted(r[0] for r in archive.conn.execute(sql, params))
    except sqlite3.OperationalError as exc:
        raise QueryError(_user_error(query, exc)) from exc


def facets(archive: Archive, query: str, limit: int = 20) -> dict[str, list[tuple[str, int]]]:
    """Counts of tags, sources, years, people, orgs and places over the query's results
    (the newest facets.MAX_MATCHES of them: facet_counts says how many were counted).

    Raises QueryError with a message for the user when the query cannot run."""
    return facet_counts(archive, query, limit).counts


def facet_counts(archive: Archive, query: str, limit: int = 20) -> Facets:
    """facets(), with the number of matches and of those counted (archive.search.facets)."""
    try:
        _, compiled = _compile(archive, query)
        return count_facets(archive.conn, compiled, limit)
    except sqlite3.OperationalError as exc:
        raise QueryError(_user_error(query, exc)) from exc


def highlight_spans(text: str, query: str) -> list[Span]:
    """Spans of the words of any `text` (a body, a title) that `query` matches."""
    return spans_for_terms(text, positive_terms(parse(query)))
