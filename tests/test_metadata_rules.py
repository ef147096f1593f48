"""Unit tests of the metadata rules: dates, resolutions, boilerplate, title, source."""

from __future__ import annotations

import pickle

import pytest

from archive.metadata import extract_metadata
from archive.metadata.dates import find_dates, parse_date_field
from archive.metadata.resolutions import find_resolutions
from archive.metadata.source import canonical_source
from archive.metadata.textmap import fold_char_text


@pytest.mark.parametrize(
    ("text", "iso", "surface"),
    [
        ("يوم 6/أغسطس – آب /2017 وذلك", "2017-08-06", "6/أغسطس – آب /2017"),
        ("في 10 كانون الثاني/يناير 2023", "2023-01-10", "10 كانون الثاني/يناير 2023"),
        ("التاريخ 11/01/2023", "2023-01-11", "11/01/2023"),
        ("يوم ١٥ جانفي ٢٠٢٤ بالعاصمة", "2024-01-15", "١٥ جانفي ٢٠٢٤"),
        ("في 3 فيفري 2022", "2022-02-03", "3 فيفري 2022"),
        ("منذ 8 شتنبر 2023", "2023-09-08", "8 شتنبر 2023"),
        ("في أيلول عام 2018،", "2018-09", "أيلول عام 2018"),
        ("في 12 ذو الحجة 1444هـ", "2023-06-30", "12 ذو الحجة 1444هـ"),
        ("صدر 2023-05-04 رسميا", "2023-05-04", "2023-05-04"),
        ("وقع ذلك عام 2011 في درعا", "2011", "عام 2011"),
        ("الثلاثاء، 12 مارس (آذار) 2024", "2024-03-12", "12 مارس (آذار) 2024"),
    ],
)
def test_dates_in_all_three_month_systems_and_hijri(text: str, iso: str, surface: str) -> None:
    found = find_dates(text)
    assert [(d.iso, text[d.start : d.end]) for d in found] == [(iso, surface)]


def test_numbers_that_are_not_dates_are_ignored() -> None:
    assert find_dates("الجولة الـ 20 وقتل 2000 شخص والقرار 2254") == []


def test_date_field_parsed_to_iso() -> None:
    assert parse_date_field("2023-01-11T10:00:00Z") == "2023-01-11"
    assert parse_date_field("11/01/2023") == "2023-01-11"
    assert parse_date_field("الأربعاء 11 يناير 2023") == "2023-01-11"


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("Tue, 12 Mar 2024 10:00:00 GMT", "2024-03-12"),  # RSS pubDate (RFC 822)
        ("Tue, 12 Mar 2024 23:30:00 +0300", "2024-03-12"),  # the writer's own day
        ("March 12, 2024", "2024-03-12"),
        ("12 March 2024", "2024-03-12"),
        ("1710237600", "2024-03-12"),  # Unix time
        ("1710237600000", "2024-03-12"),  # Unix time in milliseconds
        ("20240312", "2024-03-12"),
        ("١٢/٠٣/٢٠٢٤", "2024-03-12"),
    ],
)
def test_date_fields_of_feeds_and_exports(value: str, iso: str) -> None:
    assert parse_date_field(value) == iso


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("1445/06/10", "2023-12-23"),  # Saudi and Gulf dumps date records in the Hijri calendar
        ("1445-06-10", "2023-12-23"),
        ("١٤٤٥/٠٦/١٠", "2023-12-23"),
        ("10/06/1445", "2023-12-23"),
        ("1445/06/10 هـ", "2023-12-23"),
        ("10-06-1445هـ", "2023-12-23"),
        ("1445", "2023"),
    ],
)
def test_a_numeric_date_field_with_a_hijri_year_is_converted(value: str, iso: str) -> None:
    # Read as Gregorian it was the year 1445: first in the archive, before:2000 matched it
    assert parse_date_field(value) == iso


