"""Names the tables must know: Chinese leaders whose family name is a common word (شي، لي),
Chinese family names that open a name (وانغ يي), one-word Brazilian names (نيمار), Gulf given
names (جنان بوشهري، مشاري العنجري). لولا alone is also "were it not for": it names Lula only
in an article that names him in full."""

from __future__ import annotations

import pytest

from archive.metadata import extract_metadata


def _people(text: str) -> set[str]:
    body = f"عنوان الخبر هنا اليوم\n{text}"
    return {e.name for e in extract_metadata(body).entities if e.kind == "person"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وقال شي جين بينغ إن بلاده مستعدة للحوار.", "شي جين بينغ"),
        ("واستقبل شي جينبينغ الوفد في بكين.", "شي جين بينغ"),
        ("وقال لي تشيانغ إن الاقتصاد ينمو.", "لي تشيانغ"),
        ("والتقى وانغ يي نظيره الأمريكي.", "وانغ يي"),
        ("واستقبل تشين غانغ الوفد.", "تشين غانغ"),
    ],
)
def test_chinese_names_are_whole(text: str, person: str) -> None:
    people = _people(text)
    assert person in people
    assert "شي جين" not in people


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وسجل نيمار هدفين في المباراة.", "نيمار"),
        ("وغاب نيمار جونيور عن التدريبات.", "نيمار"),
        ("وقال الرئيس البرازيلي لولا دا سيلفا إن بلاده مستعدة.", "لويس إيناسيو لولا دا سيلفا"),
    ],
)
def test_brazilian_names_of_one_word_are_people(text: str, person: str) -> None:
    assert person in _people(text)


def test_lula_alone_is_the_word_were_it_not_for() -> None:
    assert _people("لولا تدخل الجيش لحدثت كارثة في المدينة.") == set()


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("وقالت جنان بوشهري إن الوزارة أنجزت المشروع.", "جنان بوشهري"),
        ("وأعلنت وزيرة الأشغال جنان بوشهري استقالتها.", "جنان بوشهري"),
        ("وقال مشاري العنجري إن المجلس سيجتمع.", "مشاري العنجري"),
        ("وأكدت موضي الحمود أن الخطة جاهزة.", "موضي الحمود"),
    ],
)
def test_gulf_given_names_open_a_name(text: str, person: str) -> None:
    assert person in _people(text)
