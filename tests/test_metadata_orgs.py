"""International organisations that Arabic news names by full name or by acronym."""

from __future__ import annotations

import pytest

from archive.metadata import extract_metadata


def entities(text: str) -> set[tuple[str, str]]:
    return {(e.kind, e.name) for e in extract_metadata(text, {}).entities}


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("حذرت منظمة الأغذية والزراعة من نقص الغذاء.", "منظمة الأغذية والزراعة"),
        ("قالت اليونسكو إن المواقع الأثرية تضررت.", "منظمة الأمم المتحدة للتربية والعلم والثقافة"),
        ("وزار وفد من الوكالة الدولية للطاقة الذرية المنشأة.", "الوكالة الدولية للطاقة الذرية"),
        ("وأعلنت منظمة أطباء بلا حدود إغلاق المستشفى.", "أطباء بلا حدود"),
        ("وطالبت المنظمة الدولية للهجرة بتمويل إضافي.", "المنظمة الدولية للهجرة"),
    ],
)
def test_an_international_organisation_is_found_under_its_canonical_name(
    text: str, org: str
) -> None:
    assert ("org", org) in entities(text)


def test_a_town_sharing_an_acronym_stays_a_place() -> None:
    found = entities("وصل الوفد إلى مدينة الفاو جنوب البصرة أمس.")
    assert ("place", "الفاو") in found
    assert not any(kind == "org" for kind, _ in found)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وقال المندوب الروسي فاسيلي نيبينزيا إن بلاده تدعم الوساطة.", "فاسيلي نيبينزيا"),
        ("واستقبلت الوزيرة الفرنسية كاترين كولونا نظيرها.", "كاترين كولونا"),
    ],
)
def test_a_title_then_a_nisba_then_a_name_is_a_person(text: str, person: str) -> None:
    assert ("person", person) in entities(text)


def test_a_clause_after_title_and_nisba_is_not_a_name() -> None:
    found = entities("ميقاتي يلتقي المبعوث الأمريكي ويبحث التهدئة على الحدود.")
    assert not any(kind == "person" and name.startswith("ويبحث") for kind, name in found)


def test_a_surname_that_is_also_a_town_alias_stays_a_surname() -> None:
    found = entities("وأوضح وزير التجهيز والماء نزار بركة أن المحطة ستعمل قريباً.")
    assert ("person", "نزار بركة") in found
    assert not any(kind == "place" for kind, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "دعت الحكومة التركية إلى فتح معبر باب الهوى أمام القوافل.",
        "وقررت البلدية إعادة فتح الطرق، وبفتح الأسواق عاد الباعة.",
        "وفتح الجيش تحقيقا في الحادثة.",
    ],
)
def test_a_verb_spelled_like_a_movement_names_no_organisation(text: str) -> None:
    assert "حركة فتح" not in {name for kind, name in entities(text) if kind == "org"}


def test_the_short_name_counts_where_the_document_names_the_movement() -> None:
    text = "قالت حركة فتح في بيان إن الحوار مستمر. وأضاف متحدث باسم فتح أن الاتفاق صامد."
    (fatah,) = [e for e in extract_metadata(text, {}).entities if e.name == "حركة فتح"]
    assert fatah.kind == "org" and fatah.count == 2


@pytest.mark.parametrize(
    "text",
    [
        "وقال وزير المالية يوسف الخليل إن الخطة ضرورية.",
        "وأكد الوزير يوسف الخليل، في بيان، أن الخطة ضرورية.",
    ],
)
def test_a_minister_whose_surname_is_a_town_is_a_person(text: str) -> None:
    found = entities(text)
    assert ("person", "يوسف الخليل") in found
    assert ("place", "الخليل") not in found