@pytest.mark.parametrize("value", ["غدا", "123", "99999999", "Mar 2024 maybe"])
def test_date_fields_that_are_no_date_give_none(value: str) -> None:
    assert parse_date_field(value) is None


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("قراري مجلس الأمن رقم 2118 و 2254.", [2118, 2254]),
        ("وفقا لقرار مجلس الأمن التابع للأمم المتحدة 2672", [2672]),
        ("القرار 2254 (2015) والقرار 2118", [2118, 2254]),
        ("القرارات 242 و338", [242, 338]),
        ("طالب بتنفيذ القرارين 242 و338 والقرار رقم 2334", [242, 338, 2334]),
        ("وفق قراري مجلس الأمن 2720 و2728", [2720, 2728]),
        ("بموجب قرارين أمميين 2118 و2254", [2118, 2254]),
        ("قرار صدر عام 2019 باعتقال 300 شخص", []),
    ],
)
def test_resolution_numbers_never_years(text: str, numbers: list[int]) -> None:
    assert find_resolutions(fold_char_text(text)) == numbers


def test_boilerplate_is_kept_out_of_index_entities_and_word_count() -> None:
    body = (
        "الأخبارمانشيت\nوزير الخارجية يزور القاهرة لبحث الأزمة\n"
        "زار وزير الخارجية القاهرة اليوم.\nشارك على فيسبوك\nشاهد أيضًا\nخبر عن دمشق وباريس"
    )
    meta = extract_metadata(body)
    cut = [body[s.start : s.end] for s in meta.boilerplate]
    assert cut[0] == "الأخبارمانشيت"
    assert "شارك على فيسبوك" in cut
    assert cut[-1].startswith("شاهد أيضًا") and cut[-1].endswith("وباريس")
    assert "دمشق" not in meta.indexable_text(body)
    assert {e.name for e in meta.entities} == {"القاهرة"}
    assert meta.title == "وزير الخارجية يزور القاهرة لبحث الأزمة"
    assert meta.word_count == len(
        "وزير الخارجية يزور القاهرة لبحث الأزمة زار وزير الخارجية القاهرة اليوم".split()
    )


def test_title_derived_from_lead_when_text_opens_with_it() -> None:
    lead = "أعلنت الحكومة، في بيان صدر اليوم، عن خطة جديدة " + "لدعم المزارعين " * 20 + "."
    meta = extract_metadata(lead)
    assert meta.title_derived
    assert meta.title.startswith("أعلنت الحكومة")
    assert len(meta.title.split()) <= 31


def test_publication_date_from_top_line_and_body_year_never_promoted() -> None:
    dated = extract_metadata("11/01/2023\n\nعنوان الخبر هنا اليوم\n\nجرى ذلك في أيلول عام 2018.")
    assert (dated.date, dated.date_text) == ("2023-01-11", "11/01/2023")
    assert [d.iso for d in dated.dates] == ["2018-09"]
    undated = extract_metadata("عنوان الخبر هنا اليوم\nجرى ذلك عام 2018 في المدينة.")
    assert undated.date is None and undated.date_inferred is None


def test_dump_fields_win_over_the_text() -> None:
    meta = extract_metadata(
        "11/01/2023\nعنوان من النص هنا\nالمصدر: موقع ما",
        {"title": "عنوان الحقل", "date": "2024-02-03T08:00:00Z", "source": "رويترز"},
    )
    assert (meta.title, meta.date, meta.source) == ("عنوان الحقل", "2024-02-03", "رويترز")


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("المصدر: الدائرة الإعلامية للائتلاف", "الدائرة الإعلامية للائتلاف"),
        ("الموقع الرسمي لقوات سوريا الديمقراطية.", "الموقع الرسمي لقوات سوريا الديمقراطية"),
        ("وقال، وفق ما نقل موقع قناة “روسيا اليوم”، إن", "روسيا اليوم"),
        ("وأضاف، بحسب وكالة الأنباء السعودية، أن", "وكالة الأنباء السعودية"),
        ("ذكرت وكالة رويترز أن الاجتماع", "رويترز"),
        ("وتخطط الحكومة لطرح حصة، وفق ما نقلته وكالة بلومبرغ عن مصادر", "بلومبرغ"),
        ("وارتفعت الأسعار، بحسب ما ذكرته صحيفة «الرياض» أمس", "الرياض"),
    ],
)
def test_source_from_label_site_or_attribution(line: str, source: str) -> None:
    assert extract_metadata(f"عنوان الخبر هنا اليوم\nنص الخبر.\n{line}").source == source


