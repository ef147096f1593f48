"""Crash safety: `python importer.py DIR --db X` killed with SIGKILL at random moments.

After every kill the file passes SQLite's and FTS5's integrity checks, documents and index
rows agree, and the same command run again finishes the import. When a run finished before
its kill, the loop goes on with a fresh archive, so most kills land mid-import.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "اجتماع مجلس الأمن الدولي بحث الأوضاع في سوريا والعراق ولبنان وقال المتحدث إن الحكومة "
    "ستعقد مؤتمرا صحفيا يوم الأحد المقبل لمناقشة الانتخابات والاقتصاد والتعليم والصحة"
).split()
FILES = 2000
KILLS = 20


def make_corpus(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    for n in range(count):
        sub = folder / f"batch{n // 500}"
        if n % 500 == 0:
            sub.mkdir(parents=True)
        words = [rng.choice(WORDS) for _ in range(rng.randint(20, 80))]
        (sub / f"{n:05d}.txt").write_text(
            f"خبر رقم {n}\n{' '.join(words)} (الرقم {n})", encoding="utf-8"
        )


def check_consistent(db: Path) -> int:
    """Integrity of the file and of the FTS index; the number of documents."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')")
        (docs,) = conn.execute("SELECT count(*) FROM documents").fetchone()
        (indexed,) = conn.execute("SELECT count(*) FROM documents_fts").fetchone()
        assert docs == indexed, f"{docs} documents but {indexed} index rows"
        orphans = conn.execute(
            "SELECT count(*) FROM search_index WHERE document_id NOT IN (SELECT id FROM documents)"
        ).fetchone()
        assert orphans == (0,)
        return int(docs)
    finally:
        conn.close()


def importer(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "importer.py"), str(folder), "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its worker processes die with it
    )


def rows_in(db: Path, table: str) -> int:
    """How many rows `table` of the archive holds (0 before the file or its schema exist)."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # no schema yet
        return 0
    finally:
        conn.close()


def import_runs(db: Path) -> int:
    return rows_in(db, "imports")


def wait_until_more(proc: subprocess.Popen[str], db: Path, table: str, before: int) -> None:
    """Until the running importer has written more than `before` rows to `table`."""
    deadline = time.monotonic() + 30
    while proc.poll() is None and time.monotonic() < deadline:
        if rows_in(db, table) > before:
            return
        time.sleep(0.01)


def wait_until_started(proc: subprocess.Popen[str], db: Path, runs_before: int) -> None:
    """Until the importer has recorded its run (Python and the schema are up)."""
    wait_until_more(proc, db, "imports", runs_before)


def wait_until_committed(proc: subprocess.Popen[str], db: Path) -> None:
    """Until the running import has committed a batch more than the archive held before."""
    wait_until_more(proc, db, "documents", rows_in(db, "documents"))


def test_kill_9_at_random_moments_leaves_a_consistent_archive_and_a_rerun_finishes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    make_corpus(folder, FILES)
    db = tmp_path / "archive.db"
    rng = random.Random(2026)
    seen: list[int] = []
    started = time.perf_counter()
    # How long one whole import takes on this machine now: the kills land inside that window,
    # whatever the machine's speed or load.
    timing = tmp_path / "timing.db"
    proc = importer(folder, timing)
    wait_until_started(proc, timing, 0)
    t0 = time.perf_counter()
    proc.communicate(timeout=300)
    window = max(0.2, time.perf_counter() - t0)
    kill = 0
    # KILLS kills, and more (up to 3 x KILLS) while fewer than 3 have landed mid-import: on a
    # machine whose load changes under the test, a kill may land after the import is done
    while kill < KILLS or (sum(0 < n < FILES for n in seen) < 3 and kill < 3 * KILLS):
        kill += 1
        runs_before = import_runs(db)
        proc = importer(folder, db)
        wait_until_started(proc, db, runs_before)
        begun = time.perf_counter()
        if kill % 2:  # every other kill lands after a batch was committed: a faster import
            wait_until_committed(proc, db)  # spends less of its time there than starting
        time.sleep(rng.uniform(0.0, max(0.05, window - (time.perf_counter() - begun))))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        if db.exists():
            seen.append(check_consistent(db))
            if seen[-1] == FILES:  # the run finished before the kill: start a fresh archive
                for leftover in tmp_path.glob("archive.db*"):
                    leftover.unlink()
    assert sum(0 < n < FILES for n in seen) >= 3, f"too few kills landed mid-import: {seen}"
    before = check_consistent(db) if db.exists() else 0  # the last run may have finished
    proc = importer(folder, db)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert check_consistent(db) == FILES
    summary = re.search(r"added (\d+), updated (\d+), unchanged (\d+)", out)
    assert summary is not None, out
    added, updated, unchanged = map(int, summary.groups())
    assert (added, updated, unchanged) == (FILES - before, 0, before)
    print(f"kills {seen}; final run added {added}; {time.perf_counter() - started:.0f} s")
