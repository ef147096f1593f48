"""Arshif's Textual app: search bar, virtual document list, body pane, metadata pane.

`make_app(db_path, query, bidi_mode)` is the one factory (used by `arshif` and the tests).
Every SQLite call runs in a thread worker on its own connection (tui.readers); a search
result carries the query and generation it answers and is dropped when the input moved on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult, ScreenStackError, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, TextArea
from textual.worker import WorkerState, get_current_worker

from archive.config import Config, ConfigError, load_config
from archive.details import document_details
from archive.models import Document, SearchHit, SearchResult, Span
from archive.search import engine
from archive.search.query import QueryError
from archive.store import Archive, ArchiveError, DocumentNotFound
from tui.latency import freeze_startup_objects, thaw_startup_objects
from tui.readers import Connections
from tui.screen_text import for_screen
from tui.tagging import TaggingMixin
from tui.widgets.body_pane import BodyPane, disable_terminal_bidi, restore_terminal_bidi
from tui.widgets.document_list import PAGE_SIZE, DocumentList
from tui.widgets.metadata_pane import MetadataPane, MetadataText
from tui.widgets.search_bar import SearchBar
from tui.widgets.status_line import StatusLine

DEBOUNCE_S = 0.1
# A keystroke's search counts no further than this; the exact count follows from a worker.
COUNT_LIMIT = 1000
# Show the highlighted document once typing pauses (longer than the 150-250 ms between the
# keys of someone typing: laying out a body between two keys made the second one wait)...
DOCUMENT_DELAY_S = 0.3
TYPING_PAUSE_S = 0.5  # ...when the query changed less than this long ago
# A provisional list's ranking and a capped count's exact figure wait for a pause this long
# in the typing: on a large archive they cost tens to hundreds of ms of a shared CPU, which
# the next key's search would otherwise wait for.
FOLLOW_UP_PAUSE_S = 0.25
WATCH_INTERVAL_S = 2.0
NARROW_BELOW = 120  # columns: below this the metadata goes under the body


def sort_for(query: str, newest_first: bool = False) -> str:
    """Newest first without a query or when asked (`o`), by rank otherwise."""
    return "rank" if query.strip() and not newest_first else "date"


class ArshifApp(TaggingMixin, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Arshif"
    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: handled as it is read, so the keys after it go to the search bar
        Binding("slash", "focus_search", "Search", id="app.focus_search", priority=True),
        Binding("escape", "back_to_list", "List", show=False, id="app.back_to_list"),
        Binding("n", "next_match", "Next match", id="app.next_match"),
        Binding("N", "previous_match", "Previous match", show=False, id="app.previous_match"),
        Binding("t", "add_tag", "Tag", id="app.add_tag"),
        Binding("T", "remove_tag", "Untag", id="app.remove_tag"),
        Binding("ctrl+t", "tag_all", "Tag all results", id="app.tag_all"),
        Binding("u", "undo_tag", "Undo tag", id="app.undo_tag"),
        Binding("a", "edit_note", "Note", show=False, id="app.edit_note"),
        Binding("f", "facets", "Facets", id="app.facets"),
        Binding("h", "toggle_harakat", "Harakat", show=False, id="app.toggle_harakat"),
        Binding("b", "toggle_bidi_mode", "Bidi mode", show=False, id="app.toggle_bidi_mode"),
        Binding("y", "copy_text", "Copy text", show=False, id="app.copy_text"),
        Binding("s", "save_search", "Save search", show=False, id="app.save_search"),
        Binding("r", "refresh", "Refresh", show=False, id="app.refresh"),
        Binding("o", "toggle_order", "Order (rank/newest)", show=False, id="app.toggle_order"),
        Binding("m", "toggle_metadata", "Metadata pane", show=False, id="app.toggle_metadata"),
        Binding("less_than_sign", "narrow_list", "Narrow list", show=False, id="app.narrow_list"),
        Binding("greater_than_sign", "widen_list", "Widen list", show=False, id="app.widen_list"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    list_width: reactive[int] = reactive(40, init=False)
    """Width of the document list, in percent of the screen."""
    show_metadata: reactive[bool] = reactive(True, init=False)
    """Whether the metadata pane is shown."""
    newest_first: reactive[bool] = reactive(False, init=False)
    """Whether a query's results are listed newest first instead of by rank (`o`)."""

    def __init__(
        self,
        db_path: Path,
        *,
        query: str = "",
        bidi_mode: str = "app",
        config: Config | None = None,
        config_error: str | None = None,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.initial_query = query
        self.bidi_mode = bidi_mode
        self.config = config or Config()
        self.config_error = config_error
        self.connections: Connections | None = Connections(db_path) if db_path.exists() else None
        self.generation = 0
        self.last_result: SearchResult | None = None
        self.tag_colors: dict[str, str] = {}
        self.tag_names: list[str] = []
        self.current_document: Document | None = None
        self._debounce: Timer | None = None
        self._document_timer: Timer | None = None
        self._follow_up: Timer | None = None  # the ranking or exact count, after typing
        self._last_typed = -1.0  # monotonic time of the last change to the query
        self._last_launch = 0.0
        self._data_version: int | None = None
        self._searching = False
        self._keep_cursor_for: str | None = None  # a submitted query whose results keep the cursor
        self._frozen = False  # the startup objects, once the first list is painted

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield SearchBar(self.initial_query, shaped=self.bidi_mode == "app", id="search")
        with Horizontal(id="panes"):
            yield DocumentList(self._fetch_page, interrupt=self._interrupt_pages, id="list")
            with Container(id="reader"):
                yield BodyPane(
                    bidi_mode=self.bidi_mode,  # type: ignore[arg-type]
                    harakat=self.config.harakat,
                    id="body",
                )
                yield MetadataPane(id="metadata")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search", SearchBar)

    @property
    def document_list(self) -> DocumentList:
        return self.query_one("#list", DocumentList)

    @property
    def body_pane(self) -> BodyPane:
        return self.query_one("#body", BodyPane)

    @property
    def metadata_pane(self) -> MetadataPane:
        return self.query_one("#metadata", MetadataPane)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    def on_mount(self) -> None:
        self._apply_bidi_mode(self.bidi_mode)
        # `b` on the body pane itself, or the app's `b`: every pane follows the body's mode
        self.watch(self.body_pane, "bidi_mode", self._apply_bidi_mode, init=False)
        if self.config.keys:
            self.set_keymap(self.config.keys)
        if self.config_error:
            self.notify(self.config_error, title="config", severity="warning")
        self._apply_narrow(self.size.width)
        self.search_bar.on_enter = self._query_entered  # ⏎ then j reaches the list
        self.document_list.focus()
        if self.connections is None:
            self.status.show_message(
                f"no archive at {self.db_path}: run `arshif import PATH --db {self.db_path}`",
                error=True,
            )
            return
        try:  # a corrupt or foreign file: say so instead of failing in every worker
            with self.connections.use("search"):
                pass
        except ArchiveError as exc:
            self.connections = None
            self.status.show_message(str(exc), error=True)
            return
        self._launch_search()
        self.load_tags()
        self.watch_archive()  # the baseline
        self.set_interval(WATCH_INTERVAL_S, self.watch_archive)

    def on_unmount(self) -> None:
        restore_terminal_bidi(self)
        if self._frozen:
            thaw_startup_objects()
        if self.connections is not None:
            self.connections.close()

    def on_resize(self, event: Any) -> None:
        self._apply_narrow(event.size.width)

    def _apply_narrow(self, width: int) -> None:
        self.screen.set_class(width < NARROW_BELOW, "-narrow")

    def watch_list_width(self, percent: int) -> None:
        self.document_list.styles.width = f"{percent}%"

    def watch_show_metadata(self, shown: bool) -> None:
        self.screen.set_class(not shown, "-no-metadata")

    def action_widen_list(self) -> None:
        self.list_width = min(75, self.list_width + 5)

    def action_narrow_list(self) -> None:
        self.list_width = max(15, self.list_width - 5)

    def action_toggle_metadata(self) -> None:
        self.show_metadata = not self.show_metadata

    # -- search ---------------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        self._last_typed = time.monotonic()
        if self.search_bar.value != self._keep_cursor_for:  # (a Changed read after the
            self._keep_cursor_for = None  # enter still finds the submitted value)
        if self.connections is None:
            return
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        wait = DEBOUNCE_S - (time.monotonic() - self._last_launch)
        if wait <= 0:
            self._launch_search()
        else:
            self._debounce = self.set_timer(wait, self._launch_search)

    def _query_entered(self) -> None:
        """Enter in the search bar, as it is read: the list takes the focus at once, so the
        keys read with the enter ("قرنفل⏎jj" over SSH) go to it. If the list still shows
        an older query, they move the cursor from the top, and the submitted query's
        results keep where they put it."""
        if self.document_list.query_text != self.search_bar.value:
            self.document_list.cursor = 0
            self._keep_cursor_for = self.search_bar.value
        self.screen.set_focus(self.document_list)

    def _launch_search(self, *, keep_cursor: bool = False) -> None:
        self._debounce = None
        if self.closing():
            return  # (the typing pause ended as the app closed)
        self._last_launch = time.monotonic()
        self.generation += 1
        self._cancel_follow_up()  # the last result's ranking or count: stale now
        if self.connections is not None:
            if self._searching:
                self.connections.interrupt("search")  # the running query is stale now
            self.connections.interrupt("count")  # so is a count still running
            self.connections.interrupt("rank")  # and a ranking
            self.connections.interrupt("facets")  # and the facets of the old query
        self._searching = True
        self.run_search(self.search_bar.value, self.generation, keep_cursor)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, generation: int, keep_cursor: bool) -> None:
        """The first page of rows (no snippets: the list shows none) and a count that stops
        at COUNT_LIMIT, so a one-letter query costs a keystroke no more than a rare word."""
        assert self.connections is not None
        result = None
        newest = self.newest_first
        for _attempt in range(2):
            if generation != self.generation:
                return  # a newer search was launched while this one waited
            with self.connections.use("search") as archive:
                result = _first_page(archive, query, quick=True, newest_first=newest)
            if not (result.error and "interrupted" in result.error):
                break  # (an interrupt meant for the query before this one: run again)
        if result is not None and not get_current_worker().is_cancelled:
            self.call_from_thread(self._search_done, generation, result, keep_cursor)

    def closing(self) -> bool:
        """Whether the app is shutting down (its panes are gone): a worker's result that
        arrives then is dropped, not shown (typing, then quitting at once, raised NoMatches)."""
        try:
            return not self.query("#status")
        except ScreenStackError:
            return True

    def _search_done(self, generation: int, result: SearchResult, keep_cursor: bool) -> None:
        if self.closing():
            return
        if generation == self.generation:
            self._searching = False
        if generation != self.generation or result.query != self.search_bar.value:
            return  # stale: the input has moved on
        self.last_result = result
        self.status.show_result(result, note=self._order_note(result.query))
        if result.error:
            return  # keep showing the last good list; the status line explains
        sort = sort_for(result.query, self.newest_first)
        if self._keep_cursor_for == result.query:  # submitted before its results came
            keep_cursor = True
            if self._debounce is None:  # the last search of it (none is waiting to start)
                self._keep_cursor_for = None
        self.document_list.reset(result, sort, keep_cursor=keep_cursor)
        if not self._frozen:  # after the first list's frame: it is not delayed by this
            self._frozen = True
            self.call_after_refresh(freeze_startup_objects)
        if result.provisional:  # listed newest first where ranking was dear: rank it
            self._after_typing(generation, lambda: self.rank_results(result.query, generation))
        elif result.total_capped:  # (a ranked list comes back here, and is counted then)
            self._after_typing(generation, lambda: self.count_results(result, generation))
        if result.total == 0:
            self.current_document = None
            self.metadata_pane.show(None)
            self.body_pane.show(None, ())

    def _after_typing(self, generation: int, action: Callable[[], object]) -> None:
        """Run `action` once the typing has paused FOLLOW_UP_PAUSE_S (now, if it has), unless
        a newer search was launched meanwhile."""
        self._cancel_follow_up()
        wait = FOLLOW_UP_PAUSE_S - (time.monotonic() - self._last_typed)
        if wait <= 0:
            action()
            return

        def now() -> None:
            self._follow_up = None
            if generation == self.generation and not self.closing():
                action()

        self._follow_up = self.set_timer(wait, now)

    def _cancel_follow_up(self) -> None:
        if self._follow_up is not None:
            self._follow_up.stop()
            self._follow_up = None

    @work(thread=True, exclusive=True, group="rank")
    def rank_results(self, query: str, generation: int) -> None:
        """The ranked first page behind a provisional one (a word of the query in so many
        documents that bm25 alone costs tens of ms): shown in its place, same cursor."""
        assert self.connections is not None
        with self.connections.use("rank") as archive:
            result = _first_page(archive, query, quick=False, newest_first=self.newest_first)
        if not result.error and not get_current_worker().is_cancelled:  # (stale: dropped)
            self.call_from_thread(self._search_done, generation, result, True)

    @work(thread=True, exclusive=True, group="count")
    def count_results(self, result: SearchResult, generation: int) -> None:
        """The exact count behind a capped one, after the list is shown (never before)."""
        assert self.connections is not None
        try:
            with self.connections.use("count") as archive:
                total = engine.count(archive, result.query)
        except QueryError as exc:
            if generation == self.generation and "interrupted" not in str(exc):
                self.call_from_thread(self.report_error, exc)
            return  # interrupted: a newer query is being counted
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._count_done, generation, result, total)

    def _count_done(self, generation: int, result: SearchResult, total: int) -> None:
        if self.closing():
            return
        if generation != self.generation or self.last_result is not result:
            return  # stale: a newer result is shown
        self.last_result = replace(result, total=total, total_capped=False)
        self.status.show_result(self.last_result, note=self._order_note(result.query))
        self.document_list.set_total(total)

    def _fetch_page(self, query: str, sort: str, offset: int, limit: int) -> SearchResult:
        assert self.connections is not None
        with self.connections.use("pages") as archive:
            # the list's total is already known: count no further than this page
            return engine.search(
                archive, query, limit=limit, offset=offset, sort=sort,
                highlights=False, count_limit=0,
            )  # fmt: skip

    def _interrupt_pages(self) -> None:
        if self.connections is not None:
            self.connections.interrupt("pages")

    @property
    def busy(self) -> bool:
        """A search is scheduled or a worker is running (tests and the bench wait on this)."""
        running = (WorkerState.PENDING, WorkerState.RUNNING)
        timers = (
            self._debounce is not None
            or self._document_timer is not None
            or self._follow_up is not None
        )
        return timers or any(w.state in running for w in self.workers)

    def _order_note(self, query: str) -> str:
        return (
            "newest first (o: by rank)"
            if sort_for(query, self.newest_first) == "date" and query.strip()
            else ""
        )

    def action_toggle_order(self) -> None:
        self.newest_first = not self.newest_first

    def watch_newest_first(self) -> None:
        if self.search_bar.value.strip():
            self._launch_search()

    def action_refresh(self) -> None:
        if self.connections is not None:
            self._launch_search(keep_cursor=True)
            self.load_tags()

    @work(thread=True, exclusive=True, group="watch")
    def watch_archive(self) -> None:
        """Refresh when another process (a concurrent import) committed to the archive."""
        assert self.connections is not None
        with self.connections.use("watch") as archive:
            version = archive.data_version()
        if self._data_version is not None and version != self._data_version:
            self.call_from_thread(self.action_refresh)
        self._data_version = version

    # -- the current document -------------------------------------------------------------------
    @on(DocumentList.Highlighted, "#list")
    def _highlighted(self, event: DocumentList.Highlighted) -> None:
        if self._document_timer is not None:
            self._document_timer.stop()
            self._document_timer = None
        if time.monotonic() - self._last_typed < TYPING_PAUSE_S:
            # While the user types, the list repaints first; the document follows once the
            # typing pauses, so no keystroke waits on laying out a body.
            hit = event.hit
            self._document_timer = self.set_timer(
                DOCUMENT_DELAY_S, lambda: self._load_after_pause(hit)
            )
        else:
            self.load_document(event.hit)

    def _load_after_pause(self, hit: SearchHit) -> None:
        self._document_timer = None
        if not self.closing():
            self.load_document(hit)

    @on(DocumentList.Chosen, "#list")
    def _chosen(self) -> None:
        self.body_pane.focus()

    def load_document(self, hit: SearchHit) -> None:
        self._load_document(hit, self.document_list.query_text)

    @work(thread=True, exclusive=True, group="details")
    def _load_document(self, hit: SearchHit, query: str) -> None:
        """The document, its metadata and the spans of `query` in its body (the list's
        hits carry none: they are computed here, for the one document shown)."""
        assert self.connections is not None
        with self.connections.use("details") as archive:
            try:
                document = archive.get(hit.id)
                details = document_details(archive, hit.id)
            except DocumentNotFound:
                return  # deleted meanwhile; the next refresh drops it from the list
        spans = tuple(engine.highlight_spans(document.body, query)) if query.strip() else ()
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._show_document, hit, document, details, spans)

    def _show_document(
        self, hit: SearchHit, document: Document, details: dict, spans: tuple[Span, ...]
    ) -> None:
        if self.closing():
            return
        current = self.document_list.current_hit
        if current is None or current.id != hit.id:
            return
        self.current_document = document
        self.body_pane.show(document, spans)
        self.metadata_pane.show(details, self.tag_colors)

    # -- focus and the body pane ----------------------------------------------------------------
    def action_focus_search(self) -> None:
        """Focus the search bar at once. Over SSH "/tag" arrives in one read: the keys after
        "/" are handed to the focused widget as they are read, so a focus that waited
        (Widget.focus) let "t" open the tag dialog and "q" quit. In a text field or a dialog
        "/" is only typed."""
        if isinstance(self.focused, Input | TextArea) or len(self.screen_stack) > 1:
            raise SkipAction()
        self.screen.set_focus(self.search_bar)

    def action_back_to_list(self) -> None:
        self.document_list.focus()

    def action_next_match(self) -> None:
        self.body_pane.action_next_match()

    def action_previous_match(self) -> None:
        self.body_pane.action_previous_match()

    def action_toggle_harakat(self) -> None:
        self.body_pane.action_toggle_harakat()

    def action_toggle_bidi_mode(self) -> None:
        """Switch every pane between shaping here ("app") and leaving it to the terminal."""
        self.body_pane.action_toggle_bidi_mode()  # the watch set in on_mount does the rest

    def _apply_bidi_mode(self, mode: str) -> None:
        self.bidi_mode = mode
        self.search_bar.shaped = mode == "app"
        self.document_list.bidi_mode = mode
        self.query_one(MetadataText).bidi_mode = mode
        if mode == "app":
            disable_terminal_bidi(self)
        else:
            restore_terminal_bidi(self)
        for widget in (self.search_bar, self.document_list, self.query_one(MetadataText)):
            widget.refresh()

    def action_copy_text(self) -> None:
        self.body_pane.action_copy_text()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.binding_sections(), self.config.keys))

    def binding_sections(self) -> list[tuple[str, list[Binding]]]:
        def bindings(cls: type) -> list[Binding]:
            return [b for b in cls.BINDINGS if isinstance(b, Binding)]

        return [
            ("Everywhere", bindings(ArshifApp)),
            ("Document list", bindings(DocumentList)),
            ("Body pane", bindings(BodyPane)),
        ]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if screen is not self.screen_stack[0]:
            return
        targets: list[tuple[Any, list[Binding]]] = [
            (self, self.binding_sections()[0][1]),
            (self.document_list, self.binding_sections()[1][1]),
            (self.body_pane, self.binding_sections()[2][1]),
        ]
        yield SystemCommand(
            "Rename or merge a tag",
            "rename a tag everywhere; onto an existing name it merges",
            self.action_rename_tag,
        )
        everywhere = {binding.action for binding in targets[0][1]}
        for target, bindings in targets:
            for binding in bindings:
                if target is not self and binding.action in everywhere:
                    continue  # the app's binding runs the same action (n, N, h, b, y)
                key = self.config.keys.get(binding.id or "", binding.key)
                yield SystemCommand(
                    binding.description,
                    f"key: {key}",
                    partial(self.run_action, binding.action, target),
                )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications quote tag names and queries: plain text unless asked otherwise, and
        any Arabic in them shaped and in visual order at the width of a toast."""
        if not markup:
            toast_width = min(60, self.size.width // 2) - 4  # Toast: width 60, max 50%, padded
            message = for_screen(message, toast_width, self.bidi_mode)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def report_error(self, error: Exception) -> None:
        """A user-facing error from a worker: shown, never swallowed."""
        self.notify(str(error), severity="error", timeout=8)


def _first_page(
    archive: Archive, query: str, *, quick: bool, newest_first: bool = False
) -> SearchResult:
    """A keystroke's page: rows without snippets (the list shows none) and a count that
    stops at COUNT_LIMIT; `quick`: newest first where ranking is dear (provisional)."""
    return engine.search(
        archive, query, limit=PAGE_SIZE, offset=0, sort=sort_for(query, newest_first),
        highlights=False, count_limit=COUNT_LIMIT, quick=quick,
    )  # fmt: skip


def make_app(db_path: str | Path, query: str = "", bidi_mode: str | None = None) -> ArshifApp:
    """The app for this archive, with QUERY in the search bar (used by `arshif` and tests)."""
    config_error = None
    try:
        config = load_config()
    except ConfigError as exc:
        config, config_error = Config(), str(exc)
    return ArshifApp(
        Path(db_path),
        query=query,
        bidi_mode=bidi_mode or config.bidi,
        config=config,
        config_error=config_error,
    )
