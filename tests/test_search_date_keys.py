"""The index's rowids are date keys: newest-first walks, date filters as rowid ranges, and
the document id still recoverable (`search_index`), whatever order documents arrive in."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from archive.importing.run import run_import
from archive.search.compile import _bound_number, key_range
from archive.search.engine import search
from archive.search.index import ID_MASK, date_number, fts_key, index_version, stored_columns
from archive.store import Archive

SUBJECTS = ("الرقة", "حلب", "دمشق")


def iso(year: int, month: int | None, day: int | None) -> str:
    return (
        f"{year:04d}"
        + (f"-{month:02d}" if month else "")
        + (f"-{day:02d}" if month and day else "")
    )


stored_dates = st.builds(
    iso,
    st.integers(1900, 2100),
    st.one_of(st.none(), st.integers(1, 12)),
    st.one_of(st.none(), st.integers(1, 28)),
)


@given(stored_dates, stored_dates)
def test_date_numbers_sort_as_the_stored_strings_do(a: str, b: str) -> None:
    assert (date_number(a) < date_number(b)) == (a < b)
    assert (date_number(a) == date_number(b)) == (a == b)


def test_undated_and_unreadable_dates_key_below_every_date() -> None:
    assert date_number(None) == date_number("") == date_number("12 May 2023") == 0
    assert fts_key(7, None) < fts_key(1, "1000-01-01") < fts_key(1, "1900")
    assert fts_key(7, None) & ID_MASK == fts_key(7, "2023-05-01") & ID_MASK == 7


key_dates = st.one_of(st.none(), stored_dates, st.sampled_from(["0001", "0999-12-31", "9999-12"]))


@given(key_dates, key_dates, st.integers(1, ID_MASK), st.integers(1, ID_MASK))
def test_two_keys_are_less_than_2_to_the_56_apart(
    a: str | None, b: str | None, i: int, j: int
) -> None:
    # A larger gap between two rowids makes SQLite 3.40's FTS5 walk newest first wrongly
    # (test_newest_first_walks_of_and_not_and_phrases_are_complete).
    assert abs(fts_key(i, a) - fts_key(j, b)) < 1 << 56
    if a is not None and b is not None and "1900" <= min(a, b):
        assert (fts_key(i, a) < fts_key(j, b)) == ((a, i) < (b, j)) or a == b


def test_newest_first_walks_of_and_not_and_phrases_are_complete() -> None:
    # FTS5's own table, keyed as ours: 20 000 rows, a tenth undated, the dated ones on
    # 150 000 date numbers. With undated rows at key date 0, SQLite 3.40 walked
    # "alpha AND beta" newest first without some undated matches and "alpha NOT beta"
    # with some excluded ones (as it did on the bench archive's real dates).
    rng = random.Random(1)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a, content='')")
    rows = []
    for i in range(1, 20_001):
        words = ["alpha"] * (rng.random() < 0.05) + ["beta"] * (rng.random() < 0.9)
        words += [f"w{rng.randint(1, 500)}" for _ in range(30)]
        rng.shuffle(words)
        n = 20100101 + rng.randint(0, 150_000)
        date = None if rng.random() < 0.1 else f"{n // 10_000}-{n // 100 % 100:02d}-{n % 100:02d}"
        rows.append((fts_key(i, date), " ".join(words)))
    conn.executemany("INSERT INTO t (rowid, a) VALUES (?, ?)", sorted(rows))
    for query in ("alpha AND beta", "alpha NOT beta", "alpha AND (beta OR w7)"):
        walk = "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid"
        newest = [r[0] for r in conn.execute(f"{walk} DESC", [query])]
        oldest = [r[0] for r in conn.execute(walk, [query])]
        assert newest == oldest[::-1], query


@given(stored_dates, stored_dates, stored_dates, st.sampled_from(("date", "before", "after")))
@settings(max_examples=300)
def test_a_date_filter_as_a_key_range_selects_what_the_string_filter_selects(
    stored: str, low: str, high: str, kind: str
) -> None:
    from archive.search.compile import _date_range
    from archive.search.query import Filter

    value = {"date": f"{min(low, high)}..{max(low, high)}", "before": high, "after": low}[kind]
    lo, hi = _date_range(Filter(field=kind, value=value))
    by_string = (lo is None or stored >= lo) and (hi is None or stored < hi)
    key_lo, key_hi = key_range([(lo, hi)])
    assert (key_lo <= fts_key(5, stored) < key_hi) == by_string, (stored, lo, hi)
    assert not key_lo <= fts_key(5, None) < key_hi  # undated: outside, as NULL is


def test_bound_numbers() -> None:
    assert _bound_number("2023") == 20230000
    assert _bound_number("2023~") == 20240000
    assert _bound_number("2023-06~") == 20230700
    assert _bound_number("2023-06-30~") == 20230631


def _folder(tmp_path: Path, dates: list[str | None]) -> Path:
    """A JSONL dump, one article per date, the dates in shuffled order (as dumps come)."""
    records = []
    for i, date in enumerate(dates):
        subject = SUBJECTS[i % len(SUBJECTS)]
        body = (
            f"قال مسؤولون في {subject} إن الاجتماع رقم {i} بحث الأوضاع الأمنية والخدمية. "
            "وأضافوا أن المحادثات ستستمر في الأسابيع المقبلة."
        )
        records.append({"title": f"تقرير {i} عن {subject}", "text": body, "date": date})
    random.Random(4).shuffle(records)
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


def _dates(n: int) -> list[str | None]:
    rng = random.Random(11)
    out: list[str | None] = []
    for _ in range(n):
        roll = rng.random()
        year = rng.randint(2010, 2024)
        if roll < 0.1:
            out.append(None)
        elif roll < 0.2:
            out.append(f"{year}")
        elif roll < 0.3:
            out.append(f"{year}-{rng.randint(1, 12):02d}")
        else:
            out.append(f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    return out


def _expected_newest(conn: sqlite3.Connection, ids: set[int]) -> list[int]:
    rows = conn.execute("SELECT id, coalesce(date, date_inferred) FROM documents").fetchall()
    ordered = sorted(rows, key=lambda r: (r[1] is not None, r[1] or "", r[0]), reverse=True)
    return [i for i, _ in ordered if i in ids]


def _all_ids(archive: Archive, query: str) -> set[int]:
    return {h.id for h in search(archive, query, limit=10_000).hits}


def test_newest_first_and_date_filters_agree_with_the_stored_dates(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with Archive(db) as archive:
        run_import(archive, [_folder(tmp_path, _dates(120))], workers=1)
        conn = archive.conn
        for word in ("الرقة", "المحادثات", '"الأوضاع الأمنية"'):
            everything = _all_ids(archive, word)
            assert everything
            page = [h.id for h in search(archive, word, limit=25, offset=10, sort="date").hits]
            assert page == _expected_newest(conn, everything)[10:35], word
        rows = conn.execute("SELECT id, coalesce(date, date_inferred) FROM documents").fetchall()
        for flt, keep in (
            ("date:2015", lambda d: d.startswith("2015")),
            ("date:2012-03..2016-07", lambda d: "2012-03" <= d < "2016-07~"),
            ("before:2013-06", lambda d: d < "2013-06"),
            ("after:2020-02-14", lambda d: d >= "2020-02-14~"),
        ):
            want = {i for i, d in rows if d is not None and keep(d)} & _all_ids(archive, "الرقة")
            result = search(archive, f"الرقة {flt}", limit=10_000)
            assert {h.id for h in result.hits} == want and result.total == len(want), flt
            dated = search(archive, f"الرقة {flt}", limit=10_000, sort="date")
            assert [h.id for h in dated.hits] == _expected_newest(conn, want), flt
            alone = {i for i, d in rows if d is not None and keep(d)}  # no words: documents
            listed = search(archive, flt, limit=10_000)
            assert [h.id for h in listed.hits] == _expected_newest(conn, alone), flt
            assert listed.total == len(alone), flt
            capped = search(archive, flt, limit=2, count_limit=3)
            assert capped.total == min(3, len(alone)), flt
            assert capped.total_capped == (len(alone) > 3), flt


def _import_record(archive: Archive, dump: Path, record: dict[str, str]) -> None:
    """Write one article as a one-line dump and import it (again: the same url)."""
    dump.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    run_import(archive, [dump], workers=1)


def test_a_document_whose_date_changes_moves_in_the_index_and_is_found_once(
    tmp_path: Path,
) -> None:
    db = tmp_path / "a.db"
    dump = tmp_path / "one.jsonl"
    record = {"url": "https://example.org/1", "title": "اجتماع في الرقة"}
    with Archive(db) as archive:
        for date, text in (
            ("2014-01-05", "بحث الاجتماع الأوضاع."),
            ("2021-09-30", "بحث الاجتماع الأوضاع مجددا."),
        ):
            _import_record(archive, dump, {**record, "date": date, "text": text})
        (doc_id,) = archive.conn.execute("SELECT id FROM documents").fetchone()
        for table in ("documents_fts", "titles_fts"):
            assert archive.conn.execute(f"SELECT rowid FROM {table}").fetchall() == [
                (fts_key(doc_id, "2021-09-30"),)
            ]
            archive.conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
        assert [h.id for h in search(archive, "الاجتماع date:2021").hits] == [doc_id]
        assert search(archive, "الاجتماع date:2014").total == 0


def test_a_date_edited_by_hand_is_found_by_id_when_the_document_is_reimported(
    tmp_path: Path,
) -> None:
    db = tmp_path / "a.db"
    dump = tmp_path / "one.jsonl"
    record = {"url": "https://example.org/1", "title": "اجتماع في حلب", "date": "2014-01-05"}
    with Archive(db) as archive:
        _import_record(archive, dump, {**record, "text": "بحث الاجتماع الأوضاع."})
    with sqlite3.connect(db) as conn:  # outside Arshif: the index still has the old key
        conn.execute("UPDATE documents SET date = '2019-02-02'")
    with Archive(db) as archive:
        _import_record(archive, dump, {**record, "text": "بحث الاجتماع الأوضاع مجددا."})
        assert archive.conn.execute("SELECT count(*) FROM documents_fts").fetchone() == (1,)
        archive.conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        assert search(archive, "مجددا").total == 1
        assert search(archive, "حلب").total == 1


def test_search_index_view_gives_document_ids_for_sqlite3_users(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with Archive(db) as archive:
        run_import(archive, [_folder(tmp_path, _dates(12))], workers=1)
    with sqlite3.connect(db) as conn:
        found = conn.execute(
            "SELECT d.title FROM search_index s JOIN documents d ON d.id = s.document_id "
            "WHERE search_index MATCH 'حلب' ORDER BY rank"
        ).fetchall()
    assert len(found) == 4 and all("حلب" in t for (t,) in found)


def test_an_archive_indexed_by_document_id_is_rebuilt_with_date_keys_on_opening(
    tmp_path: Path,
) -> None:
    db = tmp_path / "a.db"
    with Archive(db) as archive:
        run_import(archive, [_folder(tmp_path, _dates(30))], workers=1)
        before = [h.id for h in search(archive, "المحادثات", limit=50, sort="date").hits]
    with sqlite3.connect(db) as conn:  # what Arshif wrote before the date keys
        stored = conn.execute("SELECT id, title, body, boilerplate FROM documents").fetchall()
        conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('delete-all')")
        conn.executemany(
            "INSERT INTO documents_fts (rowid, title, body, title_stem, body_stem) "
            "VALUES (?, ?, ?, ?, ?)",
            [(i, *stored_columns(t, b, bp)) for i, t, b, bp in stored],
        )
        conn.execute("UPDATE index_state SET value = '2:0123456789abcdef' WHERE name = 'version'")
        assert max(r[0] for r in conn.execute("SELECT rowid FROM documents_fts")) <= ID_MASK
    with Archive(db) as archive:
        keys = [r[0] for r in archive.conn.execute("SELECT rowid FROM documents_fts")]
        stored = archive.conn.execute(
            "SELECT id, coalesce(date, date_inferred) FROM documents"
        ).fetchall()
        assert sorted(keys) == sorted(fts_key(i, d) for i, d in stored)
        assert archive.conn.execute(
            "SELECT value FROM index_state WHERE name = 'version'"
        ).fetchone() == (index_version(),)
        assert [h.id for h in search(archive, "المحادثات", limit=50, sort="date").hits] == before


def test_the_titles_index_follows_every_title_change(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    dump = tmp_path / "one.jsonl"
    record = {"url": "https://example.org/1", "date": "2020-01-01"}
    with Archive(db) as archive:
        for title, text in (
            ("فيضانات في دير الزور", "نص الخبر عن الطقس."),
            ("عاصفة ثلجية في القامشلي", "نص الخبر عن الطقس، محدثا."),
        ):
            _import_record(archive, dump, {**record, "title": title, "text": text})
        titles = "SELECT count(*) FROM titles_fts WHERE titles_fts MATCH ?"
        assert archive.conn.execute(titles, ("فيضانات",)).fetchone() == (0,)
        assert archive.conn.execute(titles, ("القامشلي",)).fetchone() == (1,)
        assert search(archive, "فيضانات").total == 0
        [hit] = search(archive, "القامشلي").hits
        assert hit.title == "عاصفة ثلجية في القامشلي" and hit.score >= 1000  # the title group


def _two_group_dump(tmp_path: Path) -> Path:
    """30 articles: a third with الوفد in the title and the body, a third in the body
    only, a third without it; every one mentions المحادثات."""
    records = []
    for i in range(30):
        title = ("زيارة الوفد إلى حلب", "أخبار اليوم", "أخبار المساء")[i % 3]
        body = "تواصلت المحادثات في المدينة " + ("وقال الوفد إن اللقاء مثمر." if i % 3 < 2 else "")
        records.append(
            {"title": title, "text": body, "date": f"20{10 + i % 13}-0{1 + i % 9}-1{i % 10}"}
        )
    path = tmp_path / "groups.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


def test_several_words_put_the_title_group_first_ranked_or_walked(
    tmp_path: Path, monkeypatch
) -> None:
    from archive.search import page

    with Archive(tmp_path / "a.db") as archive:
        run_import(archive, [_two_group_dump(tmp_path)], workers=1)
        for cap in (1000, 4):  # groups ranked by bm25, or listed newest first
            monkeypatch.setattr(page, "BM25_MAX_ROWS", cap)
            whole = search(archive, "الوفد المحادثات", limit=100)
            assert whole.total == 20 and len(whole.hits) == 20, cap
            in_title = ["الوفد" in h.title for h in whole.hits]
            assert in_title == [True] * 10 + [False] * 10, cap
            pages = [search(archive, "الوفد المحادثات", limit=3, offset=o) for o in range(0, 21, 3)]
            assert [h.id for p in pages for h in p.hits] == [h.id for h in whole.hits], cap
            assert {p.total for p in pages} == {20}, cap
            if cap == 4:  # walked: each group newest first
                for group in (whole.hits[:10], whole.hits[10:]):
                    assert [h.date for h in group] == sorted((h.date for h in group), reverse=True)


def test_opening_an_archive_with_an_old_index_says_it_rebuilds_then_answers(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from tui.cli import main

    db = tmp_path / "a.db"
    with Archive(db) as archive:
        run_import(archive, [_folder(tmp_path, _dates(12))], workers=1)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE index_state SET value = '2:0123456789abcdef' WHERE name = 'version'")
    first = CliRunner().invoke(main, ["--db", str(db), "search", "حلب", "--json"])
    assert first.exit_code == 0, first.output
    assert f"{db}: rebuilding the search index of 12 documents" in first.stderr
    assert len(first.stdout.splitlines()) == 4
    again = CliRunner().invoke(main, ["--db", str(db), "search", "حلب", "--json"])
    assert again.stderr == "" and again.stdout == first.stdout


def test_quick_lists_newest_first_where_bm25_is_dear_and_says_it_is_provisional(
    tmp_path: Path, monkeypatch
) -> None:
    from archive.search import page

    with Archive(tmp_path / "a.db") as archive:
        run_import(archive, [_two_group_dump(tmp_path)], workers=1)
        for query in ("المحادثات", "الوفد المحادثات"):
            ranked = search(archive, query, limit=100)
            assert not search(archive, query, limit=100, quick=True).provisional  # small
            monkeypatch.setattr(page, "BM25_DEAR_DOCUMENTS", 5)  # every word is "common"
            quick = search(archive, query, limit=100, quick=True)
            assert quick.provisional and not ranked.provisional, query
            assert quick.total == ranked.total and {h.id for h in quick.hits} == {
                h.id for h in ranked.hits
            }
            in_title = [h.score >= 1000 for h in quick.hits]  # the title group still first
            assert in_title == sorted(in_title, reverse=True), query
            for group in (True, False):  # each group newest first
                dates = [h.date for h, t in zip(quick.hits, in_title, strict=True) if t == group]
                assert dates == sorted(dates, reverse=True), query
            assert [h.id for h in search(archive, query, limit=100).hits] == [
                h.id for h in ranked.hits
            ]
            monkeypatch.setattr(page, "BM25_DEAR_DOCUMENTS", 50_000)


def test_the_rebuild_notice_says_minutes_for_a_large_archive() -> None:
    from archive.cli.common import rebuild_time

    assert rebuild_time(12) == "1 s"
    assert rebuild_time(30_000) == "20 s"
    assert rebuild_time(1_000_000) == "11 min"
