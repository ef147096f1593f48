"""عمّان (Amman) and عُمان (Oman) fold to the same letters: they stay two places, told apart
by their marks, the words before them, the article, or the default (the country)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.importing.run import run_import
from archive.metadata import extract_metadata
from archive.metadata.corrections import list_entities
from archive.metadata.homographs import entity_key
from archive.search.engine import search
from archive.store import Archive

TITLE = "خبر اليوم عن المنطقة العربية\n"
AMMAN, OMAN = "عمّان", "عُمان"


def places(text: str) -> set[str]:
    return {e.name for e in extract_metadata(TITLE + text).entities if e.kind == "place"}


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("وصل الوفد إلى عمّان أمس للقاء المسؤولين.", AMMAN),  # the shadda as written
        ("وصل الوفد إلى عَمَّان أمس للقاء المسؤولين.", AMMAN),  # fully vocalised
        ("وصل الوفد إلى عُمان أمس للقاء المسؤولين.", OMAN),  # the damma as written
        ("عقد الاجتماع في العاصمة الأردنية عمان بحضور الوزراء.", AMMAN),  # the words before
        ("تقع مدينة عمان على سبعة جبال.", AMMAN),  # a city: not the country
        ("زار الوزير سلطنة عمان وبحث التعاون.", OMAN),
        ("عبرت السفينة بحر عمان نحو الهند.", OMAN),
        ("استقبل وزير خارجية عمان نظيره الإيراني.", OMAN),  # only a state has a ministry
        ("تعاني شوارع عمان من الازدحام.", AMMAN),  # only a city has streets
        # the article: a Jordanian dateline (بترا), Muscat and the Omani minister
        ("عمان 20 تموز (بترا) - أكد وزير الخارجية الأردني أن المملكة تدعم الحل.", AMMAN),
        ("التقى الوزير نظيره العماني في عمان وزار مسقط القديمة.", OMAN),
        ("وصل الوفد إلى عمان أمس للقاء المسؤولين.", OMAN),  # nothing says: the country
    ],
)
def test_each_mention_gets_its_reading(text: str, reading: str) -> None:
    assert places(text) & {AMMAN, OMAN} == {reading}


def test_both_in_one_article_are_two_places() -> None:
    found = places("انتقل الوفد من عمّان إلى سلطنة عمان بعد لقاء في مسقط.")
    assert {AMMAN, OMAN} <= found


def test_the_entity_keys_differ_and_a_bare_name_keys_as_the_country() -> None:
    assert entity_key(AMMAN) != entity_key(OMAN) == entity_key("عمان")
    assert entity_key("عَمَّان") == entity_key(AMMAN)


def test_the_archive_keeps_them_apart_and_filters_find_each(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "jordan.txt").write_text(
        TITLE + "عقد الاجتماع في العاصمة الأردنية عمان بحضور الوزراء.", encoding="utf-8"
    )
    (folder / "oman.txt").write_text(
        TITLE + "زار الوزير سلطنة عمان وبحث التعاون في مسقط.", encoding="utf-8"
    )
    with Archive(tmp_path / "archive.db") as archive:
        run_import(archive, [folder])
        names = {e.entity.name for e in list_entities(archive, "place")}
        assert {AMMAN, OMAN} <= names

        def paths(query: str) -> set[str]:
            result = search(archive, query)
            assert result.error is None
            return {Path(h.path).name for h in result.hits}

        assert paths(f"place:{AMMAN}") == paths(f'place:="{AMMAN}"') == {"jordan.txt"}
        assert paths(f"place:{OMAN}") == paths(f'place:="{OMAN}"') == {"oman.txt"}
        # written bare, the name is ambiguous: both
        assert paths("place:عمان") == paths('place:="عمان"') == {"jordan.txt", "oman.txt"}
