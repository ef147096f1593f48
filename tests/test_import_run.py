"""The import run end to end: identity, idempotency, edits, moves, duplicates, bad inputs."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from archive.cli.import_cmd import import_command
from archive.importing import run as run_module
from archive.importing.run import run_import
from archive.store import Archive

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [
    "اجتماع في الرقة لبحث الأوضاع الأمنية\nعقد مجلس الرقة المدني اجتماعاً موسعاً يوم الأحد.",
    "وفد أمريكي يزور دمشق\nبحث الوفد مع المسؤولين ملف المعتقلين والعقوبات.",
    "انتخابات بلدية في تونس\nأعلنت الهيئة المستقلة للانتخابات النتائج الأولية مساء الاثنين.",
]


def write_folder(folder: Path, articles: list[str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(articles):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    return folder


def arshif_import(*args: str | Path) -> Result:
    return CliRunner().invoke(import_command, [str(a) for a in args])


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def tag(db: Path, doc_id: int, name: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO tags (name, created_at) VALUES (?, 'now')", (name,))
        conn.execute(
            "INSERT INTO document_tags VALUES (?, (SELECT id FROM tags WHERE name = ?), 'now')",
            (doc_id, name),
        )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


def test_folder_import_stores_each_article_and_the_summary_counts_them(
    tmp_path: Path, db: Path
) -> None:
    folder = write_folder(tmp_path / "news")
    result = arshif_import(folder, "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout == "added 3, updated 0, unchanged 0, duplicates 0, rejected 0\n"
    stored = rows(db, "SELECT path, source_key, title, body FROM documents ORDER BY path")
    assert [r[0] for r in stored] == ["news/0.txt", "news/1.txt", "news/2.txt"]
    assert stored[0][1] == "news/0.txt"
    assert stored[0][3] == ARTICLES[0]
    assert rows(db, "SELECT paths, added, finished_at IS NOT NULL FROM imports") == [
        (json.dumps([str(folder)]), 3, 1)
    ]


def test_reimport_adds_nothing_and_changes_nothing(tmp_path: Path, db: Path) -> None:
    folder = write_folder(tmp_path / "news")
    arshif_import(folder, "--db", db)
    before = rows(db, "SELECT * FROM documents ORDER BY id")
    result = arshif_import(folder, "--db", db)
    assert result.exit_code == 0
    assert result.stdout == "added 0, updated 0, unchanged 3, duplicates 0, rejected 0\n"
    assert rows(db, "SELECT * FROM documents ORDER BY id") == before
    assert rows(db, "SELECT count(*) FROM documents_fts") == [(3,)]


def test_edited_file_updates_its_document_and_keeps_its_tags(tmp_path: Path, db: Path) -> None:
    folder = write_folder(tmp_path / "news")
    arshif_import(folder, "--db", db)
    [(doc_id,)] = rows(db, "SELECT id FROM documents WHERE path = 'news/1.txt'")
    tag(db, doc_id, "سوريا")
    (folder / "1.txt").write_text(ARTICLES[1] + "\nوأضاف البيان أن المحادثات ستستمر.", "utf-8")
    result = arshif_import(folder, "--db", db)
    assert result.stdout == "added 0, updated 1, unchanged 2, duplicates 0, rejected 0\n"
    [(same_id, body)] = rows(db, "SELECT id, body FROM documents WHERE path = 'news/1.txt'")
    assert same_id == doc_id and body.endswith("المحادثات ستستمر.")
    assert rows(db, "SELECT document_id FROM document_tags") == [(doc_id,)]
    hits = rows(db, "SELECT document_id FROM search_index WHERE search_index MATCH 'المحادثات'")
    assert hits == [(doc_id,)]


def test_renamed_file_is_the_same_document_with_a_new_path(tmp_path: Path, db: Path) -> None:
    folder = write_folder(tmp_path / "news")
    arshif_import(folder, "--db", db)
    [(doc_id,)] = rows(db, "SELECT id FROM documents WHERE path = 'news/2.txt'")
    tag(db, doc_id, "تونس")
    (folder / "sub").mkdir()
    (folder / "2.txt").rename(folder / "sub" / "tunis.txt")
    result = arshif_import(folder, "--db", db)
    assert result.exit_code == 0
    assert rows(db, "SELECT count(*) FROM documents") == [(3,)]
    assert rows(db, "SELECT path, source_key FROM documents WHERE id = ?", (doc_id,)) == [
        ("news/sub/tunis.txt", "news/sub/tunis.txt")
    ]
    assert rows(db, "SELECT document_id FROM document_tags") == [(doc_id,)]
    again = arshif_import(folder, "--db", db)
    assert again.stdout == "added 0, updated 0, unchanged 3, duplicates 0, rejected 0\n"


def test_copy_with_the_original_still_present_is_a_linked_duplicate(
    tmp_path: Path, db: Path
) -> None:
    folder = write_folder(tmp_path / "news")
    arshif_import(folder, "--db", db)
    (folder / "copy.txt").write_text(ARTICLES[0], encoding="utf-8")
    result = arshif_import(folder, "--db", db)
    assert result.stdout == "added 0, updated 0, unchanged 3, duplicates 1, rejected 0\n"
    [(first,)] = rows(db, "SELECT id FROM documents WHERE path = 'news/0.txt'")
    assert rows(db, "SELECT duplicate_of FROM documents WHERE path = 'news/copy.txt'") == [(first,)]
    assert rows(db, "SELECT count(*) FROM documents WHERE duplicate_of IS NULL") == [(3,)]


def test_identical_bodies_in_one_dump_are_stored_and_linked(tmp_path: Path, db: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        "\n".join(
            json.dumps({"title": t, "body": ARTICLES[0], "url": f"https://x.test/{t}"})
            for t in ("a", "b", "c")
        ),
        encoding="utf-8",
    )
    result = arshif_import(dump, "--db", db)
    assert result.stdout == "added 1, updated 0, unchanged 0, duplicates 2, rejected 0\n"
    stored = rows(db, "SELECT id, source_key, path, duplicate_of FROM documents ORDER BY id")
    first = stored[0][0]
    assert [(k, p, d) for _, k, p, d in stored] == [
        ("https://x.test/a", "dump.jsonl#1", None),
        ("https://x.test/b", "dump.jsonl#2", first),
        ("https://x.test/c", "dump.jsonl#3", first),
    ]


def test_editing_the_first_of_duplicates_relinks_the_others(tmp_path: Path, db: Path) -> None:
    folder = write_folder(tmp_path / "news", [ARTICLES[0]] * 3)
    arshif_import(folder, "--db", db)
    (folder / "0.txt").write_text(ARTICLES[1], encoding="utf-8")
    arshif_import(folder, "--db", db)
    links = rows(db, "SELECT path, duplicate_of FROM documents ORDER BY id")
    assert links == [("news/0.txt", None), ("news/1.txt", None), ("news/2.txt", 2)]


def test_folder_with_bad_files_imports_the_rest_names_each_and_exits_1(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write_folder(tmp_path / "news", ARTICLES[:1])
    arshif_import(first, "--db", db)
    stored_before = rows(db, "SELECT * FROM documents")
    folder = first
    (folder / "good.txt").write_text(ARTICLES[1], encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.txt").write_bytes(ARTICLES[2].encode("utf-8")[:-1] + b"\xff\xfe x")
    locked = folder / "locked.txt"
    locked.write_text(ARTICLES[2], encoding="utf-8")
    # Tests run as root, where chmod 000 does not stop reading: make that one read fail.
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = arshif_import(folder, "--db", db)
    assert result.exit_code == 1
    assert result.stdout == "added 1, updated 0, unchanged 1, duplicates 0, rejected 4\n"
    errors = result.stderr.splitlines()
    assert len(errors) == 4
    assert any(str(folder / "image.png") in e and "binary" in e for e in errors)
    assert any(str(folder / "empty.txt") in e and "empty" in e for e in errors)
    assert any(str(folder / "broken.txt") in e and "invalid UTF-8" in e for e in errors)
    assert any(str(locked) in e and "Permission denied" in e for e in errors)
    assert rows(db, "SELECT * FROM documents WHERE path = 'news/0.txt'") == stored_before
    assert rows(db, "SELECT count(*), min(path) FROM rejections") == [
        (4, str(folder / "broken.txt"))
    ]


def test_a_path_that_does_not_exist_is_a_usage_error_naming_it(tmp_path: Path, db: Path) -> None:
    result = arshif_import(tmp_path / "nowhere", "--db", db)
    assert result.exit_code == 2
    assert "nowhere" in result.stderr and "does not exist" in result.stderr
    assert arshif_import("--db", db).exit_code == 2


def test_hidden_files_are_skipped_and_a_symlink_loop_ends(tmp_path: Path, db: Path) -> None:
    folder = write_folder(tmp_path / "news", ARTICLES[:1])
    (folder / ".hidden.txt").write_text(ARTICLES[1], encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "x.txt").write_text(ARTICLES[2], encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    result = arshif_import(folder, "--db", db)
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT path FROM documents") == [("news/0.txt",)]


def test_every_format_and_encoding_in_one_folder(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "utf8.txt").write_bytes(ARTICLES[0].encode("utf-8"))
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLES[1].encode("utf-8"))
    (folder / "le.txt").write_bytes(ARTICLES[2].encode("utf-16"))  # BOM + native order
    (folder / "be.txt").write_bytes(b"\xfe\xff" + "خبر رابع".encode("utf-16-be"))
    (folder / "legacy.txt").write_bytes("خبر خامس من أرشيف قديم".encode("cp1256"))
    (folder / "a.json").write_text(
        json.dumps([{"Headline": "ج١", "TEXT": "نص جيسون"}], ensure_ascii=False), "utf-8"
    )
    (folder / "b.jsonl").write_text('{"content": "نص سطر"}\n{"article": "نص سطر ثان"}\n', "utf-8")
    (folder / "c.csv").write_bytes("title,body,extra col\nعنوان,نص سي اس في,1\n".encode("cp1256"))
    result = arshif_import(folder, "--db", db)
    assert result.exit_code == 0, result.stderr
    bodies = {p: b for p, b in rows(db, "SELECT path, body FROM documents")}
    assert bodies == {
        "mixed/utf8.txt": ARTICLES[0],
        "mixed/bom.txt": ARTICLES[1],
        "mixed/le.txt": ARTICLES[2],
        "mixed/be.txt": "خبر رابع",
        "mixed/legacy.txt": "خبر خامس من أرشيف قديم",
        "mixed/a.json#1": "نص جيسون",
        "mixed/b.jsonl#1": "نص سطر",
        "mixed/b.jsonl#2": "نص سطر ثان",
        "mixed/c.csv#1": "نص سي اس في",
    }
    assert rows(db, "SELECT title, extra FROM documents WHERE path = 'mixed/c.csv#1'") == [
        ("عنوان", '{"extra col": "1"}')
    ]


def test_database_opens_with_plain_sqlite3_and_fts_finds_normalised_words(
    tmp_path: Path, db: Path
) -> None:
    write_folder(tmp_path / "news")
    arshif_import(tmp_path / "news", "--db", db)
    conn = sqlite3.connect(db)
    # the stored body says اجتماعاً and الأمنية; the index holds normalised forms
    hits = conn.execute(
        "SELECT d.path FROM search_index s JOIN documents d ON d.id = s.document_id "
        "WHERE search_index MATCH ? ORDER BY rank",
        ("الامنيه",),
    ).fetchall()
    assert hits == [("news/0.txt",)]
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()


def test_a_crash_in_batch_two_keeps_batch_one_and_a_rerun_finishes(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_folder(tmp_path / "news", [f"{a}\nرقم {n}" for n in range(4) for a in ARTICLES])
    writes = 0
    real_write = run_module.Writer.write_batch

    def failing_write(self: run_module.Writer, *args: object) -> None:
        nonlocal writes
        writes += 1
        if writes == 2:
            raise RuntimeError("simulated crash in batch 2")
        real_write(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module.Writer, "write_batch", failing_write)
    with Archive(db) as archive, pytest.raises(RuntimeError, match="batch 2"):
        run_import(archive, [folder], batch_size=5)
    assert rows(db, "SELECT count(*) FROM documents") == [(5,)]
    assert rows(db, "SELECT count(*) FROM documents_fts") == [(5,)]
    assert rows(db, "SELECT added, finished_at FROM imports") == [(5, None)]
    monkeypatch.setattr(run_module.Writer, "write_batch", real_write)
    result = arshif_import(folder, "--db", db)
    assert result.stdout == "added 7, updated 0, unchanged 5, duplicates 0, rejected 0\n"
    assert rows(db, "SELECT count(*) FROM documents_fts") == [(12,)]
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_large_import_in_worker_processes_matches_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_folder(tmp_path / "news", [f"{a}\nرقم {n}" for n in range(20) for a in ARTICLES])
    monkeypatch.setattr(run_module, "POOL_MIN_DOCS", 10)
    with Archive(tmp_path / "pool.db") as archive:
        pooled = run_import(archive, [folder], batch_size=25, workers=2)
    with Archive(tmp_path / "inline.db") as archive:
        inline = run_import(archive, [folder], batch_size=25, workers=1)
    assert (
        pooled.line()
        == inline.line()
        == ("added 60, updated 0, unchanged 0, duplicates 0, rejected 0")
    )
    sql = "SELECT d.path, d.title, d.word_count, f.rowid FROM documents d "
    sql += "JOIN documents_fts f ON f.rowid & 4294967295 = d.id ORDER BY d.id"
    assert rows(tmp_path / "pool.db", sql) == rows(tmp_path / "inline.db", sql)


def test_importer_py_works_the_same_as_arshif_import(tmp_path: Path) -> None:
    run = [sys.executable, str(ROOT / "importer.py"), str(ROOT / "samples")]
    one = subprocess.run([*run, "--db", str(tmp_path / "one.db")], capture_output=True, text=True)
    cli = [sys.executable, "-c", "from tui.cli import main; main()", "import"]
    two = subprocess.run(
        [*cli, str(ROOT / "samples"), "--db", str(tmp_path / "two.db")],
        capture_output=True,
        text=True,
    )
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert one.stdout == two.stdout == "added 5, updated 0, unchanged 0, duplicates 0, rejected 0\n"
    assert one.stderr == two.stderr == ""  # not a terminal: no progress bar
    sql = "SELECT path, title, body, sha256 FROM documents ORDER BY id"
    assert rows(tmp_path / "one.db", sql) == rows(tmp_path / "two.db", sql)


def test_article_that_breaks_metadata_extraction_is_stored_with_a_warning(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_folder(tmp_path / "news")
    real_extract = run_module.extract_metadata

    def extract(body: str, fields: dict[str, str]) -> object:
        if "تونس" in body:
            raise IndexError("list index out of range")
        return real_extract(body, fields)

    monkeypatch.setattr(run_module, "extract_metadata", extract)
    result = arshif_import(folder, "--db", db)
    assert result.exit_code == 0
    assert result.stdout == "added 3, updated 0, unchanged 0, duplicates 0, rejected 0\n"
    assert "warning:" in result.stderr and "2.txt" in result.stderr
    assert "IndexError" in result.stderr
    assert rows(db, "SELECT title, title_derived FROM documents WHERE path = 'news/2.txt'") == [
        ("انتخابات بلدية في تونس", 1)
    ]


def test_text_too_long_for_metadata_extraction_is_stored_with_basic_metadata(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_module, "METADATA_MAX_CHARS", 60)
    folder = write_folder(tmp_path / "news", [ARTICLES[0], "قصير"])
    result = arshif_import(folder, "--db", db)
    assert result.exit_code == 0
    assert f"warning: {folder / '0.txt'}: too long for metadata extraction" in result.stderr
    assert rows(db, "SELECT title, word_count FROM documents WHERE path = 'news/0.txt'") == [
        ("اجتماع في الرقة لبحث الأوضاع الأمنية", 14)
    ]
    hits = rows(db, "SELECT document_id FROM search_index WHERE search_index MATCH 'موسعا'")
    assert len(hits) == 1


def test_a_folder_given_twice_is_read_once(tmp_path: Path, db: Path) -> None:
    folder = write_folder(tmp_path / "news")
    result = arshif_import(folder, folder, "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout == "added 3, updated 0, unchanged 0, duplicates 0, rejected 0\n"


def test_two_folders_with_the_same_name_in_one_run_reject_the_clash(
    tmp_path: Path, db: Path
) -> None:
    first = write_folder(tmp_path / "2019" / "news", ARTICLES[:1])
    second = write_folder(tmp_path / "2020" / "news", ARTICLES[1:2])
    result = arshif_import(first, second, "--db", db)
    assert result.exit_code == 1
    assert f"rejected: {second / '0.txt'}: same path 'news/0.txt' as {first / '0.txt'}" in (
        result.stderr
    )
    both = arshif_import(tmp_path / "2019", tmp_path / "2020", "--db", db)
    assert both.exit_code == 0
    assert rows(db, "SELECT path FROM documents WHERE path LIKE '20%' ORDER BY path") == [
        ("2019/news/0.txt",),
        ("2020/news/0.txt",),
    ]


def test_a_document_deleted_by_hand_leaves_no_stale_index_rows_and_its_id_is_not_reused(
    tmp_path: Path, db: Path
) -> None:
    write_folder(tmp_path / "news")
    arshif_import(tmp_path / "news", "--db", db)
    with sqlite3.connect(db) as conn:  # the highest id goes, its FTS and entity rows stay
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM documents WHERE id = 3")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "x.txt").write_text("خبر جديد\nزار الوفد مدينة حلب أمس.", "utf-8")
    result = arshif_import(tmp_path / "more", "--db", db)
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT path FROM documents WHERE id = 4") == [("more/x.txt",)]
    match = "SELECT document_id FROM search_index WHERE search_index MATCH ?"
    assert rows(db, match, ("حلب",)) == [(4,)]
    assert rows(db, match, ("تونس",)) == []


def test_the_archive_inside_the_imported_folder_is_not_read_as_an_article(
    tmp_path: Path,
) -> None:
    folder = write_folder(tmp_path / "news", ARTICLES[:2])
    db = folder / "archive.db"
    first = arshif_import(folder, "--db", db)
    assert first.exit_code == 0, first.output
    (folder / "archive.db-journal").write_bytes(b"\0" * 64)  # as a crashed writer leaves it
    again = arshif_import(folder, "--db", db)
    assert again.exit_code == 0, again.output
    assert "rejected 0" in again.output and "unchanged 2" in again.output
    assert rows(db, "SELECT count(*) FROM rejections") == [(0,)]


def test_naming_the_archive_itself_is_a_rejection_that_says_so(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "news", ARTICLES[:1])
    db = folder / "archive.db"
    arshif_import(folder, "--db", db)
    result = arshif_import(db, "--db", db)
    assert result.exit_code == 1
    assert "archive.db" in result.stderr and "archive being written" in result.stderr
