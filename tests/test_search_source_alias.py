"""source: finds an outlet by the names it is written under: the extractor stores a listed
outlet under its canonical name ("لندن - بي بي سي عربي" → هيئة الإذاعة البريطانية), and a
researcher filters by the name the article shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.importing.run import run_import
from archive.search.engine import search
from archive.store import Archive

ARTICLES = {
    "bbc.txt": "ماسك يعلن انسحاب منصة إكس من اتفاقية أوروبية\nلندن - بي بي سي عربي\n"
    "أعلن الملياردير الأمريكي إيلون ماسك انسحاب منصة إكس من مدونة الممارسات الطوعية.\n",
    "jazeera.txt": "قمة المناخ تختتم باتفاق على تمويل جديد للدول النامية\nباكو - الجزيرة نت\n"
    "اختتمت قمة الأمم المتحدة للمناخ أعمالها فجر الأحد باتفاق على تمويل جديد.\n",
    "ahram.txt": "الأهلي يكتسح الزمالك ويقترب من لقب الدوري المصري\nالقاهرة - الأهرام\n"
    "حسم النادي الأهلي قمة الدوري المصري الممتاز لصالحه بفوز كبير على الزمالك.\n",
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    archive = Archive(tmp_path_factory.mktemp("db") / "archive.db")
    run_import(archive, [folder], workers=1)
    yield archive
    archive.close()


def paths(archive: Archive, query: str) -> set[str]:
    result = search(archive, query, limit=50)
    assert result.error is None, result.error
    return {Path(h.path).name for h in result.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('source:"بي بي سي"', {"bbc.txt"}),
        ('source:"بي بي سي عربي"', {"bbc.txt"}),
        ("source:الإذاعة", {"bbc.txt"}),  # the canonical name still works
        ('source:"الجزيرة نت"', {"jazeera.txt"}),
        ("source:الأهرام", {"ahram.txt"}),
        ('source:"سي إن إن"', set()),
    ],
)
def test_source_filter_matches_an_outlet_by_its_listed_names(archive, query, expected) -> None:
    assert paths(archive, query) == expected


def test_the_exact_source_filter_is_the_stored_name_only(archive) -> None:
    assert paths(archive, 'source:="هيئة الإذاعة البريطانية"') == {"bbc.txt"}
    assert paths(archive, 'source:="بي بي سي عربي"') == set()


@pytest.mark.parametrize(
    ("code", "source"),
    [
        ("كونا", "وكالة الأنباء الكويتية"),
        ("وأج", "وكالة الأنباء الجزائرية"),
        ("واس", "وكالة الأنباء السعودية"),
    ],
)
def test_a_wire_agency_is_found_by_the_code_its_datelines_use(
    tmp_path, code: str, source: str
) -> None:
    from archive.search.engine import matching_ids
    from archive.store import Archive
    from tests.archive_factory import Doc, add_documents

    with Archive(tmp_path / "a.db") as archive:
        ids = add_documents(
            archive,
            [
                Doc("خبر", "نص الخبر", "2024-01-01", source),
                Doc("آخر", "نص", "2024-01-02", "رويترز"),
            ],
        )
        assert matching_ids(archive, f"source:{code}") == [ids[0]]
