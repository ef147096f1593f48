"""A folded copy of a text that keeps a way back to the original offsets.

The rules match on the folded form (the letter folds of archive.text.normalize: أ/إ/آ → ا,
ة → ه, ى → ي, ؤ/ئ → ء, Arabic-Indic digits → ASCII; harakat and tatweel removed), and report
spans in the original text. The letter folds are one-to-one, so only the removed characters
are remembered: where each stood in the original and in the folded text; an offset is mapped
back with a binary search over them (not a table of every character).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
from operator import add

from archive.text.normalize import fold_letters

_DROP_RE = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u2066-\u2069]"
)


@dataclass(frozen=True, slots=True)
class Folded:
    text: str  # the folded text
    length: int  # length of the original
    dropped: tuple[int, ...] = ()  # original offsets of the removed characters, increasing
    cuts: tuple[int, ...] = ()  # folded offset where each of them stood (non-decreasing)

    @property
    def identity(self) -> bool:
        """Nothing was removed: folded and original offsets are the same."""
        return not self.dropped

    def orig(self, i: int) -> int:
        """Original offset of folded offset `i` (i may equal len(text))."""
        if not self.dropped:
            return i
        return i + bisect_right(self.cuts, i) if i < len(self.text) else self.length

    def orig_end(self, i: int) -> int:
        """Original end offset for a folded span ending at `i` (exclusive)."""
        if not self.dropped or i == 0:
            return i
        return self.orig(i - 1) + 1 if i <= len(self.text) else self.length

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """(orig(start), orig_end(end)) of a folded span with start < end <= len(text)."""
        if not self.dropped:
            return start, end
        cuts = self.cuts
        return start + bisect_right(cuts, start), end + bisect_right(cuts, end - 1)

    def folded_index(self, original: int) -> int:
        """Folded offset of the first kept character at or after original offset `original`."""
        if not self.dropped:
            return original
        return original - bisect_left(self.dropped, original)


def fold_char_text(text: str) -> str:
    """The folded form of a short string (a table entry, a key)."""
    return fold_letters(_DROP_RE.sub("", text))


def fold(text: str) -> Folded:
    pieces = _DROP_RE.split(text)  # the text between removed characters: one pass
    if len(pieces) == 1:
        return Folded(fold_letters(text), len(text))
    # the k-th removed character stood before folded offset len(pieces[0] … pieces[k])
    cuts = tuple(accumulate(map(len, pieces[:-1])))
    dropped = tuple(map(add, cuts, range(len(cuts))))
    return Folded(fold_letters("".join(pieces)), len(text), dropped, cuts)
