"""Facets: counts of tags, sources, years and entities over a query's matches (the app's f).

The matches are collected once into a table of the connection's temp schema (FACET_TABLE:
id, year), newest first, and each facet is counted from it along its cheapest path:

- years: from the table itself. A match found in the index brings its year in its date
  key (YYYYMMDD above the id); one found by filters alone, from documents_newest.
- entities: from each match to its rows of document_entities (a prefix of the primary
  key), grouped once for the three kinds. (Driven the other way, SQLite looked every
  entity of a kind up in every match: 11 s for one kind over 15 000 matches.)
- sources: read from the rows of a few matches, or, for many, by a scan of the covering
  index documents_source that keeps the matches (the column follows the body in the row:
  reading it reads the body's overflow pages);
- tags: the tag rows whose document is in the table.

A result of more than MAX_MATCHES documents is counted over its newest MAX_MATCHES
(Facets.counted says how many): entity counts cost ~17 rows per match, so a word in
900 000 of 1 000 000 documents would keep the dialog waiting for seconds.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from archive.schema import FTS_TABLE, ID_BITS, ID_MASK, UNDATED, highest_document_id
from archive.search.compile import DATE_EXPR, Compiled
from archive.search.matches import count_matches, newest_selected
from archive.search.page import match_select, size_sets

FACET_TABLE = "arshif_facet_ids"  # in the connection's own temp schema
MAX_MATCHES = 50_000
ROW_READS_PER_INDEX_ENTRY = 25  # reading a row's source costs this many index entries
KINDS = {"person": "people", "org": "orgs", "place": "places"}

Counts = list[tuple[str, int]]


@dataclass(slots=True)
class Facets:
    """Counts per facet (tags, sources, years, people, orgs, places), each largest first
    (years newest first), over `counted` of the query's `matches` documents: all of them,
    or the newest MAX_MATCHES."""

    counts: dict[str, Counts] = field(default_factory=dict)
    matches: int = 0
    counted: int = 0

    @property
    def partial(self) -> bool:
        return self.counted < self.matches


def _newest(conn: sqlite3.Connection, compiled: Compiled) -> tuple[str, list[object]]:
    """SELECT of the query's (id, year), newest first (what LIMIT keeps). The year of an
    index row is in its date key (archive.search.index.fts_key: YYYYMMDD above the id),
    so no document row is read for it (undated: the key's UNDATED, no year)."""
    if compiled.match is not None:
        key = f"{FTS_TABLE}.rowid"
        year = f"nullif(({key} >> {ID_BITS}) / 10000, {UNDATED // 10000})"
        sql, params = match_select(compiled, compiled.match, columns=f"{key} & {ID_MASK}, {year}")
        return f"{sql} ORDER BY rowid DESC", params
    year = f"CAST(substr({DATE_EXPR}, 1, 4) AS INTEGER)"
    return newest_selected(conn, compiled, columns=f"id, {year}")


def _collect(conn: sqlite3.Connection, compiled: Compiled) -> tuple[int, int]:
    """Fill FACET_TABLE with the newest MAX_MATCHES matches; (matches, counted)."""
    conn.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {FACET_TABLE} (id INTEGER PRIMARY KEY, year INTEGER)"
    )
    conn.execute(f"DELETE FROM temp.{FACET_TABLE}")
    # a set filter holding most of the archive is checked document by document in the walk
    # to the newest MAX_MATCHES (archive.search.page.size_sets), and listed for the count
    compiled = size_sets(conn, compiled, results=MAX_MATCHES)
    select, params = _newest(conn, compiled)
    counted = conn.execute(
        f"INSERT OR IGNORE INTO temp.{FACET_TABLE} SELECT * FROM ({select} LIMIT ?)",
        [*params, MAX_MATCHES],
    ).rowcount
    if counted < MAX_MATCHES:
        return counted, counted
    return count_matches(conn, compiled.as_lists()), counted


def _sources(conn: sqlite3.Connection, counted: int, limit: int) -> list[tuple]:
    """Sources: read from the rows of a few matches (~3 µs each: the column follows the
    body), or by a scan of the index documents_source keeping the matches (~0.15 µs per
    document of the archive) when that is cheaper."""
    if counted * ROW_READS_PER_INDEX_ENTRY < highest_document_id(conn):
        sql = (
            f"SELECT d.source, count(*) AS n FROM temp.{FACET_TABLE} f "
            "CROSS JOIN documents d ON d.id = f.id WHERE d.source IS NOT NULL "
        )
    else:
        sql = (
            "SELECT source, count(*) AS n FROM documents INDEXED BY documents_source "
            f"WHERE source IS NOT NULL AND +id IN (SELECT id FROM temp.{FACET_TABLE}) "
        )
    sql += "GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?"
    return conn.execute(sql, [limit]).fetchall()


def count_facets(conn: sqlite3.Connection, compiled: Compiled, limit: int = 20) -> Facets:
    """The facets of a compiled query's matches, `limit` values per facet. Writes only the
    temp table (committed here, unless the caller's transaction was open)."""
    ids = f"(SELECT id FROM temp.{FACET_TABLE})"  # the matches counted
    own = not conn.in_transaction
    try:
        matches, counted = _collect(conn, compiled)
        tags = conn.execute(
            "SELECT t.name, count(*) AS n FROM document_tags dt JOIN tags t ON t.id = dt.tag_id "
            f"WHERE dt.document_id IN {ids} GROUP BY t.id ORDER BY n DESC, t.name LIMIT ?",
            [limit],
        ).fetchall()
        sources = _sources(conn, counted, limit)
        years = conn.execute(
            f"SELECT year, count(*) FROM temp.{FACET_TABLE} WHERE year IS NOT NULL "
            "GROUP BY year ORDER BY year DESC LIMIT ?",
            [limit],
        ).fetchall()
        entities = conn.execute(
            "SELECT kind, name, n FROM ("
            "  SELECT e.kind, e.name, g.n, row_number() OVER ("
            "    PARTITION BY e.kind ORDER BY g.n DESC, e.name) AS place FROM ("
            "      SELECT de.entity_id AS id, count(*) AS n"
            f"     FROM temp.{FACET_TABLE} f CROSS JOIN document_entities de"
            "      ON de.document_id = f.id GROUP BY de.entity_id"
            "  ) g JOIN entities e ON e.id = g.id"
            ") WHERE place <= ? ORDER BY n DESC, name",
            [limit],
        ).fetchall()
    finally:
        if own:
            conn.commit()  # only the temp table was written
    counts: dict[str, Counts] = {
        "tags": [(str(v), int(n)) for v, n in tags],
        "sources": [(str(v), int(n)) for v, n in sources],
        "years": [(str(y), int(n)) for y, n in years],
    }
    for kind, key in KINDS.items():
        counts[key] = [(str(name), int(n)) for k, name, n in entities if k == kind]
    return Facets(counts, matches, counted)
