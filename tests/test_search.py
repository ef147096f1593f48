"""Search over the fixture archive: what each query must and must not find, filters,
ranking, sorting, highlights and snippets, and the recall gap against plain unicode61."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.search.engine import QueryError, facets, highlight_spans, matching_ids, search
from archive.store import Archive
from tests.searchdb import VARIANTS, build

CLITIC_DOCS = [k for k in VARIANTS if k.startswith("clitic_")]


@pytest.fixture(scope="module")
def fixture_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Archive, dict[str, int]]:
    archive, ids = build(tmp_path_factory.mktemp("search") / "archive.db")
    yield archive, ids
    archive.close()


def found(fixture: tuple[Archive, dict[str, int]], query: str) -> set[str]:
    archive, ids = fixture
    by_id = {v: k for k, v in ids.items()}
    result = search(archive, query, limit=1000)
    assert result.error is None, result.error
    assert result.total == len(result.hits)
    return {by_id[h.id] for h in result.hits}


# (query, must match, must not match)
CASES: list[tuple[str, list[str], list[str]]] = [
    ("عقد", ["harakat"], ["neighbour_muaqad"]),
    ("اجتماع", ["harakat"], ["alef_hamza"]),
    ("الادارة", ["alef_hamza", "alef_wasla"], ["tatweel"]),
    ("إدارة", ["alef_hamza", "alef_wasla"], []),
    ("اليات", ["alef_hamza"], []),
    ("الرقة", ["ta_marbuta_ha"], []),
    ('"مدينة الرقة"', ["ta_marbuta_ha"], ["alef_maqsura_ya"]),
    ("مستشفى الجرحى", ["alef_maqsura_ya"], []),
    ("الحكومة السورية", ["tatweel"], []),
    ("قنصلية", CLITIC_DOCS, ["alef_hamza", "kitab"]),
    ("القنصلية", CLITIC_DOCS, []),
    ("قنصلي*", CLITIC_DOCS, []),
    ("2254", ["digits"], []),
    ("٢٢٥٤", ["digits"], []),
    ("2015", ["digits"], []),
    ("REUTERS", ["latin"], []),
    ("cnn مسؤول", ["latin"], ["hamza_carrier"]),
    ("مسؤول", ["latin", "hamza_carrier"], []),
    ("كردستان", ["persian_letters"], []),
    ("اللاجئين", ["presentation"], []),
    ("كتاب", ["kitab", "kitab_body", "stem_only"], ["neighbour_kateb"]),
    ("كاتب", ["neighbour_kateb"], ["kitab", "kitab_body"]),
    ("رق", ["ta_marbuta_ha"], ["neighbour_waraq"]),
    ('"الإدارة الذاتية"', ["alef_hamza"], ["alef_wasla"]),
    ("عقد OR كاتب", ["harakat", "neighbour_kateb"], ["kitab"]),
    ("(عقد | الكاتب) -المكتب", ["harakat"], ["neighbour_kateb"]),
    ("كتاب -tag:أدب", ["kitab_body", "stem_only"], ["kitab"]),
    ("tag:كتب", ["kitab"], ["kitab_body"]),
    ("عقد -tag:أرشيف", [], ["harakat"]),
    ("source:عنب", ["tatweel"], ["latin"]),
    ("source:reuters", ["latin"], ["tatweel"]),
    ("date:2022-05", CLITIC_DOCS, ["harakat", "alef_wasla"]),
    ("date:2022-05-01..2022-05-03", ["clitic_none", "clitic_al", "clitic_wal"], ["clitic_bal"]),
    ("before:2016 قرار", ["digits"], []),
    ("after:2023-09", ["presentation"], ["persian_letters"]),
    ("date:2017 المفاوضات", ["inferred_date"], ["no_date"]),
    ('org:"مجلس الامن"', ["digits"], ["alef_hamza"]),
    ("org:مجلس", ["digits"], []),
    ("person:الجولاني", ["latin"], []),
    ("place:كردستان", ["persian_letters"], ["digits"]),
    ("resolution:2254", ["digits"], ["latin"]),
    ("resolution:٢٢٥٤", ["digits"], []),
    ("title:الكتاب", ["kitab"], ["kitab_body"]),
    ('title:"بلا تاريخ"', ["no_date"], ["inferred_date"]),
    ("-عقد", ["kitab", "latin"], ["harakat"]),
    ("[bold]", ["markup"], []),
]


@pytest.mark.parametrize(("query", "must", "must_not"), CASES, ids=[c[0] for c in CASES])
def test_query_finds_variants_and_not_neighbours(fixture_archive, query, must, must_not) -> None:
    hits = found(fixture_archive, query)
    assert set(must) <= hits, f"missing {set(must) - hits}"
    assert not (set(must_not) & hits), f"unexpected {set(must_not) & hits}"


def test_prefix_search_finds_every_form_and_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    archive, ids = build(path)
    before = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    try:
        found = {h.id for h in search(archive, "قنصلي*", limit=50).hits}
        found_again = {h.id for h in search(archive, "بالقنصلي*", limit=50).hits}
    finally:
        archive.close()
    assert found == {ids[k] for k in CLITIC_DOCS}
    assert found_again == {ids["clitic_bal"]}
    after = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert after == before  # the list of index terms lives in the connection's temp schema


def test_tag_that_does_not_exist_matches_nothing(fixture_archive) -> None:
    assert found(fixture_archive, "tag:nonexistent") == set()


@pytest.mark.parametrize(
    "query", ["date:abc", "before:2023-13", "resolution:abc", "date:..", "after:nope"]
)
def test_bad_filter_value_is_a_message_not_an_exception(fixture_archive, query) -> None:
    archive, _ = fixture_archive
    result = search(archive, query)
    assert result.error and query.split(":")[0] in result.error
    assert result.hits == () and result.total == 0
    with pytest.raises(QueryError):
        matching_ids(archive, query)


@pytest.mark.parametrize(
    "query",
    ['"', "((", ")", "-", "OR", "NOT", "AND OR NOT", '"unclosed phrase', "a OR", "*", "؟؟؟",
     "\u200f\u202b", "NEAR(a b)", 'title:"', "x:y", "'; DROP TABLE documents; --",
     "{title}: x", "^x", "a AND", "\x00", "ـــ", "(" * 3000, "عقد " * 2500],
)  # fmt: skip
def test_odd_input_gives_results_never_an_exception(fixture_archive, query) -> None:
    archive, _ = fixture_archive
    result = search(archive, query)
    assert result.error is None
    assert result.total >= len(result.hits)


def test_query_with_nothing_searchable_lists_everything(fixture_archive) -> None:
    archive, _ = fixture_archive
    assert search(archive, "؟؟ ((").total == archive.count()


def test_empty_query_lists_all_documents_newest_first(fixture_archive) -> None:
    archive, _ = fixture_archive
    result = search(archive, "", limit=1000)
    assert result.total == archive.count() == len(result.hits)
    dates = [h.date for h in result.hits if h.date]
    assert dates == sorted(dates, reverse=True)
    assert result.hits[-1].date is None  # undated last


def test_title_match_ranks_above_body_and_exact_above_stem(fixture_archive) -> None:
    archive, ids = fixture_archive
    order = [h.id for h in search(archive, "كتاب").hits]
    assert order.index(ids["kitab"]) < order.index(ids["kitab_body"])
    assert order.index(ids["kitab_body"]) < order.index(ids["stem_only"])
    scores = [h.score for h in search(archive, "كتاب").hits]
    assert scores == sorted(scores, reverse=True)


def test_sort_by_date_and_by_title(fixture_archive) -> None:
    archive, _ = fixture_archive
    by_date = search(archive, "قنصلية", sort="date").hits
    assert [h.date for h in by_date] == sorted((h.date for h in by_date), reverse=True)
    by_title = search(archive, "date:2015..2021", sort="title").hits
    assert [h.title.lower() for h in by_title] == sorted(h.title.lower() for h in by_title)
    assert search(archive, "x", sort="nonsense").error


def test_limit_offset_and_total(fixture_archive) -> None:
    archive, _ = fixture_archive
    first = search(archive, "قنصلية", limit=5)
    second = search(archive, "قنصلية", limit=5, offset=5)
    assert first.total == second.total == len(CLITIC_DOCS)
    assert len(first.hits) == len(second.hits) == 5
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}


def test_hit_carries_tags_source_and_date(fixture_archive) -> None:
    archive, ids = fixture_archive
    hit = next(h for h in search(archive, "2254").hits if h.id == ids["digits"])
    assert hit.tags == ("قرارات",)
    assert hit.source == "الأمم المتحدة" and hit.date == "2015-12-18"


def test_spans_cover_whole_original_words_with_harakat(fixture_archive) -> None:
    archive, ids = fixture_archive
    hit = next(h for h in search(archive, "عقد").hits if h.id == ids["harakat"])
    body = VARIANTS["harakat"][1]
    assert [body[s.start : s.end] for s in hit.body_spans] == ["عُقِدَ"]
    assert [hit.snippet[s.start : s.end] for s in hit.snippet_spans] == ["عُقِدَ"]


def test_spans_of_tatweel_clitic_phrase_prefix_and_title(fixture_archive) -> None:
    archive, ids = fixture_archive
    text = VARIANTS["tatweel"][1]
    spans = highlight_spans(text, "الحكومة سوري*")
    assert [text[s.start : s.end] for s in spans] == ["الحكـــومة", "السـورية"]
    text = VARIANTS["clitic_wal"][1]
    assert [text[s.start : s.end] for s in highlight_spans(text, "قنصلية")] == ["والقنصلية"]
    text = VARIANTS["alef_hamza"][1]
    spans = highlight_spans(text, '"الادارة الذاتية" جديدة')
    assert [text[s.start : s.end] for s in spans] == ["الإدارة", "الذاتية", "جديدة"]
    (hit,) = search(archive, "title:الكتاب").hits
    assert [hit.title[s.start : s.end] for s in hit.title_spans] == ["الكتاب"]
    title = VARIANTS["presentation"][0]
    assert [title[s.start : s.end] for s in highlight_spans(title, "اللاجئين")] == [title]


def test_spans_in_texts_with_characters_near_the_presentation_forms() -> None:
    # U+FF01 (fullwidth) and U+FEFF (BOM) share the UTF-8 lead byte of the presentation
    # forms; a ligature (ﻻ) later in the text must still be read word by word.
    text = "قال！ المسؤول\ufeff إن اللاجئين عادوا، وﺍﻟﻼﺟﺌﻴﻦ أيضا"
    spans = highlight_spans(text, "اللاجئين المسؤول")
    # (a zero-width BOM inside a word is part of it)
    assert [text[s.start : s.end] for s in spans] == ["المسؤول\ufeff", "اللاجئين", "وﺍﻟﻼﺟﺌﻴﻦ"]
    text = "قال！ المسؤول إن اللاجئين عادوا"
    spans = highlight_spans(text, '"اللاجئين عادوا"')
    assert [text[s.start : s.end] for s in spans] == ["اللاجئين", "عادوا"]


def test_a_quranic_verse_s_ornate_brackets_are_not_highlighted_with_its_words() -> None:
    # ﴿ ﴾ (U+FD3F, U+FD3E) sit in the presentation forms' block but are brackets
    text = "قوله تعالى: ﴿وَكُلُوا وَاشْرَبُوا وَلَا تُسْرِفُوا ۚ إِنَّهُ لَا يُحِبُّ الْمُسْرِفِينَ﴾ [الأعراف: 31]"
    spans = highlight_spans(text, "المسرفين وكلوا")
    assert [text[s.start : s.end] for s in spans] == ["وَكُلُوا", "الْمُسْرِفِينَ"]
    spans = highlight_spans(text, '"يحب المسرفين"')
    assert [text[s.start : s.end] for s in spans] == ["يُحِبُّ", "الْمُسْرِفِينَ"]


def test_snippet_opens_at_the_densest_run_of_matches() -> None:
    from archive.search.highlight import snippet

    far = "كلام " * 60
    text = f"الأمن {far}الأمن والأمن للأمن {far}"
    spans = highlight_spans(text, "الأمن")
    snip, inside = snippet(text, spans)
    assert snip.startswith("…") and len(inside) == 3
    assert [snip[s.start : s.end] for s in inside] == ["الأمن", "والأمن", "للأمن"]


def test_phrase_spans_need_consecutive_words() -> None:
    text = "الإدارة الجديدة الذاتية، ثم الإدارة، الذاتية"
    spans = highlight_spans(text, '"الإدارة الذاتية"')
    assert [(s.start, s.end) for s in spans] == [(28, 35), (37, 44)]


def test_excluded_and_filter_words_are_not_highlighted() -> None:
    text = "عقد الاجتماع في المكتب"
    assert [text[s.start : s.end] for s in highlight_spans(text, "عقد -المكتب tag:مكتب")] == ["عقد"]


def test_snippet_is_one_line_around_the_match_cut_at_words(fixture_archive) -> None:
    archive, ids = fixture_archive
    hit = next(h for h in search(archive, "الرقة").hits if h.id == ids["sample4"])
    assert len(hit.snippet) <= 162 and "\n" not in hit.snippet
    assert hit.snippet.startswith("…")
    words = hit.snippet.strip("…").split()
    body = archive.get(hit.id).body
    assert all(w in body for w in words)  # no word cut in half at either end
    assert all("رق" in hit.snippet[s.start : s.end] for s in hit.snippet_spans)


def test_snippet_without_body_match_is_the_start_of_the_body(fixture_archive) -> None:
    archive, ids = fixture_archive
    (hit,) = search(archive, "title:الكتاب").hits
    assert hit.snippet == VARIANTS["kitab"][1] and hit.snippet_spans == ()


def test_markup_in_documents_is_returned_as_plain_text(fixture_archive) -> None:
    archive, _ = fixture_archive
    (hit,) = search(archive, "وسم").hits
    assert "[bold]" in hit.snippet and hit.title == "[bold]x[/bold]"


def test_matching_ids_returns_every_match(fixture_archive) -> None:
    archive, ids = fixture_archive
    assert set(matching_ids(archive, "قنصلية")) == {ids[k] for k in CLITIC_DOCS}
    assert len(matching_ids(archive, "")) == archive.count()


def test_facets_count_over_the_current_results(fixture_archive) -> None:
    archive, _ = fixture_archive
    result = facets(archive, "قرار OR كتاب")
    assert ("قرارات", 1) in result["tags"] and ("أدب", 1) in result["tags"]
    assert ("الأمم المتحدة", 1) in result["sources"]
    assert ("2015", 1) in result["years"]
    assert result["orgs"] == [("مجلس الأمن", 1)]
    assert set(result) == {"tags", "sources", "years", "people", "orgs", "places"}
    assert facets(archive, "place:كردستان")["places"] == [("كردستان العراق", 1)]


def test_plain_unicode61_index_misses_what_ours_finds(fixture_archive, tmp_path: Path) -> None:
    """The recall gap: SQLite's own tokenizer on the raw text."""
    archive, ids = fixture_archive
    plain = sqlite3.connect(tmp_path / "plain.db")
    plain.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61')")
    plain.executemany(
        "INSERT INTO t (rowid, title, body) VALUES (?, ?, ?)",
        archive.conn.execute("SELECT id, title, body FROM documents"),
    )
    gap = {"عقد": "harakat", "الادارة": "alef_hamza", "الرقة": "ta_marbuta_ha",
           "قنصلية": "clitic_bal", "2254": "digits", "الحكومة": "tatweel"}  # fmt: skip
    for query, key in gap.items():
        plain_ids = {
            r[0] for r in plain.execute("SELECT rowid FROM t WHERE t MATCH ?", (f'"{query}"',))
        }
        assert ids[key] not in plain_ids, query
        assert ids[key] in set(matching_ids(archive, query)), query


