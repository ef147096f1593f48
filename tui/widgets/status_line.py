"""The status line: result count, query time, active filters, or the query's error."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from archive.models import SearchResult
from archive.search.query import typed_filters
from tui.figures import thousands
from tui.screen_text import for_screen

ONE_LINE = 10_000  # cells: status texts are laid out as one line, the widget crops them


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    StatusLine.-error { background: $error 40%; color: $text; }
    """

    def show_result(self, result: SearchResult, *, note: str = "") -> None:
        self.set_class(bool(result.error), "-error")
        if result.error:
            self.update(Text(self._drawable(f"⚠ {result.error}")), layout=False)
            return
        text = Text()
        if result.total_capped:  # a lower bound: the app's count worker sends the exact one
            text.append(f"{thousands(result.total)}+ documents", "bold")
            text.append(" (counting…)")
        else:
            noun = "document" if result.total == 1 else "documents"
            text.append(f"{thousands(result.total)} {noun}", "bold")
        text.append(f" · {result.elapsed_ms:.0f} ms")
        filters = typed_filters(result.query)
        if filters:
            text.append(" · filters: ")
            text.append(self._drawable(" ".join(filters)))
        if note:
            text.append(f" · {note}")
        # one line of fixed height: no layout pass of the whole screen per keystroke
        self.update(text, layout=False)

    def show_message(self, message: str, *, error: bool = False) -> None:
        self.set_class(error, "-error")
        self.update(Text(self._drawable(message)), layout=False)

    def _drawable(self, text: str) -> str:
        """Quoted queries and filter values may be Arabic: shaped, in visual order."""
        return for_screen(text, ONE_LINE, getattr(self.app, "bidi_mode", "app"))
