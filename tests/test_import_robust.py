"""Importer hardening: deep folders, files vanishing mid-import, concurrent imports."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.cli.import_cmd import import_command
from archive.importing import run as run_module

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "اجتماع في الرقة لبحث الأوضاع الأمنية\nعقد مجلس الرقة المدني اجتماعاً موسعاً."


def count(db: Path, sql: str = "SELECT count(*) FROM documents") -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


def _remove_deep(top: str) -> None:
    """Remove a chain of nested folders bottom-up, without recursion."""
    chain = [top]
    while os.path.isdir(chain[-1] + "/d"):
        chain.append(chain[-1] + "/d")
    for folder in reversed(chain):
        for name in os.listdir(folder):
            if not os.path.isdir(os.path.join(folder, name)):
                os.remove(os.path.join(folder, name))
        os.rmdir(folder)


def test_a_folder_nested_deeper_than_the_recursion_limit_is_walked(tmp_path: Path) -> None:
    # Outside tmp_path: pytest removes old temporary folders with shutil.rmtree, which
    # recurses per level, so a leftover of this test there would break later sessions.
    folder = Path(tempfile.mkdtemp(prefix="arshif-deep-"))
    try:
        leaf = str(folder)
        for _ in range(1100):  # deeper than Python's default recursion limit
            leaf += "/d"
            os.mkdir(leaf)
        with open(leaf + "/a.txt", "w", encoding="utf-8") as fh:
            fh.write(ARTICLE)
        result = CliRunner().invoke(import_command, [str(folder), "--db", str(tmp_path / "a.db")])
    finally:
        _remove_deep(str(folder))
    assert result.exit_code == 0, result.output
    assert count(tmp_path / "a.db") == 1


def test_a_file_vanishing_mid_import_is_a_named_rejection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"{ARTICLE}\n{n}", encoding="utf-8")
    real_discover = run_module.discover

    def discover_then_delete(paths: list[Path], db: Path | None = None):  # type: ignore[no-untyped-def]
        found = list(real_discover(paths, db))
        (folder / "1.txt").unlink()
        return iter(found)

    monkeypatch.setattr(run_module, "discover", discover_then_delete)
    result = CliRunner().invoke(import_command, [str(folder), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 1
    assert f"rejected: {folder / '1.txt'}: cannot read: No such file or directory" in (
        result.stderr
    )
    assert count(tmp_path / "a.db") == 2


def test_two_imports_at_once_serialise_and_store_each_article_once(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(150):
        (folder / f"{n}.txt").write_text(f"{ARTICLE}\nرقم {n} " * (1 + n % 3), encoding="utf-8")
    db = tmp_path / "a.db"
    command = [sys.executable, str(ROOT / "importer.py"), str(folder), "--db", str(db)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    runs.append(
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    )
    outputs = [r.communicate(timeout=240) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    added = [int(out.split("added ")[1].split(",")[0]) for out, _ in outputs]
    unchanged = [int(out.split("unchanged ")[1].split(",")[0]) for out, _ in outputs]
    assert sum(added) == 150 and [a + u for a, u in zip(added, unchanged, strict=True)] == [150] * 2
    assert count(db) == 150
    assert count(db, "SELECT count(*) FROM documents_fts") == 150


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=300),
            st.text(max_size=200).map(lambda t: t.encode("utf-8")),
            st.text(max_size=200).map(lambda t: t.encode("utf-16")),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([".txt", ".json", ".jsonl", ".csv", ""]),
)
def test_any_files_end_as_documents_or_named_rejections(
    tmp_path_factory: pytest.TempPathFactory, blobs: list[bytes], suffix: str
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    for n, blob in enumerate(blobs):
        (folder / f"f{n}{suffix}").write_bytes(blob)
    db = folder.parent / f"{folder.name}.db"
    result = CliRunner().invoke(import_command, [str(folder), "--db", str(db)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    rejected = result.stderr.count("rejected: ")
    assert (result.exit_code == 1) == (rejected > 0)
    named = {line.split(": ")[1].split("#")[0] for line in result.stderr.splitlines()
             if line.startswith("rejected: ")}  # fmt: skip
    with sqlite3.connect(db) as conn:
        stored = {p.split("#")[0] for (p,) in conn.execute("SELECT path FROM documents")}
        bodies = [b for (b,) in conn.execute("SELECT body FROM documents")]
    for n in range(len(blobs)):
        name = f"f{n}{suffix}"
        assert f"{folder.name}/{name}" in stored or str(folder / name) in named
    controls = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
    assert all(b.strip() and not controls.search(b) for b in bodies)


def test_a_fifo_is_rejected_instead_of_blocking_the_import(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    result = CliRunner().invoke(import_command, [str(folder), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 1
    assert f"rejected: {folder / 'pipe.txt'}: not a regular file" in result.stderr
    assert count(tmp_path / "a.db") == 1
