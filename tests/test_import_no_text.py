"""A file or a record whose text has no letter or digit (NULs, control characters, zero-width
and bidi marks, harakat alone, whitespace) is no article: it is rejected, named, with the
reason, as an empty file is. A short article, a number alone, still imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.importing.formats import Record, Rejection, read_records
from archive.importing.run import run_import
from archive.store import Archive

NO_TEXT = {
    "nul.txt": b"\x00",
    "nul-bom.txt": b"\xef\xbb\xbf\x00    \n",
    "nul-marks.txt": b"\x00\xe2\x80\x8b\xe2\x80\x8f ",  # NUL, ZWSP, RLM, space: 8 bytes
    "utf32-nul.txt": b"\xff\xfe\x00\x00\x00\x00\x00\x00",
    "invisible.txt": "\u200f\u200b\u2060\ufeff \n\u00ad".encode(),
    "harakat.txt": "\u064e\u0650\u0651 \u0640\u0640".encode(),
    "controls.txt": b"\x01 \n\t \x7f",
}


@pytest.mark.parametrize(("name", "data"), sorted(NO_TEXT.items()))
def test_a_file_with_no_letter_or_digit_is_rejected_with_its_name(name: str, data: bytes) -> None:
    [rej] = read_records(data, f"in/{name}", ".txt")
    assert isinstance(rej, Rejection)
    assert rej.where == f"in/{name}"
    assert rej.reason.startswith("empty file")


def test_a_record_whose_body_has_no_letter_or_digit_is_rejected() -> None:
    data = (
        json.dumps({"title": "عنوان", "body": "\u200b\u0000\u200f"})
        + "\n"
        + json.dumps({"title": "عنوان", "body": "خبر قصير"})
        + "\n"
    ).encode()
    rej, rec = read_records(data, "d.jsonl", ".jsonl")
    assert isinstance(rej, Rejection) and rej.where == "d.jsonl#1"
    assert "no letter or digit" in rej.reason
    assert isinstance(rec, Record) and rec.body == "خبر قصير"


@pytest.mark.parametrize("body", ["نعم", "42", "\u200fكلمة\u200f", "١٢٣"])
def test_a_short_text_with_a_letter_or_digit_is_an_article(body: str) -> None:
    [rec] = read_records(body.encode(), "a.txt", ".txt")
    assert isinstance(rec, Record)


def test_importing_a_folder_of_no_text_files_adds_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in NO_TEXT.items():
        (folder / name).write_bytes(data)
    (folder / "real.txt").write_text("خبر عن الطقس اليوم", encoding="utf-8")
    with Archive(tmp_path / "archive.db") as arch:
        summary = run_import(arch, [folder], workers=1)
    assert (summary.added, summary.rejected) == (1, len(NO_TEXT))
