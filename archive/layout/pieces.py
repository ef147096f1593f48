"""C-level passes over a text, done in pieces when the text is huge.

A paragraph of megabytes (a book without line breaks) is laid out in a thread; one
`str.translate` or `list()` over all of it holds the GIL for most of a second, and the app's
event loop waits that long. The same passes made piece by piece give the same result and let
go of the GIL between pieces. Texts up to PIECE characters take the single call.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

PIECE = 1 << 16


def translate(text: str, table: Mapping[int, str]) -> str:
    """`text.translate(table)`."""
    if len(text) <= PIECE:
        return text.translate(table)
    return "".join([text[i : i + PIECE].translate(table) for i in range(0, len(text), PIECE)])


def characters(text: str) -> set[str]:
    """`set(text)`."""
    if len(text) <= PIECE:
        return set(text)
    found: set[str] = set()
    for i in range(0, len(text), PIECE):
        found.update(text[i : i + PIECE])
    return found


def char_list(text: str) -> list[str]:
    """`list(text)`."""
    if len(text) <= PIECE:
        return list(text)
    out: list[str] = []
    for i in range(0, len(text), PIECE):
        out.extend(text[i : i + PIECE])
    return out


def flatten(parts: Sequence[Iterable[int]]) -> list[int]:
    """`list(chain.from_iterable(parts))`, one part at a time when there are many."""
    if len(parts) <= 1024:
        return list(chain.from_iterable(parts))
    out: list[int] = []
    for part in parts:
        out.extend(part)
    return out