@pytest.mark.parametrize(
    ("dateline", "source"),
    [
        ("القاهرة - الأهرام", "الأهرام"),
        ("دمشق – الوطن", "الوطن"),
        ("بيروت - محمد صالح", None),  # a reporter, not an outlet
        ("الرقة - الحسكة", None),  # two places
        ("الرياض - العربية.نت", "قناة العربية"),  # a web outlet's domain: the outlet
        ("بغداد - «الشرق الأوسط»", "الشرق الأوسط"),  # quoted: an outlet, though a region
        ("طرابلس، ليبيا (سي إن إن)", "سي إن إن"),  # the outlet in brackets
        ("القدس - (الأيام)", "الأيام"),
        ("بيروت – من نذير رضا", None),  # a byline
        ("دمشق (سوريا)", None),  # a country in brackets is no outlet
        ("غزة (فيديو)", None),  # nor a headline's label
        ("الرباط - هسبريس", "هسبريس"),  # one word, no article, not a name
        ("القاهرة - وكالات", None),  # "agencies": no one outlet
        ("بيروت - جورج", None),  # a reporter's given name
        ("تونس - وكالة تونس أفريقيا للأنباء", "وكالة تونس أفريقيا للأنباء"),  # an agency
        ("الخرطوم - صحيفة السوداني", "صحيفة السوداني"),  # a paper, named by its kind
        ("عمان - موقع عمون الإخباري", "موقع عمون الإخباري"),
        ("أبوظبي - سكاي نيوز عربية", "سكاي نيوز عربية"),  # a listed outlet of three words
        ("لندن - بي بي سي عربي", "هيئة الإذاعة البريطانية"),
        ("بيروت - محمد علي صالح", None),  # three words that no table lists: a reporter
        ("الرياض - الشرق الأوسط", "الشرق الأوسط"),  # unquoted: a region is no dateline's place
        ("موسكو - روسيا اليوم", "روسيا اليوم"),  # listed also as قناة روسيا اليوم
    ],
)
def test_source_from_a_dateline_naming_an_outlet(dateline: str, source: str | None) -> None:
    text = f"عنوان الخبر هنا اليوم\n\n{dateline}\n\nقال مسؤول إن الاجتماع انتهى.\n"
    assert extract_metadata(text).source == source


def test_a_region_named_outlet_in_a_dateline_is_not_a_place_of_the_story() -> None:
    text = "عنوان الخبر هنا اليوم\n\nبغداد - الشرق الأوسط\n\nقال مسؤول في الموصل إن العمل توقف.\n"
    places = {e.name for e in extract_metadata(text).entities if e.kind == "place"}
    assert "الشرق الأوسط" not in places
    assert {"بغداد", "الموصل"} <= places


def test_a_dateline_outlet_wins_over_an_agency_quoted_in_the_body() -> None:
    text = (
        "البنك المركزي يرفع الفائدة\n\nالقاهرة - الأهرام\n\n"
        "رفع البنك الفائدة، بحسب وكالة أنباء الشرق الأوسط.\n"
    )
    assert extract_metadata(text).source == "الأهرام"


def test_entities_aliases_clitics_adjectives_and_surnames() -> None:
    body = (
        "عنوان الخبر هنا اليوم\n"
        "التقت قسد وقوات سوريا الديمقراطية بالسيد آرام الدوماني في دمشق وبدمشق. "
        "وقال الدوماني إن الحكومة التركية والجهود الأمريكية لم تتغير."
    )
    meta = extract_metadata(body)
    by_name = {(e.kind, e.name): e for e in meta.entities}
    assert by_name[("org", "قوات سوريا الديمقراطية")].count == 2
    assert by_name[("place", "دمشق")].count == 2
    assert by_name[("person", "آرام الدوماني")].count == 2
    assert not any(
        e.kind == "place" and e.name in ("تركيا", "الولايات المتحدة") for e in meta.entities
    )


def test_metadata_is_picklable_for_worker_processes() -> None:
    meta = extract_metadata("عنوان الخبر هنا اليوم\nزار الوفد دمشق في 10 أيار 2023.")
    assert pickle.loads(pickle.dumps(meta)) == meta


