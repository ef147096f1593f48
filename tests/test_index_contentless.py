"""Schema v2: the contentless FTS index. A v1 archive migrates and keeps everything; an
update or a re-import removes exactly the old words; an index built by another normaliser
or stemmer is rebuilt when the archive is opened, never patched with values that no longer
match."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import archive.search.index as index
from archive.cli.import_cmd import import_command
from archive.schema import SCHEMA_VERSION, _v1
from archive.search.engine import matching_ids
from archive.search.index import (
    index_columns,
    index_version,
    remove_documents,
    stored_index_version,
)
from archive.store import Archive

NOW = "2026-01-01T00:00:00+00:00"
V1_DOCS = [  # (title, body, boilerplate JSON)
    ("اجتماع في الرقة", "عقد مجلس الرقة المدني اجتماعاً موسعاً يوم الأحد.", None),
    ("وفد يزور دمشق", "بحث الوفد ملف المعتقلين.\nشارك الخبر على فيسبوك", "[[25, 46]]"),
    ("انتخابات في تونس", "أعلنت الهيئة المستقلة للانتخابات النتائج الأولية.", None),
]


def make_v1_archive(db: Path) -> None:
    """An archive as schema v1 wrote it: FTS content stored, tags on two documents."""
    conn = sqlite3.connect(db)
    _v1(conn)
    conn.execute("PRAGMA user_version = 1")
    for n, (title, body, boiler) in enumerate(V1_DOCS, 1):
        conn.execute(
            "INSERT INTO documents (id, source_key, path, title, body, sha256, boilerplate, "
            "imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (n, f"news/{n}.txt", f"news/{n}.txt", title, body, f"sha{n}", boiler, NOW, NOW),
        )
        indexed = body[:25] if boiler else body
        conn.execute(
            "INSERT INTO documents_fts (rowid, title, body, title_stem, body_stem) "
            "VALUES (?, ?, ?, ?, ?)",
            (n, *index_columns(title, indexed)),
        )
    conn.execute("INSERT INTO tags (id, name, created_at) VALUES (1, 'سوريا', ?)", (NOW,))
    conn.executemany(
        "INSERT INTO document_tags (document_id, tag_id, tagged_at) VALUES (?, 1, ?)",
        [(1, NOW), (2, NOW)],
    )
    conn.commit()
    conn.close()


def fts_content(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT title, body FROM documents_fts").fetchall()


def test_a_v1_archive_migrates_to_a_contentless_index_and_finds_and_shows_everything(
    tmp_path: Path,
) -> None:
    db = tmp_path / "v1.db"
    make_v1_archive(db)
    with Archive(db) as archive:
        assert archive.conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert stored_index_version(archive.conn) == index_version()
        assert matching_ids(archive, "الرقة") == [1]
        assert matching_ids(archive, "دمشق") == [2]
        assert matching_ids(archive, "الانتخابات") == [3]  # a stem match
        assert matching_ids(archive, "فيسبوك") == []  # boilerplate stays out of the index
        assert archive.get(1).tags == ("سوريا",) and archive.get(2).tags == ("سوريا",)
        assert archive.get(3).tags == ()
        assert archive.get(2).body == V1_DOCS[1][1]
        assert archive.count() == 3
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents_fts").fetchone() == (3,)
        conn.execute("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')")
    assert fts_content(db) == [(None, None)] * 3  # the index alone, no copy of the words


def test_reimporting_an_edited_file_removes_its_old_words_from_the_index(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("خبر أول\nزار الوفد مدينة حلب أمس.", encoding="utf-8")
    (folder / "b.txt").write_text("خبر ثان\nاجتماع في تونس.", encoding="utf-8")
    db = tmp_path / "a.db"
    assert CliRunner().invoke(import_command, [str(folder), "--db", str(db)]).exit_code == 0
    (folder / "a.txt").write_text("خبر أول\nزار الوفد مدينة إدلب أمس.", encoding="utf-8")
    assert CliRunner().invoke(import_command, [str(folder), "--db", str(db)]).exit_code == 0
    with Archive(db) as archive:
        assert matching_ids(archive, "حلب") == []
        assert matching_ids(archive, "إدلب") == [1]
        assert matching_ids(archive, "الوفد") == [1]  # kept words counted once, not twice
        (docsize,) = archive.conn.execute(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'body:الوفد'"
        ).fetchone()
        assert docsize == 1


def test_an_index_built_by_another_normaliser_is_rebuilt_when_the_archive_opens(
    tmp_path: Path,
) -> None:
    db = tmp_path / "a.db"
    with Archive(db) as archive:
        archive.conn.execute(
            "INSERT INTO documents (id, source_key, path, title, body, sha256, imported_at, "
            "updated_at) VALUES (1, 'k', 'k', 'عنوان', 'مدينة حلب', 's', ?, ?)",
            (NOW, NOW),
        )
        # what an older normaliser might have indexed: other words than today's
        archive.conn.execute(
            "INSERT INTO documents_fts (rowid, title, body, title_stem, body_stem) "
            "VALUES (1, 'عنوان', 'مدينة_قديمة', 'عنوان', 'مدين')"
        )
        archive.conn.execute("UPDATE index_state SET value = 'old' WHERE name = 'version'")
        archive.conn.commit()
    with Archive(db) as archive:
        assert stored_index_version(archive.conn) == index_version()
        assert matching_ids(archive, "حلب") == [1]
        assert matching_ids(archive, "قديمة") == []
        remove_documents(archive.conn, [1])  # today's values match what is indexed
        assert matching_ids(archive, "حلب") == []
        assert archive.conn.execute("SELECT count(*) FROM documents_fts").fetchone() == (0,)


def test_index_version_changes_when_index_columns_would(monkeypatch: pytest.MonkeyPatch) -> None:
    before = index.index_version()
    index.index_version.cache_clear()
    monkeypatch.setattr(index, "light_stem", lambda w: w[:3])
    try:
        assert index.index_version() != before
    finally:
        index.index_version.cache_clear()
