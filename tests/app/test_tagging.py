"""Tagging from the app: t, T, ctrl+t (with confirmation), u (persistent undo), facets,
saved searches, help, the command palette and remapped keys."""

from __future__ import annotations

import io
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console
from textual.binding import Binding
from textual.widgets import Input, Label, OptionList, Static

from archive import notes, tags
from archive.layout import layout_body, visual_line
from archive.search import engine
from archive.search import facets as facets_module
from archive.search.facets import Facets
from archive.store import Archive
from tests.app.conftest import settle
from tui.app import make_app
from tui.screens.confirm import ConfirmScreen
from tui.screens.facets import FacetsScreen, filter_token
from tui.screens.help import HelpScreen, search_table
from tui.screens.note_input import NoteInputScreen
from tui.screens.tag_input import TagInputScreen
from tui.widgets.metadata_pane import MetadataText


def tags_of(db: Path, doc_id: int) -> tuple[str, ...]:
    with Archive(db) as archive:
        return archive.tags_of(doc_id)


async def test_t_adds_a_tag_to_the_current_document(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        doc_id = app.document_list.current_hit.id
        await pilot.press("t")
        assert isinstance(app.screen, TagInputScreen)
        await pilot.press(*"عاجل", "enter")
        await settle(pilot)
        assert tags_of(app_db, doc_id) == ("عاجل",)
        assert app.document_list.current_hit.tags == ("عاجل",)
        assert app.metadata_pane.details["tags"] == ["عاجل"]
        assert "عاجل" in app.tag_colors


async def test_tag_input_completes_from_existing_tags(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t", *"سو")
        choices = app.screen.query_one("#tag-choices", OptionList)
        assert [choices.get_option_at_index(i).id for i in range(choices.option_count)] == ["سوريا"]
        await pilot.press("tab")
        assert app.screen.query_one("#tag-name", Input).value == "سوريا"
        await pilot.press("escape")
        assert not isinstance(app.screen, TagInputScreen)


async def test_picking_a_completion_with_arrows_tags(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        doc_id = app.document_list.current_hit.id
        await pilot.press("t", "م", "down", "enter")
        await settle(pilot)
        assert tags_of(app_db, doc_id) == ("مهم",)


def problem_shown(app) -> str:
    label = app.screen.query_one("#tag-problem", Label)
    return str(label.render()) if label.display else ""


async def test_a_bad_tag_name_is_said_in_the_dialog_which_stays_open_to_correct_it(
    app_db: Path,
) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        doc_id = app.document_list.current_hit.id
        await pilot.press("t", "+", "x", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TagInputScreen)
        assert "cannot start with + or -" in problem_shown(app)
        await pilot.press("home", "delete")  # the user corrects the name in place
        assert problem_shown(app) == ""
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, TagInputScreen)
        assert tags_of(app_db, doc_id) == ("x",)


async def test_tag_all_refuses_a_name_with_a_space_before_asking_to_confirm(
    app_db: Path,
) -> None:
    app = make_app(app_db, query="قرنفل", bidi_mode="terminal")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t", *"ملف سوريا", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TagInputScreen)  # no confirmation of a doomed name
        assert "no spaces in a tag name" in problem_shown(app)
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await pilot.press("backspace", *"-سوريا", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert str(app.screen.question) == "Tag 40 documents with ملف-سوريا?"
        await pilot.press("y")
        await settle(pilot)
        with Archive(app_db) as archive:
            assert {t.name: t.count for t in tags.list_tags(archive)}["ملف-سوريا"] == 40


async def test_T_removes_one_of_the_documents_tags(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.search_bar.value = "tag:مهم"
        await settle(pilot)
        doc_id = app.document_list.current_hit.id
        assert tags_of(app_db, doc_id) == ("سوريا", "مهم")
        await pilot.press("T")
        choices = app.screen.query_one("#tag-choices", OptionList)
        assert choices.option_count == 2
        await pilot.press(*"مه", "enter")
        await settle(pilot)
        assert tags_of(app_db, doc_id) == ("سوريا",)


async def test_T_on_an_untagged_document_says_so(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        assert not isinstance(app.screen, TagInputScreen)
        assert any("no tags" in str(n.message) for n in app._notifications)


async def test_ctrl_t_asks_with_the_count_then_tags_every_result(app_db: Path) -> None:
    app = make_app(app_db, query="قرنفل")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t", *"مجلس", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert str(app.screen.question) == "Tag 40 documents with مجلس?"
        await pilot.press("y")
        await settle(pilot)
        with Archive(app_db) as archive:
            assert {t.name: t.count for t in tags.list_tags(archive)}["مجلس"] == 40


async def test_tagging_many_results_says_it_has_begun_then_that_it_is_done(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui import tagging

    monkeypatch.setattr(tagging, "TAGGING_NOTICE", 40)
    app = make_app(app_db, query="قرنفل", bidi_mode="terminal")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        begun = threading.Event()
        real = engine.matching_ids

        def slow_ids(archive, query):  # the notice comes up while the ids are gathered
            for _ in range(200):
                if "tagging 40 documents with مجلس…" in [
                    str(n.message) for n in app._notifications
                ]:
                    begun.set()
                    break
                time.sleep(0.01)
            return real(archive, query)

        monkeypatch.setattr(engine, "matching_ids", slow_ids)
        await pilot.press("ctrl+t", *"مجلس", "enter", "y")
        await settle(pilot)
        assert begun.is_set()
        notices = [str(n.message) for n in app._notifications]
        assert notices == ["tagged 40 document(s): مجلس"]


async def test_ctrl_t_answered_no_changes_nothing(app_db: Path) -> None:
    app = make_app(app_db, query="قرنفل")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t", "x", "enter", "n")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        with Archive(app_db) as archive:
            assert "x" not in tags.tag_names(archive)


async def test_u_undoes_and_undo_survives_a_restart(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        doc_id = app.document_list.current_hit.id
        await pilot.press("t", *"أول", "enter")
        await settle(pilot)
        await pilot.press("t", *"ثان", "enter")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert tags_of(app_db, doc_id) == ("أول",)
    assert tags_of(app_db, doc_id) == ("أول",)  # the tag survives the app
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.document_list.current_hit.tags == ("أول",)
        await pilot.press("u")
        await settle(pilot)
        assert tags_of(app_db, doc_id) == ()
        assert app.document_list.current_hit.tags == ()


async def test_f_shows_facets_and_picking_one_adds_the_filter(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FacetsScreen)
        assert ("سوريا", 2) in app.screen.facets["tags"]
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("facet\0tag\0سوريا")
        await pilot.press("enter")
        await settle(pilot)
        assert app.search_bar.value == 'tag:="سوريا"'
        assert app.document_list.total == 2


async def test_saved_search_is_listed_with_its_count_run_and_deleted(app_db: Path) -> None:
    app = make_app(app_db, query="قرنفل")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s", *"زهور", "enter")
        await settle(pilot)
        app.search_bar.value = ""
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert app.screen.saved == [("زهور", "قرنفل", 40)]
        await pilot.press("enter")  # the first option is the saved search
        await settle(pilot)
        assert app.search_bar.value == "قرنفل"
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        with Archive(app_db) as archive:
            assert tags.saved_searches(archive) == []


def test_filter_tokens_quote_values_with_spaces() -> None:
    assert filter_token("tag", "سوريا") == 'tag:="سوريا"'
    assert filter_token("tag", '"q"') == 'tag:=«"q"»'
    assert filter_token("source", "عنب بلدي") == 'source:="عنب بلدي"'
    assert filter_token("date", "2024") == "date:2024"


async def test_help_lists_every_binding_with_its_id(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        ids = {b.id for _title, bindings in app.binding_sections() for b in bindings}
        assert {"app.add_tag", "app.tag_all", "list.cursor_down", "app.undo_tag"} <= ids
        shown = {b.id for _title, bindings in app.screen.sections for b in bindings}
        assert shown == ids
        assert all(b.description for _t, bs in app.screen.sections for b in bs)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_offers_every_action(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Tag all results", "Undo tag", "Facets", "Next", "Read"} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"


async def test_bindings_can_be_remapped_in_the_config(
    app_db: Path, tmp_path: Path, monkeypatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"app.add_tag" = "a"\n', encoding="utf-8")
    monkeypatch.setenv("ARSHIF_CONFIG", str(config))
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        assert not isinstance(app.screen, TagInputScreen)
        await pilot.press("a")
        assert isinstance(app.screen, TagInputScreen)


async def test_a_broken_config_is_reported_and_defaults_used(
    app_db: Path, tmp_path: Path, monkeypatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("keys = [", encoding="utf-8")
    monkeypatch.setenv("ARSHIF_CONFIG", str(config))
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert any("config.toml" in str(n.message) for n in app._notifications)
        await pilot.press("t")
        assert isinstance(app.screen, TagInputScreen)


async def test_rename_tag_from_the_palette_merges_into_an_existing_one(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Rename or merge a tag" in titles
        app.action_rename_tag()
        await pilot.pause()
        await pilot.press(*"مهم", "enter")
        await pilot.pause()
        await pilot.press(*"سوريا", "enter")
        await settle(pilot)
        with Archive(app_db) as archive:
            assert {t.name: t.count for t in tags.list_tags(archive)} == {"سوريا": 2}
        assert app.tag_names == ["سوريا"]


async def test_an_arabic_tag_name_is_shown_shaped_while_typed_and_in_the_notification(
    app_db: Path,
) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t", *"ملف_ليبيا")
        name_input = app.screen.query_one("#tag-name", Input)
        shown = name_input.render_line(0).text
        assert visual_line("ملف_ليبيا", 50) in shown
        assert "ليبيا" not in shown  # never the logical, unshaped letters
        await pilot.press("enter")
        await settle(pilot)
        message = str(list(app._notifications)[-1].message)
        assert message.startswith("tagged 1 document(s): ")
        assert visual_line("ملف_ليبيا", 50) in message
        assert "ليبيا" not in message


async def test_the_confirmation_quotes_an_arabic_tag_shaped(app_db: Path) -> None:
    app = make_app(app_db, query="قرنفل")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t", *"عاجل", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#question", Static).render())
        assert question == f"Tag 40 documents with {visual_line('عاجل', 50)}?"


async def test_terminal_bidi_mode_leaves_tag_names_logical(app_db: Path) -> None:
    app = make_app(app_db, bidi_mode="terminal")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t", *"عاجل")
        assert "عاجل" in app.screen.query_one("#tag-name", Input).render_line(0).text
        await pilot.press("enter")
        await settle(pilot)
        assert "tagged 1 document(s): عاجل" in str(list(app._notifications)[-1].message)


async def test_a_writes_a_note_shown_in_the_metadata_pane_and_kept(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        doc_id = app.document_list.current_hit.id
        await pilot.press("a")
        assert isinstance(app.screen, NoteInputScreen)
        await pilot.press(*"راجع المصدر", "enter")
        await settle(pilot)
        with Archive(app_db) as archive:
            assert notes.note_of(archive, doc_id) == "راجع المصدر"
        assert app.metadata_pane.details["note"] == "راجع المصدر"
        pane_text = "\n".join(app.metadata_pane.query_one(MetadataText).render().plain.splitlines())
        assert visual_line("راجع المصدر", 80) in pane_text
        # The note is there to edit next time; Enter without a change rewrites nothing.
        await pilot.press("a")
        assert app.screen.query_one("#note-text", Input).value == "راجع المصدر"
        await pilot.press("enter")
        await settle(pilot)
        # Emptying it removes it.
        await pilot.press("a", "ctrl+u", "enter")
        await settle(pilot)
        with Archive(app_db) as archive:
            assert notes.note_of(archive, doc_id) is None
        assert "note removed" in str(list(app._notifications)[-1].message)


async def test_escape_leaves_the_note_unchanged(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        doc_id = app.document_list.current_hit.id
        await pilot.press("a", *"مسودة", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, NoteInputScreen)
        with Archive(app_db) as archive:
            assert notes.note_of(archive, doc_id) is None


async def test_a_long_note_wraps_in_the_metadata_pane_in_reading_order(app_db: Path) -> None:
    long_note = " ".join(["كلمة"] * 30 + ["الأخيرة"])
    with Archive(app_db) as archive:
        first = archive.conn.execute("SELECT id FROM documents ORDER BY date DESC").fetchone()[0]
        notes.set_note(archive, first, long_note)
    app = make_app(app_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        lines = app.metadata_pane.query_one(MetadataText).render().plain.splitlines()
        note_rows = [i for i, line in enumerate(lines) if line.startswith("note")]
        assert note_rows, lines
        start = note_rows[0]
        following = [line for line in lines[start:] if line.startswith(" " * 13)]
        assert following  # wrapped onto more rows
        assert visual_line("الأخيرة", 20) in lines[start + len(following)]


async def test_tag_all_after_a_capped_live_count_asks_with_the_exact_number(
    app_db: Path,
) -> None:
    app = make_app(app_db, query="قرنفل")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        # As live search leaves it before the count worker is back: a lower bound.
        app.last_result = replace(app.last_result, total=10, total_capped=True)
        await pilot.press("ctrl+t")
        await settle(pilot)
        for _ in range(250):  # the exact count comes from a worker: on a loaded machine, later
            if isinstance(app.screen, TagInputScreen):
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, TagInputScreen)
        prompt = str(app.screen.query_one("#prompt", Label).render())
        assert prompt == "Tag all 40 results"


async def test_tag_all_of_one_result_asks_in_the_singular(app_db: Path) -> None:
    app = make_app(app_db, query="tag:مهم")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        for _ in range(250):  # the count comes from a worker
            if isinstance(app.screen, TagInputScreen):
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, TagInputScreen)
        prompt = str(app.screen.query_one("#prompt", Label).render())
        assert prompt == "Tag the 1 result"  # not "Tag all 1 results"


async def test_the_status_line_shows_arabic_filters_shaped(app_db: Path) -> None:
    app = make_app(app_db, query="tag:مهم قرنفل")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        status = str(app.status.render())
        assert f"filters: tag:{visual_line('مهم', 10)}" in status
        assert "مهم" not in status


async def test_the_live_search_answers_while_facets_are_counted(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Facets of a large result take a while: they count on a connection of their own.
    release = threading.Event()
    real = engine.facet_counts

    def slow(archive: Archive, query: str, limit: int = 20) -> Facets:
        release.wait(10)
        return real(archive, query, limit)

    monkeypatch.setattr(engine, "facet_counts", slow)
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause(0.05)
        app.search_bar.value = "قرنفل"
        for _ in range(200):
            if app.last_result is not None and app.last_result.query == "قرنفل":
                break
            await pilot.pause(0.02)
        release.set()
        assert app.last_result.query == "قرنفل" and app.last_result.total == 40
        await settle(pilot)
        assert not isinstance(app.screen, FacetsScreen)  # they were the old query's


async def test_facets_of_a_large_result_say_how_many_they_counted(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(facets_module, "MAX_MATCHES", 5)
    app = make_app(app_db, query="قرنفل")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FacetsScreen)
        title = str(app.screen.query_one("#facets-title", Label).render())
        assert title == "Facets of the newest 5 of 40 results · Enter adds a filter"


async def test_a_tag_colour_stored_unparsable_does_not_crash_the_app(app_db: Path) -> None:
    with Archive(app_db) as archive:
        with archive.conn:
            archive.conn.execute("UPDATE tags SET color = 'blurple'")
    app = make_app(app_db, query="tag:سوريا")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.document_list.current_hit.tags
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert app.tag_colors["سوريا"] == tags.default_color("سوريا")


async def test_every_line_of_a_wrapped_arabic_note_keeps_the_paragraph_direction(
    app_db: Path,
) -> None:
    # The second line opens with Latin ("[bold]..."): laid out on its own it would be an LTR
    # line, left-aligned and ordered left to right. It belongs to an RTL paragraph.
    note = "تابع [bold]هذا[/bold] لاحقاً مع المصدر"
    with Archive(app_db) as archive:
        first = archive.conn.execute("SELECT id FROM documents ORDER BY date DESC").fetchone()[0]
        notes.set_note(archive, first, note)
    app = make_app(app_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.metadata_pane.query_one(MetadataText)
        value_w = pane.size.width - 13
        want = [line.text for line in layout_body(note, value_w)]
        assert len(want) > 1
        lines = pane.render().plain.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("note"))
        got = [line[13:].ljust(value_w) for line in lines[start : start + len(want)]]
        assert got == want


async def test_the_command_palette_lists_each_action_once(app_db: Path) -> None:
    # h, b, y, n and N are bound on the app and on the body pane: one entry each.
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Harakat", "Bidi mode", "Next match"):
            assert titles.count(title) == 1, titles
        assert not {"Copy text", "Copy"} <= set(titles), titles


def test_the_help_table_shows_keys_as_typed() -> None:

    from tui.app import ArshifApp
    from tui.screens.help import binding_table

    sections = [("Everywhere", [b for b in ArshifApp.BINDINGS if isinstance(b, Binding)])]
    console = Console(width=120, record=True)
    console.print(binding_table(sections, {}))
    text = console.export_text()
    rows = {line.split()[0]: line for line in text.splitlines() if line.strip()}
    assert "Search" in rows["/"] and "Narrow" in rows["<"] and "Help" in rows["?"]
    assert "slash" not in text.replace("app.", "") and "less_than_sign" not in text


async def test_the_save_search_dialog_asks_for_a_search_name(app_db: Path) -> None:
    app = make_app(app_db, query="قرنفل")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        placeholder = app.screen.query_one("#tag-name", Input).placeholder
        assert "search" in placeholder and "tag" not in placeholder


async def test_help_shows_the_query_language_with_note_filters(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert app.screen.query_one("#help-search", Static).display
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(search_table())
    shown = console.export_text()
    assert "note:WORDS" in shown and "has:note" in shown and "resolution:2254" in shown
