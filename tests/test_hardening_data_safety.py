"""Data safety: what the user added (tags, notes, entity corrections) survives re-import,
edits, renames and schema migrations; export, tags dump/restore and backup copy exactly."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import tags
from archive.cli.main import build_group
from archive.importing.run import run_import
from archive.metadata.corrections import list_entities, rename_entity
from archive.schema import SCHEMA_VERSION, migrate
from archive.store import Archive
from tests.app.conftest import settle
from tests.conftest import SAMPLES
from tui.app import make_app

USER_TABLES = ("documents", "tags", "document_tags", "notes", "entity_corrections", "tag_log")


def cli(*args: str) -> str:
    result = CliRunner().invoke(build_group(), list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def import_into(db: Path, *paths: Path) -> None:
    with Archive(db, create=True) as archive:
        run_import(archive, list(paths), workers=1)


def user_state(db: Path) -> dict[str, object]:
    """Everything the user made, keyed by the document's body hash where it names one."""
    with sqlite3.connect(db) as conn:
        return {
            "tags": sorted(
                conn.execute(
                    "SELECT d.id, t.name FROM document_tags dt JOIN documents d "
                    "ON d.id = dt.document_id JOIN tags t ON t.id = dt.tag_id"
                )
            ),
            "notes": sorted(conn.execute("SELECT document_id, text FROM notes")),
            "corrections": sorted(
                conn.execute("SELECT action, kind, name, target FROM entity_corrections")
            ),
            "entities": sorted(
                conn.execute(
                    "SELECT de.document_id, e.kind, e.name FROM document_entities de "
                    "JOIN entities e ON e.id = de.entity_id"
                )
            ),
        }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.fixture
def annotated(tmp_path: Path, corpus: Path) -> Path:
    """The samples imported, tagged, annotated with a note and an entity renamed."""
    db = tmp_path / "archive.db"
    import_into(db, corpus)
    with Archive(db) as archive:
        tags.add_tags(archive, [1, 2], ["سوريا"])
        tags.add_tags(archive, [3], ["مهم", "[b]x[/b]"])
        with archive.conn:
            archive.conn.execute(
                "INSERT INTO notes (document_id, text, updated_at) VALUES (2, ?, 'now')",
                ("ملاحظة: راجع المصدر",),
            )
        person = next(s.entity for s in list_entities(archive, "person"))
        rename_entity(archive, "person", person.name, person.name + " (مصحح)")
    return db


def test_reimport_edit_and_rename_keep_tags_notes_and_corrections(
    annotated: Path, corpus: Path
) -> None:
    before = user_state(annotated)
    import_into(annotated, corpus)  # unchanged
    assert user_state(annotated) == before
    files = sorted(corpus.glob("*.txt"))
    files[2].write_text(files[2].read_text(encoding="utf-8") + "\nسطر مضاف.", encoding="utf-8")
    files[1].rename(corpus / "renamed.txt")
    import_into(annotated, corpus)
    with sqlite3.connect(annotated) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (5,)
        assert conn.execute("SELECT path FROM documents WHERE id = 2").fetchone() == (
            "news/renamed.txt",
        )
        assert (
            conn.execute("SELECT body FROM documents WHERE id = 3")
            .fetchone()[0]
            .endswith("سطر مضاف.")
        )
    after = user_state(annotated)
    assert after["tags"] == before["tags"]
    assert after["notes"] == before["notes"]
    assert after["corrections"] == before["corrections"]
    renamed = [name for _doc, _kind, name in after["entities"] if name.endswith("(مصحح)")]
    assert renamed, "the entity rename was not replayed"


def table_rows(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}")) for t in USER_TABLES}


def test_migrate_on_a_current_archive_is_a_no_op_that_keeps_every_row(annotated: Path) -> None:
    before = table_rows(annotated)
    conn = sqlite3.connect(annotated)
    assert migrate(conn) == SCHEMA_VERSION
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()
    assert table_rows(annotated) == before


def test_an_archive_marked_version_0_with_data_is_upgraded_without_losing_rows(
    annotated: Path,
) -> None:
    before = table_rows(annotated)
    with sqlite3.connect(annotated) as conn:
        conn.execute("PRAGMA user_version = 0")
    with Archive(annotated) as archive:
        assert archive.conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert archive.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert table_rows(annotated) == before