QUERY_PIECES = st.lists(
    st.sampled_from(['"', "(", ")", "-", "*", "OR", "NOT", "|", "tag:", "-tag:", "date:",
                     "date:2022..", "before:", "title:", "person:", "source:", "resolution:",
                     "عقد", "الإدارة", "قنصلي", "كتاب", "2254", " ", " ", "«", "\u200f", "NEAR",
                     "{body}:", "^", "'", ";", "..", "١٢"]),
    max_size=12,
).map("".join)  # fmt: skip


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(QUERY_PIECES)
def test_search_never_raises_on_any_query(fixture_archive, query: str) -> None:
    archive, _ = fixture_archive
    result = search(archive, query, limit=5)
    assert result.error is None or repr(query) in result.error
    assert result.total >= len(result.hits)
    if result.error is None:
        for hit in result.hits:
            body = archive.get(hit.id).body
            assert all(0 <= s.start < s.end <= len(body) for s in hit.body_spans)


def test_very_large_match_groups_are_listed_newest_first(fixture_archive, monkeypatch) -> None:
    """Beyond BM25_MAX_ROWS matches in a group, bm25 is skipped for speed: newest first."""
    from archive.search import page

    archive, ids = fixture_archive
    ranked = search(archive, "قنصلية", limit=100)
    monkeypatch.setattr(page, "BM25_MAX_ROWS", 3)
    result = search(archive, "قنصلية", limit=100)
    assert result.total == ranked.total == len(CLITIC_DOCS)
    assert {h.id for h in result.hits} == {h.id for h in ranked.hits}
    dates = [h.date for h in result.hits]
    assert dates == sorted(dates, reverse=True)
    page = search(archive, "قنصلية", limit=4, offset=4)
    assert [h.id for h in page.hits] == [h.id for h in result.hits[4:8]]