def test_folded_text_agrees_with_the_search_normalisation(samples_dir) -> None:
    """The rules key tokens of the folded text with normalize(): the two folds must agree,
    or table entries (keyed by normalize) stop matching words like رئيس or مسؤول."""
    import re

    from archive.metadata.textmap import fold
    from archive.text.normalize import normalize

    for path in sorted(samples_dir.glob("*.txt")):
        folded = fold(path.read_text(encoding="utf-8")).text
        for word in re.findall(r"[\u0621-\u064a]+", folded):
            assert normalize(word) == word, word


def test_preposition_ala_is_not_the_surname_ali() -> None:
    body = "عنوان الخبر هنا اليوم\nحضر حسن محمد علي الاجتماع، وأكد على أهمية الحوار وعلى ضرورته."
    people = {e.name: e.count for e in extract_metadata(body).entities if e.kind == "person"}
    assert people == {"حسن محمد علي": 1}


def test_dump_fields_of_other_types_are_read_as_text() -> None:
    fields = {"date": 2023, "title": None, "source": ""}
    meta = extract_metadata("عنوان الخبر هنا اليوم\nنص.", fields)  # type: ignore[arg-type]
    assert (meta.date, meta.title, meta.source) == ("2023", "عنوان الخبر هنا اليوم", None)


_LEAD = (
    "ارتفعت حصيلة ضحايا الفيضانات التي اجتاحت المدينة إلى أكثر من أربعة آلاف قتيل، "
    "بحسب ما أعلنت منظمة الصحة العالمية."
)


@pytest.mark.parametrize(
    "dateline",
    [
        "طرابلس، ليبيا (سي إن إن)",
        "بيروت – من نذير رضا",
        "صنعاء - وكالة الصحافة الفرنسية (أ ف ب)",
        "نيويورك – الأمم المتحدة",
        "بغداد - «الشرق الأوسط»",
    ],
)
def test_a_text_opening_with_its_dateline_takes_its_title_from_the_lead(dateline: str) -> None:
    meta = extract_metadata(f"{dateline}\nالأحد، 17 سبتمبر/أيلول 2023\n\n{_LEAD}\n")
    assert (meta.title, meta.title_derived) == (_LEAD.rstrip("."), True)


@pytest.mark.parametrize(
    "title",
    [
        "غزة - الأمم المتحدة تحذر من مجاعة وشيكة",
        "لبنان: جلسة جديدة لانتخاب رئيس",
        "دمشق - من المعارضة إلى السلطة",
    ],
)
def test_a_headline_opening_with_a_place_stays_the_title(title: str) -> None:
    assert extract_metadata(f"{title}\n\n{_LEAD}\n").title == title


def test_an_outlet_named_in_the_dateline_is_not_also_a_place() -> None:
    text = (
        "البرلمان العراقي يفشل في انتخاب رئيس جديد\nبغداد - «الشرق الأوسط»\n\n"
        "فشل مجلس النواب العراقي في بغداد مجدداً في انتخاب رئيس له.\n"
    )
    meta = extract_metadata(text)
    places = {e.name: e.count for e in meta.entities if e.kind == "place"}
    assert meta.source == "الشرق الأوسط"
    assert "الشرق الأوسط" not in places and places["بغداد"] == 2


def test_the_middle_east_in_the_body_stays_a_place() -> None:
    text = (
        "عنوان الخبر هنا اليوم\nبغداد - «الشرق الأوسط»\n\n"
        "وقال إن الأزمة تهدد استقرار الشرق الأوسط كله.\n"
    )
    places = {e.name: e.count for e in extract_metadata(text).entities if e.kind == "place"}
    assert places.get("الشرق الأوسط") == 1


def test_a_date_field_that_is_no_date_is_kept_in_extra() -> None:
    meta = extract_metadata("عنوان الخبر هنا اليوم\nنص الخبر.", {"date": "منذ ساعتين"})
    assert (meta.date, meta.date_text, meta.extra) == (None, None, {"date": "منذ ساعتين"})


