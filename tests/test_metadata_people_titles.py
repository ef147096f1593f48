"""People after a title: professions, two-word titles and where the person is from open a
name; words that follow a title without being a name (adverbs, a preposition with a noun, a
verbal noun and its complement) do not; a name stops before the object of its sentence."""

from __future__ import annotations

import pytest

from archive.metadata import extract_metadata


def _people(text: str) -> set[str]:
    body = f"عنوان الخبر هنا اليوم\n{text}"
    return {e.name for e in extract_metadata(body).entities if e.kind == "person"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وقالت الكاتبة اللبنانية هدى بركات إن الرواية تغيرت.", "هدى بركات"),
        ("ويرى الفيلسوف الفرنسي تييري بروتون أن الديمقراطية في خطر.", "تييري بروتون"),
        ("وأعلن رجل الأعمال الأمريكي إيلون ماسك عن خطة جديدة.", "إيلون ماسك"),
        ("وقالت سيدة الأعمال الإماراتية نانسي عجرم إن السوق تعافت.", "نانسي عجرم"),
        ("وفاز المخرج الإيراني أصغر فرهادي بالجائزة.", "أصغر فرهادي"),
        ("وكتبت الفيلسوفة الألمانية حنة آرندت عن الشر.", "حنة آرندت"),
        ("وقال الرئيس الفرنسي الأسبق نيكولا ساركوزي إن الحكم ظالم.", "نيكولا ساركوزي"),
        ("وأوضح المؤرخ الإسرائيلي إيلان بابيه أن الرواية الرسمية تغيرت.", "إيلان بابيه"),
        ("وقال رجل الدين الشيعي مقتدى الصدر إن الانتخابات مقبلة.", "مقتدى الصدر"),
        ("وقال المدرب جوزيه مورينيو إن الفريق جاهز.", "جوزيه مورينيو"),
        ("وتحدث المخرج مارك فورستر عن فيلمه.", "مارك فورستر"),
        ("واجتمع الوفد برئاسة إيفانا فلادكوفا هولار مع الوزير.", "إيفانا فلادكوفا هولار"),
    ],
)
def test_a_profession_or_role_and_a_nationality_introduce_a_name(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "وقال السفير عقب اللقاء إن العلاقات متينة.",
        "وصرح الوزير إثر الاجتماع بأن المحادثات كانت مثمرة.",
        "وقدم الرئيس التنفيذي لشركة OpenAI عرضا جديدا.",
        "وقال الكاتب لشركة OpenAI إن النموذج جاهز.",
        "وأكد الوزير ضرورة التعاون بين البلدين.",
        "وبحث الرئيس سبل التعاون المشترك.",
        "وأعلن السفير استعداد بلاده للمساعدة.",
        "وأشاد الرئيس بالدور السعودي في المنطقة.",
        "وثمن السفير دور المملكة في دعم الاستقرار.",
        "وتسلم الرئيس أوراق اعتماد السفير الجديد.",
        "ولي العهد يرأس جلسة مجلس الوزراء في جدة",
        "وأعلن الوزير مقتل جنديين في الهجوم.",
        "وأعلن اللاعب اعتزاله كرة القدم.",
    ],
)
def test_words_after_a_title_that_are_no_name_give_no_person(text: str) -> None:
    assert _people(text) == set()


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وسجل حسين الشحات الهدف الثاني للأهلي في الدقيقة 70.", "حسين الشحات"),
        ("وسجل محمد صلاح الهدف الأول لليفربول.", "محمد صلاح"),
        ("والتقى خالد المشري الأسبوع الماضي وفدا أمميا.", "خالد المشري"),
        ("وافتتح أحمد العوضي المعرض الدولي للكتاب.", "أحمد العوضي"),
        ("وأحيا المطرب محمد منير حفلا في القاهرة.", "محمد منير"),
        ("واستقبل جان إيف لودريان وفدا لبنانيا.", "جان إيف لودريان"),
    ],
)
def test_a_name_stops_before_the_object_of_its_sentence(text: str, person: str) -> None:
    assert _people(text) == {person}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("أمير الكويت الشيخ صباح الأحمد الجابر الصباح", "صباح الأحمد الجابر الصباح"),
        ("واستقبل سالم عبدالله الجابر الصباح السفير.", "سالم عبدالله الجابر الصباح"),
        ("وقال النائب ملحم الرياشي إن الجلسة أرجئت.", "ملحم الرياشي"),
        ("واستقبل الرئيس عبد الفتاح السيسي الوفد.", "عبد الفتاح السيسي"),
    ],
)
def test_family_names_of_several_definite_words_stay_whole(text: str, person: str) -> None:
    assert person in _people(text)