def test_count_limit_caps_the_total_and_says_so_and_count_gives_the_exact_one(
    fixture_archive,
) -> None:
    from archive.search.engine import count

    archive, _ = fixture_archive
    exact = search(archive, "date:2000..2030", limit=2)
    assert exact.total > 3 and not exact.total_capped
    capped = search(archive, "date:2000..2030", limit=2, count_limit=3)
    assert capped.total_capped and capped.total == 3
    assert [h.id for h in capped.hits] == [h.id for h in exact.hits]
    assert count(archive, "date:2000..2030") == exact.total
    # a count that fits under the cap, or that finding the page gave anyway, is exact
    small = search(archive, "قنصلية", limit=2, count_limit=1000)
    assert not small.total_capped and small.total == len(CLITIC_DOCS)
    with pytest.raises(QueryError):
        count(archive, "date:notadate")


def test_without_highlights_hits_are_the_same_rows_with_no_snippet_or_spans(
    fixture_archive,
) -> None:
    archive, _ = fixture_archive
    full = search(archive, '"الإدارة الذاتية" OR قنصلية', limit=20)
    bare = search(archive, '"الإدارة الذاتية" OR قنصلية', limit=20, highlights=False)
    assert [(h.id, h.score, h.title) for h in bare.hits] == [
        (h.id, h.score, h.title) for h in full.hits
    ]
    assert any(h.body_spans for h in full.hits)
    assert all(h.snippet == "" and not h.body_spans and not h.title_spans for h in bare.hits)
    assert bare.total == full.total


