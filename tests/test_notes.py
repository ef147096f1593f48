"""Notes: `arshif note`, kept across re-imports, shown by `show` and written by `export`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import notes
from archive.cli.main import build_group
from archive.store import Archive, ArchiveError, DocumentNotFound
from tests.archive_factory import Doc, make_archive


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "archive.db"
    make_archive(
        path,
        [
            Doc("مجلس الأمن", "اجتمع مجلس الأمن في نيويورك", date="2023-05-01", path="a.txt"),
            Doc("الرقة", "قصف على الرقة", date="2022-01-01", path="b.txt"),
        ],
    )
    return str(path)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(build_group(), list(args), input=input)


def test_a_note_is_added_shown_replaced_and_cleared(db: str) -> None:
    assert run("note", "1", "--db", db).output.strip() == "document 1 has no note"
    result = run("note", "1", "مصدر", "مهم", "[bold]x", "--db", db)
    assert result.exit_code == 0 and "added the note of document 1" in result.output
    assert run("note", "1", "--db", db).output.strip() == "مصدر مهم [bold]x"
    assert "replaced" in run("note", "1", "تحقق", "--db", db).output
    shown = json.loads(run("show", "1", "--json", "--db", db).output)
    assert shown["note"] == "تحقق"
    assert "removed" in run("note", "1", "--clear", "--db", db).output
    assert json.loads(run("show", "1", "--json", "--db", db).output)["note"] is None


def test_a_note_can_come_from_stdin_with_its_lines(db: str) -> None:
    assert run("note", "2", "--stdin", "--db", db, input="سطر أول\nسطر ثان\n").exit_code == 0
    with Archive(db) as archive:
        assert notes.note_of(archive, 2) == "سطر أول\nسطر ثان"


def test_a_note_on_a_missing_document_names_it_and_stores_nothing(db: str) -> None:
    result = run("note", "99", "x", "--db", db)
    assert result.exit_code == 1 and "no document with id 99" in result.output
    assert run("note", "99", "--db", db).exit_code == 1
    with Archive(db) as archive:
        assert notes.all_notes(archive) == {}


def test_an_oversized_note_is_refused_and_the_old_one_kept(db: str) -> None:
    with Archive(db) as archive:
        notes.set_note(archive, 1, "قديمة")
        with pytest.raises(ArchiveError, match="note for document 1"):
            notes.set_note(archive, 1, "x" * (notes.MAX_NOTE_CHARS + 1))
        assert notes.note_of(archive, 1) == "قديمة"
        with pytest.raises(DocumentNotFound):
            notes.set_note(archive, 42, "x")


def test_text_and_clear_together_is_a_usage_error(db: str) -> None:
    assert run("note", "1", "x", "--clear", "--db", db).exit_code == 2


def test_export_writes_each_documents_note(db: str) -> None:
    run("note", "2", "راجع الأرقام", "--db", db)
    records = [json.loads(line) for line in run("export", "--db", db).output.splitlines()]
    assert {r["id"]: r["note"] for r in records} == {1: None, 2: "راجع الأرقام"}
    by_query = run("export", "--query", "الرقة", "--db", db).output.splitlines()
    assert json.loads(by_query[0])["note"] == "راجع الأرقام"
    csv_text = run("export", "--format", "csv", "--db", db).output
    assert csv_text.splitlines()[0].split(",")[9:11] == ["tags", "note"]
    assert "راجع الأرقام" in csv_text


def test_a_note_survives_reimporting_an_edited_file(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("عنوان\n\nنص أول عن الرقة", encoding="utf-8")
    db = str(tmp_path / "archive.db")
    assert run("import", str(folder), "--db", db).exit_code == 0
    run("note", "1", "ملاحظتي", "--db", db)
    article.write_text("عنوان\n\nنص معدل عن الرقة", encoding="utf-8")
    assert "updated 1" in run("import", str(folder), "--db", db).output
    assert run("note", "1", "--db", db).output.strip() == "ملاحظتي"


def test_notes_come_back_when_an_export_is_imported_elsewhere(db: str, tmp_path: Path) -> None:
    run("note", "2", "راجع الأرقام", "--db", db)
    dump = tmp_path / "export.jsonl"
    dump.write_text(run("export", "--db", db).output, encoding="utf-8")
    other = str(tmp_path / "other.db")
    assert run("import", str(dump), "--db", other).exit_code == 0
    with Archive(other) as archive:
        noted = notes.all_notes(archive)
        assert list(noted.values()) == ["راجع الأرقام"]
        (doc_id,) = noted
        assert archive.get(doc_id).title == "الرقة"
        # A note written in this archive is never replaced by importing the dump again.
        notes.set_note(archive, doc_id, "ملاحظتي هنا")
    dump.write_text(
        dump.read_text(encoding="utf-8").replace("الرقة", "الرقه"), encoding="utf-8"
    )  # the dump edited: its documents are updated
    assert "updated" in run("import", str(dump), "--db", other).output
    with Archive(other) as archive:
        assert notes.all_notes(archive) == {doc_id: "ملاحظتي هنا"}
