"""Lists of names (casualties, victims, the accused): each item of a list separated by commas
or و keeps its third word (a family name without the article: جرجس، حنا، فرج), as an item
ends where the next one starts or the clause ends. A name outside a list is not lengthened."""

from __future__ import annotations

import pytest

from archive.metadata import extract_metadata


def _people(text: str) -> set[str]:
    body = f"عنوان الخبر هنا اليوم\n{text}"
    return {e.name for e in extract_metadata(body).entities if e.kind == "person"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "وقتل في الهجوم سمير فوزي جرجس وماري عادل حنا ونبيل صبحي فرج.",
            {"سمير فوزي جرجس", "ماري عادل حنا", "نبيل صبحي فرج"},
        ),
        (
            "والضحايا هم: سمير فوزي جرجس، عماد نبيل بطرس، وماري عادل حنا.",
            {"سمير فوزي جرجس", "عماد نبيل بطرس", "ماري عادل حنا"},
        ),
        (
            "وأصيب كل من أحمد سعيد حماد ومحمود فتحي شلبي في الحادث.",
            {"أحمد سعيد حماد", "محمود فتحي شلبي"},
        ),
        (
            "ومن بين القتلى يوسف كمال جبر، وسامي رفيق نصار",
            {"يوسف كمال جبر", "سامي رفيق نصار"},
        ),
        (
            "والقتلى هم سمير فوزي جرجس (35 عاما) ونبيل صبحي فرج (40 عاما) من القرية.",
            {"سمير فوزي جرجس", "نبيل صبحي فرج"},
        ),
    ],
)
def test_every_name_of_a_list_is_whole(text: str, names: set[str]) -> None:
    assert _people(text) >= names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وأحيا عمرو دياب ومحمد منير حفلا في القاهرة.", "محمد منير"),
        ("والتقى سمير فوزي وفدا من الوزارة.", "سمير فوزي"),
        ("وقال سمير فوزي يرافقه عدد من المسؤولين إن الزيارة مهمة.", "سمير فوزي"),
    ],
)
def test_a_word_after_a_name_outside_a_list_is_not_taken(text: str, name: str) -> None:
    assert name in _people(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("وعين الرئيس أحمد فتحي محافظا، ومحمد سعيد وزيرا.", {"أحمد فتحي", "محمد سعيد"}),
        ("وشارك أحمد سعيد وعلي حسن كذلك.", {"أحمد سعيد", "علي حسن"}),
        ("والتقى محمد سعيد ومحمود عباس مساء أمس.", {"محمد سعيد", "محمود عباس"}),
    ],
)
def test_an_adverb_or_an_accusative_after_a_list_item_is_no_name_word(
    text: str, names: set[str]
) -> None:
    assert _people(text) == names