@pytest.mark.parametrize(
    ("title", "clean", "site"),
    [
        (
            "البرلمان العراقي يفشل في انتخاب رئيس | الجزيرة نت",
            "البرلمان العراقي يفشل في انتخاب رئيس",
            "قناة الجزيرة",
        ),
        (
            "البرلمان العراقي يفشل في انتخاب رئيس - سكاي نيوز عربية",
            "البرلمان العراقي يفشل في انتخاب رئيس",
            "سكاي نيوز عربية",
        ),
        (
            "البرلمان العراقي يفشل في انتخاب رئيس – اندبندنت عربية",
            "البرلمان العراقي يفشل في انتخاب رئيس",
            "اندبندنت عربية",
        ),
        ("أسعار النفط ترتفع | اقتصاد | صحيفة الرياض", "أسعار النفط ترتفع", "صحيفة الرياض"),
        (
            "غزة - الأمم المتحدة تحذر من مجاعة وشيكة",
            "غزة - الأمم المتحدة تحذر من مجاعة وشيكة",
            None,
        ),
        ("الجيش يتقدم في الخرطوم - تقرير", "الجيش يتقدم في الخرطوم - تقرير", None),
        (
            "وقف النار في غزة بات قريباً - الأمم المتحدة",
            "وقف النار في غزة بات قريباً - الأمم المتحدة",
            None,
        ),
        ("مقتل 5 في غارة على رفح - BBC News عربي", "مقتل 5 في غارة على رفح", "BBC News عربي"),
        # a kicker before or after the headline is no outlet
        (
            "حوار | محافظ مصرف ليبيا المركزي: توحيد الميزانية شرط لاستقرار الدينار",
            "محافظ مصرف ليبيا المركزي: توحيد الميزانية شرط لاستقرار الدينار",
            None,
        ),
        ("لحظة انهيار المبنى في حي الشجاعية | فيديو", "لحظة انهيار المبنى في حي الشجاعية", None),
        (
            "الجزيرة نت | البرلمان العراقي يفشل في انتخاب رئيس",
            "البرلمان العراقي يفشل في انتخاب رئيس",
            "قناة الجزيرة",
        ),
    ],
)
def test_a_site_name_after_the_headline_is_the_source_not_the_title(
    title: str, clean: str, site: str | None
) -> None:
    lead = "قال مسؤولون إن المحادثات ستستأنف الأسبوع المقبل في العاصمة لبحث الملفات العالقة."
    meta = extract_metadata(f"{title}\n\n{lead}\n")
    assert (meta.title, meta.source) == (clean, site)
    from_field = extract_metadata(lead, {"title": title})
    assert (from_field.title, from_field.source) == (clean, site)


@pytest.mark.parametrize(
    ("site", "source"),
    [
        ("سكاي نيوز عربية", "سكاي نيوز عربية"),
        ("العربية نت", "قناة العربية"),  # a listed outlet: its one name
        ("CNN بالعربية", "CNN بالعربية"),
    ],
)
def test_a_site_name_on_its_own_line_above_the_headline_is_the_source(
    site: str, source: str
) -> None:
    text = (
        f"{site}\nالبرلمان العراقي يفشل في انتخاب رئيس جديد\n\n"
        "قال مسؤولون إن المحادثات ستستأنف الأسبوع المقبل في العاصمة لبحث الملفات العالقة.\n"
    )
    meta = extract_metadata(text)
    assert meta.title == "البرلمان العراقي يفشل في انتخاب رئيس جديد"
    assert meta.source == source


@pytest.mark.parametrize("site", ["بي بي سي عربي", "سكاي نيوز عربية"])
def test_a_site_name_on_its_own_line_below_the_headline_is_the_source(site: str) -> None:
    text = (
        f"إيلون ماسك يعلن انسحاب منصة إكس من اتفاقية أوروبية\n{site}\n"
        "آخر تحديث: 27 مايو/ أيار 2023\n"
        "أعلن الملياردير الأمريكي إيلون ماسك انسحاب منصة إكس من مدونة الممارسات الطوعية.\n"
    )
    meta = extract_metadata(text)
    assert meta.title.startswith("إيلون ماسك")
    assert meta.source == canonical_source(site)
    assert meta.source in ("هيئة الإذاعة البريطانية", "سكاي نيوز عربية")


@pytest.mark.parametrize("first", ["إطلاق iPhone الجديد", "UNRWA", "قمة COP28 تختتم"])
def test_a_short_line_with_latin_words_is_no_site_name(first: str) -> None:
    text = f"{first}\n\nقال مسؤولون إن المحادثات ستستأنف الأسبوع المقبل في العاصمة لبحث الملفات.\n"
    assert extract_metadata(text).source is None


