"""What follows a name is not always more of it: the object of the sentence after a name with
a patronymic ("تسلم محمد الأحمد الجائزة"), a verbal noun or a common noun after a title
("وأعلن الرئيس سقوط طائرة"). Names of the same shapes are still whole."""

from __future__ import annotations

import pytest

from archive.metadata import extract_metadata


def _people(text: str) -> set[str]:
    body = f"عنوان الخبر هنا اليوم\n{text}"
    return {e.name for e in extract_metadata(body).entities if e.kind == "person"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("تسلم محمد الأحمد الجائزة أمس.", "محمد الأحمد"),
        ("وتسلم خالد الجابر الدرع من الوزير.", "خالد الجابر"),
        ("وافتتح أحمد العبدالله المعرض في الكويت.", "أحمد العبدالله"),
    ],
)
def test_a_name_with_a_patronymic_does_not_take_the_object(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وقال الشيخ أحمد الفهد الصباح إن المجلس سيجتمع.", "أحمد الفهد الصباح"),
        ("وصرح ناصر المحمد الصباح بأن الوضع مستقر.", "ناصر المحمد الصباح"),
    ],
)
def test_a_family_name_after_a_patronymic_is_kept(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "وأعلن الرئيس سقوط طائرة في الشمال.",
        "وأعلن الوزير تشكيل لجنة للتحقيق في الحادث.",
        "وأعلن الرئيس وصول قافلة مساعدات إلى المدينة.",
        "وقرر الوزير انسحاب القوات من المنطقة.",
        "وأكد المتحدث تعاون حكومته مع المحققين.",
    ],
)
def test_a_verbal_or_common_noun_after_a_title_is_no_name(text: str) -> None:
    assert _people(text) == set()


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وقال الفيلسوف الفرنسي تييري بروتون إن", "تييري بروتون"),
        ("وقالت الكاتبة اللبنانية هدى بركات إن الرواية", "هدى بركات"),
        ("وقال النائب طوني فرنجية إن الحكومة", "طوني فرنجية"),
    ],
)
def test_unlisted_names_after_a_title_are_still_found(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "وقرر الوزير منع سفر المسؤولين.",
        "وأعلن الرئيس بدء حوار وطني.",
        "وأعلن الرئيس وقف إطلاق النار.",
        "وأعلن الوزير نجاح عملية الإنقاذ.",
        "وأعلن الوزير إطلاق سراح المعتقلين.",
    ],
)
def test_a_verbal_noun_of_three_letters_or_in_construct_after_a_title_is_no_name(
    text: str,
) -> None:
    assert _people(text) == set()


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وقالت الوزيرة ابتسام الكتبي إن", "ابتسام الكتبي"),
        ("وقال المطران أنطوان عودة إن", "أنطوان عودة"),
        ("وقال الرئيس الكوري الجنوبي مون جاي إن", "مون جاي"),
    ],
)
def test_names_of_a_verbal_nouns_shape_are_still_names(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وتسلم ناجي عيسى منصب المحافظ باتفاق بين المجلسين.", "ناجي عيسى"),
        ("ونال محمد علي جائزة الدولة التقديرية.", "محمد علي"),
        ("وتولى أحمد سعيد رئاسة الحكومة.", "أحمد سعيد"),
    ],
)
def test_a_noun_in_construct_after_two_given_names_is_the_object(text: str, person: str) -> None:
    assert _people(text) == {person}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وقال جان إيف لودريان إن فرنسا مستعدة.", "جان إيف لودريان"),
        ("وقال محمد علي الحوثي إن الجماعة مستعدة.", "محمد علي الحوثي"),
    ],
)
def test_a_third_name_word_before_a_nisba_or_a_clause_is_kept(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "وقال ابن عمه إن العائلة تطالب بالعدالة.",
        "واعتقلت الشرطة ابن أخيه أمس.",
        "واستشهد ابن عمها في القصف.",
    ],
)
def test_a_kinship_noun_with_a_pronoun_after_ibn_is_no_name(text: str) -> None:
    assert _people(text) == set()


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وقال الدكتور عبد الله الأشعل إن الحوار ضروري.", "عبد الله الأشعل"),
        ("وقال عبد الإله بن كيران إن", "عبد الإله بن كيران"),
        ("وقال أبو عبيدة إن المقاومة مستعدة.", "أبو عبيدة"),
    ],
)
def test_names_after_ibn_abu_and_abd_are_kept(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وحافظ المغربي سفيان البقالي على لقبه.", "سفيان البقالي"),
        ("وتوج الجزائري محمد بن علي بالذهبية.", "محمد بن علي"),
        ("وقال الأمريكي جون كيري إن", "جون كيري"),
    ],
)
def test_a_nationality_before_a_name_is_no_family_name(text: str, person: str) -> None:
    assert _people(text) == {person}
