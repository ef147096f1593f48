"""Query fuzzing: the parser and the search functions never raise on user input, and no
query text reaches SQL or FTS5 as anything but a bound, quoted value."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive import tags
from archive.models import SearchResult
from archive.search.engine import QueryError, facets, matching_ids, search
from archive.search.query import parse
from archive.store import Archive
from tests.archive_factory import Doc, add_documents

NASTY = [
    "'; DROP TABLE documents; --",
    '"; DELETE FROM documents WHERE 1=1; --',
    "1' OR '1'='1",
    "NEAR(سوريا دمشق, 2)",
    "سوريا NEAR/3 دمشق",
    "title:^سوريا",
    "body:*",
    "*",
    "^",
    ":",
    '"',
    '"""',
    "(((((",
    ")))))",
    "(" * 500 + "سوريا" + ")" * 500,
    "سوريا AND OR NOT",
    "- - - NOT NOT",
    "{title body}: x",
    "documents_fts MATCH 'x'",
    "\u202eسوريا\u202c",
    "\u200f\u200e\u061c",
    "ا\u0651\u064e\u0651\u064e\u0651\u064e",  # stacked harakat
    "e\u0301\u0301\u0301",
    "\u0640\u0640\u0640",  # tatweel only
    "\x00\x1b[31m\x07",
    "tag:",
    "tag:'; DROP TABLE tags; --",
    "date:99999999999999999999",
    "date:2023-13-45..0000-00-00",
    "resolution:99999999999999999999999",
    "resolution:-1",
    "resolution:²",
    "resolution:٢٢٥٤",
    "before:x after:y",
    'person:" org:( place:)',
    "سوريا" * 1000,
    "x " * 3000,
    "\ud7ff\ue000\uffff",
    "🇸🇾 سوريا 🔥",
]

_PIECES = (
    list("سوريادمشقأإآةى ًٌٍَُِّْـ٠١٢²")
    + ['"', "(", ")", "*", "^", ":", "-", "|", ",", "'", ";", "«", "»", "“", "”", ".."]
    + ["\u202e", "\u202b", "\u200f", "\u200e", "\u0301", "\u200d", "\x00", "\x1b"]
    + [" OR ", " AND ", " NOT ", " NEAR(", "title:", "tag:", "date:", "resolution:"]
    + ["person:", "source:", "before:", "after:", "DROP TABLE documents", "--", "9" * 25]
)
query_text = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(_PIECES), max_size=14).map("".join),
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    path = tmp_path_factory.mktemp("query") / "archive.db"
    with Archive(path) as arch:
        ids = add_documents(
            arch,
            [
                Doc("سوريا اليوم", "اجتمع الوفد في دمشق مع المسؤولين.", date="2023-04-01"),
                Doc("انتخابات تونس", "أعلنت الهيئة النتائج الأولية.", source="عنب بلدي"),
                Doc("Latin title", "café naïve \u202e reversed", date="2019-01-01"),
            ],
        )
        tags.add_tags(arch, ids[:1], ["سوريا"])
        yield arch


def table_counts(archive: Archive) -> tuple[int, ...]:
    conn = archive.conn
    return tuple(
        conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("documents", "documents_fts", "tags", "document_tags")
    )


def check_one(archive: Archive, query: str) -> SearchResult:
    parse(query)
    result = search(archive, query, limit=5)
    assert isinstance(result, SearchResult)
    assert result.error is None or (isinstance(result.error, str) and result.error)
    if result.error is None:
        assert result.total >= len(result.hits)
    for sort in ("date", "title"):
        search(archive, query, limit=5, sort=sort)
    try:
        matching_ids(archive, query)
        facets(archive, query)
    except QueryError as exc:
        assert str(exc)
    return result


@pytest.mark.parametrize("query", NASTY)
def test_hostile_queries_return_results_or_an_error_message(archive: Archive, query: str) -> None:
    before = table_counts(archive)
    check_one(archive, query)
    assert table_counts(archive) == before


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=query_text)
def test_random_unicode_queries_never_raise(archive: Archive, query: str) -> None:
    check_one(archive, query)


def test_after_fuzzing_the_tables_are_intact_and_search_still_works(archive: Archive) -> None:
    assert table_counts(archive) == (3, 3, 1, 1)
    assert archive.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert [h.title for h in search(archive, "دمشق").hits] == ["سوريا اليوم"]


def test_sql_fragment_is_searched_as_words_not_run(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as arch:
        add_documents(arch, [Doc("drop", "we drop table documents here")])
        result = search(arch, "'; DROP TABLE documents; --")
        assert result.error is None and result.total == 1
        assert arch.conn.execute("SELECT count(*) FROM documents").fetchone() == (1,)


APP_QUERIES = [q for q in NASTY if len(q) < 200] + ["resolution:²", "date:2023-13", "tag:"]


async def test_the_app_search_bar_survives_hostile_queries(tmp_path: Path) -> None:
    from textual.widgets import Input

    from tests.app.conftest import build_archive, settle
    from tui.app import make_app

    db = build_archive(tmp_path / "app.db", extra=5)
    app = make_app(db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        bar = app.query_one("#search", Input)
        await pilot.press("slash")
        await pilot.press(*"'; DROP TABLE documents; --")  # typed key by key
        await settle(pilot)
        status = str(app.status.render())
        assert "document" in status or "⚠" in status
        for query in APP_QUERIES:
            bar.value = query  # as if pasted
            await settle(pilot)
            status = str(app.status.render())
            assert "document" in status or status.startswith("⚠"), (query, status)
            assert "\x1b" not in status and "\u202e" not in status
        bar.value = ""
        await settle(pilot)
        assert app.document_list.total == 11
    with Archive(db) as arch:
        assert arch.conn.execute("SELECT count(*) FROM documents").fetchone() == (11,)
