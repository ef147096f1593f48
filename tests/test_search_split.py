"""Exact counts split over two connections (archive.search.split): the same totals as one
connection, stopped by an interrupt of the archive's connection, recounted after a commit
that came while the ranges were counted, and only where the archive is large."""

from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path

import pytest

from archive.search import compile as compile_module
from archive.search import page, split
from archive.search.compile import _IndexHas, compile_query
from archive.search.engine import count, search
from archive.search.page import materialise_filters
from archive.search.query import QueryError, parse
from archive.store import Archive
from tests.archive_factory import Doc, add_documents, make_archive

WORDS = ("سوريا", "الرقة", "مجلس", "قوات", "الإدارة", "حلب", "دمشق", "اتفاق", "لجنة", "وفد")
SOURCES = ("سانا", "هاوار", "عنب بلدي")
QUERIES = (
    "سوريا",
    "الرقة",
    "مجلس قوات",
    '"قوات سوريا"',
    "قو*",
    "سوري*",
    "سوريا -حلب",
    "سوريا OR دمشق",
    "سوريا date:2019",
    "الرقة date:2018-03..2019-06",
    "مجلس after:2019-01-01",
    "قوات before:2018-06-30",
    "سوريا source:سانا",
    "title:سوريا الرقة",
    "لجنة -وفد source:هاوار",
)


def _docs(n: int, *, one_day: bool = False, seed: int = 7) -> list[Doc]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12)))
        if i % 5 == 0:
            body += " قوات سوريا"
        if one_day:
            date: str | None = "2019-05-05"
        elif i % 9 == 0:
            date = None  # undated: the lowest date keys
        else:
            date = f"{rng.randint(2017, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = " ".join(rng.choice(WORDS) for _ in range(2))
        docs.append(Doc(title=title, body=body, date=date, source=rng.choice(SOURCES)))
    return docs


@pytest.fixture
def force_split(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[int, int]]]:
    """Split every count of a match of 2 documents or more into up to 4 ranges; returns
    the (thread, range) of every range counted."""
    monkeypatch.setattr(split, "SPLIT_MIN_DOCUMENTS", 0)
    monkeypatch.setattr(split, "PROBE_MATCHES", 2)
    monkeypatch.setattr(split, "CHUNKS", 4)
    monkeypatch.setattr(split, "SLICES", 8)
    monkeypatch.setattr(split, "RANGE_MATCHES", 1)
    monkeypatch.setattr(page, "BM25_MAX_ROWS", 2)  # pages that do not count their matches
    counted: list[tuple[str, tuple[int, int]]] = []
    real = split.count_range

    def recorded(conn: sqlite3.Connection, compiled, keys):  # type: ignore[no-untyped-def]
        counted.append((threading.current_thread().name, keys))
        return real(conn, compiled, keys)

    monkeypatch.setattr(split, "count_range", recorded)
    return counted


def _single(archive: Archive, query: str, sort: str = "rank") -> tuple[int, list[int]]:
    saved = split.SPLIT_MIN_DOCUMENTS
    split.SPLIT_MIN_DOCUMENTS = 10**12
    try:
        result = search(archive, query, limit=7, sort=sort, highlights=False)
    finally:
        split.SPLIT_MIN_DOCUMENTS = saved
    assert result.error is None
    return result.total, [h.id for h in result.hits]


@pytest.mark.parametrize("one_day", [False, True], ids=["dates-and-undated", "one-day"])
def test_split_count_equals_the_single_count(
    tmp_path: Path, force_split: list, one_day: bool
) -> None:
    make_archive(tmp_path / "a.db", _docs(160, one_day=one_day))
    with Archive(tmp_path / "a.db") as archive:
        expected = {(q, s): _single(archive, q, s) for q in QUERIES for s in ("rank", "date")}
        for (query, sort), (total, ids) in expected.items():
            result = search(archive, query, limit=7, sort=sort, highlights=False)
            assert result.error is None
            assert (result.total, [h.id for h in result.hits]) == (total, ids), query
            assert count(archive, query) == total, query
        assert any(total > 2 for total, _ in expected.values())
    threads = {name for name, _ in force_split}
    assert "arshif-count" in threads and len(threads) == 2  # both connections counted


