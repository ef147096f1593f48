"""Every key binding of the app, with its id (for [keys] in the config file)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Label, Static


def _typed(key: str) -> str:
    """A key as the user types it: "/" for slash, "<" for less_than_sign, ⏎ for enter."""
    return format_key(key.strip())


def binding_table(sections: list[tuple[str, list[Binding]]], keymap: dict[str, str]) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", expand=True, pad_edge=False)
    table.add_column(Text("key"), no_wrap=True)
    table.add_column(Text("does"))
    table.add_column(Text("id (remap in [keys] of the config)"), style="dim", no_wrap=True)
    for title, bindings in sections:
        table.add_row(Text(title, style="bold underline"), "", "")
        for binding in bindings:
            keys = keymap.get(binding.id or "", binding.key)
            table.add_row(
                Text(" ".join(_typed(key) for key in keys.split(","))),
                Text(binding.description),
                Text(binding.id or ""),
            )
    return table


# The query language in brief (docs/search.md has it whole). ASCII only: the help is not
# shaped or reordered.
SEARCH_HELP = (
    'words (all must match)   "a phrase"   prefix*   a OR b   -word   ( )\n'
    "title:word  tag:NAME  source:TEXT  person:  org:  place:  resolution:2254\n"
    "date:2023  date:2023-01..2023-06  before:DATE  after:DATE\n"
    "note:WORDS  words of your notes      has:note  documents with a note\n"
    'field:="whole name"  what a facet picked in f adds'
)


def search_table() -> Table:
    table = Table(box=None, show_header=False, expand=True, pad_edge=False)
    table.add_column(Text("search"))
    table.add_row(Text("search (/)", style="bold underline"))
    for line in SEARCH_HELP.splitlines():
        table.add_row(Text(line))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, sections: list[tuple[str, list[Binding]]], keymap: dict[str, str]) -> None:
        super().__init__()
        self.sections = sections
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Keys · Esc closes · ctrl+p lists every action", id="help-title")
            with VerticalScroll():
                yield Static(binding_table(self.sections, self.keymap), id="help-table")
                yield Static(search_table(), id="help-search")
