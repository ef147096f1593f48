"""One paragraph made ready for any width: cleaned, shaped, bidi-resolved, split in cells.

A paragraph becomes a list of *clusters*: a base character (shaped, mirrored when its level is
odd) followed by its combining marks, or a lam-alef ligature, each with the logical range
[start, end) it stands for in the paragraph and its width in cells. Everything here is
independent of the pane width, so it is computed once per paragraph (`prepare` is cached) and
every width only re-wraps and re-orders lines.

Cleaning (the output must never carry controls or invisible joiners, and Rich must count the
cells as we do): terminal escape sequences, whole ("\\x1b[31m", OSC titles…; the importer
removes them, but an older archive or another tool may have stored them), C0/C1 controls and
format characters (ZWJ, ZWNJ, bidi embeddings and isolates, BOM, soft hyphen) are dropped; tab and line/paragraph separators become a space;
LRM / RLM / ALM and the isolates (LRI, RLI, FSI, PDI) keep their bidi effect as zero-width clusters
that print nothing; embeddings and overrides (LRE…PDF) are dropped with no effect; ZWNJ still
breaks joining. Tatweel (kashida, U+0640) only stretches a word for justification: a
monospace terminal cannot use it, so it is not shown (its letter shapes as if it were
absent, as a reader of the plain letters expects) and its offset belongs to the letter
before it; except in abbreviation marks, هـ ("١٤٤٥هـ") and one-letter ones ("صـ 45"،
"جـ 3"), where the tatweel ending the word is shown in a cell of its own and the letter joins
it: hidden, it would leave an isolated heh that reads as the digit ٥
(archive.layout.shape.shown_tatweels). With `harakat=False` Arabic harakat are dropped too.

This module is the general path, for any character. `prepare` first tries
`archive.layout.fastpath.prepare_fast`, which handles most paragraphs of news text with
fewer per-character steps and must give the same Paragraph (tests/test_layout_fastpath.py).
Character kinds and the Paragraph itself are in `archive.layout.chars`.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import compress

from rich.cells import get_character_cell_size

from archive.layout import pieces
from archive.layout.bidi import classes, mirror, paragraph_direction, resolve_levels
from archive.layout.chars import (
    _MARKS_AS_ZERO_WIDTH,
    _MIRRORED,
    _SPACE_MASK,
    _SPACES,
    _STRONG_R_OR_NUMBER,
    _ZERO_WIDTH_MARK,
    CODES,
    EXPAND,
    MARK,
    NOBREAK,
    PLAIN,
    TATWEEL,
    TO_CLASS,
    ZWNJ,
    Paragraph,
    _drop,
    _mark_runs,
    _special_chars,
    is_haraka,
    paragraph_kind,
)
from archive.layout.fastpath import fast_kind, prepare_fast
from archive.layout.shape import lam_alefs, shape, shown_tatweels
from archive.text.controls import ESCAPE_SEQUENCE_RE


def _marked_clusters(
    para: str, harakat: bool, para_classes: str
) -> tuple[str, list[str], list[int], list[int], str] | None:
    """Fast path for a paragraph whose only special characters are combining marks after a
    base character (harakat in ordinary Arabic prose): (base text, marks, starts, ends, bidi
    classes of the base text); None if it does not apply."""
    mark_runs = _mark_runs(para)
    bases: list[str] = []
    cls: list[str] = []
    marks: list[str] = []
    starts: list[int] = []
    pos = 0
    for m in mark_runs.finditer(para):
        a, b = m.span()
        if a == 0 or para[a - 1].isspace():
            return None  # a mark with no letter to sit on: the slow path shows it alone
        bases.append(para[pos:a])
        cls.append(para_classes[pos:a])
        starts.extend(range(pos, a))
        marks.extend([""] * (a - pos))
        run = m.group()
        marks[-1] = run if harakat else "".join(c for c in run if not is_haraka(c))
        pos = b
    bases.append(para[pos:])
    cls.append(para_classes[pos:])
    starts.extend(range(pos, len(para)))
    marks.extend([""] * (len(para) - pos))
    ends = starts[1:] + [len(para)]
    return "".join(bases), marks, starts, ends, "".join(cls)


def _clusters(
    para: str, harakat: bool
) -> tuple[list[str], list[str], list[int], list[int], list[int]]:
    """Slow path: (bases, marks, starts, ends, widths) of a paragraph with special chars.

    Stretches of plain characters are added in bulk; only special ones are looked at."""
    bases: list[str] = []
    marks: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    widths: list[int] = []

    def plain(a: int, b: int) -> None:
        bases.extend(para[a:b])
        marks.extend([""] * (b - a))
        starts.extend(range(a, b))
        ends.extend(range(a + 1, b + 1))
        widths.extend([1] * (b - a))

    pos = 0
    shown = shown_tatweels(para) if TATWEEL in para else ()
    for m in _special_chars(para).finditer(para):
        i = m.start()
        if i < pos:
            continue  # inside a terminal escape sequence, dropped whole
        if i > pos:
            plain(pos, i)
        pos = i + 1
        ch = m.group()
        width = 1
        category = unicodedata.category(ch)
        if ch in _ESCAPE_INTRODUCERS and (seq := ESCAPE_SEQUENCE_RE.match(para, i)):
            pos = seq.end()  # "\x1b[31m" goes whole, not leaving "[31m" on the screen
            continue
        if ch in _SPACES:
            ch = " "
        elif category in ("Mn", "Me"):
            if not harakat and is_haraka(ch):
                continue
            k = len(bases) - 1
            while k >= 0 and widths[k] == 0:  # invisible (ZWNJ, LRM…): mark the letter
                k -= 1
            if k >= 0 and not bases[k].isspace():
                marks[k] += ch
                ends[k] = max(ends[k], i + 1)
                continue
            bases.append("\u25cc")  # a mark with no base: show it on a dotted circle
            marks.append(ch)
            starts.append(i)
            ends.append(i + 1)
            widths.append(1)
            continue
        elif ch in _MARKS_AS_ZERO_WIDTH or ch == ZWNJ or "\u2066" <= ch <= "\u2069":
            width = 0
        elif category in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            continue
        elif ch == TATWEEL and i not in shown:  # kashida only stretches a word: it joins
            if bases and not bases[-1].isspace():  # its letter's cell
                ends[-1] = i + 1
            continue
        elif ch in EXPAND:
            for letter in EXPAND[ch]:
                bases.append(letter)
                marks.append("")
                starts.append(i)
                ends.append(i + 1)
                widths.append(1)
            continue
        else:
            width = get_character_cell_size(ch)
        bases.append(ch)
        marks.append("")
        starts.append(i)
        ends.append(i + 1)
        widths.append(width)
    plain(pos, len(para))
    return bases, marks, starts, ends, widths


_ESCAPE_INTRODUCERS = frozenset("\x1b\x90\x98\x9b\x9d\x9e\x9f")


@lru_cache(maxsize=2048)
def prepare(
    para: str,
    harakat: bool = True,
    visual: bool = True,
    neutral_rtl: bool = False,
    prefer_rtl: bool = True,
) -> Paragraph:
    """Clean, shape and resolve one paragraph (no newline inside). Cached per paragraph.

    With `visual=False` nothing is shaped or reordered (the "terminal" mode). A paragraph
    with no strong character (a date or a number alone) takes `neutral_rtl` as its
    direction: the higher-level protocol of UAX#9 (HL1) lets the document decide, so a date
    line in an Arabic article stays right-aligned like its neighbours. `prefer_rtl`: a
    mostly Arabic paragraph that opens with a Latin word is right-to-left
    (`bidi.paragraph_direction`); False for the app's own English texts.
    """
    return prepare_uncached(para, harakat, visual, neutral_rtl, prefer_rtl=prefer_rtl)


def prepare_uncached(
    para: str,
    harakat: bool = True,
    visual: bool = True,
    neutral_rtl: bool = False,
    *,
    fast: bool = True,
    prefer_rtl: bool = True,
) -> Paragraph:
    """`prepare` without the cache. `fast=False` takes the general path even for a paragraph
    of plain characters (tests check that both give the same Paragraph)."""
    codes = pieces.translate(para, CODES)
    para_classes = codes.translate(TO_CLASS)
    direction = paragraph_direction(para_classes, prefer_rtl)
    rtl = direction == "R" or (direction is None and neutral_rtl)
    base = 1 if rtl else 0
    if fast and visual and (found := fast_kind(para, harakat)) is not None:
        prepared = prepare_fast(para, codes, rtl, harakat, *found)
        if prepared is not None:
            return prepared
    kind = paragraph_kind(para)
    cls: str | None = None
    if kind == PLAIN:
        base_text = para
        cls = para_classes
        marks: list[str] | None = None
        starts = list(range(len(para)))
        ends = list(range(1, len(para) + 1))
        widths: list[int] | None = None
    elif kind == MARK and (marked := _marked_clusters(para, harakat, para_classes)):
        base_text, marks, starts, ends, cls = marked
        widths = None
    else:
        bases, marks, starts, ends, wlist = _clusters(para, harakat)
        base_text = "".join(bases)
        widths = wlist if wlist.count(1) != len(wlist) else None
    shaped = shape(base_text) if visual else base_text
    glyphs = list(shaped)
    if visual:
        absorbed = []
        for i, ligature in lam_alefs(shaped):
            if marks is None or not marks[i]:
                glyphs[i] = ligature
                ends[i] = ends[i + 1]
                absorbed.append(i + 1)
                if marks is not None:
                    marks[i] = marks[i + 1]  # harakat on the alef go on the ligature
        if absorbed:
            keep = [1] * len(glyphs)
            for j in absorbed:
                keep[j] = 0
            glyphs = list(compress(glyphs, keep))
            starts = list(compress(starts, keep))
            ends = list(compress(ends, keep))
            marks = list(compress(marks, keep)) if marks is not None else None
            widths = list(compress(widths, keep)) if widths is not None else None
            base_text = _drop(base_text, absorbed)
            cls = _drop(cls, absorbed) if cls is not None else None
    if marks is not None:
        if ZWNJ in base_text:  # it only had to stop the joining
            keep = [int(c != ZWNJ) for c in base_text]
            base_text = base_text.replace(ZWNJ, "")
            glyphs = list(compress(glyphs, keep))
            marks = list(compress(marks, keep))
            starts = list(compress(starts, keep))
            ends = list(compress(ends, keep))
            widths = list(compress(widths, keep)) if widths is not None else None
        for m in _ZERO_WIDTH_MARK.finditer(base_text):
            glyphs[m.start()] = ""
        glyphs = list(map(str.__add__, glyphs, marks))
    if cls is None:
        cls = classes(base_text)
    space = cls.translate(_SPACE_MASK)
    if not visual:
        levels = "0" * len(cls)  # logical order: the terminal reorders
    elif not rtl and _STRONG_R_OR_NUMBER.search(cls) is None:
        levels = "0" * len(cls)  # plain left-to-right text
    else:
        levels = resolve_levels(cls, base, base_text)
        for m in _MIRRORED.finditer(base_text):
            k = m.start()
            if levels[k] in "13579":
                glyphs[k] = mirror(glyphs[k][0]) + glyphs[k][1:]
    if marks is not None and NOBREAK.keys() & set(base_text):
        for k, c in enumerate(base_text):
            if c in NOBREAK:
                glyphs[k] = NOBREAK[c] + glyphs[k][1:]
    packed = "".join(glyphs) if marks is None and widths is None else glyphs
    return Paragraph(para, rtl, visual, packed, starts, ends, widths, levels, space)
