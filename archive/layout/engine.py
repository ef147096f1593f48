"""Wrap prepared paragraphs at a width and put each line in visual order."""

from __future__ import annotations

import functools
import re
from itertools import accumulate

from archive.layout.bidi import classes, line_order, paragraph_direction, strong_direction
from archive.layout.paragraph import Paragraph, prepare

ELLIPSIS = "…"
_ELLIPSIS_CELLS = 3  # shown as "..." (see archive.layout.paragraph: compatibility characters)
_WORD = re.compile("x+")


class VisualLine:
    """One screen row of a laid-out text.

    `text` is exactly `width` cells wide: RTL lines are padded on the left (right-aligned), LTR
    lines on the right; `indent` is the number of padding cells on the left. In "terminal"
    mode the text is logical and always padded at its end (a bidi terminal puts that end on
    the left of an RTL line, so it still shows right-aligned). `offsets[c]` is the
    logical offset, in the text given to `layout_body`, of the character shown in cell `c`, and
    `ends[c]` the end (exclusive) of what that cell stands for (a lam-alef ligature or a letter
    with its harakat covers more than one character); both are -1 on padding. `start`/`end` is
    the logical range the line covers (the whitespace at a line break belongs to no line).
    The maps are built on first use (most rows are only ever drawn).
    """

    __slots__ = (
        "text",
        "paragraph",
        "rtl",
        "start",
        "end",
        "indent",
        "_para",
        "_order",
        "_offset",
        "_width",
        "_maps",
    )

    def __init__(
        self,
        text: str,
        paragraph: int,
        rtl: bool,
        start: int,
        end: int,
        indent: int,
        para: Paragraph,
        order: range | list[int],
        offset: int,
        width: int,
    ) -> None:
        self.text, self.paragraph, self.rtl = text, paragraph, rtl
        self.start, self.end, self.indent = start, end, indent
        self._para, self._order, self._offset, self._width = para, order, offset, width
        self._maps: tuple[list[int], list[int]] | None = None

    def __repr__(self) -> str:
        return f"VisualLine({self.text!r}, paragraph={self.paragraph}, start={self.start}, end={self.end})"

    @property
    def offsets(self) -> list[int]:
        return self._cell_maps()[0]

    @property
    def ends(self) -> list[int]:
        return self._cell_maps()[1]

    def _cell_maps(self) -> tuple[list[int], list[int]]:
        if self._maps is None:
            self._maps = _maps(self._para, self._order, self._offset, self._width, self.indent)
        return self._maps

    def cells(self, start: int, end: int) -> list[int]:
        """Cells showing any of the logical range [start, end) (for highlighting spans)."""
        return [
            c
            for c, (a, b) in enumerate(zip(self.offsets, self.ends, strict=True))
            if a >= 0 and a < end and b > start
        ]


def _maps(
    para: Paragraph, order: range | list[int], offset: int, width: int, indent: int
) -> tuple[list[int], list[int]]:
    """Cell -> logical offset and cell -> logical end maps of one row."""
    add = offset.__add__
    starts, ends = para.starts, para.ends
    offs = list(map(add, map(starts.__getitem__, order)))
    stops = list(map(add, map(ends.__getitem__, order)))
    if para.widths is not None:
        cell_offs: list[int] = []
        cell_stops: list[int] = []
        widths = para.widths
        for k, start, stop in zip(order, offs, stops, strict=True):
            cell_offs += [start] * widths[k]
            cell_stops += [stop] * widths[k]
        offs, stops = cell_offs, cell_stops
    pad = [-1] * max(width - len(offs), 0)
    if indent:
        return pad + offs, pad + stops
    return offs + pad, stops + pad


def wrap(para: Paragraph, width: int) -> list[tuple[int, int]]:
    """Cluster ranges [a, b) of the lines of `para` at `width` cells, in logical order.

    Breaks at whitespace; the whitespace at a break is on no line. A word wider than `width`
    is cut into pieces (a single cluster wider than `width` still gets its own line).
    """
    cached = para.wrapped.get(width)
    if cached is not None:
        return cached
    width = max(width, 1)
    if para.widths is None:
        simple = para.wrapped[width] = wrap_one_cell(para.space, width)
        return simple
    cum = list(accumulate(para.widths, initial=0))

    def cells(a: int, b: int) -> int:
        return cum[b] - cum[a]

    words = [m.span() for m in _WORD.finditer(para.space)]
    lines: list[tuple[int, int]] = []
    if not words:
        lines.append((0, 0))  # empty or whitespace-only paragraph: one blank row
        para.wrapped[width] = lines
        return lines
    if words[0][0]:
        words[0] = (0, words[0][1])  # leading whitespace stays with the first word
    line_start, line_end, used = -1, 0, 0
    for a, b in words:
        w = cells(a, b)
        if line_start >= 0 and used + cells(line_end, a) + w <= width:
            used += cells(line_end, a) + w
            line_end = b
            continue
        if line_start >= 0:
            lines.append((line_start, line_end))
        while w > width:
            cut = a + 1
            while cut < b and cells(a, cut + 1) <= width:
                cut += 1
            lines.append((a, cut))
            a = cut
            w = cells(a, b)
        line_start, line_end, used = a, b, w
    lines.append((line_start, line_end))
    para.wrapped[width] = lines
    return lines


