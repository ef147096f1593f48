"""A folded copy of a text that keeps a way back to the original offsets.

The rules match on the folded form (the letter folds of archive.text.normalize: أ/إ/آ → ا,
ة → ه, ى → ي, ؤ/ئ → ء, Arabic-Indic digits → ASCII; harakat and tatweel removed), and report spans in the original text. The letter folds
are one-to-one, so only removed characters need an offset table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.text.normalize import fold_letters

_DROP_RE = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u2066-\u2069]"
)


@dataclass(frozen=True, slots=True)
class Folded:
    text: str  # the folded text
    offsets: tuple[int, ...] | None  # original index of each folded char; None = identity
    length: int  # length of the original

    def orig(self, i: int) -> int:
        """Original offset of folded offset `i` (i may equal len(text))."""
        if self.offsets is None:
            return i
        return self.offsets[i] if i < len(self.offsets) else self.length

    def orig_end(self, i: int) -> int:
        """Original end offset for a folded span ending at `i` (exclusive)."""
        if self.offsets is None or i == 0:
            return i
        return self.offsets[i - 1] + 1 if i <= len(self.offsets) else self.length


def fold_char_text(text: str) -> str:
    """The folded form of a short string (a table entry, a key)."""
    return fold_letters(_DROP_RE.sub("", text))


def fold(text: str) -> Folded:
    dropped = [m.start() for m in _DROP_RE.finditer(text)]
    if not dropped:
        return Folded(fold_letters(text), None, len(text))
    kept: list[int] = []
    prev = 0
    for i in dropped:
        kept.extend(range(prev, i))
        prev = i + 1
    kept.extend(range(prev, len(text)))
    folded = fold_letters(_DROP_RE.sub("", text))
    return Folded(folded, tuple(kept), len(text))