# The date as search, sorting and the app use it: export writes the inferred date into
# "date" when the article had none, so a re-import stores it as the publication date.
DOC_FIELDS = ("title", "body", "coalesce(date, date_inferred)", "source", "author", "url")


def documents_by_body(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        return {
            row[1]: row for row in conn.execute(f"SELECT {', '.join(DOC_FIELDS)} FROM documents")
        }


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_then_import_into_a_new_archive_gives_the_same_documents(
    annotated: Path, tmp_path: Path, fmt: str
) -> None:
    out = cli("export", "--format", fmt, "--db", str(annotated))
    dump = tmp_path / f"export.{fmt}"
    dump.write_text(out, encoding="utf-8")
    if fmt == "jsonl":
        records = [json.loads(line) for line in out.splitlines()]
    else:
        records = list(csv.DictReader(io.StringIO(out)))
    assert len(records) == 5
    fresh = tmp_path / "fresh.db"
    import_into(fresh, dump)
    assert documents_by_body(fresh) == documents_by_body(annotated)
    # the export's tags come back as tags of the same documents
    assert tags_by_body(fresh) == tags_by_body(annotated)
    assert any(tags_by_body(annotated).values())


def tags_by_body(db: Path) -> dict[str, list[str]]:
    with sqlite3.connect(db) as conn:
        out: dict[str, list[str]] = {
            body: [] for (body,) in conn.execute("SELECT body FROM documents")
        }
        for body, name in conn.execute(
            "SELECT d.body, t.name FROM document_tags dt JOIN documents d ON d.id = dt.document_id "
            "JOIN tags t ON t.id = dt.tag_id ORDER BY t.name"
        ):
            out[body].append(name)
    return out


def test_tags_dump_restore_into_a_rebuilt_archive_is_exact(
    annotated: Path, corpus: Path, tmp_path: Path
) -> None:
    dump = tmp_path / "tags.txt"
    dump.write_text(cli("tags", "dump", "--db", str(annotated)), encoding="utf-8")
    rebuilt = tmp_path / "rebuilt.db"
    import_into(rebuilt, corpus)
    cli("tags", "restore", str(dump), "--db", str(rebuilt))
    assert cli("tags", "dump", "--db", str(rebuilt)) == dump.read_text(encoding="utf-8")
    assert user_state(rebuilt)["tags"] == user_state(annotated)["tags"]


async def test_backup_while_the_app_is_open_and_a_write_is_uncommitted_is_consistent(
    annotated: Path, tmp_path: Path
) -> None:
    app = make_app(annotated)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        writer = sqlite3.connect(annotated)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE documents SET title = 'uncommitted' WHERE id = 1")
        writer.execute("DELETE FROM document_tags")
        target = tmp_path / "copy.db"
        cli("backup", str(target), "--db", str(annotated))
        writer.rollback()
        writer.close()
        await pilot.press("down")
        await settle(pilot)
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.execute("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')")
    copy.close()
    assert table_rows(target) == table_rows(annotated)
    assert documents_by_body(target) == documents_by_body(annotated)


@pytest.fixture(params=["garbage", "truncated"])
def corrupt_db(request: pytest.FixtureRequest, annotated: Path, tmp_path: Path) -> Path:
    path = tmp_path / f"{request.param}.db"
    if request.param == "garbage":
        path.write_bytes(bytes(range(256)) * 64)
    else:
        data = annotated.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    return path


def test_a_corrupt_archive_is_named_by_the_cli_and_left_untouched(corrupt_db: Path) -> None:
    before = corrupt_db.read_bytes()
    for args in (["stats"], ["search", "x"], ["show", "1"], ["import", str(SAMPLES)]):
        result = CliRunner().invoke(build_group(), [*args, "--db", str(corrupt_db)])
        assert result.exit_code == 1, result.output
        assert f"{corrupt_db}: not an Arshif database" in result.output
    assert corrupt_db.read_bytes() == before


async def test_the_app_on_a_corrupt_archive_says_so_instead_of_crashing(corrupt_db: Path) -> None:
    before = corrupt_db.read_bytes()
    app = make_app(corrupt_db)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "x", "enter", "r", "t")
        await pilot.pause()
        assert "not an Arshif database" in str(app.status.render())
    assert corrupt_db.read_bytes() == before
