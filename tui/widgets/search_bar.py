"""The search bar: an Input whose text is the query.

An Input shows its text in logical order, unshaped; on a terminal that does not shape or
reorder Arabic (the app's default bidi mode), a query with Arabic in it is echoed shaped
and in visual order in the bar's bottom border, so the user can read what they typed.
"""

from __future__ import annotations

import re

from textual.content import Content
from textual.widgets import Input

from archive.layout import visual_line

ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
PLACEHOLDER = 'Search: words, "phrase", prefix*, -word, tag:x, source:x, date:2023  (/)'


class SearchBar(Input):
    DEFAULT_CSS = """
    SearchBar { dock: top; }
    """

    def __init__(self, value: str = "", *, shaped_echo: bool = True, id: str | None = None) -> None:
        self.shaped_echo = shaped_echo  # first: setting the value below runs _watch_value
        super().__init__(value=value, placeholder=PLACEHOLDER, id=id)

    def on_mount(self) -> None:
        self._echo()

    def on_resize(self) -> None:
        self._echo()

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self._echo()

    def _echo(self) -> None:
        if not self.is_mounted:
            return
        value = self.value
        if not self.shaped_echo or not ARABIC_RE.search(value):
            self.border_subtitle = None
            return
        width = max(4, self.size.width - 8)
        self.border_subtitle = Content(visual_line(value, width))
