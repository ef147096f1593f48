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
from archive.layout.engine import document_rtl, first_strong, layout_paragraph, paragraphs

BidiMode = Literal["app", "terminal"]
HUGE = 100_000  # characters: a paragraph this long is laid out off the event loop
PREVIEW = 20_000  # characters of a huge paragraph laid out at once to show its beginning
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

    A paragraph longer than HUGE characters is never laid out here: the prefix stops before
    it (`blocked()`), shows its beginning (PREVIEW characters laid out on their own, the last
    row dropped) and waits for the pane to lay it out in a thread (`rows_for`, pure) and
    hand the rows over (`install`).
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
        self._preview: list[VisualLine] | None = None  # the beginning of a blocked paragraph

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

    def rows_for(self, index: int, neutral_rtl: bool) -> list[VisualLine]:
        """The rows of paragraph `index` (pure: safe to call from a worker thread)."""
        return self._layout(index, neutral_rtl)

    def blocked(self) -> int | None:
        """The huge paragraph the prefix waits for (see `install`), or None."""
        window = self.window
        if self.complete or (window is not None and self.done == window.first):
            return None
        return self.done if len(self.paragraphs[self.done][1]) > HUGE else None

    def _can_step(self) -> bool:
        return not self.complete and self.blocked() is None

    def install(self, index: int, rows: list[VisualLine]) -> bool:
        """Take the rows of the huge paragraph `index` laid out elsewhere; False if the
        prefix is not waiting for them."""
        if self.blocked() != index:
            return False
        self._preview = None
        self._append(rows)
        return True

    def preview(self) -> list[VisualLine]:
        """The first rows of the blocked paragraph, laid out from its beginning alone."""
        index = self.blocked()
        if index is None:
            return []
        if self._preview is None:
            offset, text = self.paragraphs[index]
            cut = text.rfind(" ", 0, PREVIEW)
            rows = layout_paragraph(
                text[: cut if cut > 0 else PREVIEW],
                self.width,
                offset=offset,
                index=index,
                harakat=self.harakat,
                mode=self.mode,
                neutral_rtl=self.rtl,
            )
            self._preview = rows[:-1]  # the last row may end where the cut is, not the line
        return self._preview

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
        if self.blocked() is not None:
            return
        self._append(self._layout(self.done, self.rtl))

    def _append(self, lines: list[VisualLine]) -> None:
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

    @property
    def shifted(self) -> bool:
        return self._shift != 0

    def ensure_rows(self, rows: int) -> None:
        while len(self.lines) < rows and self.window is None and self._can_step():
            self.step()

    def finish(self) -> None:
        """Lay out everything left (up to a huge paragraph laid out elsewhere)."""
        while self._can_step():
            self.step()

    def _estimate(self, first: int, stop: int) -> int:
        """Rows that paragraphs [first, stop) will probably take."""
        chars = self.chars[stop] - self.chars[first]
        return chars // max(self.width, 1) + stop - first

    def row_count(self) -> int:
        """Rows of the whole body: exact once complete, estimated for what is not laid out."""
        window = self.window
        if window is None:
            rest = self._estimate(self.done, len(self.paragraphs))
            if self.blocked() is not None:
                rest = max(rest, len(self.preview()))
            return len(self.lines) + rest
        rest = self._estimate(window.stop, len(self.paragraphs))
        return window.row0 + len(window.lines) + rest

    def line(self, row: int) -> VisualLine | None:
        """The line shown at `row` (laying out the prefix up to it if needed)."""
        window = self.window
        if window is not None and window.row0 <= row < window.row0 + len(window.lines):
            return window.lines[row - window.row0]
        if window is not None and row >= window.row0:
            return None  # past a window that stops before a huge paragraph
        while len(self.lines) <= row and self._can_step():
            self.step()
            if self.window is None and window is not None:
                return None  # coordinates moved: the pane takes the shift and redraws
        if row < len(self.lines):
            return self.lines[row]
        preview = self.preview() if self.blocked() is not None else []
        return preview[row - len(self.lines)] if row - len(self.lines) < len(preview) else None

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
        while self._can_step() and self.offsets[self.done] <= offset:
            self.step()
        return max(bisect_right(self.starts, offset) - 1, 0)

    def open_window(self, offset: int, rows: int) -> int:
        """Lay out the paragraphs from the one holding `offset` until `rows` rows from it are
        ready, before the rest; return the row that shows `offset`."""
        index = max(bisect_right(self.offsets, offset) - 1, 0)
        huge = len(self.paragraphs[index][1]) > HUGE  # laid out elsewhere, not here
        if index <= self.done or self.window is not None or huge:
            row = self.row_of(offset)
            self.ensure_rows(row + rows)
            return row
        rtl = self._direction_before(index)
        lines: list[VisualLine] = []
        stop = index
        while (
            stop < len(self.paragraphs)
            and len(self.paragraphs[stop][1]) <= HUGE
            and (stop == index or len(lines) - self._first_row(lines, offset) < rows)
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
            direction = first_strong(self.paragraphs[k][1])
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
