"""Numbers written with thousands separators (12,630 · ١٢٬٦٣٠ · 12 630 with a thin or narrow
no-break space) are one word in the index and in queries, so 12630 finds them and they find
12630; decimals (12.5, ١٢٫٥) and a dot between groups (12.630, a decimal too) are not joined."""

from __future__ import annotations

import pytest

from archive.search.engine import search
from archive.text.normalize import word_spans, words
from tests.archive_factory import Doc, found, named_archive

DOCS = {
    "comma": Doc("الإصابات", "وبلغ عدد الإصابات 12,630 إصابة حتى الآن."),
    "arabic": Doc("الأسعار", "وارتفع المؤشر إلى ١٢٬٦٣٠ نقطة في الجلسة."),
    "thin": Doc("المهاجرون", "ووصل 12\u202f630 مهاجرا إلى الجزيرة هذا العام."),
    "million": Doc("السكان", "ويبلغ عدد السكان 1,250,000 نسمة."),
    "decimal": Doc("النمو", "ونما الاقتصاد بنسبة 12.5 في المئة و١٢٫٦٣٠ في قطاع آخر."),
    "bare": Doc("الموازنة", "وخصصت الحكومة 12630 دينارا للمشروع."),
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    yield from named_archive(tmp_path_factory, DOCS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,630", ["12630"]),
        ("١٢٬٦٣٠", ["12630"]),
        ("12\u2009630", ["12630"]),
        ("12\u202f630", ["12630"]),
        ("1,250,000", ["1250000"]),
        ("12,630.5", ["12630", "5"]),
    ],
)
def test_thousands_separators_inside_a_number_are_dropped(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.5", ["12", "5"]),
        ("١٢٫٥", ["12", "5"]),
        ("12.630", ["12", "630"]),  # a decimal as often as a Maghrebi thousands group
        ("1,2,3", ["1", "2", "3"]),
        ("2019,2020", ["2019", "2020"]),
        ("1234,567", ["1234", "567"]),
        ("12,63", ["12", "63"]),
        ("12 630", ["12", "630"]),  # a plain space: two numbers as often as one
        ("12,630,5", ["12", "630", "5"]),
    ],
)
def test_decimals_and_lists_of_numbers_are_not_joined(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("12630", {"comma", "arabic", "thin", "bare"}),
        ("12,630", {"comma", "arabic", "thin", "bare"}),
        ("١٢٬٦٣٠", {"comma", "arabic", "thin", "bare"}),
        ("1250000", {"million"}),
        ('"12630 إصابة"', {"comma"}),
    ],
)
def test_a_number_finds_it_written_with_or_without_separators(archive, query, expected):
    assert found(archive, query) == expected


def test_a_decimal_is_not_found_by_the_joined_digits(archive):
    assert found(archive, "125") == set()


@pytest.mark.parametrize(("name", "written"), [("comma", "12,630"), ("arabic", "١٢٬٦٣٠")])
def test_a_grouped_number_is_highlighted_whole(archive, name, written):
    arch, names = archive
    hit = next(h for h in search(arch, "12630").hits if names[h.id] == name)
    body = arch.get(hit.id).body
    assert [body[s.start : s.end] for s in hit.body_spans] == [written]


def test_a_grouped_number_is_one_original_word():
    assert [w for _, _, w in word_spans("بلغ 12,630 إصابة")] == [["بلغ"], ["12630"], ["اصابه"]]


@pytest.mark.parametrize("query", ['"12630 إصابة"', '"الإصابات 12630"'])
def test_a_phrase_with_a_grouped_number_is_highlighted_whole(archive, query):
    arch, names = archive
    hit = next(h for h in search(arch, query).hits if names[h.id] == "comma")
    body = arch.get(hit.id).body
    spans = [body[s.start : s.end] for s in hit.body_spans]
    assert "12,630" in spans