@pytest.mark.parametrize(
    "text",
    [
        "وصل الرئيس محمد القاهرة أمس.",
        "زار الوفد مدينة الخليل أمس.",
        "وقال يوسف الخليل إن الخطة ضرورية.",
    ],
)
def test_a_town_after_a_name_stays_a_town_without_a_title_and_a_speech(text: str) -> None:
    assert any(kind == "place" for kind, _ in entities(text))


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وقالت وزيرة الثقافة صورية مولوجي إنّ المعرض فضاء للحوار.", "صورية مولوجي"),
        ("ورحّبت كريستالينا غورغييفا، المديرة العامة للصندوق، بالخطوة.", "كريستالينا غورغييفا"),
        ("وأكد الأمير بدر بن سلطان أن المشروع مستمر.", "بدر بن سلطان"),
    ],
)
def test_maghreb_gulf_and_foreign_given_names_start_a_person(text: str, person: str) -> None:
    assert ("person", person) in entities(text)


def test_a_given_name_that_is_also_a_word_needs_another_name_word() -> None:
    assert not any(kind == "person" for kind, _ in entities("وكان بدر السماء ساطعا."))


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("أعلنت شركة أرامكو السعودية تراجع أرباحها.", "أرامكو السعودية"),
        ("تراجع سهم أرامكو بنسبة 0.6%.", "أرامكو السعودية"),
        ("قال الرئيس المدير العام لسوناطراك إن الإنتاج ارتفع.", "سوناطراك"),
        ("وفق ما نقلته وكالة بلومبرغ عن مصادر مطلعة.", "بلومبرغ"),
        ("أكدت القيادة المركزية الأمريكية (سنتكوم) إسقاط الصاروخين.", "القيادة المركزية الأمريكية"),
        ("انسحب نواب من قوى الإطار التنسيقي من الجلسة.", "الإطار التنسيقي"),
        ("المدعوم من حزب الله وحركة «أمل» في البرلمان.", "حركة أمل"),
        ("انتهت ولاية حاكم مصرف لبنان في تموز.", "مصرف لبنان"),
        ("وقال رئيس التيار الوطني الحر إن الجلسة فشلت.", "التيار الوطني الحر"),
    ],
)
def test_companies_banks_and_parties_of_the_region_are_organisations(text: str, org: str) -> None:
    orgs = {
        e.name
        for e in extract_metadata(f"عنوان الخبر هنا اليوم\n{text}").entities
        if e.kind == "org"
    }
    assert org in orgs


def test_amal_alone_is_hope_not_the_movement() -> None:
    text = "عنوان الخبر هنا اليوم\nأعرب الوزير عن أمل بلاده في التوصل إلى اتفاق."
    assert not any(e.kind == "org" for e in extract_metadata(text).entities)


@pytest.mark.parametrize(
    "text",
    [
        "وقال الوزير إن التحالف «سيبقى استباقياً وحذراً» في المرحلة المقبلة.",
        "وأكد أن الحزب «لن يشارك» في الحكومة.",
    ],
)
def test_a_definite_head_before_a_quotation_is_no_organisation_name(text: str) -> None:
    meta = extract_metadata(f"عنوان الخبر هنا اليوم\n{text}")
    assert not any("«" in e.name or "سيبقى" in e.name or "يشارك" in e.name for e in meta.entities)


def test_a_participle_with_its_pronoun_ends_no_organisation_name() -> None:
    text = "عنوان الخبر هنا اليوم\nبين الحكومة المعترف بها دولياً والحوثيين بوساطة عمانية."
    orgs = {e.name for e in extract_metadata(text).entities if e.kind == "org"}
    assert "الحكومة المعترف" not in orgs


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("ورئيس المخابرات العامة المصرية اللواء عباس كامل.", "المخابرات العامة المصرية"),
        ("وقال مسؤول في الاستخبارات العسكرية إن الهجوم أُحبط.", "الاستخبارات العسكرية"),
    ],
)
def test_intelligence_services_are_organisations(text: str, org: str) -> None:
    body = f"عنوان الخبر هنا اليوم\n{text}"
    assert org in {e.name for e in extract_metadata(body).entities if e.kind == "org"}


