"""Import: `arshif import` against `sqlite-utils insert` + `enable-fts` of the same dump.

Both run as child processes on the same JSONL file in the same run. The baseline stores
title and body and builds a plain FTS5 (unicode61) index of them: no normalisation, no
stems, no metadata. The ratio is arshif's wall time over the baseline's. Also reports the
importer's peak memory and the bytes of database per byte of text for both.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import Corpus
from bench.proc import run
from bench.report import Row, echo, skipped

BIN = Path(sys.executable).parent
IMPORT_RATIO_TARGET = 1.5  # at 30 000 documents


@dataclass(frozen=True, slots=True)
class Imported:
    rows: list[Row]
    archive_db: Path | None  # None when the importer is not available
    baseline_db: Path


def db_bytes(path: Path) -> int:
    """Size of the database after a WAL checkpoint (main file + any WAL left)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())


def _remove(db: Path) -> None:
    for p in db.parent.glob(db.name + "*"):
        p.unlink()


def _count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
    except sqlite3.Error:
        return -1
    finally:
        conn.close()


def baseline(corpus: Corpus, db: Path, *, reuse: bool) -> tuple[float | None, list[Row]]:
    """sqlite-utils insert + enable-fts; returns the total seconds (None if reused)."""
    section = f"import {corpus.documents:,}"
    if reuse and db.exists() and _count(db, "docs") == corpus.documents:
        echo(f"  baseline: reusing {db}")
        return None, [Row(section, "sqlite-utils baseline", None, "s", note=f"reused {db.name}")]
    _remove(db)
    sqlite_utils = str(BIN / "sqlite-utils")
    insert = run([sqlite_utils, "insert", str(db), "docs", str(corpus.jsonl), "--nl"])
    if insert.returncode:
        raise RuntimeError(f"sqlite-utils insert failed: {insert.stderr[-2000:]}")
    fts = run([sqlite_utils, "enable-fts", str(db), "docs", "title", "body", "--fts5"])
    if fts.returncode:
        raise RuntimeError(f"sqlite-utils enable-fts failed: {fts.stderr[-2000:]}")
    total = insert.seconds + fts.seconds
    cpu = insert.cpu_seconds + fts.cpu_seconds
    echo(
        f"  baseline: insert {insert.seconds:.1f} s + enable-fts {fts.seconds:.1f} s, CPU {cpu:.1f} s"
    )
    return total, [
        Row(section, "sqlite-utils insert", insert.seconds, "s"),
        Row(section, "sqlite-utils enable-fts", fts.seconds, "s"),
        Row(section, "baseline total", total, "s", note=f"{corpus.documents / total:,.0f} docs/s"),
        Row(section, "baseline peak RSS", max(insert.maxrss_mb, fts.maxrss_mb), "MB"),
    ]


def importer_available() -> str | None:
    """None when `arshif import` exists, else the reason it does not."""
    from archive.cli import import_cmd

    if not any(c.name == "import" for c in import_cmd.COMMANDS):
        return "`arshif import` is not registered on this branch (archive/cli/import_cmd.py)"
    return None


def arshif(corpus: Corpus, db: Path, *, reuse: bool) -> tuple[float | None, list[Row], bool]:
    section = f"import {corpus.documents:,}"
    reason = importer_available()
    if reason:
        return None, [skipped(section, reason)], False
    if reuse and db.exists() and _count(db, "documents") == corpus.documents:
        echo(f"  arshif: reusing {db}")
        return None, [Row(section, "arshif import", None, "s", note=f"reused {db.name}")], True
    _remove(db)
    done = run([str(BIN / "arshif"), "import", str(corpus.jsonl), "--db", str(db)])
    summary = (done.stdout.strip().splitlines() or [""])[-1]
    echo(
        f"  arshif: {done.seconds:.1f} s (CPU {done.cpu_seconds:.1f} s), exit {done.returncode}: "
        f"{summary}"
    )
    if done.returncode not in (0, 1) or not db.exists():
        return (
            None,
            [skipped(section, f"arshif import exit {done.returncode}: {done.stderr[-300:]}")],
            False,
        )
    stored = _count(db, "documents")
    return (
        done.seconds,
        [
            Row(
                section,
                "arshif import",
                done.seconds,
                "s",
                note=f"{corpus.documents / done.seconds:,.0f} docs/s; {stored:,} stored; {summary}",
            ),
            Row(
                section,
                "arshif import CPU (all processes)",
                done.cpu_seconds,
                "s",
                note=f"{1000 * done.cpu_seconds / corpus.documents:.2f} ms/doc; "
                f"{done.cpu_seconds / done.seconds:.2f} cores busy on average",
            ),
            Row(section, "importer peak RSS (largest process)", done.maxrss_mb, "MB"),
            Row(section, "importer peak RSS (process tree)", done.tree_peak_mb, "MB"),
        ],
        True,
    )


def bench_import(corpus: Corpus, work: Path, *, reuse: bool = False) -> Imported:
    work.mkdir(parents=True, exist_ok=True)
    stem = corpus.jsonl.stem
    base_db, arc_db = work / f"{stem}.baseline.db", work / f"{stem}.arshif.db"
    section = f"import {corpus.documents:,}"
    echo(f"[import] {corpus.documents:,} documents, {corpus.text_bytes / 2**20:,.0f} MiB of text")
    base_s, rows = baseline(corpus, base_db, reuse=reuse)
    arc_s, arc_rows, ok = arshif(corpus, arc_db, reuse=reuse)
    rows += arc_rows
    if base_s and arc_s:
        target = IMPORT_RATIO_TARGET if corpus.documents <= 30_000 else None
        rows.append(Row(section, "arshif / baseline time", arc_s / base_s, "x", target))
    size = f"size {corpus.documents:,}"
    rows.append(
        Row(size, "baseline DB bytes per text byte", db_bytes(base_db) / corpus.text_bytes, "x")
    )
    if ok:
        rows.append(
            Row(size, "arshif DB bytes per text byte", db_bytes(arc_db) / corpus.text_bytes, "x")
        )
    return Imported(rows, arc_db if ok else None, base_db)
