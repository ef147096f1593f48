"""Search the archive: the one entry point the app and the CLI share.

    search(archive, query, limit=50, offset=0, sort="rank") -> SearchResult
    matching_ids(archive, query) -> list[int]
    facets(archive, query, limit=20) -> {"tags"|"sources"|"years"|"people"|"orgs"|"places": [(value, count)]}
    highlight_spans(text, query) -> list[Span]

User input never raises: a query that cannot run comes back as SearchResult.error (search)
or QueryError (matching_ids, facets: the caller decides how to show it). The empty query,
or one with nothing searchable in it, lists every document, newest first.

Per keystroke the app runs: one count (FTS5 only, unless filters need the documents
table), one page of ids/titles ranked by bm25, and snippets for that page only.
"""

from __future__ import annotations

import sqlite3
import time

from archive.models import SearchHit, SearchResult, Span
from archive.schema import FTS_TABLE
from archive.search.compile import BM25_WEIGHTS, DATE_EXPR, Compiled, compile_query
from archive.search.highlight import snippet, spans_for_terms
from archive.search.query import Node, QueryError, parse, positive_terms
from archive.store import Archive

__all__ = ["QueryError", "SORTS", "facets", "highlight_spans", "matching_ids", "search"]

SORTS = ("rank", "date", "title")
_ORDER = {
    "date": f"{DATE_EXPR} IS NULL, {DATE_EXPR} DESC, d.id DESC",
    "title": "d.title COLLATE NOCASE, d.id",
}
# A hit with a query word in its title scores this much more (FTS5's bm25 saturates term
# frequency, so column weights alone let a long body outrank a title; see compile.py).
TITLE_BONUS = 1000
_RANK = f"bm25({FTS_TABLE}, {', '.join(str(w) for w in BM25_WEIGHTS)})"


def _from(compiled: Compiled) -> tuple[str, list[object]]:
    """FROM + WHERE over documents `d` (joined to the FTS table when there are words)."""
    if compiled.match is None:
        return f"FROM documents d WHERE {compiled.where_sql()}", list(compiled.params)
    return (
        f"FROM {FTS_TABLE} JOIN documents d ON d.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH ? AND {compiled.where_sql()}",
        [compiled.match, *compiled.params],
    )


def _compile(archive: Archive, query: str) -> tuple[Node | None, Compiled]:
    node = parse(query)
    return node, compile_query(archive.conn, node)


def _count(conn: sqlite3.Connection, compiled: Compiled) -> int:
    if compiled.match is not None and not compiled.where:
        sql = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"
        return int(conn.execute(sql, (compiled.match,)).fetchone()[0])
    if compiled.match is None and not compiled.where:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    from_sql, params = _from(compiled)
    return int(conn.execute(f"SELECT count(*) {from_sql}", params).fetchone()[0])


def _user_error(query: str, exc: Exception) -> str:
    if isinstance(exc, QueryError):
        return f"query {query!r}: {exc}"
    return f"query {query!r} could not run: {exc}"


def search(
    archive: Archive, query: str, *, limit: int = 50, offset: int = 0, sort: str = "rank"
) -> SearchResult:
    """One page of hits for `query`, with the total count, snippets and match spans."""
    started = time.perf_counter()

    def result(hits: tuple[SearchHit, ...] = (), total: int = 0, error: str | None = None):
        elapsed = (time.perf_counter() - started) * 1000
        return SearchResult(query=query, hits=hits, total=total, elapsed_ms=elapsed, error=error)

    if sort not in SORTS:
        return result(error=f"unknown sort {sort!r} (use one of {', '.join(SORTS)})")
    try:
        node, compiled = _compile(archive, query)
        total = _count(archive.conn, compiled)
        rows = _page(archive.conn, compiled, sort, max(0, limit), max(0, offset))
    except (QueryError, sqlite3.OperationalError) as exc:
        # OperationalError: an FTS5 expression SQLite refused (a bug of ours, not the user's)
        return result(error=_user_error(query, exc))
    terms = positive_terms(node)
    ids = [r[0] for r in rows]
    bodies = _bodies(archive.conn, ids) if ids else {}
    tags = archive.tags_of_many(ids) if ids else {}
    hits = []
    for doc_id, path, title, date, source, score in rows:
        body = bodies.get(doc_id, "")
        body_spans = spans_for_terms(body, terms)
        snip, snip_spans = snippet(body, body_spans)
        hits.append(
            SearchHit(
                id=doc_id,
                path=path,
                title=title or "",
                date=date,
                source=source,
                tags=tags.get(doc_id, ()),
                score=round(score, 4) if score is not None else 0.0,
                snippet=snip,
                snippet_spans=tuple(snip_spans),
                title_spans=tuple(spans_for_terms(title or "", terms, field="title")),
                body_spans=tuple(body_spans),
            )
        )
    return result(tuple(hits), total)


