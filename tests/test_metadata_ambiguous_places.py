"""Towns whose names are also common words (الباب "the door", العيون "the eyes", الطبقة "the
class", المنشأة "the facility", مالي "financial", دوما "always", تدمر "destroys") are places
only in a place's context: after مدينة/بلدة/قرية/ريف… or a direction, after في/من/إلى (not
before a definite word that describes them), or in a list of places. Elsewhere they are words."""

from __future__ import annotations

import pytest

from archive.metadata import extract_metadata


def _places(text: str) -> set[str]:
    body = f"عنوان الخبر هنا اليوم\n{text}"
    return {e.name for e in extract_metadata(body).entities if e.kind == "place"}


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("وفتح الباب أمام الحوار بين الأطراف.", "الباب"),
        ("ونظرت إلى العيون الحزينة في الصورة.", "العيون"),
        ("وانتقدت الطبقة السياسية أداء الحكومة.", "الطبقة"),
        ("وتعرضت المنشأة النووية لهجوم.", "المنشاة"),
        ("وقدمت الدولة دعم مالي للمزارعين.", "مالي"),
        ("وكان الرئيس دوما يؤكد أهمية الحوار.", "دوما"),
        ("وقال إن القصف تدمر بسببه المنازل.", "تدمر"),
        ("وأزال العمال العقبة الأخيرة أمام المشروع.", "العقبة"),
        ("وارتفع عدد الشاحنات الداخلة عبر المعبر.", "الداخلة"),
        ("وسرت شائعات عن استقالة الوزير.", "سرت"),
        ("وخرج المتظاهرون من الباب الخلفي للمبنى.", "الباب"),
        ("وقال رئيس المنشأة إن العمل مستمر.", "المنشاة"),
        ("وتحمل ربات البيوت عبء الغلاء.", "الرباط"),
    ],
)
def test_a_town_named_like_a_word_is_no_place_outside_a_place_context(text: str, town: str) -> None:
    assert town not in _places(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("وسيطرت القوات على مدينة الباب شمالي حلب.", "الباب"),
        ("وقتل ثلاثة مدنيين في الباب أمس.", "الباب"),
        ("ووصل الوفد إلى العيون لحضور المنتدى.", "العيون"),
        ("وانسحبت القوات من الطبقة باتجاه الرقة.", "الطبقة"),
        ("وتمتد المواجهات إلى منبج، الباب، وجرابلس.", "الباب"),
        ("وشملت الغارات جرابلس والباب ومنبج.", "الباب"),
        ("وأعلنت الحكومة حالة الطوارئ في مالي والنيجر.", "مالي"),
        ("وقصفت الطائرات مدينة دوما في ريف دمشق.", "دوما"),
        ("ووصلت السفينة إلى ميناء العقبة.", "العقبة"),
        ("وزار الوزير بلدة العيون جنوب البلاد.", "العيون"),
        ("وعقد المنتدى في العيون المغربية أمس.", "العيون"),
        ("وتقدمت القوات في ريف الباب الشرقي.", "الباب"),
        ("وسيطرت فصائل المعارضة على الباب بعد معارك.", "الباب"),
        ("وتضامن الوزير مع شعب مالي في محنته.", "مالي"),
    ],
)
def test_a_town_named_like_a_word_is_a_place_in_a_place_context(text: str, place: str) -> None:
    assert place in _places(text)


def test_an_unambiguous_town_needs_no_context() -> None:
    assert {"حلب", "الحسكة"} <= _places("وشهدت حلب والحسكة احتجاجات.")


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("وقد فقد كثيرون منهم جزءا كبيرا من دخلهم.", "بيرا"),
        ("وحقق الفريق فوزا كبيرا على منافسه.", "بيرا"),
    ],
)
def test_a_town_behind_the_clitic_kaf_is_no_place(text: str, town: str) -> None:
    assert town not in _places(text)


def test_a_town_with_another_clitic_is_still_a_place() -> None:
    assert {"بيروت", "دمشق"} <= _places("ووصل الوفد لبيروت بعد زيارته بدمشق.")