def test_split_search_hits_carry_the_same_snippets_and_spans(
    tmp_path: Path, force_split: list
) -> None:
    # The page's hits are made while the other thread counts: same hits as on one connection.
    make_archive(tmp_path / "a.db", _docs(160))
    with Archive(tmp_path / "a.db") as archive:
        for query in ("سوريا", '"قوات سوريا"', "مجلس قوات", "سوريا source:سانا"):
            saved = split.SPLIT_MIN_DOCUMENTS
            split.SPLIT_MIN_DOCUMENTS = 10**12
            try:
                single = search(archive, query, limit=7)
            finally:
                split.SPLIT_MIN_DOCUMENTS = saved
            force_split.clear()
            both = search(archive, query, limit=7)
            assert force_split, query  # the count was split
            assert both.total == single.total and both.hits == single.hits, query
            assert all(h.snippet for h in both.hits) and any(h.body_spans for h in both.hits)


def test_split_ranges_cover_the_keys_without_overlap() -> None:
    assert split.ranges((10, 20, 30), (0, 100)) == [(0, 10), (10, 20), (20, 30), (30, 100)]
    assert split.ranges((10, 20, 30), (15, 25)) == [(15, 20), (20, 25)]
    assert split.ranges((), (5, 6)) == [(5, 6)]


def test_cuts_follow_the_expected_matches() -> None:
    points = tuple(range(10, 320, 10))  # 32 slices of the index
    # 50 000 matches in the first two slices: ~800 000 expected, the most ranges (8)
    assert split.cuts(points, (0, 1000), 50_000, (0, 15)) == (40, 80, 120, 160, 200, 240, 280)
    # in 13 slices: ~123 000 expected, 3 ranges of whole slices
    assert split.cuts(points, (0, 1000), 50_000, (0, 125)) == (110, 210)
    # never fewer than 2 ranges, cut where slices end
    assert split.cuts(points, (95, 125), 1, (0, 15)) == (110,)


def test_a_small_archive_counts_on_one_connection(tmp_path: Path) -> None:
    make_archive(tmp_path / "a.db", _docs(40))
    with Archive(tmp_path / "a.db") as archive:
        compiled = compile_query(archive.conn, parse("سوريا"))
        with split.parallel_count(archive, compiled) as pending:
            assert pending is None
        assert search(archive, "سوريا").total == count(archive, "سوريا") > 0


