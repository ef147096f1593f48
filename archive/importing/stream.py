"""Reading a large JSONL dump without holding it whole: a 122 MB dump read at once held the
bytes, the decoded text and its list of lines together (535 MB peak).

A JSONL file of at least STREAM_MIN_BYTES is read in chunks that end at a newline, so no
chunk splits a character or a line, and `str.splitlines` of the chunks gives the lines of
the whole text. A first pass checks what decode_bytes would decide on the whole file:
plain UTF-8 (no byte-order mark, no NUL byte, every chunk valid), not binary (the same
count of control characters against the same length), no sign of double-encoded Arabic
(no Ø/Ù at all). When all hold, a second pass yields the records as the whole-file path
would, line numbers included; otherwise the file takes the whole-file path, whose decisions
(UTF-16, Windows-1256, repair, rejection) need all of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from archive.importing.decode import _BINARY_CONTROL_RE
from archive.importing.formats import Record, Rejection, jsonl_lines, read_records

STREAM_MIN_BYTES = 16 * 1024 * 1024
CHUNK_BYTES = 1024 * 1024
_STREAMED = {".jsonl", ".ndjson"}
_BOM_STARTS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def read_path_records(path: Path, key: str, suffix: str) -> Iterator[Record | Rejection]:
    """The records of the file at `path` (read_records of its bytes). Raises OSError."""
    if suffix in _STREAMED and path.stat().st_size >= STREAM_MIN_BYTES and _streamable(path):
        return _streamed(path, key)
    return read_records(path.read_bytes(), key, suffix)


def _streamed(path: Path, key: str) -> Iterator[Record | Rejection]:
    """The records of a streamable file; a file that becomes unreadable part-way (gone,
    truncated to invalid UTF-8) keeps the records read and is named with the reason."""
    try:
        yield from jsonl_lines(_lines(path), key)
    except OSError as exc:
        yield Rejection(key, f"cannot read: {exc.strerror or type(exc).__name__}")
    except UnicodeDecodeError as exc:
        yield Rejection(key, f"changed while read: invalid UTF-8 ({exc.reason})")


def _chunks(path: Path) -> Iterator[bytes]:
    """The file's bytes in pieces of about CHUNK_BYTES, each ending at a newline (but the
    last)."""
    with path.open("rb") as f:
        rest = b""
        while block := f.read(CHUNK_BYTES):
            block = rest + block
            cut = block.rfind(b"\n") + 1
            if cut == 0:
                rest = block
                continue
            yield block[:cut]
            rest = block[cut:]
        if rest:
            yield rest


def _streamable(path: Path) -> bool:
    """decode_bytes would take the whole file as plain UTF-8, unchanged."""
    length = controls = 0
    first = True
    for chunk in _chunks(path):
        if first and chunk.startswith(_BOM_STARTS):
            return False
        first = False
        if b"\x00" in chunk:
            return False
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError:
            return False
        if "\u00d8" in text or "\u00d9" in text:
            return False
        length += len(text)
        controls += len(_BINARY_CONTROL_RE.findall(text))
    return length > 0 and controls <= max(2, length // 50)


def _lines(path: Path) -> Iterator[str]:
    for chunk in _chunks(path):
        yield from chunk.decode("utf-8").splitlines()
