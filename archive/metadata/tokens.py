"""Tokens of the folded text and what the entity rules share: clitic variants of a token,
surface forms, and the base of the rule runner (joined tokens, recording a found name)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from operator import attrgetter

from archive.metadata.gazetteer import Gazetteer, key_of
from archive.metadata.textmap import Folded
from archive.models import Span

_TOKEN_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_TOKEN_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")
_CLITICS_1 = ("و", "ف", "ب", "ل", "ك")
_CLITICS_2 = ("وب", "ول", "فب", "فل", "وك", "فك")
_QUOTES = "\"“”«»'‘’"
_QUOTE_SET = frozenset(_QUOTES)
_MAQSURA_RE = re.compile("ى")


@dataclass(slots=True)
class Tok:
    start: int  # folded offsets
    end: int
    key: str  # normalised
    quote_before: bool = False
    quote_after: bool = False
    gap_before: str = ""  # folded text between the previous token and this one


@dataclass(slots=True)
class Found:
    kind: str
    canonical: str
    first: int  # token index range [first, last)
    last: int
    surface: str
    from_table: bool = False


AL_SHORT, AL_LONG = -10, -20  # "لل" read as ل + ال (two ways); minus one more for a leading و/ف


@lru_cache(maxsize=65536)
def clitic_variants(key: str) -> tuple[tuple[str, int], ...]:
    """The token key with clitics stripped, with how many letters were removed."""
    out = [(key, 0)]
    if len(key) > 3 and key.startswith("لل"):
        out.append(("ال" + key[2:], AL_SHORT))  # للامم → الامم
        out.append(("ال" + key[1:], AL_LONG))  # للجنه → اللجنه (the noun's own ل)
    if len(key) > 4 and key[:3] in ("ولل", "فلل"):
        out.append(("ال" + key[3:], AL_SHORT - 1))
        out.append(("ال" + key[2:], AL_LONG - 1))
    if len(key) > 4 and key[:2] in _CLITICS_2:
        out.append((key[2:], 2))
    if len(key) > 3 and key[0] in _CLITICS_1:
        out.append((key[1:], 1))
    return tuple(out)


@lru_cache(maxsize=4096)
def _quote_gap(gap: str) -> bool:
    """The text between two tokens holds a quotation mark."""
    return gap != " " and not _QUOTE_SET.isdisjoint(gap)


@lru_cache(maxsize=4096)
def joined_gap(gap: str) -> bool:
    """Two tokens with this between them read as one run (spaces, or a hyphen)."""
    return gap.strip() in ("", "-", "ـ")


def tokenize(folded: Folded, spans: list[Span]) -> list[Tok]:
    """The tokens of the folded text outside the boilerplate `spans`. Built with C-level
    passes (findall, split, accumulate, map over word-level caches), not a loop per match."""
    text = folded.text
    pieces = _TOKEN_SPLIT_RE.split(text)  # gap, token, gap, …, token, gap: one pass
    found, gaps = pieces[1::2], pieces[0::2]  # len(gaps) == len(found) + 1
    if not found:
        return []
    lengths: list[int] = [0] * (2 * len(found) + 1)
    lengths[0::2] = map(len, gaps)
    lengths[1::2] = map(len, found)
    offsets = list(accumulate(lengths))
    starts, ends = offsets[0:-1:2], offsets[1::2]
    keys = list(map(key_of, found))
    quoted = list(map(_quote_gap, gaps))
    if not spans:
        return list(map(Tok, starts, ends, keys, quoted, quoted[1:], gaps))
    # Boilerplate spans in folded offsets (the offset map is increasing), as ranges of
    # token indexes [lo, hi), merged. A quote before a cut token still closes the last token
    # kept before it, as does the quote right after the range.
    after = quoted[1:]
    keep = [True] * len(found)
    ranges: list[list[int]] = []
    for span in sorted(spans, key=lambda s: s.start):
        lo = bisect_left(starts, _folded_index(folded, span.start))
        hi = bisect_left(starts, _folded_index(folded, span.end))
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
    return list(
        map(
            Tok,
            compress(starts, keep),
            compress(ends, keep),
            compress(keys, keep),
            compress(quoted, keep),
            compress(after, keep),
            compress(gaps, keep),
        )
    )


def _folded_index(folded: Folded, original: int) -> int:
    if folded.offsets is None:
        return original
    return bisect_left(folded.offsets, original)


def surface_text(text: str, folded: Folded, toks: list[Tok], i: int, j: int, strip: int) -> str:
    start = folded.orig(toks[i].start)
    s = text[start : folded.orig_end(toks[j - 1].end)]
    if strip >= 0:
        s = s[strip:]
    else:
        base = AL_SHORT if strip > AL_LONG + 5 else AL_LONG
        s = s[base - strip :]  # drop a leading و/ف
        s = "ا" + s[1:] if base == AL_SHORT else "ال" + s[1:]
    return " ".join(s.split()).strip(_QUOTES + "ـ")


class RuleBase:
    """State shared by the rules: the tokens, which are taken, and the names found."""

    def __init__(self, text: str, folded: Folded, toks: list[Tok], gaz: Gazetteer) -> None:
        self.text, self.folded, self.toks, self.gaz = text, folded, toks, gaz
        self.used = [False] * len(toks)
        self.keys: list[str] = list(map(attrgetter("key"), toks))
        # the word as written ends with ى (على، مصطفى), which folding made ي
        maqsura = {_folded_index(folded, m.start()) for m in _MAQSURA_RE.finditer(text)}
        self.maqsura = [t.end - 1 in maqsura for t in toks] if maqsura else [False] * len(toks)
        # run[i]: first index after i whose token is not joined to the one before it
        n = len(toks)
        joined = list(map(joined_gap, map(attrgetter("gap_before"), toks)))
        self.run = run = [n] * n
        for k in range(n - 2, -1, -1):
            run[k] = run[k + 1] if joined[k + 1] else k + 1
        self.found: list[Found] = []
        # starts[i]: the names found that begin at token i (first never changes)
        self.starts: dict[int, list[Found]] = {}
        self.widest = 1  # the most tokens of one name found (kept by the organisation rule)

    def _joined(self, i: int, j: int) -> bool:
        """Tokens i..j-1 follow each other with only spaces (or a hyphen) between them."""
        return j <= i + 1 or (i < len(self.run) and j <= self.run[i])

    def add(self, kind: str, canonical: str, i: int, j: int, strip: int, table: bool) -> None:
        surface = surface_text(self.text, self.folded, self.toks, i, j, strip)
        found = Found(kind, canonical, i, j, surface, table)
        self.found.append(found)
        self.starts.setdefault(i, []).append(found)
        for k in range(i, j):
            self.used[k] = True

    # 1. the gazetteer: longest n-gram first