@pytest.mark.parametrize(
    "headline", ["قناة السويس تسجل إيرادات قياسية", "وكالة الطاقة تحذر", "صحيفة تكشف التفاصيل"]
)
def test_a_short_headline_with_an_outlet_noun_stays_the_title(headline: str) -> None:
    text = (
        f"{headline}\n\nقال مسؤولون إن المحادثات ستستأنف الأسبوع المقبل في العاصمة لبحث الملفات.\n"
    )
    meta = extract_metadata(text)
    assert (meta.title, meta.source) == (headline, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "ووصف الأمين العام الاتفاق بأنه أساس يمكن البناء عليه.",
        "وزار الوفد المدينة لأول مرة منذ عشر سنوات.",
        "كما ذكرنا آنفا فإن القانون ساري المفعول.",
        "وقدم خالص التعازي إلى أهالي الضحايا.",
        "ودمر الزلزال مئات المساكن، وثار بركان قريب.",
        "ونظم الشبان الاحتجاجات السلمية، وقالت السفيرة الأمريكية إن القيمة الجمالية للمبنى كبيرة.",
        "وانتقدت المفاوضة الهندية والحكومة السويدية الاتفاق.",
        "واتهم المجلس بحركة حماس بالوقوف وراء الهجوم، وأطلقوا نارا كثيفة.",
    ],
)
def test_common_words_are_not_places(sentence: str) -> None:
    # GeoNames lists these words as towns (بانه in Iran for بأنه, لاول in Canada for لأول...)
    places = [e.name for e in extract_metadata(sentence).entities if e.kind == "place"]
    assert places == []


def test_casablanca_is_named_by_its_arabic_name() -> None:
    meta = extract_metadata("وصل الوفد إلى الدار البيضاء أمس قادما من كازابلانكا.")
    places = [e.name for e in meta.entities if e.kind == "place"]
    assert places == ["الدار البيضاء"]  # was أنفا (a district), with the city as an alias


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("الكويت (كونا) -- أعلنت مؤسسة البترول الكويتية اليوم الأحد ارتفاع إنتاج المصافي "
         "إلى 1.4 مليون برميل يومياً.", "وكالة الأنباء الكويتية"),
        ("الرياض (واس) - أكد وزير الطاقة أن المملكة ملتزمة باتفاق خفض الإنتاج حتى نهاية العام.",
         "وكالة الأنباء السعودية"),
    ],
)  # fmt: skip
def test_a_wire_dateline_without_a_date_is_cut_from_the_title(text, source) -> None:
    meta = extract_metadata(text)
    assert meta.title.startswith(("أعلنت مؤسسة", "أكد وزير"))
    assert meta.source == source


def test_a_headline_that_opens_with_a_place_and_brackets_keeps_them() -> None:
    text = "غزة (فيديو) - مشاهد من الدمار الذي خلفه القصف على الأحياء الشرقية للمدينة\nنص."
    assert extract_metadata(text).title.startswith("غزة (فيديو)")


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("محكمة النقض ترفض طعن الشركة في غرامة مجلس المنافسة\nالرباط - هسبريس\n"
         "رفضت محكمة النقض الطعن الذي تقدمت به الشركة ضد قرار المجلس.", "مجلس المنافسة"),
        ("تصريحات جديدة من وزارة الصحة\nالرياض اليوم تعلن خطة للتطعيم في جميع المناطق.",
         "وزارة الصحة"),
    ],
)  # fmt: skip
def test_a_name_does_not_run_across_a_line_break(text: str, org: str) -> None:
    orgs = [e.name for e in extract_metadata(text).entities if e.kind == "org"]
    assert org in orgs
    assert not any(name.startswith(org + " ") for name in orgs)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("١٤ رجب ١٤٤٥", "2024-01-26"),
        ("15 رمضان 1445", "2024-03-25"),
        ("في 3 ذو الحجة 1444", "2023-06-21"),
    ],
)
def test_a_day_hijri_month_and_year_need_no_hijri_mark(text: str, iso: str) -> None:
    assert [(d.iso, d.hijri) for d in find_dates(text)] == [(iso, True)]


