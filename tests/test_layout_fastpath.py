"""The layout engine's fast paths give exactly what its general paths give.

`archive.layout.fastpath.prepare_fast` (paragraphs of one-cell characters and harakat) and
the right-to-left shortcut of `archive.layout.bidi._resolve_sequence` skip work whose answer is
known; these tests run both paths on random mixes of Arabic letters, harakat, digits, Latin,
brackets, punctuation and no-break spaces and require identical paragraphs and lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.layout import bidi, pieces
from archive.layout.chars import CODES, KINDS, PLAIN, SURELY_PLAIN_CHARS, Paragraph
from archive.layout.engine import render_line, wrap, wrap_one_cell
from archive.layout.fastpath import fast_kind
from archive.layout.paragraph import prepare_uncached

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"
PIECES = [
    *ARABIC,
    "لا",
    "لأ",
    "لإ",
    "لآ",
    "ال",
    "هـ",  # the abbreviation mark: its tatweel is shown when it ends a word
    "\u064b",  # tanween fatha
    "\u064e",  # fatha
    "\u0651",  # shadda
    "\u0650",  # kasra
    "\u0670",  # dagger alef (a mark outside the common harakat)
    *"0123456789",
    *"٠١٢٣٤٥٦٧٨٩",
    *"abcXYZ",
    " ",
    "  ",
    *"()[]{}<>«»",
    *".,:;!?/-+%$#'\"",
    *"،؛؟“”–",
    "\u00a0",  # no-break space
    "…",  # shown as "..." (a compatibility character)
    "\u0640",  # tatweel (kashida): not shown
    "\ufefb",  # a lam-alef presentation form typed into a text
    "\ufedd",  # an isolated lam presentation form
]

paragraph_text = st.lists(st.sampled_from(PIECES), min_size=0, max_size=60).map("".join)


def _same(fast: Paragraph, full: Paragraph) -> None:
    assert fast.rtl == full.rtl
    assert list(fast.glyphs) == list(full.glyphs)
    assert type(fast.glyphs) is type(full.glyphs)
    assert fast.starts == full.starts
    assert fast.ends == full.ends
    assert fast.widths == full.widths
    assert fast.levels == full.levels
    assert fast.space == full.space


@settings(max_examples=300, deadline=None)
@given(paragraph_text, st.booleans(), st.booleans())
def test_fast_path_prepares_the_same_paragraph_as_the_general_path(
    text: str, harakat: bool, neutral_rtl: bool
) -> None:
    fast = prepare_uncached(text, harakat, True, neutral_rtl)
    full = prepare_uncached(text, harakat, True, neutral_rtl, fast=False)
    _same(fast, full)


@settings(max_examples=150, deadline=None)
@given(paragraph_text, st.sampled_from([5, 12, 30]))
def test_fast_path_gives_identical_lines(text: str, width: int) -> None:
    fast = prepare_uncached(text)
    full = prepare_uncached(text, fast=False)
    fast_lines = [render_line(fast, a, b, width, 0, 0) for a, b in wrap(fast, width)]
    full_lines = [render_line(full, a, b, width, 0, 0) for a, b in wrap(full, width)]
    assert [line.text for line in fast_lines] == [line.text for line in full_lines]
    assert [line.offsets for line in fast_lines] == [line.offsets for line in full_lines]
    assert [line.ends for line in fast_lines] == [line.ends for line in full_lines]


def test_common_news_paragraphs_take_the_fast_path() -> None:
    harakat = fast_kind("قال الرئيس «إن 25 مليون دولار» (تقريباً) لا تكفي، أليس كذلك؟")
    assert harakat is not None and harakat[0] is not None and not harakat[1]
    assert fast_kind("قال الرئيس إن الموازنة لا تكفي.") == (None, False, None)
    assert fast_kind("قال\u00a0الرئيس") == (None, True, None)
    ellipsis = fast_kind("وهكذا… انتهى")
    assert ellipsis is not None and ellipsis[2] is not None and ellipsis[2].search("…")
    assert fast_kind("وهكذا… انتهىً", harakat=False) is None  # hidden marks: general path
    dagger = fast_kind("هٰذا")  # a mark outside the common harakat
    assert dagger is not None and dagger[0] is not None and dagger[0].search("هٰذا")
    assert fast_kind("قال\u200dالرئيس") is None  # ZWJ: dropped, only the general path does


def test_every_character_assumed_plain_is_plain() -> None:
    charset = re.compile(f"[{SURELY_PLAIN_CHARS}]")
    assumed = [chr(c) for c in range(0x10000) if charset.fullmatch(chr(c))]
    assert len(assumed) > 250
    assert [c for c in assumed if KINDS[c] != PLAIN] == []


# -- bidi ----------------------------------------------------------------------------------

CLASS_CODES = "LRA12+$,m o"
BRACKETS = "()[]"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CLASS_CODES + "xy"), min_size=1, max_size=40), st.integers(0, 1))
def test_rtl_shortcut_resolves_as_every_rule_does(codes: list[str], base: int) -> None:
    # 'x' / 'y' stand for an opening / closing bracket (class ON) so that N0 runs too.
    chars = "".join({"x": "(", "y": ")"}.get(c, "a") for c in codes)
    cls = "".join("o" if c in "xy" else c for c in codes)
    quick = bidi._resolve_sequence(cls, base, chars)
    full = bidi._resolve_sequence(cls, base, chars, shortcut=False)
    assert quick == full


def _reference_last_strong_pass(
    pattern: re.Pattern[str], sos: str, change: Callable[[str], str | None]
) -> Callable[[str], str]:
    """The W2/W7 pass as it was written before (one callback per run): the reference."""
    last = sos

    def repl(m: re.Match[str]) -> str:
        nonlocal last
        run = m.group()
        if run[0] in "LRA":
            last = run[-1]
            return run
        new = change(last)
        return new * len(run) if new else run

    return lambda text: pattern.sub(repl, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="LRA12o ,", max_size=50), st.sampled_from("LR"))
def test_number_passes_match_the_run_by_run_reference(cls: str, sos: str) -> None:
    w2 = _reference_last_strong_pass(
        re.compile("[LRA]+|1+"), sos, lambda last: "2" if last == "A" else None
    )
    assert bidi._numbers_after_strong(cls, sos, "LRA", "A", "2") == w2(cls)
    after_w3 = cls.replace("A", "R")
    w7 = _reference_last_strong_pass(
        re.compile("[LR]+|1+"), sos, lambda last: "L" if last == "L" else None
    )
    assert bidi._numbers_after_strong(after_w3, sos, "LR", "L", "L") == w7(after_w3)


def _reference_wrap(space: str, width: int) -> list[tuple[int, int]]:
    """The one-cell wrap as it was written before (one step per word): the reference."""
    words = [m.span() for m in re.finditer("x+", space)]
    if not words:
        return [(0, 0)]
    words[0] = (0, words[0][1])
    lines: list[tuple[int, int]] = []
    line_start, line_end = -1, 0
    for a, b in words:
        if line_start >= 0 and b - line_start <= width:
            line_end = b
            continue
        if line_start >= 0:
            lines.append((line_start, line_end))
        while b - a > width:
            lines.append((a, a + width))
            a += width
        line_start, line_end = a, b
    lines.append((line_start, line_end))
    return lines


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="wx", max_size=80), st.integers(1, 12))
def test_one_cell_wrap_breaks_where_the_word_by_word_reference_does(space: str, width: int) -> None:
    assert wrap_one_cell(space, width) == _reference_wrap(space, width)


@settings(max_examples=100, deadline=None)
@given(paragraph_text, st.integers(1, 7))
def test_passes_in_pieces_give_what_one_pass_gives(text: str, piece: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pieces, "PIECE", piece)  # every text here is "huge"
        assert pieces.translate(text, CODES) == text.translate(CODES)
        assert pieces.characters(text) == set(text)
        assert pieces.char_list(text) == list(text)
        parts = [range(k, k + 2) for k in range(0, 3000, 2)]
        assert pieces.flatten(parts) == list(range(3000))
        fast = prepare_uncached(text)
    assert list(fast.glyphs) == list(prepare_uncached(text).glyphs)
