"""A given name that opens with a letter that is also a clitic (ك ب ل ف و): when the word as
written is itself a name (كريم، كمال، بسام، لينا), its first letter is not a clitic, even where
the rest would be another name (كـ + ريم). A real clitic before a name is still stripped."""

from __future__ import annotations

import pytest

from archive.metadata import extract_metadata


def _people(text: str) -> set[str]:
    body = f"عنوان الخبر هنا اليوم\n{text}"
    return {e.name for e in extract_metadata(body).entities if e.kind == "person"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وسجل كريم بوزيد الهدف الأول للفريق.", "كريم بوزيد"),
        ("وقال اللاعب كريم بنزيمة إنه سعيد بالفوز.", "كريم بنزيمة"),
        ("وشارك وكريم بوزيد في التدريبات.", "كريم بوزيد"),
        ("وأكد المدرب أن كريم الأنصاري جاهز للمباراة.", "كريم الأنصاري"),
    ],
)
def test_a_given_name_that_is_a_word_keeps_its_first_letter(text: str, person: str) -> None:
    people = _people(text)
    assert person in people
    assert not any(p.startswith("ريم") for p in people)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وقال كمال داود إن الرواية جديدة.", "كمال داود"),
        ("وقالت لينا الخطيب إن الوضع خطير.", "لينا الخطيب"),
        ("وأوضح بسام القنطار أن الأرقام تغيرت.", "بسام القنطار"),
        ("وأعلن فادي عبود استقالته.", "فادي عبود"),
    ],
)
def test_listed_names_opening_with_a_clitic_letter_are_whole(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("والتقى الوزير بريم بوزيد في مكتبه.", "ريم بوزيد"),
        ("وقدمت الجائزة لريم الخطيب أمس.", "ريم الخطيب"),
        ("وتحدث إلى الصحفيين وليد جنبلاط.", "وليد جنبلاط"),
    ],
)
def test_a_real_clitic_before_a_name_is_still_stripped(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "رجل كريم يساعد الفقراء في الحي.",
        "وكان كريم الأخلاق مع الجميع.",
        "هو صاحب قلب كريم وعقل راجح.",
    ],
)
def test_a_given_name_that_is_a_word_used_as_the_word_is_no_name(text: str) -> None:
    assert _people(text) == set()