def test_a_prefix_left_to_fts5_counts_on_one_connection_one_of_few_terms_in_ranges(
    tmp_path: Path, force_split: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_archive(tmp_path / "a.db", _docs(40))
    with Archive(tmp_path / "a.db") as archive:
        compiled = compile_query(archive.conn, parse("سوري* مجلس"))
        assert "*" not in compiled.match  # searched as its terms (archive.search.terms)
        with split.parallel_count(archive, compiled) as pending:
            assert pending is not None
            total = pending.result(compiled)
        monkeypatch.setattr(compile_module, "MAX_PREFIX_TERMS", 0)
        compiled = compile_query(archive.conn, parse("سوري* مجلس"))
        with split.parallel_count(archive, compiled) as pending:
            assert pending is None  # FTS5 would gather the prefix's terms again per range
        assert count(archive, "سوري* مجلس") == total > 0


def test_a_count_inside_a_transaction_stays_on_its_connection(
    tmp_path: Path, force_split: list
) -> None:
    make_archive(tmp_path / "a.db", _docs(40))
    with Archive(tmp_path / "a.db") as archive:
        compiled = compile_query(archive.conn, parse("سوريا"))
        archive.conn.execute("BEGIN")
        with split.parallel_count(archive, compiled) as pending:
            assert pending is None  # the reader would not see the transaction's changes
        archive.conn.rollback()
        with split.parallel_count(archive, compiled) as pending:
            assert pending is not None
            assert pending.result(compiled) == _single(archive, "سوريا")[0]


def test_the_reader_connection_closes_with_the_archive(tmp_path: Path, force_split: list) -> None:
    make_archive(tmp_path / "a.db", _docs(40))
    archive = Archive(tmp_path / "a.db")
    count(archive, "سوريا")
    with archive.reader() as reader:
        assert reader is not None
        assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == 40
    archive.close()
    with pytest.raises(sqlite3.ProgrammingError):
        reader.execute("SELECT 1")


def test_interrupting_the_archive_stops_the_readers_statement(
    tmp_path: Path, force_split: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader runs a statement that would take many seconds; interrupting
    archive.conn (as the app does for a stale search) stops it, and the count fails with
    "interrupted" instead of returning a total."""
    make_archive(tmp_path / "a.db", _docs(80))
    started = threading.Event()
    outcome: list[object] = []
    real = split.count_range

    def slow_on_reader(conn: sqlite3.Connection, compiled, keys):  # type: ignore[no-untyped-def]
        if threading.current_thread().name != "arshif-count":
            return real(conn, compiled, keys)
        conn.create_function("running", 0, lambda: started.set() or 1)
        try:  # (the event is set once the statement runs: there is something to stop)
            conn.execute(
                "WITH RECURSIVE c(x) AS (SELECT running() UNION ALL SELECT x + 1 FROM c "
                "LIMIT 200000000) SELECT count(*) FROM c"
            ).fetchone()
        except sqlite3.OperationalError as exc:
            outcome.append(exc)
            raise
        outcome.append("finished")
        return real(conn, compiled, keys)

    monkeypatch.setattr(split, "count_range", slow_on_reader)
    with Archive(tmp_path / "a.db") as archive:
        errors: list[Exception] = []

        def run() -> None:
            try:
                count(archive, "سوريا")
            except QueryError as exc:
                errors.append(exc)

        worker = threading.Thread(target=run)
        worker.start()
        assert started.wait(10)
        archive.conn.interrupt()
        worker.join()
        assert len(errors) == 1 and "interrupted" in str(errors[0])
        assert len(outcome) == 1 and "interrupted" in str(outcome[0])
        monkeypatch.setattr(split, "count_range", real)
        assert count(archive, "سوريا") == _single(archive, "سوريا")[0]  # usable after


def test_an_interrupt_between_two_ranges_still_stops_the_count(
    tmp_path: Path, force_split: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The interrupt comes while no statement runs on either connection (the reader waits
    between two ranges), so SQLite has nothing to stop: the split count sees it itself."""
    make_archive(tmp_path / "a.db", _docs(80))
    in_range, go_on = threading.Event(), threading.Event()
    real = split.count_range

    def pausing(conn: sqlite3.Connection, compiled, keys):  # type: ignore[no-untyped-def]
        n = real(conn, compiled, keys)
        if not in_range.is_set():
            in_range.set()
            go_on.wait(10)
        return n

    monkeypatch.setattr(split, "count_range", pausing)
    with Archive(tmp_path / "a.db") as archive:
        compiled = compile_query(archive.conn, parse("سوريا"))
        with split.parallel_count(archive, compiled) as pending:
            assert pending is not None
            assert in_range.wait(10)
            archive.conn.interrupt()
            go_on.set()
            with pytest.raises(sqlite3.OperationalError, match="interrupted"):
                pending.result(materialise_filters(archive.conn, compiled))
        assert count(archive, "سوريا") == _single(archive, "سوريا")[0]  # later counts run


def _iso(date_number: int) -> str | None:
    if date_number == 0:
        return None
    return f"{date_number // 10_000:04d}-{date_number // 100 % 100:02d}-{date_number % 100:02d}"


def test_a_commit_while_the_ranges_are_counted_gives_the_new_total(
    tmp_path: Path, force_split: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the first range is counted, another connection commits a matching document
    dated within that range: summing the ranges would miss it; the count runs again."""
    make_archive(tmp_path / "a.db", _docs(80))
    real = split.count_range
    added: list[int] = []
    once = threading.Lock()  # (both threads count ranges)

    def commit_after_first(conn: sqlite3.Connection, compiled, keys):  # type: ignore[no-untyped-def]
        n = real(conn, compiled, keys)
        with once:
            if not added:
                doc = Doc(title="خبر", body="سوريا اليوم", date=_iso(keys[0] >> 32))
                with Archive(tmp_path / "a.db") as writer:
                    added.extend(add_documents(writer, [doc]))
                assert real(conn, compiled, keys) == n + 1  # in the range just counted
        return n

    monkeypatch.setattr(split, "count_range", commit_after_first)
    with Archive(tmp_path / "a.db") as archive:
        before = _single(archive, "سوريا")[0]
        total = count(archive, "سوريا")
        assert added and total == before + 1 == _single(archive, "سوريا")[0]


def test_term_table_answers_as_a_match_does(tmp_path: Path) -> None:
    """Whether the index holds a form (or a prefix of words) asked of fts5vocab gives the
    answer a MATCH gives, for forms that exist, prefixes of them and forms that do not."""
    make_archive(tmp_path / "a.db", _docs(60))
    with Archive(tmp_path / "a.db") as archive:
        has = _IndexHas(archive.conn)
        forms = {w[:k] for w in WORDS for k in range(1, len(w) + 1)}
        forms |= {"و" + w for w in WORDS} | {"زززز", "سوريات", "2019", "ي"}
        for form in sorted(forms):
            for prefix in (False, True):
                expr = f'"{form}"' + ("*" if prefix else "")
                row = archive.conn.execute(
                    "SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT 1", (expr,)
                ).fetchone()
                assert has(form, prefix) == (row is not None), (form, prefix)
