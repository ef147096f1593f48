"""An Input that draws Arabic shaped and right-to-left.

Textual's Input shows its text in logical order, unshaped. On a terminal that neither shapes
nor reorders Arabic (the app's default bidi mode) a value with Arabic in it is drawn through
the layout engine instead: shaped, in visual order, right-aligned for an RTL value, with the
cursor on the cell of its logical position. Editing still works on the logical value. The
search bar and every dialog that asks for a name (tags, saved searches) use it.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import Input

from archive.layout import VisualLine, layout_body
from tui.screen_text import has_arabic

# The keys Input binds itself (editing, cursor, enter), not those every widget binds to
# scroll (up, down, pageup…), which a dialog may bind to something else.
_EDITING_KEYS = frozenset(
    key.strip()
    for binding in Input.BINDINGS
    if isinstance(binding, Binding)
    for key in binding.key.split(",")
)


class RtlInput(Input):
    """`shaped`: draw Arabic shaped and reordered (the app's bidi mode); else as Input does."""

    def __init__(self, value: str = "", *, shaped: bool = True, **kwargs: object) -> None:
        self.shaped = shaped  # first: setting the value in Input.__init__ runs the watchers
        # run as enter is read, before the keys read with it (the search bar's moves the
        # focus to the list there: see _on_key)
        self.on_enter: Callable[[], None] | None = None
        super().__init__(value=value, **kwargs)  # type: ignore[arg-type]

    async def _on_key(self, event: events.Key) -> None:
        """Editing keys (backspace, ctrl+u, ←…) act as they are read, in order with the
        letters around them. Through the bindings they acted only once the key had bubbled
        up to the app, after the letters read with it: "abc⌫d" arriving in one read (over
        SSH, or typed while the list redraws) gave "abc", "x ctrl+u بوتين" an empty bar.

        Enter runs `on_enter` before it submits (it may move the focus), and the keys read
        with it, handed to this input before the focus moved, are left to bubble to the
        app, which runs them as the newly focused widget binds them: "قرنفل⏎jj" in one read
        moves the list's cursor twice instead of searching for "قرنفلjj"."""
        if self.screen.focused is not self:  # not typed here (Input's handler is skipped):
            event.prevent_default()  # the app checks it against the focused widget's keys
            return
        if event.key == "enter" and self.on_enter is not None:
            self.on_enter()
        if not event.is_printable and event.key in _EDITING_KEYS:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)

    def visual(self) -> VisualLine | None:
        """The value as one shaped visual line, when it needs (and fits) one."""
        value = self.value
        if not self.shaped or not has_arabic(value):
            return None
        width = max(2, self.scrollable_content_region.width - 1)
        # a query: the first strong character sets its direction (person:="…" stays LTR)
        lines = layout_body(value.replace("\n", " "), width, prefer_rtl=False)
        return lines[0] if len(lines) == 1 else None

    def render_line(self, y: int) -> Strip:
        line = self.visual() if y == 0 else None
        if line is None:
            return super().render_line(y)
        cells = _cells(line.text)
        offsets = line.offsets
        # One spare cell where the cursor sits after the last letter: left of an RTL line.
        if line.rtl:
            cells, offsets = [" ", *cells], [-1, *offsets]
        else:
            cells, offsets = [*cells, " "], [*offsets, -1]
        cursor_cell = -1
        if self.has_focus and self._cursor_visible:
            cursor_cell = _cursor_cell(offsets, self.cursor_position, len(self.value), line.rtl)
        cursor_style = self.get_component_rich_style("input--cursor")
        segments = [
            Segment(text, cursor_style if i == cursor_cell else Style())
            for i, text in enumerate(cells)
        ]
        width = self.scrollable_content_region.width + 1
        return Strip(segments).crop(0, width).extend_cell_length(width).apply_style(self.rich_style)


def _cells(text: str) -> list[str]:
    """`text` cut into screen cells: each base character with the marks that ride on it."""
    cells: list[str] = []
    for char in text:
        if cells and cell_len(char) == 0:
            cells[-1] += char
        else:
            cells.append(char)
    return cells


def _cursor_cell(offsets: list[int], position: int, length: int, rtl: bool) -> int:
    """The cell showing logical `position`; past the end, the cell beyond the last letter."""
    if position < length:
        for cell, offset in enumerate(offsets):
            if offset == position:
                return cell
    used = [cell for cell, offset in enumerate(offsets) if offset >= 0]
    if not used:
        return 0
    return used[0] - 1 if rtl else used[-1] + 1
