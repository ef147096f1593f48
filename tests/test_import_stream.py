"""A large JSONL dump is read in chunks, with the records, line numbers and rejections the
whole-file path gives; files whose decoding needs the whole text take the whole-file path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.importing import stream
from archive.importing.formats import read_records


def records(path: Path) -> list[object]:
    return list(stream.read_path_records(path, "dump.jsonl", ".jsonl"))


def whole(path: Path) -> list[object]:
    return list(read_records(path.read_bytes(), "dump.jsonl", ".jsonl"))


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "STREAM_MIN_BYTES", 1)
    monkeypatch.setattr(stream, "CHUNK_BYTES", 64)


def dump_text() -> str:
    lines = []
    for n in range(60):
        body = f"عقد مجلس الأمن جلسته رقم {n} حول سوريا.\nوقال المندوب إن القرار 2254 هو الأساس."
        lines.append(json.dumps({"title": f"خبر {n}", "body": body}, ensure_ascii=False))
        if n % 7 == 3:
            lines.append("")  # blank lines count in the numbering
        if n % 11 == 5:
            lines.append('{"title": "broken", "body": ')  # invalid JSON: a named rejection
        if n % 13 == 6:
            lines.append('{"headline": "no body"}')
    return "\r\n".join(lines[:30]) + "\n" + "\n".join(lines[30:])  # no newline at the end


@pytest.mark.usefixtures("small_chunks")
def test_a_streamed_dump_gives_the_records_of_the_whole_file_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(dump_text(), encoding="utf-8")
    read_whole = []
    monkeypatch.setattr(stream, "read_records", lambda *a: read_whole.append(a) or iter(()))
    streamed = records(path)
    assert read_whole == []  # it did stream
    monkeypatch.undo()
    expected = whole(path)
    assert streamed == expected
    assert len(expected) > 60 and any(not hasattr(r, "body") for r in expected)


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize(
    "data",
    [
        "\ufeff" + '{"body": "نص"}\n',  # a byte-order mark
        '{"body": "Ø¹Ù‚Ø¯ Ø¹Ù‚Ø¯ Ø¹Ù‚Ø¯"}\n',  # double-encoded Arabic, repaired whole
    ],
)
def test_dumps_that_need_the_whole_text_are_not_streamed(tmp_path: Path, data: str) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(data, encoding="utf-8")
    assert not stream._streamable(path)
    assert records(path) == whole(path)


@pytest.mark.usefixtures("small_chunks")
def test_a_windows_1256_dump_is_not_streamed_and_decodes_as_before(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes('{"body": "عقد مجلس الأمن جلسة طارئة"}\n'.encode("cp1256"))
    assert not stream._streamable(path)
    got = records(path)
    assert got == whole(path) and got[0].body == "عقد مجلس الأمن جلسة طارئة"  # type: ignore[attr-defined]
