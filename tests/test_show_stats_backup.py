"""`arshif show`, `stats` and `backup` on a small archive built directly through the core."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.store import Archive
from tui.cli import main

BODY = "عُقِدَ اجتماع في الرقة يوم 6/8/2017 لبحث [bold]الأوضاع[/bold]."


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    with Archive(path) as archive, archive.conn:
        archive.conn.execute(
            "INSERT INTO documents (id, source_key, path, title, body, sha256, word_count, "
            "source, date, imported_at, updated_at) VALUES "
            "(7, 'x.txt', 'x.txt', 'اجتماع في الرقة', ?, 'abc', 9, 'وكالة هاوار', '2017-08-06',"
            " '2026-01-01T00:00:00', '2026-01-01T00:00:00')",
            (BODY,),
        )
        archive.conn.execute(
            "INSERT INTO tags (id, name, created_at) VALUES (1, 'سوريا', '2026-01-01')"
        )
        archive.conn.execute("INSERT INTO document_tags VALUES (7, 1, '2026-01-01')")
    return path


def test_show_json_gives_the_stored_document_with_arabic_unescaped(db: Path) -> None:
    result = CliRunner().invoke(main, ["show", "7", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert "\\u" not in result.output
    data = json.loads(result.output)
    assert data["body"] == BODY
    assert data["tags"] == ["سوريا"]
    assert data["source"] == "وكالة هاوار"


def test_show_text_prints_title_and_body_literally(db: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(db), "show", "7"])
    assert result.exit_code == 0, result.output
    assert "title: اجتماع في الرقة" in result.output
    assert "[bold]الأوضاع[/bold]" in result.output


def test_show_unknown_id_names_the_id_and_the_file(db: Path) -> None:
    result = CliRunner().invoke(main, ["show", "99", "--db", str(db)])
    assert result.exit_code == 1
    assert "99" in result.output and str(db) in result.output


def test_stats_counts_documents_and_tags(db: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["documents"] == 1 and stats["tags"] == 1 and stats["tagged_documents"] == 1


def test_stats_counts_tags_in_use_and_reports_unused_ones_apart(db: Path) -> None:
    from archive import tags

    with Archive(db) as archive:
        tags.add_tags(archive, [7], ["مؤقت", "ثالث"])
        tags.remove_tags(archive, [7], ["مؤقت", "سوريا"])  # both now on no document
        with archive.conn:  # an entity no document mentions (left by a re-extraction)
            archive.conn.execute(
                "INSERT INTO entities (kind, name, key) VALUES ('place', 'حلب', 'حلب')"
            )
        listed = {t.name: t.count for t in tags.list_tags(archive)}
    result = CliRunner().invoke(main, ["stats", "--db", str(db), "--json"])
    stats = json.loads(result.output)
    assert stats["tags"] == 1 == sum(1 for n in listed.values() if n)  # ثالث
    assert stats["unused_tags"] == 2 and stats["tagged_documents"] == 1
    assert stats["entities"] == 0
    text = CliRunner().invoke(main, ["stats", "--db", str(db)]).output
    assert "unused tags" in text


def test_missing_database_is_named_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    result = CliRunner().invoke(main, ["stats", "--db", str(missing)])
    assert result.exit_code == 1
    assert str(missing) in result.output
    assert not missing.exists()


def test_arshif_db_env_is_the_default_and_db_flag_wins(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    via_env = runner.invoke(main, ["stats", "--json"], env={"ARSHIF_DB": str(db)})
    assert json.loads(via_env.output)["documents"] == 1
    other = tmp_path / "other.db"
    Archive(other).close()
    via_flag = runner.invoke(
        main, ["stats", "--json", "--db", str(other)], env={"ARSHIF_DB": str(db)}
    )
    assert json.loads(via_flag.output)["documents"] == 0


def test_backup_copy_is_consistent_while_a_writer_holds_the_database(
    db: Path, tmp_path: Path
) -> None:
    writer = sqlite3.connect(db)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE documents SET title = 'uncommitted' WHERE id = 7")
    target = tmp_path / "copy.db"
    result = CliRunner().invoke(main, ["backup", str(target), "--db", str(db)])
    writer.rollback()
    writer.close()
    assert result.exit_code == 0, result.output
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT title FROM documents").fetchone()[0] == "اجتماع في الرقة"


def test_backup_refuses_to_overwrite_without_force(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_bytes(b"precious")
    result = CliRunner().invoke(main, ["backup", str(target), "--db", str(db)])
    assert result.exit_code == 1 and "already exists" in result.output
    assert target.read_bytes() == b"precious"


def test_newer_schema_is_refused_with_the_file_named(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    result = CliRunner().invoke(main, ["stats", "--db", str(path)])
    assert result.exit_code == 1
    assert str(path) in result.output and "newer" in result.output


def test_backup_into_a_missing_or_unwritable_folder_names_the_file(
    db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "no-such-folder" / "copy.db"
    result = CliRunner().invoke(main, ["backup", str(target), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert str(target) in result.output and "Traceback" not in result.output
    assert not target.parent.exists()


@pytest.fixture
def big_db(tmp_path: Path) -> Path:
    """An archive of ~400 kB, larger than the file size the full-disk test allows."""
    path = tmp_path / "big.db"
    with Archive(path) as archive, archive.conn:
        archive.conn.execute(
            "INSERT INTO documents (source_key, path, title, body, sha256, word_count, "
            "imported_at, updated_at) VALUES ('b.txt', 'b.txt', 'كبير', ?, 'x', 1, 'now', 'now')",
            ("نص طويل " * 40_000,),
        )
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "partial" in p.name)


def test_a_backup_that_fills_the_disk_fails_by_name_and_leaves_no_partial_file(
    big_db: Path, tmp_path: Path
) -> None:
    import resource
    import signal
    import subprocess
    import sys

    out = tmp_path / "out"
    out.mkdir()
    target = out / "copy.db"

    def full_disk() -> None:  # files may not grow past 64 kB: writes fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    run = subprocess.run(
        [sys.executable, "-c", "from tui.cli import main; main()"]
        + ["backup", str(target), "--db", str(big_db)],
        capture_output=True,
        text=True,
        preexec_fn=full_disk,
        timeout=60,
    )
    assert run.returncode == 1, run.stderr
    assert str(target) in run.stderr + run.stdout and "Traceback" not in run.stderr
    assert not target.exists()
    assert leftovers(out) == []


def test_an_interrupted_backup_leaves_no_partial_file(
    big_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archive import backup

    def ctrl_c(status: int, remaining: int, total: int) -> None:
        raise KeyboardInterrupt  # what a SIGINT during the copy raises here

    monkeypatch.setattr(backup, "_progress", ctrl_c)
    target = tmp_path / "copy.db"
    with Archive(big_db) as archive, pytest.raises(KeyboardInterrupt):
        backup.backup_archive(archive, target)
    assert not target.exists() and leftovers(tmp_path) == []


def test_a_copy_that_cannot_be_put_in_place_leaves_no_partial_file(
    db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "a-folder"
    target.mkdir()
    (target / "inside").write_text("x")  # --force cannot replace a folder
    from archive.backup import backup_archive
    from archive.store import ArchiveError

    with Archive(db) as archive, pytest.raises(ArchiveError, match="cannot put the copy"):
        backup_archive(archive, target, overwrite=True)
    assert (target / "inside").exists() and leftovers(tmp_path) == []
