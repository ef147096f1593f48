"""The body pane: a document's body shaped and laid out right-to-left, with search matches.

Public API (kept small; the app mounts it and calls these):

    BodyPane(*, bidi_mode="app", harakat=True, id=..., classes=...)
    pane.show(document: Document | None, spans: Sequence[Span] = ())   # spans: offsets in body
    pane.document, pane.spans, pane.match_index (read-only properties)
    pane.harakat: bool, pane.bidi_mode: "app" | "terminal"           (reactives)
    actions: next_match (n), previous_match (N), toggle_harakat (h), toggle_bidi_mode (b),
             copy_text (y) — each Binding has an id "body_pane.<action>" for remapping
    BodyPane.MatchChanged(pane, index, total)                          (posted on n / N)
    disable_terminal_bidi(app) / restore_terminal_bidi(app)

The layout comes from `archive.layout` (pure functions), driven by `body_lines.BodyLines`.
Lines are laid out per paragraph on demand and cached per (width, harakat, mode). On `show`
the first screen is laid out at once; on a resize or a harakat / mode switch, the paragraphs
at the reading position (the logical offset at the top of the view) are laid out first and
shown at an estimated row (`BodyLines.open_window`). The rest follows in slices of a few
milliseconds between turns of the event loop, so keys and paints go on; when the rows before
the reading position are known, the scroll offset moves by the estimate's error and the same
text stays at the top. Shaping is cached per paragraph by the engine, so a new width only
re-wraps. A huge paragraph (over `body_lines.HUGE` characters: a whole book without line
breaks) is laid out in a thread; its beginning is shown meanwhile.

Rendering uses the Line API (`render_line` returns a Strip per row) built from plain strings
and styles: document text is never parsed as markup, and the engine has already removed
control characters (ESC included) and invisible joiners, so nothing in a body can style or
move the terminal.

Terminal bidi: in "app" mode the app shapes and reorders, so a terminal that implements
implicit bidi (VTE, mintty) must not reorder again. `disable_terminal_bidi(app)` writes CSI 8 l
(BDSM off: the terminal shows cells as given) and `restore_terminal_bidi(app)` writes CSI 8 h
(implicit bidi back on). The app calls the first on start when its mode is "app" and the second
on exit; toggling the pane's mode switches between them.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from time import perf_counter
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from archive.layout import VisualLine
from archive.models import Document, Span
from tui.widgets.body_lines import BidiMode, BodyLines, is_subheading, segments
from tui.widgets.terminal_bidi import disable_terminal_bidi, restore_terminal_bidi

__all__ = [
    "BidiMode",
    "BodyPane",
    "disable_terminal_bidi",
    "is_subheading",
    "restore_terminal_bidi",
]

_MAX_CACHED_LAYOUTS = 4
_LAYOUT_SLICE = 0.008  # seconds of layout per turn of the event loop after the first screen


@dataclass(frozen=True)
class _Highlight:
    start: int
    end: int
    style: Style


class BodyPane(ScrollView, can_focus=True):
    """A document body, shaped and right-to-left, with highlighted search matches."""

    DEFAULT_CSS = """
    BodyPane {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        background: $surface;
        color: $foreground;
    }
    BodyPane > .body-pane--heading {
        color: $accent;
        text-style: bold;
    }
    BodyPane > .body-pane--boilerplate {
        color: $text-muted;
        text-style: dim;
    }
    BodyPane > .body-pane--match {
        background: $warning-muted;
    }
    BodyPane > .body-pane--current-match {
        background: $warning;
        color: $background;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "body-pane--heading",
        "body-pane--boilerplate",
        "body-pane--match",
        "body-pane--current-match",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_match", "Next match", id="body_pane.next_match"),
        Binding("N", "previous_match", "Prev match", id="body_pane.previous_match"),
        Binding("h", "toggle_harakat", "Harakat", id="body_pane.toggle_harakat"),
        Binding("b", "toggle_bidi_mode", "Bidi mode", id="body_pane.toggle_bidi_mode"),
        Binding("y", "copy_text", "Copy", id="body_pane.copy_text"),
    ]

    harakat: reactive[bool] = reactive(True, init=False)
    """Show the harakat (short vowels and other marks) of the text."""

    bidi_mode: reactive[BidiMode] = reactive[BidiMode]("app", init=False)
    """"app": shaped and reordered here; "terminal": logical text for a bidi terminal."""

    @dataclass
    class MatchChanged(Message):
        """The current search match changed (n / N)."""

        pane: BodyPane
        index: int  # 0-based
        total: int

        @property
        def control(self) -> BodyPane:
            return self.pane

    def __init__(
        self,
        *,
        bidi_mode: BidiMode = "app",
        harakat: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(BodyPane.bidi_mode, bidi_mode)
        self.set_reactive(BodyPane.harakat, harakat)
        self._document: Document | None = None
        self._spans: tuple[Span, ...] = ()
        self._span_starts: list[int] = []
        self._longest_span = 0
        self._match = -1
        self._layouts: dict[tuple[int, bool, str], BodyLines] = {}
        self._layout: BodyLines | None = None
        self._huge_jobs: set[tuple[BodyLines, int]] = set()  # huge paragraphs in threads
        self._pending_anchor: int | None = None  # a reading position inside a huge paragraph

    # -- public API ---------------------------------------------------------------------

    @property
    def document(self) -> Document | None:
        return self._document

    @property
    def spans(self) -> tuple[Span, ...]:
        return self._spans

    @property
    def match_index(self) -> int:
        """Index of the current match in `spans`, -1 before the first n / N."""
        return self._match

    @property
    def lines(self) -> list[VisualLine]:
        """The rows laid out so far (all of them once the pane has refreshed)."""
        return self._layout.lines if self._layout else []

    def show(self, document: Document | None, spans: Sequence[Span] = ()) -> None:
        """Show `document` (None: nothing) with the search matches `spans` highlighted."""
        same = (
            document is not None
            and self._document is not None
            and (document.id == self._document.id and document.body == self._document.body)
        )
        self._document = document
        self._spans = tuple(sorted(spans, key=lambda s: (s.start, s.end)))
        self._span_starts = [span.start for span in self._spans]
        self._longest_span = max((span.end - span.start for span in self._spans), default=0)
        self._match = -1
        if not same:
            self._layouts.clear()
            self._layout = None
            self.scroll_to(y=0, animate=False, immediate=True)
        self._relayout(keep_position=same)

    # -- layout ---------------------------------------------------------------------------

    def _content_width(self) -> int:
        return max(self.scrollable_content_region.width, 1)

    def _relayout(self, *, keep_position: bool = True) -> None:
        if self._document is None:
            self._layout = None
            self.virtual_size = Size(self._content_width(), 0)
            self.refresh()
            return
        anchor = None
        if keep_position and self._layout is not None:
            top_line = self._layout.line(round(self.scroll_y))
            anchor = top_line.start if top_line is not None else None
        width = self._content_width()
        key = (width, self.harakat, self.bidi_mode)
        layout = self._layouts.get(key)
        if layout is None:
            if len(self._layouts) >= _MAX_CACHED_LAYOUTS:
                self._layouts.pop(next(iter(self._layouts)))
            layout = BodyLines(self._document.body, width, self.harakat, self.bidi_mode)
            self._layouts[key] = layout
        self._layout = layout
        self._pending_anchor = None
        if anchor is not None:  # the paragraphs on screen first, the rest after
            top = layout.open_window(anchor, self.size.height + 1)
            layout.take_shift()  # `top` is already in the current coordinates
            shown = layout.line(top)
            if shown is None or not shown.start <= anchor < max(shown.end, shown.start + 1):
                self._pending_anchor = anchor  # in a huge paragraph: go back to it when laid out
        else:
            top = round(self.scroll_y)
            layout.ensure_rows(top + self.size.height + 1)  # the first screen now
        self._update_virtual_size()
        if anchor is not None:
            self.scroll_to(y=top, animate=False, immediate=True)
        self.refresh()
        self._lay_out_huge(layout)
        if not layout.complete:
            self.call_after_refresh(self._continue_layout, layout)

    def _continue_layout(self, layout: BodyLines) -> None:
        """Lay out the rest of the body a slice at a time, letting keys and paints in between."""
        if layout is not self._layout:
            return  # another width or document since: that layout has its own
        deadline = perf_counter() + _LAYOUT_SLICE
        while not layout.complete and layout.blocked() is None and perf_counter() < deadline:
            layout.step()
        self._sync_layout()
        if layout.blocked() is not None:
            self._lay_out_huge(layout)  # continues from _install_huge
        elif not layout.complete:
            self.call_later(self._continue_layout, layout)

    def _lay_out_huge(self, layout: BodyLines) -> None:
        """Lay out the huge paragraph `layout` waits for in a thread (once).

        A daemon thread rather than a Textual worker: a worker's thread cannot be stopped,
        and quitting would wait for it (45 s for a 10 MB paragraph here)."""
        index = layout.blocked()
        if index is None or (layout, index) in self._huge_jobs:
            return
        self._huge_jobs.add((layout, index))
        rtl, app = layout.rtl, self.app

        def work() -> None:
            try:
                rows = layout.rows_for(index, rtl)
            except Exception as error:  # not swallowed: raised again on the event loop
                hand_over(self.call_later, self._raise, error)
                return
            hand_over(self._install_huge, layout, index, rows)

        def hand_over(callback: Callable[..., object], *args: object) -> None:
            if not app.is_running:
                return  # the app quit while this paragraph was laid out: nobody to show it to
            app.call_from_thread(callback, *args)

        threading.Thread(target=work, name=f"lay out paragraph {index}", daemon=True).start()

    @staticmethod
    def _raise(error: Exception) -> None:
        raise error

    def _install_huge(self, layout: BodyLines, index: int, rows: list[VisualLine]) -> None:
        self._huge_jobs.discard((layout, index))
        if not layout.install(index, rows) or layout is not self._layout:
            return  # a stale layout keeps its rows for when this width / mode comes back
        if self._pending_anchor is not None and layout.offsets[index] <= self._pending_anchor:
            row = layout.row_of(self._pending_anchor)
            self._pending_anchor = None
            self.scroll_to(y=row, animate=False, immediate=True)
        self._sync_layout()
        self._continue_layout(layout)

    def _sync_layout(self) -> None:
        """Keep the same text on screen when the rows before it moved (the prefix reached a
        window laid out ahead of it), and bring the scrollbar's range up to date."""
        layout = self._layout
        if layout is None:
            return
        shift = layout.take_shift()
        self._update_virtual_size()
        if shift:
            self.scroll_to(y=self.scroll_y + shift, animate=False, immediate=True)
        self.refresh()

    def _update_virtual_size(self) -> None:
        layout = self._layout
        rows = layout.row_count() if layout else 0
        self.virtual_size = Size(self._content_width(), rows)

    def on_resize(self) -> None:
        if self._layout is None or self._layout.width != self._content_width():
            self._relayout()

    def watch_harakat(self) -> None:
        self._relayout()

    def watch_bidi_mode(self, mode: BidiMode) -> None:
        if mode == "app":
            disable_terminal_bidi(self.app)
        else:
            restore_terminal_bidi(self.app)
        self._relayout()

    # -- actions --------------------------------------------------------------------------

    def action_next_match(self) -> None:
        """Scroll to the next search match (wraps around)."""
        self._go_to_match(+1)

    def action_previous_match(self) -> None:
        """Scroll to the previous search match (wraps around)."""
        self._go_to_match(-1)

    def _go_to_match(self, step: int) -> None:
        if not self._spans or self._layout is None:
            self.app.bell()
            return
        if self._match < 0:
            self._match = 0 if step > 0 else len(self._spans) - 1
        else:
            self._match = (self._match + step) % len(self._spans)
        row = self._layout.row_of(self._spans[self._match].start)
        if shift := self._layout.take_shift():  # row_of finished the prefix: rows moved
            self.scroll_to(y=self.scroll_y + shift, animate=False, immediate=True)
        self._update_virtual_size()
        if not self.scroll_y <= row < self.scroll_y + self.size.height:
            self.scroll_to(y=max(row - self.size.height // 3, 0), animate=False, immediate=True)
        self.refresh()
        self.post_message(self.MatchChanged(self, self._match, len(self._spans)))

    def action_toggle_harakat(self) -> None:
        """Show or hide the harakat."""
        self.harakat = not self.harakat

    def action_toggle_bidi_mode(self) -> None:
        """Switch between laying out here ("app") and leaving it to the terminal."""
        self.bidi_mode = "terminal" if self.bidi_mode == "app" else "app"

    def action_copy_text(self) -> None:
        """Copy the body as stored (logical order, no presentation forms) to the clipboard."""
        if self._document is None:
            self.app.bell()
            return
        self.app.copy_to_clipboard(self._document.body)
        self.notify("Body copied to the clipboard", timeout=2)

    # -- rendering ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = round(self.scroll_y) + y
        layout = self._layout
        base = self.rich_style
        if layout is None:
            return Strip.blank(width, base)
        line = layout.line(row)
        if line is None:
            if layout.shifted:
                self.call_later(self._sync_layout)  # rows moved while drawing: redraw after
            return Strip.blank(width, base)
        return self._strip(line, layout.heading(line.paragraph), base).adjust_cell_length(
            width, base
        )

    def _highlights(self, line: VisualLine) -> list[_Highlight]:
        found: list[_Highlight] = []
        document = self._document
        if document is not None and document.boilerplate:
            style = self.get_component_rich_style("body-pane--boilerplate", partial=True)
            found += [
                _Highlight(s.start, s.end, style)
                for s in document.boilerplate
                if s.start < line.end and s.end > line.start
            ]
        if self._spans:
            match = self.get_component_rich_style("body-pane--match", partial=True)
            current = self.get_component_rich_style("body-pane--current-match", partial=True)
            first = bisect_left(self._span_starts, line.start - self._longest_span)
            last = bisect_left(self._span_starts, line.end)
            for index in range(first, last):
                span = self._spans[index]
                if span.end > line.start:
                    found.append(
                        _Highlight(span.start, span.end, current if index == self._match else match)
                    )
        return found

    def _strip(self, line: VisualLine, heading: bool, base: Style) -> Strip:
        if heading:
            base = base + self.get_component_rich_style("body-pane--heading", partial=True)
        highlights = self._highlights(line)
        if not highlights:
            return Strip([Segment(line.text, base)], len(line.offsets))
        styles: list[Style] = [base] * len(line.offsets)
        for mark in highlights:
            for cell in line.cells(mark.start, mark.end):
                styles[cell] = styles[cell] + mark.style
        return Strip(segments(line.text, styles), len(styles))
