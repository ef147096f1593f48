"""Tokens of the folded text and what the entity rules share: surface forms, and the base of
the rule runner (joined tokens, candidate tokens, recording a found name).

The tokens are parallel lists built with C-level passes (one regex split, slices, accumulate,
maps over dicts and sets), never an object or a Python step per token: an article has some
three hundred tokens and the rules start at a few dozen of them (archive.metadata.triggers).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress

from archive.metadata.clitics import AL_LONG, AL_SHORT
from archive.metadata.gazetteer import Gazetteer, key_of, keys_are_words
from archive.metadata.textmap import Folded
from archive.metadata.triggers import triggers
from archive.models import Span

_TOKEN_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_TOKEN_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")
_DIGITS_RE = re.compile(r"\d+")
_QUOTES = "\"“”«»'‘’"
_QUOTE_SET = frozenset(_QUOTES)
_MAQSURA = "ى"


@dataclass(slots=True)
class Words:
    """The letter runs of the whole folded text (boilerplate included) and what lies between
    them: the tokens before the boilerplate is cut, shared by the dates, the resolutions and
    the word count."""

    words: list[str]
    gaps: list[str]  # len(words) + 1 of them: gaps[k] comes before words[k], the last after all
    starts: list[int]  # folded offsets
    ends: list[int]
    flags: list[int | None]  # triggers().get(word)

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
    """The Words of a folded text."""
    pieces = _TOKEN_SPLIT_RE.split(text)  # gap, word, gap, …, word, gap: one pass
    offsets = list(accumulate(map(len, pieces)))
    words = pieces[1::2]
    return Words(
        words, pieces[0::2], offsets[0:-1:2], offsets[1::2], list(map(triggers().get, words))
    )


@dataclass(slots=True)
class Tokens:
    """The tokens outside the boilerplate: entry i of each list is about token i."""

    starts: list[int]  # folded offsets
    ends: list[int]
    keys: list[str]  # normalised (key_of)
    gaps: list[str]  # folded text between the previous token and this one
    quote_before: list[bool]
    quote_after: list[bool]
    flags: list[int | None]  # triggers().get(key)

    def __len__(self) -> int:
        return len(self.keys)


@dataclass(slots=True)
class Found:
    kind: str
    canonical: str
    first: int  # token index range [first, last)
    last: int
    surface: str
    from_table: bool = False


@lru_cache(maxsize=4096)
def _quote_gap(gap: str) -> bool:
    """The text between two tokens holds a quotation mark."""
    return gap != " " and not _QUOTE_SET.isdisjoint(gap)


@lru_cache(maxsize=4096)
def joined_gap(gap: str) -> bool:
    """Two tokens with this between them read as one run (spaces, or a hyphen)."""
    return gap.strip() in ("", "-", "ـ")


def _flags(gaps: list[str], test: object) -> list[bool]:
    """test(gap) for every gap, deciding once per distinct gap (most gaps are one space)."""
    hit = {g for g in set(gaps) if test(g)}  # type: ignore[operator]
    return list(map(hit.__contains__, gaps)) if hit else [False] * len(gaps)


def tokenize(folded: Folded, words: Words, spans: list[Span]) -> Tokens:
    """The tokens of the folded text (split into `words`) outside the boilerplate `spans`."""
    found, gaps, starts, ends = words.words, words.gaps, words.starts, words.ends
    if not found:
        return Tokens([], [], [], [], [], [], [])
    same = keys_are_words(folded.text)
    keys = found if same else list(map(key_of, found))
    flags = words.flags if same else list(map(triggers().get, keys))
    quoted = _flags(gaps, _quote_gap)
    if not spans:
        return Tokens(starts, ends, keys, gaps[:-1], quoted[:-1], quoted[1:], flags)
    # Boilerplate spans in folded offsets (the offset map is increasing), as ranges of
    # token indexes [lo, hi), merged. A quote before a cut token still closes the last token
    # kept before it, as does the quote right after the range.
    after = quoted[1:]
    keep = [True] * len(found)
    ranges: list[list[int]] = []
    for span in sorted(spans, key=lambda s: s.start):
        lo = bisect_left(starts, folded.folded_index(span.start))
        hi = bisect_left(starts, folded.folded_index(span.end))
        if lo >= hi:
            continue
        if ranges and lo <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], hi)
        else:
            ranges.append([lo, hi])
    for lo, hi in ranges:
        keep[lo:hi] = [False] * (hi - lo)
        if lo > 0:
            after[lo - 1] = any(quoted[lo : hi + 1])
    return Tokens(
        list(compress(starts, keep)),
        list(compress(ends, keep)),
        list(compress(keys, keep)),
        list(compress(gaps, keep)),
        list(compress(quoted, keep)),
        list(compress(after, keep)),
        list(compress(flags, keep)),
    )


def surface_text(text: str, folded: Folded, toks: Tokens, i: int, j: int, strip: int) -> str:
    start = folded.orig(toks.starts[i])
    s = text[start : folded.orig_end(toks.ends[j - 1])]
    if strip >= 0:
        s = s[strip:]
    else:
        base = AL_SHORT if strip > AL_LONG + 5 else AL_LONG
        s = s[base - strip :]  # drop a leading و/ف
        s = "ا" + s[1:] if base == AL_SHORT else "ال" + s[1:]
    return " ".join(s.split()).strip(_QUOTES + "ـ")


class RuleBase:
    """State shared by the rules: the tokens, which are taken, and the names found."""

    def __init__(self, text: str, folded: Folded, toks: Tokens, gaz: Gazetteer) -> None:
        self.text, self.folded, self.toks, self.gaz = text, folded, toks, gaz
        self.n = n = len(toks)
        self.keys = toks.keys
        self.quote_before, self.quote_after = toks.quote_before, toks.quote_after
        self.used = [False] * n
        # tokens that as written end with ى (على، مصطفى), which folding made ي
        self.maqsura = self._maqsura_tokens() if _MAQSURA in text else set()
        # tokens not joined to the one before them (a gap other than spaces or a hyphen)
        self.breaks = list(compress(range(n), _flags(toks.gaps, _not_joined))) if n else []
        # the tokens some rule may start at (flags of archive.metadata.triggers), in order
        self.flags = toks.flags
        self.candidates = list(compress(range(n), self.flags))
        self.found: list[Found] = []
        # starts[i]: the names found that begin at token i (first never changes)
        self.starts: dict[int, list[Found]] = {}
        self.widest = 1  # the most tokens of one name found (kept by the organisation rule)

    def _maqsura_tokens(self) -> set[int]:
        starts, ends, out = self.toks.starts, self.toks.ends, set()
        pos = self.text.find(_MAQSURA)
        while pos >= 0:
            q = self.folded.folded_index(pos)
            i = bisect_right(starts, q) - 1
            if i >= 0 and ends[i] - 1 == q:
                out.add(i)
            pos = self.text.find(_MAQSURA, pos + 1)
        return out

    def candidates_with(self, flag: int) -> list[int]:
        flags = self.flags
        return [i for i in self.candidates if flags[i] & flag]  # type: ignore[operator]

    def run_end(self, i: int) -> int:
        """The first token after i that is not joined to the one before it (or n)."""
        breaks = self.breaks
        k = bisect_right(breaks, i)
        return breaks[k] if k < len(breaks) else self.n

    def _joined(self, i: int, j: int) -> bool:
        """Tokens i..j-1 follow each other with only spaces (or a hyphen) between them."""
        return j <= i + 1 or (i < self.n and j <= self.run_end(i))

    def surface(self, i: int, j: int, strip: int) -> str:
        return surface_text(self.text, self.folded, self.toks, i, j, strip)

    def add(self, kind: str, canonical: str, i: int, j: int, strip: int, table: bool) -> None:
        found = Found(kind, canonical, i, j, self.surface(i, j, strip), table)
        self.found.append(found)
        self.starts.setdefault(i, []).append(found)
        for k in range(i, j):
            self.used[k] = True


def _not_joined(gap: str) -> bool:
    return not joined_gap(gap)
