"""Compound names are extracted whole, whatever their shape, and no common word joins them."""

from __future__ import annotations

import pytest

from archive.metadata import extract_metadata

TITLE = "خبر سياسي عن لقاءات اليوم"


def entities(sentence: str) -> set[tuple[str, str]]:
    return {(e.kind, e.name) for e in extract_metadata(f"{TITLE}\n{sentence}").entities}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # French compound given names, the family name without the article
        ("أكد وزير الخارجية الفرنسي جان إيف لودريان أن الحل سياسي.", "جان إيف لودريان"),
        ("وصرح جان مارك أيرولت بأن فرنسا قلقة.", "جان مارك أيرولت"),
        ("قال جان بيير لاكروا وكيل الأمين العام إن البعثة باقية.", "جان بيير لاكروا"),
        ("قالت ماري لوبان إن حزبها سيفوز.", "ماري لوبان"),
        # عبد / أبو compounds, بن / آل chains
        ("استقبل الرئيس عبد الفتاح السيسي وفدا من رجال الأعمال.", "عبد الفتاح السيسي"),
        ("قال أبو بكر البغدادي في تسجيل صوتي إن التنظيم باق.", "أبو بكر البغدادي"),
        ("التقى ولي العهد الأمير محمد بن سلمان بالرئيس الفرنسي.", "محمد بن سلمان"),
        ("قال بن سلمان إن المملكة ماضية في الإصلاحات.", "بن سلمان"),
        ("استقبل الشيخ تميم بن حمد آل ثاني أمير قطر الضيف.", "تميم بن حمد آل ثاني"),
        ("وقال محمد بن عبد الرحمن آل ثاني إن الوساطة مستمرة.", "محمد بن عبد الرحمن آل ثاني"),
        ("وأفتى عبد العزيز آل الشيخ بذلك.", "عبد العزيز آل الشيخ"),
        ("وقال علي عبد الله صالح إن الحوار هو الحل.", "علي عبد الله صالح"),
        ("وقال رجب طيب أردوغان في مؤتمر صحفي إن الوضع صعب.", "رجب طيب أردوغان"),
        ("وقال محمد جواد ظريف إن الاتفاق ممكن.", "محمد جواد ظريف"),
        # ولد (Mauritanian "son of"), with الشيخ inside the family name
        (
            "قال المبعوث الأممي إسماعيل ولد الشيخ أحمد إن المحادثات مستمرة.",
            "إسماعيل ولد الشيخ أحمد",
        ),
        ("صرح محمد ولد الغزواني بأن الانتخابات ستجري في موعدها.", "محمد ولد الغزواني"),
        # compound given names with الدين / الإسلام, one of them also a province's name
        ("التقى نور الدين الطبوبي الأمين العام لاتحاد الشغل.", "نور الدين الطبوبي"),
        ("قال سيف الإسلام القذافي إنه سيترشح.", "سيف الإسلام القذافي"),
        ("قال صلاح الدين الجورشي إن الأزمة عميقة.", "صلاح الدين الجورشي"),
        # European particles
        ("وقالت أورسولا فون دير لاين إن أوروبا موحدة.", "أورسولا فون دير لاين"),
        ("وقال ستافان دي ميستورا إن اللجنة الدستورية ستجتمع.", "ستافان دي ميستورا"),
        ("وقال دي ميستورا إن اللجنة الدستورية ستجتمع.", "دي ميستورا"),
    ],
)
def test_a_compound_name_is_one_whole_person(sentence: str, name: str) -> None:
    found = entities(sentence)
    assert ("person", name) in found
    # no shorter piece of it as a second person
    pieces = {n for kind, n in found if kind == "person" and n != name and n in name}
    assert not pieces


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        ("التقى محمد علي نظيره الفرنسي في باريس.", ("person", "محمد علي"), "محمد علي نظيره"),
        ("التقى الوزير أحمد حسن وفدا من رجال الأعمال.", ("person", "أحمد حسن"), "أحمد حسن وفدا"),
        ("وتحدث محمد علي بالقاهرة عن الأزمة.", ("place", "القاهرة"), "محمد علي بالقاهرة"),
        (
            "سيطر الجيش على محافظة صلاح الدين العراقية.",
            ("place", "صلاح الدين"),
            "صلاح الدين العراقية",
        ),
        (
            "قصفت الطائرات مواقع في صلاح الدين والأنبار.",
            ("place", "صلاح الدين"),
            "صلاح الدين والأنبار",
        ),
        (
            "أعلنت كتائب عز الدين القسام مسؤوليتها.",
            ("org", "كتائب عز الدين القسام"),
            "عز الدين القسام",
        ),
        ("الفنان محمد ولد في القاهرة عام 1950.", ("place", "القاهرة"), "محمد ولد"),
    ],
)
def test_common_words_do_not_join_a_name(sentence: str, expected: tuple, absent: str) -> None:
    found = entities(sentence)
    assert expected in found
    assert all(name != absent for _, name in found)


def test_a_particle_surname_alone_is_the_full_name_of_the_article() -> None:
    meta = extract_metadata(
        f"{TITLE}\nوقال ستافان دي ميستورا إن اللجنة ستجتمع. وأكد دي ميستورا أن الموعد قريب."
    )
    people = [(e.name, e.count) for e in meta.entities if e.kind == "person"]
    assert people == [("ستافان دي ميستورا", 2)]
