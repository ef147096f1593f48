"""The search bar: an Input whose text is the query."""

from __future__ import annotations

from textual.widgets import Input


class SearchBar(Input):
    DEFAULT_CSS = """
    SearchBar { dock: top; }
    """

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(
            value=value,
            placeholder='Search: words, "phrase", prefix*, -word, tag:x, source:x, date:2023  (/)',
            id=id,
        )
