"""The app's tagging, note, facets and saved-search flows (a mixin of ArshifApp).

Every write runs in a thread worker on the "write" connection; the screen then refreshes
the list (keeping the cursor), the tag colours and the current document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.worker import get_current_worker

from archive import notes, tags
from archive.search import engine
from archive.search.query import QueryError
from archive.store import ArchiveError
from tui.figures import thousands
from tui.screens.confirm import ConfirmScreen
from tui.screens.facets import FacetChoice, FacetsScreen
from tui.screens.note_input import NoteInputScreen
from tui.screens.tag_input import TagInputScreen

# Tagging this many results or more says it has begun (it takes seconds at a million).
TAGGING_NOTICE = 10_000

if TYPE_CHECKING:
    from tui.app import ArshifApp

    _Base = ArshifApp
else:
    _Base = object


class TaggingMixin(_Base):
    # -- tag cache ------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="tags")
    def load_tags(self) -> None:
        assert self.connections is not None
        with self.connections.use("details") as archive:
            colors = tags.tag_colors(archive)
        self.call_from_thread(self._tags_loaded, colors)

    def _tags_loaded(self, colors: dict[str, str]) -> None:
        if self.closing():
            return
        self.tag_colors = colors
        self.tag_names = sorted(colors)
        self.document_list.set_tag_colors(colors)

    def _after_change(self, message: str) -> None:
        if self.closing():
            return
        self.clear_notifications()  # (a "tagging …" notice of the change, among others)
        self.notify(Text(message).plain, timeout=3)
        self._launch_search(keep_cursor=True)
        self.load_tags()
        hit = self.document_list.current_hit
        if hit is not None:
            self.load_document(hit)

    # -- one document ---------------------------------------------------------------------------
    def action_add_tag(self) -> None:
        hit = self.document_list.current_hit
        if hit is None or self.connections is None:
            self.notify("no document selected", severity="warning")
            return
        prompt = f"Add a tag to document {hit.id}"
        self.push_screen(
            TagInputScreen(prompt, self.tag_names, check=tags.clean_tag),
            lambda name: name and self.change_tags("add", [hit.id], name),
        )

    def action_remove_tag(self) -> None:
        hit = self.document_list.current_hit
        document = self.current_document
        if hit is None or self.connections is None:
            self.notify("no document selected", severity="warning")
            return
        names = list(document.tags if document and document.id == hit.id else hit.tags)
        if not names:
            self.notify(f"document {hit.id} has no tags", severity="warning")
            return
        self.push_screen(
            TagInputScreen(f"Remove a tag from document {hit.id}", names, only_existing=True),
            lambda name: name and self.change_tags("remove", [hit.id], name),
        )

    @work(thread=True, group="write")
    def change_tags(self, action: str, ids: list[int], name: str) -> None:
        assert self.connections is not None
        with self.connections.use("write") as archive:
            try:
                if action == "add":
                    n = tags.add_tags(archive, ids, [name])
                else:
                    n = tags.remove_tags(archive, ids, [name])
            except ArchiveError as exc:
                self.call_from_thread(self.report_error, exc)
                return
        verb = "tagged" if action == "add" else "untagged"
        self.call_from_thread(self._after_change, f"{verb} {thousands(n)} document(s): {name}")

    # -- the note of one document -------------------------------------------------------------
    def action_edit_note(self) -> None:
        hit = self.document_list.current_hit
        if hit is None or self.connections is None:
            self.notify("no document selected", severity="warning")
            return
        details = self.metadata_pane.details
        current = details.get("note") if details and details.get("id") == hit.id else None
        self.push_screen(
            NoteInputScreen(f"Note on document {hit.id}: {hit.title}", current),
            lambda text: text is not None and self.save_note(hit.id, text),
        )

    @work(thread=True, group="write")
    def save_note(self, doc_id: int, text: str) -> None:
        assert self.connections is not None
        with self.connections.use("write") as archive:
            try:
                old = notes.set_note(archive, doc_id, text)
            except ArchiveError as exc:
                self.call_from_thread(self.report_error, exc)
                return
        if text:
            message = f"note saved on document {doc_id}"
        else:
            message = f"note removed from document {doc_id}" if old else "no note to remove"
        self.call_from_thread(self._after_change, message)

    # -- every result ---------------------------------------------------------------------------
    def action_tag_all(self) -> None:
        result = self.last_result
        if result is None or result.error or not result.total or self.connections is None:
            self.notify("no results to tag", severity="warning")
            return
        if result.total_capped:  # live search counted only so far: the question needs all
            self.count_then_tag_all(result.query)
            return
        self._ask_tag_all(result.query, result.total)

    @work(thread=True, exclusive=True, group="tag_all")
    def count_then_tag_all(self, query: str) -> None:
        assert self.connections is not None
        try:
            with self.connections.use("tag_all") as archive:
                total = engine.count(archive, query)
        except QueryError as exc:
            self.call_from_thread(self.report_error, exc)
            return
        self.call_from_thread(self._ask_tag_all, query, total)

    def _ask_tag_all(self, query: str, total: int) -> None:
        if self.closing():
            return
        if query != self.search_bar.value:
            return  # the query changed while counting: ctrl+t again for the new one

        def confirm(name: str | None) -> None:
            if not name:
                return
            noun = "document" if total == 1 else "documents"
            question = f"Tag {thousands(total)} {noun} with {name}?"
            self.push_screen(
                ConfirmScreen(question),
                lambda yes: yes and self._start_tagging(query, name, total),
            )

        self.push_screen(
            TagInputScreen(
                "Tag the 1 result" if total == 1 else f"Tag all {thousands(total)} results",
                self.tag_names,
                check=tags.clean_tag,
            ),
            confirm,
        )

    def _start_tagging(self, query: str, name: str, total: int) -> None:
        """Tag every result in a worker; a large set takes seconds (843 162 documents at
        1 000 000: ~8 s), so say it has begun until it is done (_after_change clears it)."""
        if total >= TAGGING_NOTICE:
            self.notify(f"tagging {thousands(total)} documents with {name}…", timeout=600)
        self.tag_results(query, name)

    @work(thread=True, group="write")
    def tag_results(self, query: str, name: str) -> None:
        assert self.connections is not None
        with self.connections.use("write") as archive:
            try:
                ids = engine.matching_ids(archive, query)
                n = tags.add_tags(archive, ids, [name])
            except (ArchiveError, QueryError) as exc:
                self.call_from_thread(self.report_error, exc)
                return
        self.call_from_thread(self._after_change, f"tagged {thousands(n)} document(s): {name}")

    @work(thread=True, group="write")
    def action_undo_tag(self) -> None:
        if self.connections is None:
            return
        with self.connections.use("write") as archive:
            changes = tags.undo_last(archive)
        if not changes:
            self.call_from_thread(self.notify, "nothing to undo", severity="warning")
            return
        what = ", ".join(
            f"{c.action} {c.tag} on {thousands(len(c.document_ids))}" for c in changes[:3]
        )
        self.call_from_thread(self._after_change, f"undid {what}")

    # -- rename and merge (command palette) -------------------------------------------------
    def action_rename_tag(self) -> None:
        """Rename a tag everywhere; renaming onto an existing tag merges the two."""
        if not self.tag_names or self.connections is None:
            self.notify("no tags yet", severity="warning")
            return

        def ask_new(old: str | None) -> None:
            if old:
                self.push_screen(
                    TagInputScreen(
                        f"New name for {old} (an existing tag merges)",
                        self.tag_names,
                        check=tags.clean_tag,
                    ),
                    lambda new: new and self.rename_tag(old, new),
                )

        self.push_screen(
            TagInputScreen("Rename which tag?", self.tag_names, only_existing=True), ask_new
        )

    @work(thread=True, group="write")
    def rename_tag(self, old: str, new: str) -> None:
        assert self.connections is not None
        with self.connections.use("write") as archive:
            try:
                tags.rename_tag(archive, old, new)
            except ArchiveError as exc:
                self.call_from_thread(self.report_error, exc)
                return
        self.call_from_thread(self._after_change, f"renamed {old} to {new}")

    # -- facets and saved searches --------------------------------------------------------------
    def action_facets(self) -> None:
        if self.connections is None:
            return
        self.connections.interrupt("facets")  # an f pressed again starts over
        self.count_facets(self.search_bar.value)

    @work(thread=True, exclusive=True, group="facets")
    def count_facets(self, query: str) -> None:
        """On a connection of its own: the live search never waits for the facets."""
        assert self.connections is not None
        try:
            with self.connections.use("facets") as archive:
                found = engine.facet_counts(archive, query)
                saved = [
                    (s.name, s.query, engine.search(archive, s.query, limit=1).total)
                    for s in tags.saved_searches(archive)
                ]
        except QueryError as exc:
            if not get_current_worker().is_cancelled and query == self.search_bar.value:
                self.call_from_thread(self.report_error, exc)
            return  # (interrupted by another f, or by typing: the query changed)
        if not get_current_worker().is_cancelled and query == self.search_bar.value:
            self.call_from_thread(self.push_screen, FacetsScreen(found, saved), self._facet_picked)

    def _facet_picked(self, choice: FacetChoice | None) -> None:
        if choice is None:
            return
        if choice.action == "filter":
            query = self.search_bar.value.strip()
            self.search_bar.value = f"{query} {choice.value}".strip()
        elif choice.action == "query":
            self.search_bar.value = choice.value
        elif choice.action == "delete":
            self.delete_saved_search(choice.value)

    def action_save_search(self) -> None:
        query = self.search_bar.value.strip()
        if not query or self.connections is None:
            self.notify("type a query first, then save it", severity="warning")
            return
        self.push_screen(
            TagInputScreen(
                f"Name this search: {query}", [], placeholder="a name for this search (Enter saves)"
            ),
            lambda name: name and self.save_search(name, query),
        )

    @work(thread=True, group="write")
    def save_search(self, name: str, query: str) -> None:
        assert self.connections is not None
        with self.connections.use("write") as archive:
            try:
                tags.save_search(archive, name, query)
            except ArchiveError as exc:
                self.call_from_thread(self.report_error, exc)
                return
        self.call_from_thread(self.notify, f"saved search {name!r}: {query}")

    @work(thread=True, group="write")
    def delete_saved_search(self, name: str) -> None:
        assert self.connections is not None
        with self.connections.use("write") as archive:
            tags.delete_saved_search(archive, name)
        self.call_from_thread(self.notify, f"deleted saved search {name!r}")
