"""One outlet, one source: a dump's source field that the organisation table lists (by a
name, an alias or its web address) is stored under the outlet's canonical name, as a
dateline naming it is, so the sources facet lists the outlet once; the field as written is
kept in the document's extra, and source: still finds the outlet by every name."""

from __future__ import annotations

import json

import pytest

from archive.details import document_details
from archive.importing.run import run_import
from archive.search.engine import facets, search
from archive.store import Archive

BODY = "اختتمت قمة الأمم المتحدة للمناخ أعمالها فجر الأحد باتفاق على تمويل جديد للدول النامية."
RECORDS = [
    {"title": "قمة المناخ تختتم أعمالها", "text": BODY, "source": "الجزيرة نت"},
    {"title": "تمويل جديد للدول النامية", "text": BODY + " وتابع", "source": "www.aljazeera.net"},
    {"title": "الدفاع المدني يخمد حريقا", "text": BODY + " حريق", "source": "عنب بلدي"},
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("articles")
    (folder / "dump.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n", encoding="utf-8"
    )
    (folder / "dateline.txt").write_text(
        "قمة المناخ تختتم باتفاق على تمويل جديد\nباكو - الجزيرة نت\n" + BODY + " نص\n",
        encoding="utf-8",
    )
    archive = Archive(tmp_path_factory.mktemp("db") / "archive.db")
    run_import(archive, [folder], workers=1)
    yield archive
    archive.close()


def _ids(archive: Archive, query: str) -> set[str]:
    result = search(archive, query, limit=50)
    assert result.error is None, result.error
    return {h.title for h in result.hits}


def test_the_sources_facet_lists_an_outlet_once_under_its_canonical_name(archive) -> None:
    assert dict(facets(archive, "")["sources"]) == {"قناة الجزيرة": 3, "عنب بلدي": 1}


def test_the_source_field_as_written_is_kept_in_extra(archive) -> None:
    by_title = {h.title: h.id for h in search(archive, "", limit=50).hits}
    written = document_details(archive, by_title["قمة المناخ تختتم أعمالها"])
    assert written["source"] == "قناة الجزيرة"
    assert written["extra"] == {"source": "الجزيرة نت"}
    domain = document_details(archive, by_title["تمويل جديد للدول النامية"])
    assert domain["extra"] == {"source": "www.aljazeera.net"}
    unlisted = document_details(archive, by_title["الدفاع المدني يخمد حريقا"])
    assert unlisted["source"] == "عنب بلدي"
    assert not unlisted["extra"]


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ('source:"الجزيرة نت"', 3),
        ("source:الجزيرة", 3),
        ("source:aljazeera", 3),
        ('source:="قناة الجزيرة"', 3),
        ('source:"عنب بلدي"', 1),
    ],
)
def test_source_filters_find_the_outlet_by_any_of_its_names(archive, query, count) -> None:
    assert len(_ids(archive, query)) == count


def test_a_web_address_of_a_listed_outlet_gives_its_name() -> None:
    from archive.metadata.source import canonical_source

    assert canonical_source("https://www.aljazeera.net/news/2024/1/1/x") == "قناة الجزيرة"
    assert canonical_source("arabic.rt.com") == "روسيا اليوم"
    assert canonical_source("example.com") == "example.com"


def test_the_metadata_pane_shows_the_source_as_written_below_the_outlet(archive) -> None:
    from tui.widgets.metadata_pane import MetadataText

    by_title = {h.title: h.id for h in search(archive, "", limit=50).hits}
    pane = MetadataText()
    pane.details = document_details(archive, by_title["قمة المناخ تختتم أعمالها"])
    assert dict(pane.rows())["source"] == ["قناة الجزيرة", "as written: الجزيرة نت"]
    pane.details = document_details(archive, by_title["الدفاع المدني يخمد حريقا"])
    assert dict(pane.rows())["source"] == ["عنب بلدي"]


def test_a_moroccan_outlet_written_as_its_web_address_is_named() -> None:
    from archive.metadata.source import canonical_source

    assert canonical_source("hespress.com") == "هسبريس"
    assert canonical_source("https://www.hespress.com/politique") == "هسبريس"
