"""The virtual document list: one row per result, fetched a page at a time.

Only the visible rows are rendered (Line API); rows come from pages of `PAGE_SIZE` hits that
a thread worker fetches on demand with `fetch(query, sort, offset, limit)`; pages and rendered
rows live in small LRU caches, so 100 000 results cost a few pages of memory.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from archive.layout import is_rtl, visual_line
from archive.models import SearchHit, SearchResult

PAGE_SIZE = 100
MAX_PAGES = 64
MAX_ROWS = 512
_GAP = "  "  # between the list's columns

Fetch = Callable[[str, str, int, int], SearchResult]
K = TypeVar("K")
V = TypeVar("V")


class LRU(Generic[K, V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self.size:
            self._data.popitem(last=False)

    def __contains__(self, key: K) -> bool:
        return key in self._data

    def clear(self) -> None:
        self._data.clear()


class DocumentList(ScrollView, can_focus=True):
    """Search results, newest first without a query and by rank with one."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-list--cursor",
        "document-list--date",
        "document-list--source",
        "document-list--placeholder",
    }
    DEFAULT_CSS = """
    DocumentList {
        background: $surface;
        overflow-x: hidden;
    }
    DocumentList > .document-list--cursor { background: $accent 30%; text-style: bold; }
    DocumentList:focus > .document-list--cursor { background: $accent 60%; }
    DocumentList > .document-list--date { color: $text-muted; }
    DocumentList > .document-list--source { color: $secondary; }
    DocumentList > .document-list--placeholder { color: $text-disabled; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next", show=False, id="list.cursor_down"),
        Binding("up,k", "cursor_up", "Previous", show=False, id="list.cursor_up"),
        Binding("g,home", "cursor_first", "First", show=False, id="list.cursor_first"),
        Binding("G,end", "cursor_last", "Last", show=False, id="list.cursor_last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "choose", "Read", id="list.choose"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)
    """Index of the highlighted result."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto a (loaded) result."""

        document_list: DocumentList
        index: int
        hit: SearchHit

        @property
        def control(self) -> DocumentList:
            return self.document_list

    @dataclass
    class Chosen(Message):
        """Enter or a click on a result: read it."""

        document_list: DocumentList
        index: int
        hit: SearchHit

        @property
        def control(self) -> DocumentList:
            return self.document_list

    def __init__(
        self,
        fetch: Fetch | None = None,
        *,
        interrupt: Callable[[], None] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.fetch = fetch
        self.interrupt = interrupt  # aborts a page fetch in flight (it became stale)
        self.query_text = ""
        self.bidi_mode = "app"  # "terminal": titles logical, for terminals doing their own bidi
        self.sort = "date"
        self.total = 0
        self.generation = 0
        self.tag_colors: dict[str, str] = {}
        self._pages: LRU[int, tuple[SearchHit, ...]] = LRU(MAX_PAGES)
        self._pending: set[int] = set()
        self._rows: LRU[tuple, Strip] = LRU(MAX_ROWS)
        self.painted_generation = -1
        """The `generation` of the result set a row was last rendered for (the bench waits
        on it: the first frame in which the user sees the new list)."""
        self._announced: int | None = None
        self._retried: set[int] = set()

    # -- data ----------------------------------------------------------------------------------
    def reset(self, result: SearchResult, sort: str, *, keep_cursor: bool = False) -> None:
        """Show a new result set (its hits are the first page)."""
        self.generation += 1
        if self._pending and self.interrupt is not None:
            self.interrupt()
        self._retried = set()
        self.query_text = result.query
        self.sort = sort
        self.total = result.total if not result.error else 0
        self._pages.clear()
        self._pending.clear()
        # (rendered rows stay: their key is their content, and the top rows of the next
        # keystroke's list are often the same documents)
        self._announced = None
        if not result.error:
            self._pages.put(0, result.hits)
        self.virtual_size = Size(self.scrollable_content_region.width, self.total)
        old = self.cursor
        if keep_cursor:
            self.cursor = min(old, max(0, self.total - 1))
        else:
            self.scroll_to(y=0, animate=False, immediate=True)
            self.cursor = 0
        self.refresh()

    def set_total(self, total: int) -> None:
        """The exact number of results, once counted (the list reset with a capped count):
        the rows, pages and cursor stay; only the scrollable length changes."""
        self.total = total
        self.virtual_size = Size(self.scrollable_content_region.width, self.total)
        self.cursor = min(self.cursor, max(0, total - 1))
        self.refresh()

    def hit_at(self, index: int) -> SearchHit | None:
        if not 0 <= index < self.total:
            return None
        page = self._pages.get(index // PAGE_SIZE)
        if page is None:
            self._request(index // PAGE_SIZE)
            return None
        offset = index % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    @property
    def current_hit(self) -> SearchHit | None:
        return self.hit_at(self.cursor)

    def _request(self, page: int) -> None:
        if page in self._pending or self.fetch is None:
            return
        self._pending.add(page)
        fetch, query, sort, generation = self.fetch, self.query_text, self.sort, self.generation

        def work() -> None:
            result = fetch(query, sort, page * PAGE_SIZE, PAGE_SIZE)
            self.app.call_from_thread(self._page_loaded, generation, page, result)

        self.run_worker(work, thread=True, group="pages", name=f"page {page}")

    def _page_loaded(self, generation: int, page: int, result: SearchResult) -> None:
        if generation != self.generation:
            return  # an older query's page
        self._pending.discard(page)
        if result.error:
            # interrupted by a reset that raced with this fetch, or the engine refused: try
            # once more, then leave the placeholder rows
            if page not in self._retried:
                self._retried.add(page)
                self._request(page)
            return
        self._pages.put(page, result.hits)
        self.refresh()
        self._announce()

    def _announce(self) -> None:
        hit = self.current_hit
        if hit is not None and self._announced != hit.id:
            self._announced = hit.id
            self.post_message(self.Highlighted(self, self.cursor, hit))

    # -- cursor --------------------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.total - 1)) if self.total else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self._announce()

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_first(self) -> None:
        self.cursor = 0

    def action_cursor_last(self) -> None:
        self.cursor = self.total - 1

    def action_page_down(self) -> None:
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + step, animate=False, immediate=True)
        self.cursor += step

    def action_page_up(self) -> None:
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y - step, animate=False, immediate=True)
        self.cursor -= step

    def action_choose(self) -> None:
        hit = self.current_hit
        if hit is not None:
            self.post_message(self.Chosen(self, self.cursor, hit))

    async def _on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y
        if 0 <= index < self.total:
            self.focus()
            if index == self.cursor and event.chain >= 2:
                self.action_choose()
            self.cursor = index

    def on_resize(self, event: events.Resize) -> None:
        self._rows.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self.total)
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()  # a theme or CSS change: the cached rows hold the old styles

    def set_tag_colors(self, colors: dict[str, str]) -> None:
        self.tag_colors = colors
        self._rows.clear()
        self.refresh()

    # -- rendering -----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if index >= self.total:
            return Strip.blank(width, self.rich_style)
        hit = self.hit_at(index)
        selected = index == self.cursor
        if hit is not None:
            self.painted_generation = self.generation
        if hit is None:
            style = self.get_component_rich_style("document-list--placeholder")
            return Strip([Segment(" …".ljust(width), self.rich_style + style)], width)
        key = (hit.id, hit.title, hit.tags, width, selected, self.has_focus, self.bidi_mode)
        strip = self._rows.get(key)
        if strip is None:
            strip = self._render_row(hit, width, selected)
            self._rows.put(key, strip)
        return strip

    def _render_row(self, hit: SearchHit, width: int, selected: bool) -> Strip:
        base = self.rich_style
        if selected:
            base = base + self.get_component_rich_style("document-list--cursor")
        row = Text(no_wrap=True, overflow="crop")
        date = (hit.date or "")[:10].ljust(10)
        row.append(date, self.get_component_rich_style("document-list--date"))
        # Columns stay two cells apart: one space between a date, a source and a title
        # would read as one run of text (a right-to-left title beside its date).
        row.append(_GAP)
        rest = width - 10 - len(_GAP)
        if width >= 60 and hit.source:
            src_w = min(14, max(6, width // 8))
            src = visual_line(hit.source, src_w, mode=self.bidi_mode)
            row.append(src.ljust(src_w), self.get_component_rich_style("document-list--source"))
            row.append(_GAP)
            rest -= src_w + len(_GAP)
        chips = self._chips(hit.tags, max(0, min(rest // 3, 30)))
        title_w = max(0, rest - chips.cell_len - (1 if chips.cell_len else 0))
        title = visual_line(hit.title or hit.path, title_w, mode=self.bidi_mode)
        pad = " " * max(0, title_w - cell_len(title))
        row.append(pad + title if is_rtl(hit.title) else title + pad)
        if chips.cell_len:
            row.append(" ")
            row.append_text(chips)
        row.pad_right(max(0, width - row.cell_len))
        row.truncate(width)
        segments = [
            Segment(seg.text, base + seg.style if seg.style else base)
            for seg in row.render(self.app.console, end="")
        ]
        return Strip(segments, width)

    def _chips(self, tags: tuple[str, ...], room: int) -> Text:
        """Coloured tag chips; when they do not fit, one coloured dot per tag."""
        chips = Text(no_wrap=True)
        for name in tags:
            label = visual_line(name, 16, mode=self.bidi_mode)
            color = self.tag_colors.get(name, "#888888")
            chips.append(f" {label} ", Style(color="black", bgcolor=color))
        if chips.cell_len <= room:
            return chips
        dots = Text(no_wrap=True)
        for name in tags[: max(0, room)]:
            dots.append("●", Style(color=self.tag_colors.get(name, "#888888")))
        return dots

    def region_of(self, index: int) -> Region:
        return Region(0, index - round(self.scroll_y), self.size.width, 1)
