"""Notes are searchable: note:WORDS finds the documents whose note holds every word
(normalised as search is: any alef, ة/ه, harakat; a word's clitics and light stem; x* a
prefix), has:note the documents with a note; both as set filters beside words and other
filters, negated with "-", in the CLI and in the status line's list of filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import notes
from archive.cli.main import build_group
from archive.search.engine import search
from archive.search.query import typed_filters
from archive.store import Archive
from tests.archive_factory import Doc, make_archive


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("notes") / "archive.db"
    ids = make_archive(
        path,
        [
            Doc("مجلس الأمن يجتمع", "اجتمع مجلس الأمن في نيويورك", date="2023-05-01"),
            Doc("قصف على الرقة", "قصف على الرقة ومجلس المدينة", date="2022-01-01"),
            Doc("الانتخابات البلدية", "جرت الانتخابات البلدية في تونس", date="2021-03-01"),
            Doc("مجلس النواب", "انعقد مجلس النواب في بيروت", date="2020-06-01"),
        ],
    )
    with Archive(path) as archive:
        notes.set_note(archive, ids[0], "راجعتُ الأرقامَ مع المصدر: موثوقة")
        notes.set_note(archive, ids[1], "للمقارنة مع تقرير الأمم المتحدة")
        notes.set_note(archive, ids[2], "Check the figures later")
    return path


def titles(db: Path, query: str) -> set[str]:
    with Archive(db) as archive:
        result = search(archive, query, limit=50)
    assert result.error is None, result.error
    return {h.title for h in result.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("note:الارقام", {"مجلس الأمن يجتمع"}),  # harakat and hamza folded
        ("note:ارقام", {"مجلس الأمن يجتمع"}),  # the article is a clitic
        ("note:بالمصدر", {"مجلس الأمن يجتمع"}),  # so is بال
        ("note:موثوق", {"مجلس الأمن يجتمع"}),  # the light stem: موثوقة
        ("note:مقارنة", {"قصف على الرقة"}),  # للمقارنة
        ('note:"الأمم المتحدة"', {"قصف على الرقة"}),
        ("note:راجع*", {"مجلس الأمن يجتمع"}),
        ("note:FIGURES", {"الانتخابات البلدية"}),
        ('note:"مع تونس"', set()),  # every word of the value
        ("note:مجلس", set()),  # the note, not the document's text
        ("has:note", {"مجلس الأمن يجتمع", "قصف على الرقة", "الانتخابات البلدية"}),
        ("-has:note", {"مجلس النواب"}),
        ("مجلس has:note", {"مجلس الأمن يجتمع", "قصف على الرقة"}),
        ("مجلس -note:المصدر", {"قصف على الرقة", "مجلس النواب"}),
        ("note:مع date:2023", {"مجلس الأمن يجتمع"}),
        ("note:مع OR tag:x", {"مجلس الأمن يجتمع", "قصف على الرقة"}),
    ],
)
def test_note_filters_find_documents_by_their_notes(db: Path, query: str, expected) -> None:
    assert titles(db, query) == expected


def test_an_unknown_has_value_is_an_error_naming_it(db: Path) -> None:
    with Archive(db) as archive:
        result = search(archive, "has:colour")
    assert result.error is not None and "has:colour" in result.error


def test_a_changed_note_is_found_by_its_new_words(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    [doc] = make_archive(path, [Doc("عنوان", "نص")])
    with Archive(path) as archive:
        notes.set_note(archive, doc, "قديم")
        assert search(archive, "note:قديم").total == 1
        notes.set_note(archive, doc, "جديد")
        assert search(archive, "note:قديم").total == 0
        assert search(archive, "note:جديد").total == 1


def test_the_cli_searches_notes(db: Path) -> None:
    result = CliRunner().invoke(
        build_group(), ["search", "note:الأرقام", "--json", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["title"] for line in result.output.splitlines()] == [
        "مجلس الأمن يجتمع"
    ]


def test_the_status_line_lists_note_filters() -> None:
    assert typed_filters('مجلس note:"مع المصدر" -has:note') == ['note:"مع المصدر"', "-has:note"]
