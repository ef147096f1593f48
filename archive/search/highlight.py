"""Match spans on the ORIGINAL text (harakat and all) and keyword-in-context snippets.

The index holds normalised words; the user reads the original. A query term is mapped back
by normalising the original word by word, so a span always covers a whole original word:

- a word term matches a word whose normalised form is one of its clitic forms, or whose
  light stem is one of its stem forms (archive.search.compile decides both lists);
- a prefix term matches words starting with the prefix (also behind a clitic);
- a phrase matches consecutive words (punctuation between them allowed, as in FTS5).

Speed: normalising every word of 50 bodies per keystroke is too slow, so one regex built
from each term's core (its stem, or the prefix) with harakat and letter variants allowed
finds where a core occurs; the original word around it is found by two regex scans (in
C, forwards, and backwards on the reversed text); each distinct word is then
normalised and checked once per query (a memo shared by every hit of the page).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from archive.models import Span
from archive.search.compile import exact_forms, prefix_forms, stem_forms
from archive.search.query import Phrase, Term
from archive.text.normalize import (
    IN_NUMBER,
    IN_WORD_CLASS,
    ORIGINAL_WORD_RE,
    PRESENTATION_CLASS,
    PRESENTATION_RE,
    THOUSANDS_CLASS,
    normalize,
    word_spans,
    words,
)
from archive.text.stem import light_stem

SNIPPET_CHARS = 160
SNIPPET_LEAD = 50  # characters of context before the best match
ELLIPSIS = "…"


def _expand(ranges: str) -> frozenset[str]:
    out: set[str] = set()
    i = 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            out.update(chr(c) for c in range(ord(ranges[i]), ord(ranges[i + 2]) + 1))
            i += 3
        else:
            out.add(ranges[i])
            i += 1
    return frozenset(out)


IN_WORD_CHARS = _expand(IN_WORD_CLASS)


def is_word_char(ch: str) -> bool:
    """Part of an original word (archive.text.normalize.ORIGINAL_WORD_RE)."""
    return (
        (ch.isalnum() and ch != "_")
        or ch in IN_WORD_CHARS
        or ("\ufb50" <= ch <= "\ufdff" and ch not in "\ufd3e\ufd3f")  # (﴾ ﴿ are brackets)
        or "\ufe70" <= ch <= "\ufefc"
    )


_is_wordish = is_word_char


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """normalised char → regex class of original chars that normalise to it."""
    groups: dict[str, set[str]] = {}
    # no presentation forms: a text that has any is read word by word (_Matcher.spans)
    blocks = [(0x20, 0x250), (0x370, 0x500), (0x600, 0x700), (0x750, 0x780), (0x1E00, 0x1F00)]
    for lo, hi in blocks:
        for cp in range(lo, hi):
            ch = chr(cp)
            norm = normalize(ch)
            if len(norm) == 1 and norm.isalnum():
                groups.setdefault(norm, set()).add(ch)
    return {
        k: "[" + "".join(re.escape(c) for c in sorted(v | {k})) + "]" for k, v in groups.items()
    }


def _skeleton(core: str) -> str:
    table = _variants()
    gap = f"[{IN_WORD_CLASS}]*"
    digits_gap = f"[{IN_WORD_CLASS}{THOUSANDS_CLASS}]*"  # 12630 as written 12,630
    out = [table.get(core[0], re.escape(core[0]))] if core else []
    for before, c in zip(core, core[1:], strict=False):
        out.append(digits_gap if before.isdigit() and c.isdigit() else gap)
        out.append(table.get(c, re.escape(c)))
    return "".join(out)


@lru_cache(maxsize=256)
def _candidate_re(cores: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted({_skeleton(c) for c in cores if c}, key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


# The characters of an original word around a core match (is_word_char), scanned in C: the
# word's end forwards, its start backwards on the reversed text.
_WORD_TAIL_RE = re.compile(f"(?:[^\\W_]|[{IN_WORD_CLASS}{PRESENTATION_CLASS}]|{IN_NUMBER})*")
# (on the reversed text a thousands separator follows its group of three digits)
_WORD_HEAD_RE = re.compile(
    f"(?:[^\\W_]|[{IN_WORD_CLASS}{PRESENTATION_CLASS}]|(?<=\\d\\d\\d)[{THOUSANDS_CLASS}](?=\\d))*"
)
_IN_WORD_RUN_RE = re.compile(f"[{IN_WORD_CLASS}]*")


def _run_end(pattern: re.Pattern[str], text: str, pos: int, endpos: int | None = None) -> int:
    """Where a run of `pattern` (which also matches nothing) starting at `pos` ends."""
    m = pattern.match(text, pos) if endpos is None else pattern.match(text, pos, endpos)
    return m.end() if m is not None else pos


_NON_WORD_RUN_RE = re.compile(f"(?:(?![^\\W_]|[{IN_WORD_CLASS}{PRESENTATION_CLASS}])[\\s\\S])*")


@lru_cache(maxsize=65536)
def _norm_words(word: str) -> tuple[str, ...]:
    return tuple(words(word))


@dataclass(frozen=True, slots=True)
class _WordTest:
    exact: frozenset[str]
    stems: frozenset[str]
    prefixes: tuple[str, ...] = ()
    stem_prefix: str = ""

    def __call__(self, norm: str) -> bool:
        if self.prefixes:
            return norm.startswith(self.prefixes) or light_stem(norm).startswith(self.stem_prefix)
        return norm in self.exact or light_stem(norm) in self.stems


def _word_test(word: str, prefix: bool) -> _WordTest:
    if prefix:
        return _WordTest(frozenset(), frozenset(), prefix_forms(word), word)
    return _WordTest(frozenset(exact_forms(word)), frozenset(stem_forms(word)))


def _phrase_tests(words_: tuple[str, ...]) -> list[_WordTest]:
    """The first word in any clitic form (as `compile.phrase_forms` asks FTS5), the others
    as typed or by their stem."""
    first = _WordTest(frozenset(exact_forms(words_[0])), frozenset(stem_forms(words_[0])))
    rest = [_WordTest(frozenset((w,)), frozenset((light_stem(w),))) for w in words_[1:]]
    return [first, *rest]


def _core(word: str, prefix: bool) -> str:
    return word if prefix else light_stem(word)


def _has_presentation_forms(text: str) -> bool:
    """Whether `text` has a presentation form (U+FB50-U+FEFF). Their UTF-8 begins with the
    byte EF, which Arabic and Latin text lack: encoding and finding one byte costs a
    fifth of the character-class scan, which then runs only on the rare text with EF."""
    return text.encode("utf-8", "surrogatepass").find(b"\xef") >= 0 and bool(
        PRESENTATION_RE.search(text)
    )


Candidate = tuple[int, int, tuple[str, ...]]
MEMO_WORDS = 50_000  # original words remembered per matcher (the same words recur)


class _Matcher:
    """The spans of one list of terms in any text. Built once per query (see _matcher) and
    reused for every hit's title and body: whether an original word matches is decided
    once per distinct word, not once per occurrence."""

    def __init__(self, terms: tuple[Term | Phrase, ...]) -> None:
        cores: list[str] = []
        self.phrases: list[tuple[list[_WordTest], int]] = []  # (tests, anchor word)
        for t in terms:
            if isinstance(t, Phrase):
                # A phrase is found from its word with the longest stem (the rarest in the
                # text, e.g. سوريا in "قوات سوريا", not قو); its neighbours are read around it.
                stems = [light_stem(w) for w in t.words]
                anchor = max(range(len(stems)), key=lambda i: (len(stems[i]), -i))
                cores.append(stems[anchor])
                self.phrases.append((_phrase_tests(t.words), anchor))
            else:
                cores.append(_core(t.word, t.prefix))
        self.pattern = _candidate_re(tuple(sorted(set(cores))))
        self.word_tests = [_word_test(t.word, t.prefix) for t in terms if isinstance(t, Term)]
        self.memo: dict[str, tuple[tuple[str, ...], bool]] = {}

    def _judge(self, word: str) -> tuple[tuple[str, ...], bool]:
        """(normalised words, whether a word term matches) of one original word."""
        known = self.memo.get(word)
        if known is None:
            norm = _norm_words(word)
            known = (norm, any(test(w) for test in self.word_tests for w in norm))
            if len(self.memo) >= MEMO_WORDS:
                self.memo.clear()
            self.memo[word] = known
        return known

    def spans(self, text: str) -> list[Span]:
        if _has_presentation_forms(text):
            return self._word_by_word(text)
        hit: set[tuple[int, int]] = set()
        cands: list[Candidate] = []
        judge = self._judge
        backwards = text[::-1]
        n = len(text)
        last_end = -1
        for m in self.pattern.finditer(text):
            if m.start() < last_end:
                continue  # another core inside a word already taken
            start = n - _run_end(_WORD_HEAD_RE, backwards, n - m.start())
            start = _run_end(_IN_WORD_RUN_RE, text, start, m.start())
            end = _run_end(_WORD_TAIL_RE, text, m.end())
            last_end = end
            norm, matched = judge(text[start:end])
            if norm:
                cands.append((start, end, norm))
                if matched:
                    hit.add((start, end))
        for tests, anchor in self.phrases:
            hit.update(self._phrases_around(text, cands, tests, anchor))
        return [Span(s, e) for s, e in sorted(hit)]

    def _word_by_word(self, text: str) -> list[Span]:
        """The spans of a text with presentation forms: ligatures (ﻻ) defeat the
        letter-by-letter regex, so every word is normalised and tested."""
        hit: set[tuple[int, int]] = set()
        cands: list[Candidate] = []
        for start, end, norm_list in word_spans(text):
            if norm_list:
                cands.append((start, end, tuple(norm_list)))
                if any(test(w) for test in self.word_tests for w in norm_list):
                    hit.add((start, end))
        for tests, _ in self.phrases:  # every word is a candidate here
            hit.update(_phrase_hits(text, cands, tests))
        return [Span(s, e) for s, e in sorted(hit)]

    def _phrases_around(
        self, text: str, cands: list[Candidate], tests: list[_WordTest], anchor: int
    ) -> list[tuple[int, int]]:
        """The phrase's occurrences whose anchor word is one of `cands`: the words around
        it are read with ORIGINAL_WORD_RE (adjacent words: nothing but non-word between)."""
        out: list[tuple[int, int]] = []
        after = len(tests) - anchor - 1
        backwards = text[::-1] if anchor else ""
        for start, end, norm in cands:
            if not any(tests[anchor](w) for w in norm):
                continue
            run = _words_before(text, backwards, start, anchor)
            if run is None:
                continue
            run.append((start, end))
            run += [m.span() for m in islice(ORIGINAL_WORD_RE.finditer(text, end), after)]
            if len(run) != len(tests):
                continue
            if all(
                any(test(w) for w in self._judge(text[s:e])[0])
                for test, (s, e) in zip(tests, run, strict=True)
            ):
                out.extend(run)
        return out


def _words_before(text: str, backwards: str, pos: int, count: int) -> list[tuple[int, int]] | None:
    """The spans of the `count` original words just before `pos` (None: fewer exist),
    read on the reversed text: a word is a run of word characters less its leading
    in-word marks (ORIGINAL_WORD_RE), a run of marks alone is no word."""
    n = len(text)
    out: list[tuple[int, int]] = []
    i = n - pos
    while len(out) < count:
        gap = _run_end(_NON_WORD_RUN_RE, backwards, i)
        run = _run_end(_WORD_HEAD_RE, backwards, gap)
        if run == gap:
            return None  # the start of the text
        start = _run_end(_IN_WORD_RUN_RE, text, n - run, n - gap)
        if start < n - gap:
            out.append((start, n - gap))
        i = run
    out.reverse()
    return out


_WORD_CHAR_RE = re.compile(r"[^\W_]")


@lru_cache(maxsize=32)
def _matcher(terms: tuple[Term | Phrase, ...]) -> _Matcher:
    return _Matcher(terms)


def spans_for_terms(text: str, terms: list[Term | Phrase], *, field: str = "body") -> list[Span]:
    """Spans of whole original words of `text` matched by `terms`, sorted, no duplicates.

    Terms restricted to the title (`title:word`) only match when field == "title".
    """
    kept = tuple(t for t in terms if t.field is None or t.field == field)
    if not text or not kept:
        return []
    return _matcher(kept).spans(text)


def _phrase_hits(
    text: str, cands: list[tuple[int, int, tuple[str, ...]]], tests: list[_WordTest]
) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    k = len(tests)
    for i in range(len(cands) - k + 1):
        run = cands[i : i + k]
        if not all(any(test(w) for w in c[2]) for test, c in zip(tests, run, strict=True)):
            continue
        if any(_WORD_CHAR_RE.search(text, a[1], b[0]) for a, b in zip(run, run[1:], strict=False)):
            continue  # another word sits between two of them
        out.extend((s, e) for s, e, _ in run)
    return out


_SPACE_RE = re.compile(r"\s")


def snippet(text: str, spans: list[Span], width: int = SNIPPET_CHARS) -> tuple[str, list[Span]]:
    """A one-line keyword-in-context excerpt around the densest match, cut at word
    boundaries, with the spans that fall inside it (offsets relative to the snippet)."""
    if not text:
        return "", []
    if spans:  # the first span with the most spans starting in the window it would lead
        starts = [s.start for s in spans]  # sorted
        reach = width - SNIPPET_LEAD
        best = max(
            range(len(spans)),
            key=lambda i: (
                bisect_left(starts, starts[i] + reach) - bisect_left(starts, starts[i]),
                -i,
            ),
        )
        anchor = spans[best]
        start = max(0, anchor.start - SNIPPET_LEAD)
    else:
        anchor = None
        start = 0
    if start > 0:  # move forward to the start of a word
        while (
            start < len(text)
            and (anchor is None or start < anchor.start)
            and _is_wordish(text[start - 1])
        ):
            start += 1
    while start < len(text) and text[start].isspace():
        start += 1
    end = min(len(text), start + width)
    if end < len(text):
        floor = anchor.end if anchor is not None and anchor.end <= end else start
        cut = end
        while cut > floor and _is_wordish(text[cut - 1]) and _is_wordish(text[cut]):
            cut -= 1
        end = cut if cut > floor else end
    piece = text[start:end].rstrip()
    end = start + len(piece)
    piece = _SPACE_RE.sub(" ", piece)  # one line; same length, so offsets hold
    lead = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    shift = len(lead) - start
    inside = [
        Span(s.start + shift, s.end + shift) for s in spans if s.start >= start and s.end <= end
    ]
    return lead + piece + tail, inside
