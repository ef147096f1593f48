"""Picking a facet in f gives the list the facet counted: an entity or a source whose name
is part of another's (الأمم المتحدة / بعثة الأمم المتحدة) selects only its own documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from archive import tags
from archive.metadata import EntityMention, Metadata
from archive.metadata.store import save_metadata
from archive.search.engine import facets, search
from archive.store import Archive
from tests.app.conftest import settle
from tests.archive_factory import Doc, add_documents
from tui.app import make_app
from tui.screens.facets import FacetsScreen, filter_token

ENTITIES = [
    [("org", "الأمم المتحدة"), ("person", "أحمد السعدون"), ("place", "الكويت")],
    [("org", "بعثة الأمم المتحدة"), ("person", "أحمد"), ("place", "مدينة الكويت")],
    [("org", "منظمة الأمم المتحدة للطفولة"), ("person", "السعدون"), ("place", "الكويت")],
]
SOURCES = ["الأهرام", "الأهرام أونلاين", "الأهرام"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        docs = [
            Doc(f"خبر {i}", f"نص الخبر رقم {i} عن الاجتماع", date=f"2024-0{i + 1}-01", source=s)
            for i, s in enumerate(SOURCES)
        ]
        ids = add_documents(archive, docs)
        # Tag names the query language reads as syntax, or that normalise alike.
        tags.add_tags(archive, ids[:1], ["a|b", "x*", "(مهم)", '"q"'])
        tags.add_tags(archive, ids[1:], ["a--b", "x%20y", "مهم", "q"])
        with archive.conn:
            for doc_id, found in zip(ids, ENTITIES, strict=True):
                mentions = tuple(EntityMention(kind, name, count=1) for kind, name in found)
                save_metadata(archive.conn, doc_id, Metadata(title="", entities=mentions))
    return path


FIELDS = {"tags": "tag", "sources": "source", "people": "person", "orgs": "org", "places": "place"}


def test_every_facet_filter_selects_as_many_documents_as_the_facet_counted(db: Path) -> None:
    with Archive(db) as archive:
        counted = facets(archive, "")
        for key, field in FIELDS.items():
            assert counted[key], key
            for name, n in counted[key]:
                token = filter_token(field, name)
                assert search(archive, token).total == n, (token, n)


async def test_picking_an_organisation_lists_the_documents_it_counted(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FacetsScreen)
        assert ("الأمم المتحدة", 1) in app.screen.facets["orgs"]
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("facet\0org\0الأمم المتحدة")
        await pilot.press("enter")
        await settle(pilot)
        assert app.document_list.total == 1
        assert app.document_list.current_hit.title == "خبر 0"


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ('org:"الأمم المتحدة"', ["خبر 2", "خبر 1", "خبر 0"]),  # a part of the name: all three
        ('org:="الأمم المتحدة"', ["خبر 0"]),
        ("person:=أحمد", ["خبر 1"]),
        ("place:=الكويت", ["خبر 2", "خبر 0"]),
        ('source:="الأهرام"', ["خبر 2", "خبر 0"]),
        ("source:=الاهرام", ["خبر 2", "خبر 0"]),  # normalised like every filter
        ("source:الأهرام", ["خبر 2", "خبر 1", "خبر 0"]),
        ("-org:=«الأمم المتحدة»", ["خبر 2", "خبر 1"]),
    ],
)
def test_an_equals_sign_makes_a_name_filter_match_the_whole_name(
    db: Path, query: str, titles: list[str]
) -> None:
    with Archive(db) as archive:
        result = search(archive, query)
        assert result.error is None
        assert [hit.title for hit in result.hits] == titles
