"""Arabic letters written against digits or Latin ("2024م", "1445هـ", "و60", "لـCNN") are
separate words in the index and in queries: the year, the number and the name are found."""

from __future__ import annotations

import pytest

from archive.search.engine import search
from archive.text.normalize import words
from tests.archive_factory import Doc, found, named_archive

DOCS = {
    "eid": Doc("عيد الفطر", "أول أيام العيد الأربعاء 1 شوال 1445هـ الموافق 10 أبريل 2024م."),
    "wind": Doc("الطقس", "رياح نشطة تصل سرعتها إلى 50 و60 كم/ساعة."),
    "cnn": Doc("تصريح", "وقال المتحدث لـCNN إن المفاوضات مستمرة."),
    "plain": Doc("خبر", "خبر عادي عن 1446 و2023 بلا أرقام ملتصقة."),
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    yield from named_archive(tmp_path_factory, DOCS)


def test_words_split_arabic_from_digits_and_latin_it_touches():
    assert words("1445هـ 2024م و60 لـCNN") == ["1445", "ه", "2024", "م", "و", "60", "ل", "cnn"]
    assert words("covid19 G20") == ["covid19", "g20"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("1445", {"eid"}),
        ("2024", {"eid"}),
        ('"10 أبريل 2024"', {"eid"}),
        ("1445هـ", {"eid"}),
        ("60", {"wind"}),
        ("CNN", {"cnn"}),
        ("لـCNN", {"cnn"}),
    ],
)
def test_number_or_name_glued_to_arabic_is_found(archive, query, expected):
    assert found(archive, query) == expected


def test_glued_year_is_highlighted_whole(archive):
    arch, names = archive
    hit = next(h for h in search(arch, "2024").hits if names[h.id] == "eid")
    body = arch.get(hit.id).body
    assert [body[s.start : s.end] for s in hit.body_spans] == ["2024م"]


@pytest.mark.parametrize("query", ['"و هو"', '"ل cnn"', '"ال قاعدة"'])
def test_phrase_opening_with_a_bare_clitic_is_searched_not_raised(archive, query):
    arch, _ = archive
    assert search(arch, query).error is None