def wrap_one_cell(space: str, width: int) -> list[tuple[int, int]]:
    """`wrap` when every cluster is one cell wide (the common case), from the paragraph's
    whitespace mask alone ('w' whitespace, 'x' not): one C-level find per line instead of a
    step per word. Greedy, like `wrap`: a line takes words while they fit; a word longer
    than `width` is cut every `width` cells and its last piece starts the next line."""
    n = len(space)
    first = space.find("x")
    if first < 0:
        return [(0, 0)]  # empty or whitespace-only paragraph: one blank row
    lines: list[tuple[int, int]] = []
    a = 0  # the line's start (leading whitespace stays with the first word)
    word_end = space.find("w", first)
    while True:
        if word_end < 0:
            word_end = n
        while word_end - a > width:  # a word wider than the line: cut it
            lines.append((a, a + width))
            a += width
        limit = a + width
        if limit >= n:  # everything left fits
            lines.append((a, len(space.rstrip("w"))))
            return lines
        if space[limit] == "w":  # a word ends exactly at the limit (or before it)
            end = space.rfind("x", a, limit) + 1
        else:  # the limit falls inside a word: end before that word
            end = space.rfind("x", a, space.rfind("w", a, limit)) + 1
        lines.append((a, end))
        a = space.find("x", end)
        if a < 0:
            return lines
        word_end = space.find("w", a)


def render_line(para: Paragraph, a: int, b: int, width: int, offset: int, index: int) -> VisualLine:
    """Clusters [a, b) of `para` as one visual row `width` cells wide."""
    levels = para.levels[a:b]
    base = 1 if para.rtl else 0
    if not levels.strip("0"):  # all left-to-right (C-level checks, no scan in Python)
        order: range | list[int] = range(a, b)
    elif not levels.strip("1") and not para.space.endswith("w", a, b):
        order = range(b - 1, a - 1, -1)
    else:
        order = [a + k for k in line_order(levels, para.space[a:b], base)]
    glyphs = para.glyphs
    if isinstance(order, range):
        step = order.step
        first, stop = (a, b) if step == 1 else (b - 1, (a - 1) if a else None)
        piece = glyphs[first:stop:step]
        text = piece if isinstance(piece, str) else "".join(piece)
    else:
        text = "".join([glyphs[k] for k in order])
    cells = b - a if para.widths is None else sum(para.widths[a:b])
    pad = max(width - cells, 0)
    start = para.starts[a] + offset if b > a else offset
    end = para.ends[b - 1] + offset if b > a else offset
    if para.rtl and para.visual:
        return VisualLine(
            " " * pad + text, index, True, start, end, pad, para, order, offset, width
        )
    return VisualLine(text + " " * pad, index, para.rtl, start, end, 0, para, order, offset, width)


def layout_paragraph(
    para_text: str,
    width: int,
    *,
    offset: int = 0,
    index: int = 0,
    harakat: bool = True,
    mode: str = "app",
    neutral_rtl: bool = False,
    prefer_rtl: bool = True,
) -> list[VisualLine]:
    """The rows of one paragraph (no newline inside) whose first char is at `offset`.

    `neutral_rtl`: the direction a paragraph with no strong character of its own takes;
    `prefer_rtl`: see `prepare`."""
    para = prepare(para_text, harakat, mode == "app", neutral_rtl, prefer_rtl)
    return [render_line(para, a, b, width, offset, index) for a, b in wrap(para, width)]


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph of `text` (split at newlines; CR before LF dropped)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line[:-1] if line.endswith("\r") else line))
        pos += len(line) + 1
    return out


