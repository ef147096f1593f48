"""Facets of the current results (tags, sources, years, people, places, organisations, with
counts) and the saved searches with their live counts. Picking a facet adds its filter to
the query; picking a saved search runs it; `d` deletes the highlighted saved search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from archive.layout import visual_line
from archive.search.facets import Facets
from archive.search.query import EXACT, EXACT_FIELDS
from tui.figures import thousands

# facet key -> (heading, query field)
SECTIONS = (
    ("tags", "Tags", "tag"),
    ("sources", "Sources", "source"),
    ("years", "Years", "date"),
    ("people", "People", "person"),
    ("places", "Places", "place"),
    ("orgs", "Organisations", "org"),
)
PER_SECTION = 12


def filter_token(field: str, value: str) -> str:
    """The filter that selects what a facet counted: `date:2024`; a source or an entity by its
    whole name (`org:="الأمم المتحدة"`, not a part of others' names); a tag by its very name
    (`tag:="a|b"`: tag:x compares normalised names, and "(مهم)" normalises like "مهم")."""
    if field not in EXACT_FIELDS:
        return f"{field}:{value}" if re.fullmatch(r"[\w.\-]+", value) else f'{field}:"{value}"'
    for open_, close in (('"', '"'), ("«", "»"), ("“", "”")):
        if open_ not in value and close not in value:
            return f"{field}:{EXACT}{open_}{value}{close}"
    return f'{field}:{EXACT}"{value.replace(chr(34), "")}"'


@dataclass(frozen=True)
class FacetChoice:
    action: str  # "filter" (add to the query) | "query" (replace it) | "delete" (saved search)
    value: str


class FacetsScreen(ModalScreen[FacetChoice | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f", "dismiss_none", "Close", id="facets.close"),
        Binding("d", "delete_saved", "Delete saved search", id="facets.delete_saved"),
    ]

    def __init__(self, facets: Facets, saved: list[tuple[str, str, int]]) -> None:
        super().__init__()
        self.facets = facets.counts
        self.counted = facets
        self.saved = saved

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self._title(), id="facets-title")
            yield OptionList(*self._options(), id="facet-options")

    def _title(self) -> str:
        if self.counted.partial:
            counted, matches = thousands(self.counted.counted), thousands(self.counted.matches)
            share = f"the newest {counted} of {matches} results"
        else:
            share = "the current results"
        return f"Facets of {share} · Enter adds a filter"

    def _options(self) -> list[Option]:
        options: list[Option] = []
        if self.saved:
            options.append(Option(Text("Saved searches", style="bold underline"), disabled=True))
            for name, query, count in self.saved:
                line = Text(f"  {count:>7}  ")
                line.append(visual_line(name, 24), "bold")
                line.append("  ")
                line.append(visual_line(query, 40, prefer_rtl=False), "dim")
                options.append(Option(line, id=f"saved\0{name}\0{query}"))
        for key, heading, field in SECTIONS:
            values = self.facets.get(key) or []
            if not values:
                continue
            options.append(Option(Text(heading, style="bold underline"), disabled=True))
            for value, count in values[:PER_SECTION]:
                line = Text(f"  {count:>7}  ")
                line.append(visual_line(str(value), 40))
                options.append(Option(line, id=f"facet\0{field}\0{value}"))
        if not options:
            options.append(Option(Text("No facets for these results."), disabled=True))
        return options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        first = next((i for i in range(options.option_count)
                      if not options.get_option_at_index(i).disabled), None)  # fmt: skip
        options.highlighted = first

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        kind, a, b = (event.option.id or "").split("\0")
        if kind == "saved":
            self.dismiss(FacetChoice("query", b))
        else:
            self.dismiss(FacetChoice("filter", filter_token(a, b)))

    def action_delete_saved(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        option_id = options.get_option_at_index(options.highlighted).id or ""
        if option_id.startswith("saved\0"):
            self.dismiss(FacetChoice("delete", option_id.split("\0")[1]))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
