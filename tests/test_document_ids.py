"""Document ids are never given twice, even after a document is deleted by hand."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from archive import tags
from archive.cli.main import build_group
from archive.schema import _v1, _v2
from archive.store import Archive


def run(*args: str):
    return CliRunner().invoke(build_group(), list(args))


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_an_id_freed_by_a_manual_delete_goes_to_no_new_document(tmp_path: Path) -> None:
    folder, db = tmp_path / "news", str(tmp_path / "archive.db")
    write(folder, "a.txt", "الأول\n\nاجتماع في الرقة")
    write(folder, "b.txt", "الثاني\n\nوفد يزور دمشق")
    run("import", str(folder), "--db", db)
    with Archive(db) as archive:
        tags.add_tags(archive, [2], ["مهم"])
    with sqlite3.connect(db) as conn:  # a user cleaning up with sqlite3 or Datasette
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM documents WHERE id = 2")
    (folder / "b.txt").unlink()
    write(folder, "c.txt", "الثالث\n\nانتخابات في تونس")
    assert "added 1" in run("import", str(folder), "--db", db).output
    with Archive(db) as archive:
        new_id = archive.conn.execute(
            "SELECT id FROM documents WHERE path LIKE '%c.txt'"
        ).fetchone()[0]
        assert new_id == 3
        # Undoing the old tagging touches nothing that exists now.
        tags.undo_last(archive)
        assert archive.get(3).tags == ()
        assert archive.get(1).tags == ()


def test_a_v2_archive_is_seeded_from_its_rows_and_its_undo_log(tmp_path: Path) -> None:
    db = tmp_path / "v2.db"
    conn = sqlite3.connect(db)
    _v1(conn)
    _v2(conn)
    conn.execute("PRAGMA user_version = 2")
    now = "2026-01-01T00:00:00+00:00"
    conn.execute(
        "INSERT INTO documents (id, source_key, path, title, body, sha256, imported_at, "
        "updated_at) VALUES (4, 'k', 'a.txt', 'عنوان', 'نص', 'sha', ?, ?)",
        (now, now),
    )
    # Document 9 was tagged, then deleted by hand before the upgrade.
    conn.execute(
        "INSERT INTO tag_log (at, action, tag, document_ids) VALUES (?, 'add', 'x', ?)",
        (now, json.dumps([4, 9])),
    )
    conn.commit()
    conn.close()
    with Archive(db) as archive:
        (high,) = archive.conn.execute(
            "SELECT value FROM counters WHERE name = 'documents'"
        ).fetchone()
    assert high == 9
