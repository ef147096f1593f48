"""A quoted phrase finds its first word behind a clitic, as a single word does: news text
writes "بوقف فوري لإطلاق النار", and a researcher quotes "إطلاق النار" or "وقف فوري"."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.search.engine import highlight_spans, search
from archive.store import Archive
from tests.searchdb import _insert

DOCS = {
    "glued": ("قرار", "طالب المجلس بوقف فوري لإطلاق النار في المدينة."),
    "plain": ("هدنة", "أعلن الطرفان وقف إطلاق النار مساء أمس."),
    "apart": ("أسرى", "دعا إلى إطلاق الأسرى ووقف النار قبل العيد."),
    "inner": ("حدود", "أغلق المعبر بعد إطلاق لنار كثيفة."),
}


@pytest.fixture(scope="module")
def phrases(tmp_path_factory: pytest.TempPathFactory):
    archive = Archive(tmp_path_factory.mktemp("phrase") / "archive.db")
    ids = {k: _insert(archive, k, t, b, "2024-03-25", None) for k, (t, b) in DOCS.items()}
    archive.conn.commit()
    yield archive, {v: k for k, v in ids.items()}
    archive.close()


def found(phrases, query: str) -> set[str]:
    archive, keys = phrases
    result = search(archive, query, limit=50)
    assert result.error is None, result.error
    return {keys[h.id] for h in result.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"إطلاق النار"', {"glued", "plain"}),
        ('"اطلاق النار"', {"glued", "plain"}),
        ('"وقف فوري"', {"glued"}),
        ('"وقف فوري لإطلاق النار"', {"glued"}),
        ("«إطلاق النار»", {"glued", "plain"}),
        ('"بوقف فوري"', {"glued"}),  # the clitic typed: that form only
        ('"وقف النار"', {"apart"}),  # only the first word takes a clitic
    ],
)
def test_a_phrase_finds_its_first_word_behind_a_clitic(phrases, query, expected) -> None:
    assert found(phrases, query) == expected


def test_the_phrase_behind_a_clitic_is_highlighted_whole() -> None:
    text = DOCS["glued"][1]
    spans = highlight_spans(text, '"إطلاق النار"')
    assert [text[s.start : s.end] for s in spans] == ["لإطلاق", "النار"]
    assert highlight_spans(DOCS["inner"][1], '"إطلاق النار"') == []


def test_a_phrase_of_latin_words_is_unchanged(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.db")
    try:
        doc = _insert(archive, "x", "خبر", "أطلقت OpenAI تطبيق ChatGPT اليوم.", None, None)
        archive.conn.commit()
        assert [h.id for h in search(archive, '"OpenAI تطبيق"').hits] == [doc]
    finally:
        archive.close()


@pytest.mark.parametrize("query", ['"و النار"', "ف-tag:", '"ال إطلاق"'])
def test_a_phrase_opening_with_a_lone_clitic_is_searched_not_an_error(phrases, query) -> None:
    archive, _names = phrases
    result = search(archive, query)
    assert result.error is None