def test_a_hijri_month_name_that_is_a_given_name_is_no_date() -> None:
    assert find_dates("التقى رجب طيب أردوغان نظيره في رمضان 1445 وفي شعبان") == []


def test_a_saudi_dateline_in_the_hijri_calendar_alone_dates_the_article() -> None:
    text = (
        "وزارة الصحة تطلق حملة للتطعيم في المدارس\nالرياض 10 جمادى الآخرة 1445\n"
        "أطلقت وزارة الصحة حملة وطنية للتطعيم في المدارس تستمر أسبوعين في جميع المناطق.\n"
    )
    assert extract_metadata(text).date == "2023-12-23"


@pytest.mark.parametrize(
    ("sentence", "orgs"),
    [
        ("ورفضت المحكمة الطعن المقدم من الشركة أمس.", []),  # a subject and its object
        ("ودعت الدائرة المواطنين إلى الحذر.", []),  # a masculine plural: the object
        ("وارتفع مؤشر بورصة قطر مع أسهم مصرف الراجحي.", ["بورصة قطر", "مصرف الراجحي"]),
        ("وتراجعت البورصة المصرية أمس.", ["البورصة المصرية"]),
        ("وحذرت الهيئة المستثمرين من الشائعات.", []),
        ("وأكدت المحكمة الدستورية العليا الحكم.", ["المحكمة الدستورية العليا"]),
        ("وقالت الهيئة العامة للاستثمار إن المشروع تأخر.", ["الهيئة العامة للاستثمار"]),
        ("وقالت اللجنة الدولية للصليب الأحمر إن المساعدات وصلت.", ["اللجنة الدولية للصليب الأحمر"]),
    ],
)  # fmt: skip
def test_a_definite_feminine_head_takes_adjectives_not_a_noun(sentence, orgs) -> None:
    found = [e.name for e in extract_metadata(sentence).entities if e.kind == "org"]
    assert found == orgs


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("تجولنا في المدينة الزرقاء صباحا.", None),  # the blue city: an adjective
        ("رفع المتظاهرون الراية البيضاء أمس.", None),
        ("وصل الوفد إلى الزرقاء صباح اليوم.", "الزرقاء"),  # the Jordanian town
        ("قالت مديرية شرطة الزرقاء إن الطريق مغلق.", "الزرقاء"),
        ("ارتفع مؤشر البورصة أمس.", None),  # بورصة is the stock exchange, not Bursa
        ("زار الوفد مدينة بورسا التركية.", "بورسا"),
    ],
)
def test_words_that_are_town_names_only_in_form_are_no_places(
    sentence: str, place: str | None
) -> None:
    places = {
        e.name
        for e in extract_metadata(f"عنوان الخبر\n\n{sentence}\n").entities
        if e.kind == "place"
    }
    assert places == ({place} if place else set())


@pytest.mark.parametrize(
    ("lead", "inferred"),
    [
        ("أعلنت الوزارة الأحد 5 مايو 2024 أن العمل يبدأ في جميع المناطق.", "2024-05-05"),
        # the day a decision takes effect, or a deadline, is not the day of the story
        ("تعلن الوزارة بدء العمل بالقرار اعتباراً من يوم الأحد 5 مايو 2024 في المناطق.", None),
        ("تبدأ حملة التطعيم ابتداءً من 1 أكتوبر 2024 في جميع المراكز الصحية.", None),
        ("تستمر الحملة حتى 30 يونيو 2024 في جميع المناطق.", None),
    ],
)
def test_an_effective_date_or_deadline_is_no_inferred_date(lead: str, inferred: str | None) -> None:
    assert extract_metadata(f"قرار جديد للوزارة\n{lead}\n").date_inferred == inferred


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("ونأمل أن نصل إلى 15% قبل نهاية الربع الأول من 2025 إذا استمرت الإيرادات.", ["2025"]),
        ("وتراجعت الحركة خلال النصف الأول من 2024 بحسب السلطة.", ["2024"]),
        ("وسجلت الهيئة 30 حالة من 2024 إلى اليوم.", []),  # من alone makes no year a time
    ],
)
def test_a_year_after_a_period_and_min_is_a_date(text: str, years: list[str]) -> None:
    meta = extract_metadata(f"عنوان الخبر هنا اليوم\n\n{text}")
    assert [d.iso for d in meta.dates] == years