def layout_body(
    text: str, width: int, *, harakat: bool = True, mode: str = "app", prefer_rtl: bool = True
) -> list[VisualLine]:
    """Lay out a document body for a pane `width` cells wide.

    mode "app": shaped and in visual order (for terminals that do neither); mode "terminal":
    logical, unshaped lines, wrapped, for terminals that run the bidi algorithm themselves.
    Offsets in the returned lines are offsets into `text`. `prefer_rtl=False`: each
    paragraph's direction is its first strong character alone (the app's English texts).
    """
    if mode not in ("app", "terminal"):
        raise ValueError(f"unknown bidi mode {mode!r} (use 'app' or 'terminal')")
    lines: list[VisualLine] = []
    paras = paragraphs(text)
    rtl = document_rtl(paras, prefer_rtl)
    for index, (offset, para_text) in enumerate(paras):
        rows = layout_paragraph(
            para_text,
            width,
            offset=offset,
            index=index,
            harakat=harakat,
            mode=mode,
            neutral_rtl=rtl,
            prefer_rtl=prefer_rtl,
        )
        if rows:
            rtl = rows[0].rtl  # a paragraph with no strong character keeps the one before's
        lines += rows
    return lines


def document_rtl(paras: list[tuple[int, str]], prefer_rtl: bool = True) -> bool:
    """The direction of the first paragraph that has a strong character: what a paragraph of
    numbers alone before it takes. (After it, such a paragraph takes the direction of the
    paragraph before it, which the caller tracks from the lines it lays out.)"""
    for _, text in paras:
        direction = first_strong(text, prefer_rtl=prefer_rtl)
        if direction is not None:
            return direction == "R"
    return False


def first_strong(text: str, look: int = 4096, *, prefer_rtl: bool = True) -> str | None:
    """The paragraph's direction (`bidi.paragraph_direction`: its first strong character,
    or R for a mostly Arabic paragraph that opens with a Latin word), reading only the
    beginning of a long text when the answer is there (a strong character found in a prefix
    is the first one in the whole text too: the scan is in order, isolates included; an L
    needs the whole paragraph's letters counted)."""
    if len(text) > look:
        direction = strong_direction(classes(text[:look]))
        if direction == "R":
            return direction
    return paragraph_direction(classes(text), prefer_rtl)


def is_rtl(text: str) -> bool:
    """Whether `text` is a right-to-left paragraph (its first strong character is R/AL)."""
    return prepare(text.replace("\n", " ")).rtl


def _cells(para: Paragraph) -> int:
    """The cells a prepared paragraph takes on one line."""
    return sum(para.widths) if para.widths is not None else len(para.glyphs)


@functools.lru_cache(maxsize=8192)
def visual_line(
    text: str, width: int, *, harakat: bool = True, mode: str = "app", prefer_rtl: bool = True
) -> str:
    """One line (a title, a metadata value, a tag) in visual order, at most `width` cells.

    Newlines count as spaces. Text that does not fit is cut at its LOGICAL end (after a whole
    word when that keeps at least half the room) and ends with an ellipsis (which, in an RTL
    line, shows on the left). Not padded: align it yourself
    (`is_rtl`).
    """
    if width <= 0:
        return ""
    flat = text.replace("\r", "").replace("\n", " ").strip()
    visual = mode == "app"
    para = prepare(flat, harakat, visual, False, prefer_rtl)
    if _cells(para) > width:
        whole = para
        cum = list(accumulate(whole.widths or [1] * len(whole.glyphs), initial=0))
        mark = ELLIPSIS if width > _ELLIPSIS_CELLS else ""
        room = width - (_ELLIPSIS_CELLS if mark else 0)
        keep = max(k for k in range(len(cum)) if cum[k] <= room)
        cut = whole.ends[keep - 1] if keep else 0
        space = flat.rfind(" ", 0, cut + 1)
        if mark and space > cut // 2:  # end on a whole word when that keeps most of the room
            cut = space
        while True:
            # the cut text keeps the whole text's direction ("«OpenAI» تطلق…" is still an
            # Arabic title): an invisible RLM or LRM first says it
            kept = ("\u200f" if whole.rtl else "\u200e") + flat[:cut].rstrip() + mark
            para = prepare(kept, harakat, visual, False, False)
            if _cells(para) <= width or cut == 0:
                break
            # a cut can widen what is kept: a tatweel hidden inside a word shows at its
            # end ("تـا" cut to "تـ", as هـ): cut one cluster more
            cut = max((e for e in whole.ends if e < cut), default=0)
    n = len(para.glyphs)
    line = render_line(para, 0, n, 0, 0, 0)
    return line.text
