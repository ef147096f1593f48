"""person:, org:, place: filters as a researcher types them: a name without its article
(person:بيطار for طارق البيطار, place:فاشر for الفاشر) and a name the alias table knows that
the document does not use (org:الناتو for a document that writes حلف شمال الأطلسي)."""

from __future__ import annotations

import pytest

from archive.metadata import extract_metadata
from archive.metadata.store import save_metadata
from archive.search.engine import matching_ids
from archive.store import Archive
from tests.archive_factory import Doc, add_documents

ARTICLES = {
    "court": (
        "القاضي يستأنف التحقيق في انفجار المرفأ",
        "استأنف المحقق العدلي القاضي طارق البيطار تحقيقاته، وقال البيطار إن الجلسات تبدأ قريباً.",
    ),
    "darfur": (
        "قصف مخيم للنازحين في دارفور",
        "قصفت قوات الدعم السريع مخيماً للنازحين جنوب مدينة الفاشر عاصمة ولاية شمال دارفور.",
    ),
    "nato": (
        "الحلف يبحث أمن الطاقة في أوروبا",
        "ربط الأمين العام لحلف شمال الأطلسي مارك روته بين أمن الطاقة في أوروبا والحرب.",
    ),
    "other": (
        "افتتاح معرض الكتاب في الرباط",
        "افتتح وزير الثقافة معرض الكتاب في مدينة الرباط بمشاركة مئات الناشرين.",
    ),
}


@pytest.fixture(scope="module")
def archive_ids(tmp_path_factory: pytest.TempPathFactory):
    archive = Archive(tmp_path_factory.mktemp("entity_filters") / "a.db")
    keys = list(ARTICLES)
    ids = add_documents(archive, [Doc(t, b, "2024-01-01") for t, b in ARTICLES.values()])
    with archive.conn:
        for doc_id, (title, body) in zip(ids, ARTICLES.values(), strict=True):
            save_metadata(archive.conn, doc_id, extract_metadata(f"{title}\n\n{body}"))
    yield archive, dict(zip(keys, ids, strict=True))
    archive.close()


def _found(archive: Archive, query: str) -> list[int]:
    return sorted(matching_ids(archive, query))


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("person:بيطار", "court"),
        ("person:البيطار", "court"),
        ("place:فاشر", "darfur"),
        ("place:الفاشر", "darfur"),
    ],
)
def test_an_entity_filter_finds_a_name_written_with_or_without_its_article(
    archive_ids: tuple[Archive, dict[str, int]], query: str, key: str
) -> None:
    archive, ids = archive_ids
    assert _found(archive, query) == [ids[key]]


@pytest.mark.parametrize("query", ["org:الناتو", 'org:"حلف الناتو"', 'org:"حلف شمال الأطلسي"'])
def test_an_org_filter_finds_an_organisation_by_a_listed_alias_the_document_does_not_use(
    archive_ids: tuple[Archive, dict[str, int]], query: str
) -> None:
    archive, ids = archive_ids
    assert _found(archive, query) == [ids["nato"]]


def test_a_word_that_is_no_part_of_a_name_still_finds_nothing(
    archive_ids: tuple[Archive, dict[str, int]],
) -> None:
    archive, _ids = archive_ids
    assert _found(archive, "person:طار") == []
    assert _found(archive, "place:شر") == []


def test_an_org_filter_finds_an_organisation_by_its_latin_acronym(
    archive_ids: tuple[Archive, dict[str, int]],
) -> None:
    archive, ids = archive_ids
    assert _found(archive, "org:NATO") == [ids["nato"]]
    assert _found(archive, "org:nato") == [ids["nato"]]