def test_a_quoted_name_after_a_head_that_follows_a_closing_quote() -> None:
    text = "عنوان الخبر هنا اليوم\nالمدعوم من «حزب الله» وحركة «أمل»، قبل أن ينسحب النواب."
    orgs = {e.name for e in extract_metadata(text).entities if e.kind == "org"}
    assert orgs == {"حزب الله", "حركة أمل"}


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("وقالت وزارة الصحة والسكان إن الحملة مستمرة.", "وزارة الصحة والسكان"),
        ("وأطلقت وزارة الأوقاف والشؤون الإسلامية حملتها.", "وزارة الأوقاف والشؤون الإسلامية"),
        ("بالتعاون مع وزارة الموارد المائية والري في المحافظات.", "وزارة الموارد المائية والري"),
        ("وقال وزير في وزارة الشباب والثقافة والتواصل إن", "وزارة الشباب والثقافة والتواصل"),
        ("وقالت وزارة الخارجية والمغتربين إن", "وزارة الخارجية والمغتربين"),
    ],
)
def test_a_ministry_named_after_two_portfolios_is_one_organisation(text: str, org: str) -> None:
    assert ("org", org) in entities(f"عنوان الخبر هنا اليوم\n\n{text}")


def test_a_ministry_beside_other_bodies_is_not_joined_to_them() -> None:
    found = entities("عنوان الخبر هنا اليوم\n\nونسقت وزارة الصحة والمنظمات الدولية الحملة.")
    assert ("org", "وزارة الصحة") in found


@pytest.mark.parametrize(
    "text",
    [
        "وتراجعت حركة الملاحة في البحر الأحمر بنسبة كبيرة.",
        "وارتفعت حركة الحاويات في جدة خلال الربع الثالث.",
        "وتأثرت حركة الإنترنت بين آسيا وأوروبا.",
        "واستعادت حركة السفن اليومية نشاطها.",
    ],
)
def test_haraka_before_traffic_is_no_movement(text: str) -> None:
    # حركة الملاحة is shipping traffic, not a political movement like حركة النهضة
    assert not {n for k, n in entities(f"عنوان الخبر هنا اليوم\n\n{text}") if k == "org"}


def test_a_political_movement_stays_one() -> None:
    found = entities("عنوان الخبر هنا اليوم\n\nوأعلنت حركة النهضة التونسية مقاطعة الانتخابات.")
    assert ("org", "حركة النهضة التونسية") in found


def test_a_latin_acronym_in_brackets_is_the_organisation_it_follows() -> None:
    text = "وقال الأمين العام لحلف شمال الأطلسي (NATO) إن الحلف مستعد، وأيده صندوق النقد (IMF)."
    orgs = {n for k, n in entities(f"عنوان الخبر هنا اليوم\n\n{text}") if k == "org"}
    assert orgs == {"حلف شمال الأطلسي", "صندوق النقد الدولي"}


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("وصعد مؤشر سوق دبي المالي 1.1% بدعم من العقارات.", "سوق دبي المالي"),
        ("ارتفع المؤشر العام لسوق أبوظبي للأوراق المالية.", "سوق أبوظبي للأوراق المالية"),
        ("وأغلق مؤشر السوق المالية السعودية (تداول) مرتفعاً.", "السوق المالية السعودية"),
    ],
)
def test_gulf_stock_exchanges_are_organisations_not_their_cities(text: str, org: str) -> None:
    found = entities(f"عنوان الخبر هنا اليوم\n\n{text}")
    assert ("org", org) in found


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        ("يتصدر الاتحاد الترتيب برصيد 40 نقطة.", set()),
        ("وقرر المجلس التمديد للبعثة ستة أشهر.", set()),
        ("وطالب الحزب الشيوعي التحقيق في الحادثة.", {"الحزب الشيوعي"}),
        ("أعلن الاتحاد الأوروبي التعديل الجديد.", {"الاتحاد الأوروبي"}),
        # adjectives of that look are longer, and a construct head takes a noun
        ("عقدت اللجنة التنفيذية اجتماعا.", {"اللجنة التنفيذية"}),
        ("وقالت الحكومة التركية إن الحدود مغلقة.", {"الحكومة التركية"}),
        ("أعلنت جبهة التحرير الوطني فوزها.", {"جبهة التحرير الوطني"}),
    ],
)
def test_a_verbal_noun_after_a_definite_head_is_its_object_not_its_name(
    text: str, orgs: set[str]
) -> None:
    meta = extract_metadata(text, {})
    assert {e.name for e in meta.entities if e.kind == "org"} == orgs
