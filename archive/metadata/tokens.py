"""Tokens of the folded text and what the entity rules share: surface forms, and the base of
the rule runner (joined tokens, candidate tokens, recording a found name).

The tokens are parallel lists built with C-level passes over the words of the text
(archive.metadata.words: slices, compress, maps over dicts and sets), never an object or a
Python step per token: an article has some three hundred tokens and the rules start at a few
dozen of them (archive.metadata.triggers).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count

from archive.metadata.clitics import AL_LONG, AL_SHORT
from archive.metadata.gazetteer import Gazetteer, key_of, keys_are_words
from archive.metadata.textmap import Folded
from archive.metadata.triggers import triggers
from archive.metadata.words import Words
from archive.models import Span

_QUOTES = "\"“”«»'‘’"
_QUOTE_SET = frozenset(_QUOTES)
_STRIP = _QUOTES + "ـ"  # taken off both ends of a surface
_MAQSURA = "ى"


@dataclass(slots=True)
class Tokens:
    """The tokens outside the boilerplate: entry i of each list is about token i."""

    starts: list[int]  # folded offsets
    ends: list[int]
    keys: list[str]  # normalised (key_of)
    flags: list[int | None]  # triggers().get(key)
    quote_before: set[int]  # tokens with a quotation mark between them and the one before
    quote_after: set[int]  # … and the one after
    breaks: list[int]  # tokens not joined to the one before (archive.metadata.tokens.joined_gap)
    written: bool  # every key is the token as written in the folded text

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
    """Two tokens with this between them read as one run (spaces, or a hyphen), never
    across a line break: a headline that ends "… مجلس المنافسة" and a dateline that opens
    "الرباط - …" are not one name."""
    return "\n" not in gap and gap.strip() in ("", "-", "ـ")


def tokenize(folded: Folded, words: Words, spans: list[Span]) -> Tokens:
    """The tokens of the folded text (split into `words`) outside the boilerplate `spans`."""
    found, gaps, starts, ends = words.words, words.gaps, words.starts, words.ends
    n = len(found)
    if not n:
        return Tokens([], [], [], [], set(), set(), [], True)
    same = words.plain or keys_are_words(folded.text)
    keys = found if same else list(map(key_of, found))
    flags = words.flags if same else list(map(triggers().get, keys))
    # the gaps that hold a quotation mark or break a run: decided once per distinct gap (most
    # are one space), found with one C-level pass
    distinct = set(gaps)
    quoting = {g for g in distinct if _quote_gap(g)}
    breaking = {g for g in distinct if not joined_gap(g)}
    marked = quoting | breaking
    at = list(compress(count(), map(marked.__contains__, gaps))) if marked else []
    quoted = [k for k in at if gaps[k] in quoting]  # gap k lies before token k
    broken = [k for k in at if k < n and gaps[k] in breaking]
    if not spans:
        before = set(quoted)
        before.discard(n)
        after = {k - 1 for k in quoted if k}
        return Tokens(starts, ends, keys, flags, before, after, broken, same)
    # Boilerplate spans in folded offsets (the offset map is increasing), as ranges of
    # token indexes [lo, hi), merged. A quote before a cut token still closes the last token
    # kept before it, as does the quote right after the range.
    quote = [False] * (n + 1)
    for k in quoted:
        quote[k] = True
    closes = quote[1:]  # a quote after each token
    keep = [True] * n
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
            closes[lo - 1] = any(quote[lo : hi + 1])
    breaks = [False] * n
    for k in broken:
        breaks[k] = True
    return Tokens(
        list(compress(starts, keep)),
        list(compress(ends, keep)),
        list(compress(keys, keep)),
        list(compress(flags, keep)),
        set(compress(count(), compress(quote, keep))),
        set(compress(count(), compress(closes, keep))),
        list(compress(count(), compress(breaks, keep))),
        same,
    )


def surface_text(text: str, folded: Folded, toks: Tokens, i: int, j: int, strip: int) -> str:
    start, end = folded.orig_span(toks.starts[i], toks.ends[j - 1])
    s = text[start:end]
    if strip >= 0:
        s = s[strip:]
    else:
        base = AL_SHORT if strip > AL_LONG + 5 else AL_LONG
        s = s[base - strip :]  # drop a leading و/ف
        s = "ا" + s[1:] if base == AL_SHORT else "ال" + s[1:]
    if j == i + 1:  # one token: no whitespace inside (only letters and what folding removed)
        return s.strip(_STRIP)
    return " ".join(s.split()).strip(_STRIP)


class RuleBase:
    """State shared by the rules: the tokens, which are taken, and the names found."""

    def __init__(self, text: str, folded: Folded, toks: Tokens, gaz: Gazetteer) -> None:
        self.text, self.folded, self.toks, self.gaz = text, folded, toks, gaz
        self.n = n = len(toks)
        self.keys = toks.keys
        self.quote_before, self.quote_after = toks.quote_before, toks.quote_after
        self.used = [False] * n
        self.breaks = toks.breaks
        # the tokens some rule may start at (flags of archive.metadata.triggers), in order
        self.flags = toks.flags
        self.candidates = list(compress(range(n), self.flags))
        self.found: list[Found] = []
        # starts[i]: the names found that begin at token i (first never changes)
        self.starts: dict[int, list[Found]] = {}
        self.widest = 1  # the most tokens of one name found (kept by the organisation rule)

    def maqsura(self, i: int) -> bool:
        """Token i as written ends with ى (على، مصطفى), which folding made ي."""
        return self.text[self.folded.orig(self.toks.ends[i] - 1)] == _MAQSURA

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
        if j <= i + 1:
            return True
        if i >= self.n:
            return False
        breaks = self.breaks  # j <= run_end(i), inlined: the rules ask this often
        k = bisect_right(breaks, i)
        return j <= (breaks[k] if k < len(breaks) else self.n)

    def surface(self, i: int, j: int, strip: int) -> str:
        return surface_text(self.text, self.folded, self.toks, i, j, strip)

    def add(self, kind: str, canonical: str, i: int, j: int, strip: int, table: bool) -> None:
        found = Found(kind, canonical, i, j, self.surface(i, j, strip), table)
        self.found.append(found)
        self.starts.setdefault(i, []).append(found)
        self.used[i:j] = [True] * (j - i)  # j <= n: surface_text has read token j - 1
