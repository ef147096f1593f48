"""Bylines: the author field and a person entity from a credit line near the top or bottom."""

from __future__ import annotations

import pytest

from archive.metadata import extract_metadata

TITLE = "البنك المركزي يثبت أسعار الفائدة للمرة الثالثة على التوالي"
LEAD = (
    "قررت لجنة السياسة النقدية في اجتماعها مساء اليوم الإبقاء على أسعار الفائدة دون تغيير، "
    "وقالت في بيان إن التضخم تراجع إلى أدنى مستوى له منذ عامين."
)


def people(meta) -> set[str]:
    return {e.name for e in meta.entities if e.kind == "person"}


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("بقلم: محمد الأحمد", "محمد الأحمد"),
        ("كتب: محمد عبد العزيز", "محمد عبد العزيز"),
        ("كتبت - ريم الكيلاني", "ريم الكيلاني"),
        ("بقلم الكاتب زياد الرحباني", "زياد الرحباني"),
        ("بقلم د. جهاد الزين", "جهاد الزين"),
        ("حاوره: سامر أبو هواش", "سامر أبو هواش"),
        ("إعداد: نضال قسوم", "نضال قسوم"),
        ("كتب – هبة الله جمعة", "هبة الله جمعة"),  # a compound given name the rules cut
        ("بِقَلَم: مُحَمَّد الأَحْمَد", "مُحَمَّد الأَحْمَد"),  # harakat kept as written
        ("كتب محمد الأحمد - القاهرة", "محمد الأحمد"),  # no separator, a place after a dash
        ("بقلم: غسان شربل، رئيس التحرير", "غسان شربل"),  # stops at the comma
        ("كتب: محمد بن عبد الرحمن آل ثاني", "محمد بن عبد الرحمن آل ثاني"),  # particles
        ("كتبت: منى", "منى"),  # one word: a listed given name
        ("تقرير: أحمد منصور", "أحمد منصور"),
        ("كتب: ستافان دي ميستورا", "ستافان دي ميستورا"),  # a foreign name ending in ا
    ],
)
def test_a_byline_under_the_title_gives_the_author_and_a_person(byline: str, author: str) -> None:
    meta = extract_metadata(f"{TITLE}\n{byline}\n{LEAD}")
    assert meta.author == author
    assert author in people(meta)
    assert meta.title == TITLE


def test_several_authors_are_split_at_wa_and_at_a_comma_before_a_given_name() -> None:
    meta = extract_metadata(f"{TITLE}\nكتب: محمد الأحمد وأحمد سعيد\n{LEAD}")
    assert meta.author == "محمد الأحمد، أحمد سعيد"
    assert {"محمد الأحمد", "أحمد سعيد"} <= people(meta)
    meta = extract_metadata(f"{TITLE}\nإعداد: سارة خليل، وليد جنبلاط\n{LEAD}")
    assert meta.author == "سارة خليل، وليد جنبلاط"  # وليد is a name, not و + ليد


def test_a_byline_at_the_bottom_is_read_too() -> None:
    meta = extract_metadata(f"{TITLE}\n{LEAD}\n{LEAD}\n\nبقلم: سمير عطا الله")
    assert meta.author == "سمير عطا الله"
    assert "سمير عطا الله" in people(meta)


def test_a_byline_on_the_first_line_is_not_the_title() -> None:
    meta = extract_metadata(f"كتبت: منى الشاذلي\n{TITLE}\n{LEAD}")
    assert meta.title == TITLE and meta.author == "منى الشاذلي"


def test_a_place_inside_the_byline_name_gives_way_to_the_person() -> None:
    meta = extract_metadata(f"{TITLE}\nكتب: أحمد الخليل\n{LEAD}")
    assert meta.author == "أحمد الخليل"
    assert "أحمد الخليل" in people(meta)
    assert not [e for e in meta.entities if e.kind == "place" and "الخليل" in e.name]


@pytest.mark.parametrize(
    "line",
    [
        "كتب الرئيس الأمريكي دونالد ترامب على منصته أن الاتفاق قريب",  # a sentence
        "كتبت صحيفة الغارديان البريطانية أن المفاوضات تعثرت",  # an outlet
        "بقلم: سعيد عقل لبنان بلد صغير يعيش أزمة طويلة",  # a name glued to a sentence
        "تقرير: ارتفاع أسعار النفط في الأسواق العالمية",  # a headline label
        "كتب: فريق التحرير",  # a desk
        "إعداد: قسم الأخبار",
        "كتب: مراسلنا في بغداد",
        "إعداد الموازنة العامة يتطلب توافقا سياسيا واسعا",  # a noun, no credit
        "كتب: الأمم المتحدة",  # an organisation
        "حاوره: 2024",
        "كتب الشاعر محمود درويش قصيدته",  # the verb and its object
        "كتبت الصحفية منى الشاذلي مقالا",
    ],
)
def test_lines_that_only_look_like_bylines_give_no_author(line: str) -> None:
    meta = extract_metadata(f"{TITLE}\n{line}\n{LEAD}")
    assert meta.author is None


def test_a_dump_author_field_wins_over_the_byline() -> None:
    meta = extract_metadata(f"{TITLE}\nبقلم: محمد الأحمد\n{LEAD}", {"author": "Reuters"})
    assert meta.author == "Reuters"


def test_the_importer_stores_the_byline_as_the_documents_author(tmp_path) -> None:
    from archive.importing.run import run_import
    from archive.store import Archive

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"{TITLE}\nبقلم: محمد الأحمد\n{LEAD}", encoding="utf-8")
    with Archive(tmp_path / "archive.db") as archive:
        run_import(archive, [folder])
        [doc] = archive.documents([1])
        assert doc.author == "محمد الأحمد"
