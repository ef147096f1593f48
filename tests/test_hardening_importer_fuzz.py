"""Importer fuzzing: every nasty input ends as a stored document or a named rejection.

The importer never raises, and never stores mojibake (U+FFFD or the cp1252 misreadings of
UTF-8 Arabic such as 'Ø', 'Ù').
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.importing import run as run_module
from archive.importing.formats import Record, Rejection, read_records
from archive.importing.run import run_import
from archive.store import Archive

ARABIC = "عقد مجلس الرقة المدني اجتماعاً موسعاً يوم الأحد لبحث الأوضاع الأمنية في المدينة."
MOJIBAKE_MARKS = ("\ufffd", "Ø", "Ù", "Ã", "Â")


def assert_no_mojibake(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        for doc_id, title, body in conn.execute("SELECT id, title, body FROM documents"):
            for mark in MOJIBAKE_MARKS:
                assert mark not in body, f"document {doc_id}: {mark!r} in body"
                assert mark not in title, f"document {doc_id}: {mark!r} in title"


def stored_paths(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {p for (p,) in conn.execute("SELECT path FROM documents")}


def import_folder(folder: Path, db: Path, **kwargs: object):
    with Archive(db) as archive:
        return run_import(archive, [folder], workers=1, **kwargs)


def accounted(summary, files: list[Path], db: Path) -> None:
    """Each file is stored (by some path ending in its name) or named in a rejection."""
    paths = stored_paths(db)
    rejected = {where for where, _reason in summary.rejections}
    for f in files:
        name = f.name
        assert any(p.split("#")[0].endswith(name) for p in paths) or any(
            r.split("#")[0].endswith(name) for r in rejected
        ), f"{name}: neither stored nor rejected"


# -- hypothesis: read_records never raises and never yields mojibake -----------------------


def _check_records(items: list[Record | Rejection]) -> None:
    for item in items:
        assert isinstance(item, Record | Rejection)
        if isinstance(item, Record):
            assert item.body.strip()
            for mark in ("\ufffd",):
                assert mark not in item.body
        else:
            assert item.reason


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".json", ".jsonl", ".csv"]))
def test_random_bytes_are_a_record_or_a_named_rejection(data: bytes, suffix: str) -> None:
    _check_records(list(read_records(data, "f" + suffix, suffix)))


@settings(max_examples=100, deadline=None)
@given(cut=st.integers(min_value=2, max_value=len(ARABIC.encode()) - 1))
def test_truncated_utf8_is_rejected_or_stored_as_its_valid_prefix(cut: int) -> None:
    # (cut=1 leaves the single byte 0xD8, which is also the Windows-1256 letter ط: a one-byte
    # file is ambiguous and reads as cp1256, see docs/reliability.md)
    data = ARABIC.encode("utf-8")[:cut]
    items = list(read_records(data, "cut.txt", ".txt"))
    _check_records(items)
    for item in items:
        if isinstance(item, Record):
            assert ARABIC.startswith(item.body.rstrip()) or item.body in ARABIC


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["title", "body", "text", "date", "url", "tags", "x", "Body", "CONTENT"]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(value=json_values)
def test_json_with_wrong_types_and_nested_garbage_is_named_not_raised(value: object) -> None:
    data = json.dumps(value, ensure_ascii=False).encode("utf-8")
    _check_records(list(read_records(data, "dump.json", ".json")))
    _check_records(list(read_records(data + b"\n" + data, "dump.jsonl", ".jsonl")))


@settings(max_examples=80, deadline=None)
@given(
    cells=st.lists(
        st.lists(st.text(alphabet=st.sampled_from("اب ,;\t\"\n\r'x"), max_size=12), min_size=2),
        min_size=1,
        max_size=5,
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_csv_cells_with_quotes_newlines_and_delimiters_never_raise(
    cells: list[list[str]], delimiter: str
) -> None:
    lines = [delimiter.join(["title", "body"])]
    for row in cells:
        lines.append(delimiter.join('"' + c.replace('"', '""') + '"' for c in row))
    data = "\n".join(lines).encode("utf-8")
    _check_records(list(read_records(data, "d.csv", ".csv")))


# -- a folder of nasty files -----------------------------------------------------------------


def test_folder_of_nasty_files_imports_the_good_and_names_the_bad(tmp_path: Path) -> None:
    folder = tmp_path / "nasty"
    folder.mkdir()
    files: dict[str, bytes] = {
        "random.bin": os.urandom(4096),
        "truncated.txt": ARABIC.encode()[:-1],
        "utf16le.txt": ARABIC.encode("utf-16-le"),
        "utf16be.txt": ARABIC.encode("utf-16-be"),
        "cp1256.txt": ARABIC.encode("cp1256"),
        "empty.txt": b"",
        "only-space.txt": b"  \n\t \n",
        "nul-in-middle.txt": ARABIC.encode()[:20] + b"\x00" + ARABIC.encode()[20:],
        "wrong-types.json": json.dumps(
            [{"body": 5}, {"body": ["أ", 1]}, {"body": {"x": 1}}, {"title": None}, 7, None]
        ).encode(),
        "nested.json": json.dumps({"a": {"b": {"c": [[["نص"]]]}}}).encode(),
        "bad.json": b'{"body": "\xd9\x86\xd8\xb5',
        "lines.jsonl": ("\n".join([json.dumps({"body": ARABIC}), "{", "[]", '"s"'])).encode(),
        "semicolon.csv": ('title;body\n"عنوان; مع فاصلة";"نص ""مقتبس""\nبسطر ثان"\n').encode(),
        "tabs.csv": ("title\tbody\nعنوان\tنص بعلامة ; و , داخل\n").encode(),
        "no-body.csv": b"a,b\n1,2\n",
        "mojibake-lossy.txt": ARABIC.encode().decode("cp1252", errors="ignore").encode(),
        "mojibake-latin1.txt": ARABIC.encode().decode("latin-1").encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    db = tmp_path / "a.db"
    summary = import_folder(folder, db)
    accounted(summary, [folder / n for n in files], db)
    rejected = {Path(w.split("#")[0]).name for w, _ in summary.rejections}
    for bad in (
        "random.bin",
        "empty.txt",
        "only-space.txt",
        "no-body.csv",
        "bad.json",
        "mojibake-lossy.txt",
    ):
        assert bad in rejected
    paths = stored_paths(db)
    for good in ("utf16le.txt", "utf16be.txt", "cp1256.txt", "nul-in-middle.txt"):
        assert f"nasty/{good}" in paths
    assert "nasty/semicolon.csv#1" in paths and "nasty/tabs.csv#1" in paths
    with sqlite3.connect(db) as conn:
        body, title = conn.execute(
            "SELECT body, title FROM documents WHERE path = 'nasty/semicolon.csv#1'"
        ).fetchone()
        assert body == 'نص "مقتبس"\nبسطر ثان' and title == "عنوان; مع فاصلة"
        (tab_body,) = conn.execute(
            "SELECT body FROM documents WHERE path = 'nasty/tabs.csv#1'"
        ).fetchone()
        assert tab_body == "نص بعلامة ; و , داخل"
        (utf16,) = conn.execute(
            "SELECT body FROM documents WHERE path = 'nasty/utf16le.txt'"
        ).fetchone()
        assert utf16 == ARABIC
        (repaired,) = conn.execute(
            "SELECT body FROM documents WHERE path = 'nasty/mojibake-latin1.txt'"
        ).fetchone()
        assert repaired == ARABIC
    assert_no_mojibake(db)


def _double_encoded(text: str) -> str:
    """UTF-8 misread as Windows-1252 (bytes it leaves undefined kept as Latin-1)."""
    return "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
        for b in text.encode()
    )


def test_double_encoded_arabic_is_repaired_exactly() -> None:
    from archive.importing.decode import decode_bytes

    assert decode_bytes(_double_encoded(ARABIC).encode()) == (ARABIC, "utf-8+repaired")
    latin = "Søren Ørsted, Århus, Ødegaard, Ùn café"
    assert decode_bytes(latin.encode()) == (latin, "utf-8")


def _import_one_long_line(tmp_path: Path, megabytes: int) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    unit = "كلمة عربية طويلة ".encode()
    line = unit * (megabytes * 1024 * 1024 // len(unit) + 1)  # no newline at all
    (folder / "one-line.txt").write_bytes(line)
    db = tmp_path / "a.db"
    started = time.perf_counter()
    summary = import_folder(folder, db)
    elapsed = time.perf_counter() - started
    assert summary.added == 1 and summary.rejected == 0
    with sqlite3.connect(db) as conn:
        (length,) = conn.execute("SELECT length(body) FROM documents").fetchone()
        (found,) = conn.execute(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'طويله'"
        ).fetchone()
    assert length == len(line.decode().strip()) and found == 1
    print(f"{megabytes} MB single line: {elapsed:.1f} s")


def test_a_two_megabyte_single_line_file_is_stored_whole(tmp_path: Path) -> None:
    _import_one_long_line(tmp_path, 2)


@pytest.mark.slow
def test_a_fifty_megabyte_single_line_file_is_stored_whole(tmp_path: Path) -> None:
    # ~4-5 minutes on the shared 2-core machine: metadata extraction and light stemming
    # cost ~4 µs per word and a 50 MB line holds ~9 million words (docs/reliability.md)
    _import_one_long_line(tmp_path, 50)


def _tiny_files(folder: Path, count: int) -> None:
    per_dir = 1000
    for n in range(count):
        sub = folder / f"d{n // per_dir:03d}"
        if n % per_dir == 0:
            sub.mkdir(parents=True)
        (sub / f"{n}.txt").write_text(f"خبر رقم {n}", encoding="utf-8")


def _import_tiny(tmp_path: Path, count: int) -> None:
    folder = tmp_path / "tiny"
    _tiny_files(folder, count)
    db = tmp_path / "a.db"
    started = time.perf_counter()
    summary = import_folder(folder, db)
    elapsed = time.perf_counter() - started
    assert summary.added == count and summary.rejected == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents_fts").fetchone() == (count,)
    print(f"{count} tiny files: {elapsed:.1f} s")


def test_ten_thousand_tiny_files_are_all_stored(tmp_path: Path) -> None:
    _import_tiny(tmp_path, 10_000)


@pytest.mark.slow
def test_hundred_thousand_tiny_files_are_all_stored(tmp_path: Path) -> None:
    _import_tiny(tmp_path, 100_000)


def test_deep_folders_and_a_symlink_loop_end_and_store_every_file(tmp_path: Path) -> None:
    root = tmp_path / "deep"
    here = root
    for depth in range(120):
        here = here / f"l{depth}"
    here.mkdir(parents=True)
    (here / "bottom.txt").write_text(ARABIC, encoding="utf-8")
    (root / "top.txt").write_text(ARABIC + " أعلى", encoding="utf-8")
    (root / "l0" / "loop").symlink_to(root, target_is_directory=True)
    (root / "l0" / "self").symlink_to(root / "l0", target_is_directory=True)
    (root / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    db = tmp_path / "a.db"
    summary = import_folder(root, db)
    assert summary.added == 2
    assert [Path(w).name for w, _ in summary.rejections] == ["dangling.txt"]


def test_file_vanishing_between_listing_and_reading_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"{ARABIC} {n}", encoding="utf-8")
    real_discover = run_module.discover

    def discover_then_delete(paths, db=None):
        found = list(real_discover(paths, db))
        (folder / "1.txt").unlink()
        return iter(found)

    monkeypatch.setattr(run_module, "discover", discover_then_delete)
    db = tmp_path / "a.db"
    summary = import_folder(folder, db)
    assert summary.added == 2
    assert len(summary.rejections) == 1
    where, reason = summary.rejections[0]
    assert where.endswith("1.txt") and "No such file" in reason


def test_permission_denied_is_named_and_the_rest_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"{ARABIC} {n}", encoding="utf-8")
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "2.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    db = tmp_path / "a.db"
    summary = import_folder(folder, db)
    assert summary.added == 2
    assert summary.rejections == [(str(folder / "2.txt"), "cannot read: Permission denied")]


def test_unlistable_subfolder_is_named_and_the_rest_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "x.txt").write_text(ARABIC, encoding="utf-8")
    (folder / "ok.txt").write_text(ARABIC, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path=".", *args, **kwargs):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    db = tmp_path / "a.db"
    summary = import_folder(folder, db)
    assert summary.added == 1
    assert len(summary.rejections) == 1
    where, reason = summary.rejections[0]
    assert where.endswith("locked") and "Permission denied" in reason


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_json_nested_a_hundred_thousand_deep_is_a_named_rejection(
    tmp_path: Path, suffix: str
) -> None:
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / f"deep{suffix}").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (folder / f"ok{suffix}").write_text(json.dumps({"body": ARABIC}), encoding="utf-8")
    (folder / f"shallow-garbage{suffix}").write_text(
        json.dumps({"body": ARABIC + " ب", "x": [[[[{"y": [None]}]]]] * 50}), encoding="utf-8"
    )
    db = tmp_path / "a.db"
    summary = import_folder(folder, db)
    assert summary.added == 2
    (where, reason), *_ = summary.rejections
    assert Path(where.split("#")[0]).name == f"deep{suffix}" and "nested too deeply" in reason


def test_windows_1256_file_names_are_stored_with_visible_escapes(tmp_path: Path) -> None:
    root = os.fsencode(tmp_path / "legacy")
    os.makedirs(root + b"/\xc7\xe1\xdd")  # "الف" in Windows-1256: not UTF-8
    with open(root + b"/\xc7\xe1\xdd/\xe3\xde\xc7\xe1.txt", "wb") as f:
        f.write(ARABIC.encode())
    with open(root + b"/\xe3\xde.bin", "wb") as f:
        f.write(os.urandom(2048))
    db = tmp_path / "a.db"
    summary = import_folder(tmp_path / "legacy", db)
    assert summary.added == 1
    assert stored_paths(db) == {"legacy/\\xc7\\xe1\\xdd/\\xe3\\xde\\xc7\\xe1.txt"}
    (where, reason), *_ = summary.rejections
    assert where.endswith("legacy/\\xe3\\xde.bin") and "binary" in reason
    assert import_folder(tmp_path / "legacy", db).unchanged == 1  # same identity next time
