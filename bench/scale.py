"""A large archive for search and app figures when importing one is too slow here.

`replicate(src, dst, n)` copies an imported archive's documents, entities, dates and
resolutions again and again in SQL (new ids, paths suffixed `~rK`), and indexes each copy
(the index is contentless, so its rows are computed, not copied), until `dst` holds `n`
documents. Posting lists of every word grow n/len(src) times, as they would in an archive
of n articles drawn from the same kind of news; the vocabulary does not grow (a real
archive's would), so rare-word queries are, if anything, harder here. Every row that
`bench.run` reports from such an archive says so.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from archive.search.index import index_documents, stored_columns
from bench.report import echo

_DOC_COLUMNS = (
    "source_key, path, url, title, title_derived, body, date, date_text, date_inferred, source, "
    "author, sha256, word_count, extra, duplicate_of, boilerplate, import_id, imported_at, "
    "updated_at"
)


def _index_copy(conn: sqlite3.Connection, off: int, take: int) -> None:
    """Index rows for the copy at id offset `off`: the index is contentless (schema v2), so
    its rows cannot be copied; they are computed from the source documents as stored."""
    cur = conn.execute(
        "SELECT id, title, body, boilerplate, coalesce(date, date_inferred) FROM s.documents "
        "ORDER BY id LIMIT ?",
        (take,),
    )
    while rows := cur.fetchmany(500):
        index_documents(
            conn,
            [(d + off, date, stored_columns(t, b, bp)) for d, t, b, bp, date in rows],
            new=True,
        )


def replicate(src: Path, dst: Path, n: int) -> Path:
    """Make `dst` an archive of `n` documents built from copies of `src`'s documents."""
    stamp = dst.with_suffix(".done")
    if dst.exists() and stamp.exists() and stamp.read_text() == f"{src.name}:{n}":
        return dst
    for old in dst.parent.glob(dst.name + "*"):
        old.unlink()
    started = time.perf_counter()
    src_conn = sqlite3.connect(src)
    src_conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    src_conn.close()
    shutil.copyfile(src, dst)
    conn = sqlite3.connect(dst, isolation_level=None)
    conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
    conn.execute("ATTACH DATABASE ? AS s", (f"file:{src}?mode=ro",))
    (base, top) = conn.execute("SELECT count(*), max(id) FROM s.documents").fetchone()
    copies = -(-n // base)
    for k in range(1, copies):
        take = min(base, n - k * base)
        if take <= 0:
            break
        off = k * top
        conn.execute("BEGIN")
        conn.execute(
            f"INSERT INTO documents (id, {_DOC_COLUMNS}) "
            f"SELECT id + ?, source_key || '~r{k}', path || '~r{k}', "
            + _DOC_COLUMNS.split(", ", 2)[2]
            + " FROM s.documents ORDER BY id LIMIT ?",
            (off, take),
        )
        _index_copy(conn, off, take)
        for table, cols in (
            ("document_entities", "entity_id, count, surfaces"),
            ("document_dates", "iso, text, start, end"),
            ("document_resolutions", "number"),
        ):
            conn.execute(
                f"INSERT INTO {table} (document_id, {cols}) SELECT document_id + ?, {cols} "
                f"FROM s.{table} WHERE document_id <= (SELECT max(id) FROM "
                f"(SELECT id FROM s.documents ORDER BY id LIMIT ?))",
                (off, take),
            )
        conn.execute("COMMIT")
        echo(f"  replicated copy {k + 1}/{copies} ({time.perf_counter() - started:.0f} s)")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    stamp.write_text(f"{src.name}:{n}")
    echo(f"  {dst.name}: {n:,} documents in {time.perf_counter() - started:.0f} s")
    return dst
