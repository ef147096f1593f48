"""The body pane's rows: a document laid out paragraph by paragraph, and rows cut into
styled segments. No Textual here (the pane in body_pane.py draws what this computes)."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Literal

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style

from archive.layout import VisualLine
from archive.layout.bidi import classes, strong_direction
from archive.layout.engine import document_rtl, layout_paragraph, paragraphs

BidiMode = Literal["app", "terminal"]
_FINAL_PUNCTUATION = tuple('.!?؟…،,;؛:"”»)]')


def is_subheading(paragraph: str) -> bool:
    """A short line without final punctuation, in a body: a sub-heading."""
    text = paragraph.strip()
    return (
        any(ch.isalpha() for ch in text)  # a date or a number alone is not a heading
        and len(text) <= 80
        and len(text.split()) <= 10
        and not text.endswith(_FINAL_PUNCTUATION)
    )


@dataclass
class _Window:
    """Paragraphs [first, stop) laid out ahead of the prefix (around the reading position),
    shown from row `row0` of the pane until the prefix reaches them."""

    first: int
    stop: int
    lines: list[VisualLine]
    row0: int
    rtl_after: bool  # the direction a paragraph of numbers alone after the window takes


class BodyLines:
    """The lines of one body at one width, laid out paragraph by paragraph on demand.

    The *prefix* (paragraphs [0, done)) is laid out in order; its rows are `lines`. When a
    reading position deep in the body must be shown at once (after a resize, or a harakat or
    mode switch), `open_window` lays out only the paragraphs around it, placed at an
    estimated row; the prefix is laid out after (`step`, a chunk at a time) and, when it
    reaches the window, takes its rows as they are. The estimate's error is then known: the
    pane adds `take_shift()` to its scroll offset so the same text stays at the top.
    """

    def __init__(self, body: str, width: int, harakat: bool, mode: BidiMode) -> None:
        self.paragraphs = paragraphs(body)
        self.offsets = [offset for offset, _ in self.paragraphs]
        self.chars = list(accumulate((len(text) for _, text in self.paragraphs), initial=0))
        self.document_rtl = document_rtl(self.paragraphs)
        self.rtl = self.document_rtl  # what a paragraph of numbers alone takes next
        self.width, self.harakat, self.mode = width, harakat, mode
        self.lines: list[VisualLine] = []
        self.starts: list[int] = []  # logical start of each line, for bisecting
        self._headings: list[bool | None] = [None] * len(self.paragraphs)
        self.done = 0  # paragraphs laid out in the prefix
        self.window: _Window | None = None
        self._shift = 0

    @property
    def complete(self) -> bool:
        return self.done == len(self.paragraphs)

    def heading(self, index: int) -> bool:
        """Whether paragraph `index` is a sub-heading (worked out on first use)."""
        known = self._headings[index]
        if known is None:
            text = self.paragraphs[index][1]
            known = self._headings[index] = len(self.paragraphs) > 1 and is_subheading(text)
        return known

    def _layout(self, index: int, neutral_rtl: bool) -> list[VisualLine]:
        offset, text = self.paragraphs[index]
        return layout_paragraph(
            text,
            self.width,
            offset=offset,
            index=index,
            harakat=self.harakat,
            mode=self.mode,
            neutral_rtl=neutral_rtl,
        )

    def step(self) -> None:
        """Lay out the next paragraph of the prefix (or take the window's rows)."""
        window = self.window
        if window is not None and self.done == window.first:
            self._shift += len(self.lines) - window.row0
            self.lines += window.lines
            self.starts += [line.start for line in window.lines]
            self.done, self.rtl, self.window = window.stop, window.rtl_after, None
            return
        lines = self._layout(self.done, self.rtl)
        if lines:
            self.rtl = lines[0].rtl
        self.lines += lines
        self.starts += [line.start for line in lines]
        self.done += 1

    def take_shift(self) -> int:
        """Rows by which the lines the pane shows moved since the last call (the prefix took
        the place of the window's estimated position)."""
        shift, self._shift = self._shift, 0
        return shift

    def ensure_rows(self, rows: int) -> None:
        while len(self.lines) < rows and not self.complete and self.window is None:
            self.step()

    def finish(self) -> None:
        while not self.complete:
            self.step()

    def _estimate(self, first: int, stop: int) -> int:
        """Rows that paragraphs [first, stop) will probably take."""
        chars = self.chars[stop] - self.chars[first]
        return chars // max(self.width, 1) + stop - first

    def row_count(self) -> int:
        """Rows of the whole body: exact once complete, estimated for what is not laid out."""
        window = self.window
        if window is None:
            return len(self.lines) + self._estimate(self.done, len(self.paragraphs))
        rest = self._estimate(window.stop, len(self.paragraphs))
        return window.row0 + len(window.lines) + rest

    def line(self, row: int) -> VisualLine | None:
        """The line shown at `row` (laying out the prefix up to it if needed)."""
        window = self.window
        if window is not None and window.row0 <= row < window.row0 + len(window.lines):
            return window.lines[row - window.row0]
        while len(self.lines) <= row and not self.complete:
            self.step()
            if self.window is None and window is not None:
                return None  # coordinates moved: the pane takes the shift and redraws
        return self.lines[row] if row < len(self.lines) else None

    def row_of(self, offset: int) -> int:
        """The row showing logical `offset` (or the row just before it, at a break)."""
        window = self.window
        if window is not None:
            if self.offsets[window.first] <= offset and (
                window.stop == len(self.paragraphs) or offset < self.offsets[window.stop]
            ):
                starts = [line.start for line in window.lines]
                return window.row0 + max(bisect_right(starts, offset) - 1, 0)
            self.finish()
        while not self.complete and self.offsets[self.done] <= offset:
            self.step()
        return max(bisect_right(self.starts, offset) - 1, 0)

    def open_window(self, offset: int, rows: int) -> int:
        """Lay out the paragraphs from the one holding `offset` until `rows` rows from it are
        ready, before the rest; return the row that shows `offset`."""
        index = max(bisect_right(self.offsets, offset) - 1, 0)
        if index <= self.done or self.window is not None:
            row = self.row_of(offset)
            self.ensure_rows(row + rows)
            return row
        rtl = self._direction_before(index)
        lines: list[VisualLine] = []
        stop = index
        while stop < len(self.paragraphs) and (
            stop == index or len(lines) - self._first_row(lines, offset) < rows
        ):
            laid = self._layout(stop, rtl)
            if laid:
                rtl = laid[0].rtl
            lines += laid
            stop += 1
        row0 = len(self.lines) + self._estimate(self.done, index)
        self.window = _Window(index, stop, lines, row0, rtl)
        return row0 + self._first_row(lines, offset)

    @staticmethod
    def _first_row(lines: list[VisualLine], offset: int) -> int:
        return max(bisect_right([line.start for line in lines], offset) - 1, 0)

    def _direction_before(self, index: int) -> bool:
        """The direction paragraph `index` takes if it has no strong character: that of the
        last paragraph before it that has one (the prefix would carry it), else the body's."""
        for k in range(index - 1, self.done - 1, -1):
            direction = strong_direction(classes(self.paragraphs[k][1]))
            if direction is not None:
                return direction == "R"
        return self.rtl


def segments(text: str, styles: list[Style]) -> list[Segment]:
    """Cut `text` (one cell per style, combining marks riding on their cell) into runs of
    equal style."""
    pieces: list[str] = []
    if len(text) == len(styles):
        pieces = list(text)
    else:
        for ch in text:
            if pieces and (unicodedata.combining(ch) or get_character_cell_size(ch) == 0):
                pieces[-1] += ch
            else:
                pieces.append(ch)
                if get_character_cell_size(ch) == 2:
                    pieces.append("")  # the second cell of a wide character
    segments: list[Segment] = []
    run: list[str] = []
    style = styles[0] if styles else Style()
    for piece, cell_style in zip(pieces, styles, strict=False):
        if cell_style != style and run:
            segments.append(Segment("".join(run), style))
            run = []
        style = cell_style
        run.append(piece)
    if run:
        segments.append(Segment("".join(run), style))
    return segments
