"""Concurrent use: readers (the search function, the app) while an import writes, and two
imports into the same archive at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from archive.search.engine import search
from archive.store import Archive
from tests.app.conftest import settle
from tests.test_hardening_crash import check_consistent, make_corpus
from tui.app import make_app

ROOT = Path(__file__).resolve().parent.parent


def importer(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "importer.py"), str(folder), "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def seeded_archive(tmp_path: Path) -> Path:
    """An archive holding one imported document, so readers have a schema to open."""
    seed = tmp_path / "seed"
    seed.mkdir()
    (seed / "first.txt").write_text("خبر أول\nاجتمع المجلس في دمشق.", encoding="utf-8")
    db = tmp_path / "archive.db"
    proc = importer(seed, db)
    proc.communicate(timeout=60)
    assert proc.returncode == 0
    return db


def test_search_while_an_import_writes_never_sees_a_locked_database(tmp_path: Path) -> None:
    db = seeded_archive(tmp_path)
    folder = tmp_path / "news"
    make_corpus(folder, 1500)
    proc = importer(folder, db)
    totals: list[int] = []
    with Archive(db) as reader:
        while proc.poll() is None:
            result = search(reader, "المجلس", limit=5)
            assert result.error is None, result.error
            assert len(result.hits) == min(5, result.total)
            everything = search(reader, "", limit=1)
            assert everything.error is None, everything.error
            totals.append(everything.total)
            time.sleep(0.05)
        out, err = proc.communicate()
        assert proc.returncode == 0, err
        assert "locked" not in err
        final = search(reader, "", limit=1)
        assert final.total == 1501
    assert totals == sorted(totals), "a reader saw the archive shrink"
    assert len(set(totals)) > 1, f"the reader never saw a batch commit: {set(totals)}"


def test_two_imports_at_once_serialise_and_equal_one_import(tmp_path: Path) -> None:
    db = seeded_archive(tmp_path)
    folder = tmp_path / "news"
    make_corpus(folder, 1200)
    first, second = importer(folder, db), importer(folder, db)
    outputs = [p.communicate(timeout=180) for p in (first, second)]
    for proc, (_out, err) in zip((first, second), outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
    assert check_consistent(db) == 1201
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(DISTINCT source_key) FROM documents").fetchone() == (
            1201,
        )
        assert conn.execute(
            "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"
        ).fetchone() == (0,)
    added = sum(int(out.split("added ")[1].split(",")[0]) for out, _ in outputs)
    assert added == 1200


async def test_the_app_shows_documents_an_import_commits_while_it_is_open(
    tmp_path: Path,
) -> None:
    db = seeded_archive(tmp_path)
    folder = tmp_path / "news"
    make_corpus(folder, 800)
    app = make_app(db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.document_list.total == 1
        proc = importer(folder, db)
        while proc.poll() is None:
            await pilot.press("down")  # the app keeps answering keys meanwhile
            await pilot.pause(0.2)
        _out, err = proc.communicate()
        assert proc.returncode == 0, err
        deadline = time.monotonic() + 10
        while app.document_list.total != 801 and time.monotonic() < deadline:
            await pilot.pause(0.25)  # the periodic data_version check, no key pressed
        assert app.document_list.total == 801
        assert "locked" not in str(app.status.render())
        await pilot.press("slash")
        await pilot.press(*"المجلس")
        await settle(pilot)
        assert app.document_list.total >= 1


async def test_tagging_in_the_app_while_an_import_writes_waits_instead_of_failing(
    tmp_path: Path,
) -> None:
    db = seeded_archive(tmp_path)
    folder = tmp_path / "news"
    make_corpus(folder, 1500)
    app = make_app(db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        doc_id = app.document_list.current_hit.id
        proc = importer(folder, db)
        while proc.poll() is None and not import_has_written(db):
            await pilot.pause(0.05)
        await pilot.press("t", *"عاجل", "enter")  # a write while the importer writes
        await settle(pilot)
        _out, err = proc.communicate()
        assert proc.returncode == 0, err
        await settle(pilot)
        assert "locked" not in str(app.status.render())
    with Archive(db) as archive:
        assert archive.tags_of(doc_id) == ("عاجل",)
        assert archive.count() == 1501


def import_has_written(db: Path) -> bool:
    conn = sqlite3.connect(db, timeout=30)
    try:
        (n,) = conn.execute("SELECT count(*) FROM documents").fetchone()
        return n > 1
    finally:
        conn.close()


def test_processes_opening_a_new_archive_at_once_all_succeed(tmp_path: Path) -> None:
    """Switching a new file to WAL needs it to itself; the others wait instead of failing
    with "database is locked" (seen when two imports started on a missing archive)."""
    code = "import sys; from archive.store import Archive; Archive(sys.argv[1]).close()"
    failures = []
    for round_ in range(12):
        db = tmp_path / f"new-{round_}.db"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code, str(db)], stderr=subprocess.PIPE, text=True
            )
            for _ in range(3)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=60)
            if proc.returncode:
                failures.append(err.strip().splitlines()[-1])
    assert failures == []
