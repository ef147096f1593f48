"""The body pane's rows: a document laid out paragraph by paragraph, and rows cut into
styled segments. No Textual here (the pane in body_pane.py draws what this computes)."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from typing import Literal

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style

from archive.layout import VisualLine
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


class BodyLines:
    """The lines of one body at one width, laid out paragraph by paragraph on demand."""

    def __init__(self, body: str, width: int, harakat: bool, mode: BidiMode) -> None:
        self.paragraphs = paragraphs(body)
        self.rtl = document_rtl(self.paragraphs)  # what a paragraph of numbers alone takes
        self.width, self.harakat, self.mode = width, harakat, mode
        self.lines: list[VisualLine] = []
        self.starts: list[int] = []  # logical start of each line, for bisecting
        self.headings: list[bool] = []  # per paragraph
        self.done = 0  # paragraphs laid out so far

    @property
    def complete(self) -> bool:
        return self.done == len(self.paragraphs)

    def _step(self) -> None:
        offset, text = self.paragraphs[self.done]
        lines = layout_paragraph(
            text,
            self.width,
            offset=offset,
            index=self.done,
            harakat=self.harakat,
            mode=self.mode,
            neutral_rtl=self.rtl,
        )
        if lines:
            self.rtl = lines[0].rtl
        self.lines += lines
        self.starts += [line.start for line in lines]
        self.headings.append(len(self.paragraphs) > 1 and is_subheading(text))
        self.done += 1

    def ensure_rows(self, rows: int) -> None:
        while len(self.lines) < rows and not self.complete:
            self._step()

    def finish(self) -> None:
        while not self.complete:
            self._step()

    def row_of(self, offset: int) -> int:
        """The row showing logical `offset` (or the row just before it, at a break)."""
        while not self.complete and self.paragraphs[self.done][0] <= offset:
            self._step()
        return max(bisect_right(self.starts, offset) - 1, 0)


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
