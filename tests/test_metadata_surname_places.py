"""A family name that the place tables also hold as a town (أوستن is Austin): right after a
given name that follows a title or a role, or when the name ends its clause, it is the
person's family name. A town after a given name that goes on into the sentence, a country,
and a town with a preposition (بباريس) stay places."""

from __future__ import annotations

import pytest

from archive.metadata import extract_metadata


def _names(text: str, kind: str) -> set[str]:
    body = f"عنوان الخبر هنا اليوم\n{text}"
    return {e.name for e in extract_metadata(body).entities if e.kind == kind}


@pytest.mark.parametrize(
    ("text", "person", "town"),
    [
        ("وقال وزير الدفاع الأمريكي لويد أوستن إن القوات جاهزة.", "لويد أوستن", "أوستن"),
        ("وأكد لويد أوستن أن الدعم مستمر.", "لويد أوستن", "أوستن"),
        ("وقال الكاتب جاك لندن في روايته إن الحياة صعبة.", "جاك لندن", "لندن"),
    ],
)
def test_a_town_after_a_given_name_and_a_title_is_a_family_name(
    text: str, person: str, town: str
) -> None:
    assert person in _names(text, "person")
    assert town not in _names(text, "place")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("وزار محمد لندن الأسبوع الماضي في رحلة عمل.", "لندن"),
        ("والتقى الرئيس محمد بباريس نظيره الفرنسي.", "باريس"),
        ("وقال محمد مصر إن", "مصر"),
    ],
)
def test_a_town_after_a_given_name_in_the_sentence_stays_a_place(text: str, place: str) -> None:
    assert place in _names(text, "place")
