"""The search bar: an RtlInput whose text is the query."""

from __future__ import annotations

from tui.widgets.rtl_input import RtlInput

PLACEHOLDER = 'Search: words, "phrase", prefix*, -word, tag:x, source:x, date:2023  (/)'


class SearchBar(RtlInput):
    DEFAULT_CSS = """
    SearchBar { dock: top; }
    """

    def __init__(self, value: str = "", *, shaped: bool = True, id: str | None = None) -> None:
        super().__init__(value, shaped=shaped, placeholder=PLACEHOLDER, id=id)