def test_a_phrase_is_highlighted_whichever_word_anchors_it() -> None:
    # سوريا (the longest stem) anchors "قوات سوريا": the word before it is read backwards
    text = "وصلت قُوّاتُ سوريا، ثم قوات من سوريا؛ وقوات  «سوريا» في قوات"
    words = [text[s.start : s.end] for s in highlight_spans(text, '"قوات سوريا"')]
    assert words == ["قُوّاتُ", "سوريا", "وقوات", "سوريا"]
    assert highlight_spans("سوريا قوات", '"قوات سوريا"') == []
    assert highlight_spans("سوريا", '"قوات سوريا"') == []


def test_filters_in_a_callers_open_transaction_are_left_to_it(tmp_path: Path) -> None:
    """search() collects filters into a temp table and commits that, but never inside a
    transaction its caller opened (it would commit the caller's work)."""
    archive, _ = build(tmp_path / "tx.db")
    with_filter = search(archive, "الرقة date:2000..2030", limit=50)
    assert with_filter.error is None and with_filter.total > 0
    archive.conn.execute("INSERT INTO tags (name, created_at) VALUES ('مسودة', 'now')")
    assert archive.conn.in_transaction
    again = search(archive, "الرقة date:2000..2030", limit=50)
    assert [h.id for h in again.hits] == [h.id for h in with_filter.hits]
    assert archive.conn.in_transaction  # still the caller's, uncommitted
    archive.conn.rollback()
    assert archive.conn.execute("SELECT count(*) FROM tags WHERE name = 'مسودة'").fetchone()[0] == 0
    archive.close()


def test_filtered_results_are_the_same_with_the_filters_collected_or_not(
    fixture_archive,
) -> None:
    from archive.search import engine, page
    from archive.search.matches import count_matches

    archive, _ = fixture_archive
    queries = (
        "الإدارة date:2021..2022",
        "قنصلية after:2022-05-04 before:2022-05-11",
        "أعلنت source:هاوار",
        "القرار tag:قرارات",
        "القرار tag:قرارات date:2015..2030",
    )
    for query in queries:
        _, compiled = engine._compile(archive, query)
        plain = engine._page_ids(archive.conn, compiled, "rank", 50, 0).rows
        total = count_matches(archive.conn, compiled)
        collected = page.materialise_filters(archive.conn, compiled)
        if compiled.filtered:  # date filters are a range of index rowids: nothing to collect
            assert collected.where != compiled.where and not collected.params, query
            assert not collected.sets, query  # small sets: collected too
        assert collected.dates == compiled.dates
        assert plain, query
        assert engine._page_ids(archive.conn, collected, "rank", 50, 0).rows == plain
        assert count_matches(archive.conn, collected) == total
