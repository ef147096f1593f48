"""Facets of the current results (tags, sources, years, people, places, organisations, with
counts) and the saved searches with their live counts. Picking a facet adds its filter to
the query; picking a saved search runs it; `d` deletes the highlighted saved search.
"""

from __future__ import annotations

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
    """`field:value`, quoting a value with spaces or quotes; a source or an entity matches
    its whole name (`org:="الأمم المتحدة"`), as its facet counted, not a part of others."""
    op = EXACT if field in EXACT_FIELDS else ""
    if any(ch.isspace() for ch in value) or '"' in value or not value:
        return f'{field}:{op}"{value.replace(chr(34), "")}"'
    return f"{field}:{op}{value}"


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
                line.append(visual_line(query, 40), "dim")
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