def _page(
    conn: sqlite3.Connection, compiled: Compiled, sort: str, limit: int, offset: int
) -> list[tuple]:
    from_sql, params = _from(compiled)
    score = "NULL"
    if compiled.match is not None:
        score = f"-{_RANK}"
        if compiled.title_match:
            score += f" + {TITLE_BONUS} * (d.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?))"
            params.insert(0, compiled.title_match)
    if sort == "rank" and compiled.match is not None:
        order = "score DESC, d.id"
    else:
        order = _ORDER["date" if sort == "rank" else sort]
    sql = (
        f"SELECT d.id, d.path, d.title, {DATE_EXPR}, d.source, {score} AS score {from_sql} "
        f"ORDER BY {order} LIMIT ? OFFSET ?"
    )
    return conn.execute(sql, [*params, limit, offset]).fetchall()


def _bodies(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    marks = ",".join("?" * len(ids))
    return dict(conn.execute(f"SELECT id, body FROM documents WHERE id IN ({marks})", ids))


def matching_ids(archive: Archive, query: str) -> list[int]:
    """Every document id the query matches, best first (e.g. to tag all results).

    Raises QueryError with a message for the user when the query cannot run."""
    _, compiled = _compile(archive, query)
    rows = _page(archive.conn, compiled, "rank", -1, 0)
    return [r[0] for r in rows]


def facets(archive: Archive, query: str, limit: int = 20) -> dict[str, list[tuple[str, int]]]:
    """Counts of tags, sources, years, people, orgs and places over the query's results.

    Raises QueryError with a message for the user when the query cannot run."""
    _, compiled = _compile(archive, query)
    from_sql, params = _from(compiled)
    matched = f"SELECT d.id {from_sql}"
    conn = archive.conn

    def rows(sql: str, *extra: object) -> list[tuple[str, int]]:
        cur = conn.execute(f"WITH m(id) AS ({matched}) {sql} LIMIT ?", [*params, *extra, limit])
        return [(str(v), int(c)) for v, c in cur]

    def entities(kind: str) -> list[tuple[str, int]]:
        return rows(
            "SELECT e.name, count(*) AS n FROM document_entities de "
            "JOIN entities e ON e.id = de.entity_id WHERE e.kind = ? "
            "AND de.document_id IN (SELECT id FROM m) GROUP BY e.id ORDER BY n DESC, e.name",
            kind,
        )

    return {
        "tags": rows(
            "SELECT t.name, count(*) AS n FROM document_tags dt JOIN tags t ON t.id = dt.tag_id "
            "WHERE dt.document_id IN (SELECT id FROM m) GROUP BY t.id ORDER BY n DESC, t.name"
        ),
        "sources": rows(
            "SELECT d.source, count(*) AS n FROM documents d WHERE d.source IS NOT NULL "
            "AND d.id IN (SELECT id FROM m) GROUP BY d.source ORDER BY n DESC, d.source"
        ),
        "years": rows(
            f"SELECT substr({DATE_EXPR}, 1, 4) AS y, count(*) AS n FROM documents d "
            f"WHERE {DATE_EXPR} IS NOT NULL AND d.id IN (SELECT id FROM m) "
            "GROUP BY y ORDER BY y DESC"
        ),
        "people": entities("person"),
        "orgs": entities("org"),
        "places": entities("place"),
    }


def highlight_spans(text: str, query: str) -> list[Span]:
    """Spans of the words of any `text` (a body, a title) that `query` matches."""
    return spans_for_terms(text, positive_terms(parse(query)))
