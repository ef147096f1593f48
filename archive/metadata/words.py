"""The letter runs ("words") of a folded text, split once and shared by the dates, the word
count and the entity tokens.

A word is a run of `[^\\W\\d_]` (letters). Python's regex engine tests that class through the
Unicode tables for every character; for the usual news text (ASCII without capitals, the
Arabic block, a few quotation marks and dashes) a class of plain ranges that contains exactly
the same letters splits the same way in about half the time, and each word is then its own
key (nothing left for key_of to change).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, compress

from archive.metadata.triggers import triggers

_WORD_RE = re.compile(r"[^\W\d_]+")
_SPLIT_RE = re.compile(f"({_WORD_RE.pattern})")
_DIGITS_RE = re.compile(r"\d+")


def _ranges(codes: list[int]) -> str:
    """A regex character class body for these code points (sorted)."""
    parts, start = [], 0
    for k, code in enumerate(codes):
        if k + 1 < len(codes) and codes[k + 1] == code + 1:
            continue
        first = codes[start]
        parts.append(f"\\u{first:04x}" if first == code else f"\\u{first:04x}-\\u{code:04x}")
        start = k + 1
    return "".join(parts)


# Plain characters: ASCII but the capitals, the Arabic block but the combining hamza (which
# normalize() composes), and the punctuation news text uses around it. None has a case, a
# presentation form or an accent, so normalize() leaves a word of them as it is.
_PLAIN = sorted(
    {
        *range(0x00, 0x80),
        *range(0x0600, 0x0700),
        *map(ord, "\u00a0\u00ab\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u2026"),
    }
    - {*range(ord("A"), ord("Z") + 1), 0x0653, 0x0654, 0x0655}
)
_NOT_PLAIN_RE = re.compile(f"[^{_ranges(_PLAIN)}]")
# the plain characters that _WORD_RE takes, decided by _WORD_RE itself
_PLAIN_SPLIT_RE = re.compile(f"([{_ranges([c for c in _PLAIN if _WORD_RE.fullmatch(chr(c))])}]+)")


@dataclass(slots=True)
class Words:
    """The words of a folded text and what lies between them."""

    words: list[str]
    gaps: list[str]  # len(words) + 1 of them: gaps[k] comes before words[k], the last after all
    starts: list[int]  # folded offsets
    ends: list[int]
    flags: list[int | None]  # triggers().get(word)
    plain: bool  # only plain characters: every word is its own key (key_of(w) == w)

    def with_flag(self, flag: int) -> list[int]:
        """Indexes of the words with this trigger flag, in order."""
        flags = self.flags
        return [k for k in compress(range(len(flags)), flags) if flags[k] & flag]  # type: ignore[operator]

    def word_count(self) -> int:
        """len(re.findall(r"[^\\W_]+", text)): the letter runs, plus the digit runs of the gaps,
        less one for each digit run glued to a letter run (a1b is one word)."""
        joined = "a".join(self.gaps)  # a letter: never in a gap, and never a digit
        count = len(self.words)
        for m in _DIGITS_RE.finditer(joined):
            start, end = m.span()
            count += 1 - (start > 0 and joined[start - 1] == "a")
            count -= end < len(joined) and joined[end] == "a"
        return count


def split_words(text: str) -> Words:
    """The Words of a folded text: one regex split, then slices and C-level maps."""
    plain = _NOT_PLAIN_RE.search(text) is None
    pieces = (_PLAIN_SPLIT_RE if plain else _SPLIT_RE).split(text)  # gap, word, …, word, gap
    offsets = list(accumulate(map(len, pieces)))
    words = pieces[1::2]
    flags = list(map(triggers().get, words))
    return Words(words, pieces[0::2], offsets[0:-1:2], offsets[1::2], flags, plain)
