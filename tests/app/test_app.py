"""The main screen: opening, live search, moving around, panes and safety."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input

from archive.layout import visual_line
from archive.models import SearchResult
from archive.search.engine import highlight_spans
from archive.store import Archive
from tests.app.conftest import TRICKY_TITLE, settle
from tests.archive_factory import Doc, add_documents
from tui.app import make_app
from tui.widgets.document_list import PAGE_SIZE


def row_text(app, y: int) -> str:
    return app.document_list.render_line(y).text


async def test_opens_newest_first_with_counts_in_status_line(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        lst = app.document_list
        assert lst.total == 46
        dates = [lst.hit_at(i).date for i in range(6)]
        assert dates == sorted(dates, reverse=True) and dates[0] == "2024-01-01"
        assert "46 documents" in str(app.status.render())
        assert app.focused is lst


async def test_query_argument_is_searched_at_start(app_db: Path) -> None:
    app = make_app(app_db, query="قرنفل")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.search_bar.value == "قرنفل"
        assert app.document_list.total == 40
        assert "40 documents" in str(app.status.render())


async def test_typing_updates_the_list_and_clearing_restores_it(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert app.focused is app.search_bar
        await pilot.press(*"قرنفل")
        await settle(pilot)
        assert app.document_list.total == 40
        assert app.document_list.current_hit.title.startswith("خبر قصير")
        app.search_bar.value = ""
        await settle(pilot)
        assert app.document_list.total == 46


async def test_a_stale_result_never_overwrites_a_newer_one(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.search_bar.value = "قرنفل"
        await settle(pilot)
        old = SearchResult("", (), 999, 1.0)
        app._search_done(app.generation - 1, old, False)
        app._search_done(app.generation, old, False)  # answers a query no longer typed
        assert app.document_list.total == 40


async def test_a_rejected_query_shows_its_message_and_keeps_the_list(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.search_bar.value = "date:abc"  # at once: "d", "da"... would be searched too
        await settle(pilot)
        assert "date:abc is not a date" in str(app.status.render())
        assert app.status.has_class("-error")
        assert app.document_list.total == 46
        app.search_bar.focus()
        await pilot.press("end", "backspace", "backspace", "backspace", *"2023")
        await settle(pilot)
        assert not app.status.has_class("-error")
        assert app.document_list.total == 5


async def test_list_keys_move_the_cursor(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        lst = app.document_list
        await pilot.press("j", "down", "j")
        assert lst.cursor == 3
        await pilot.press("k", "up")
        assert lst.cursor == 1
        await pilot.press("G")
        assert lst.cursor == 45
        await pilot.press("g")
        assert lst.cursor == 0
        await pilot.press("end")
        assert lst.cursor == 45
        await pilot.press("home", "pagedown")
        assert lst.cursor > 10
        await pilot.press("pageup")
        assert lst.cursor == 0


async def test_moving_the_cursor_shows_that_document(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        hit = app.document_list.current_hit
        assert app.current_document.id == hit.id
        assert app.metadata_pane.details["id"] == hit.id


async def test_enter_tab_and_escape_move_between_panes(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        assert app.focused is app.body_pane
        await pilot.press("escape")
        assert app.focused is app.document_list
        await pilot.press("tab")
        assert app.focused is app.body_pane
        await pilot.press("shift+tab")
        assert app.focused is app.document_list
        await pilot.press("shift+tab")
        assert app.focused is app.search_bar
        await pilot.press("escape")
        assert app.focused is app.document_list


async def test_enter_in_the_search_bar_goes_to_the_list(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "x", "enter")
        assert app.focused is app.document_list
        assert app.search_bar.value == "x"


async def test_clicking_a_row_selects_it(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.click("#list", offset=(5, 3))
        await settle(pilot)
        assert app.document_list.cursor == 3
        assert app.current_document.id == app.document_list.hit_at(3).id


async def test_list_width_and_metadata_toggle(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        width = app.document_list.size.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert app.document_list.size.width > width
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert app.document_list.size.width < width + 12
        await pilot.press("m")
        await pilot.pause()
        assert not app.metadata_pane.display or app.metadata_pane.size.width == 0
        await pilot.press("m")
        await pilot.pause()
        assert app.metadata_pane.size.width > 0


async def test_narrow_terminal_puts_metadata_under_the_body(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        body, meta = app.body_pane.region, app.metadata_pane.region
        assert meta.y >= body.bottom and meta.width > 0 and body.height > 0


async def test_refresh_shows_documents_added_by_another_process(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        with Archive(app_db) as other:
            add_documents(other, [Doc("جديد", "نص جديد", date="2030-01-01")])
        await pilot.press("r")
        await settle(pilot)
        assert app.document_list.total == 47
        with Archive(app_db) as other:
            add_documents(other, [Doc("أحدث", "نص أحدث", date="2031-01-01")])
        app.watch_archive()  # the periodic check, without waiting two seconds
        await settle(pilot)
        await settle(pilot)
        assert app.document_list.total == 48


async def test_markup_shows_literally_and_escapes_go_whole_in_titles(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.document_list.current_hit.title == TRICKY_TITLE
        row = app.document_list.render_line(0)
        assert "[bold]x[/bold] red" in row.text and "[31m" not in row.text
        assert "\x1b" not in row.text
        assert not any(seg.style and seg.style.link for seg in row)


async def test_a_missing_archive_says_how_to_create_it(tmp_path: Path) -> None:
    app = make_app(tmp_path / "none.db")
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert "arshif import" in str(app.status.render())
        assert not (tmp_path / "none.db").exists()


async def test_a_large_archive_is_fetched_by_pages_on_demand(tmp_path: Path) -> None:
    path = tmp_path / "big.db"
    with Archive(path) as archive:
        add_documents(
            archive, [Doc(f"عنوان {i}", f"نص {i}", date="2020-01-01") for i in range(2500)]
        )
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        lst = app.document_list
        assert lst.total == 2500 and list(lst._pages._data) == [0]
        await pilot.press("G")
        await settle(pilot)
        assert lst.current_hit is not None
        assert set(lst._pages._data) == {0, 2499 // PAGE_SIZE}
        assert len(app.query("*")) < 60  # rows are lines, not widgets


async def test_search_input_keeps_printable_keys(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "q", "t", "f", "u")
        assert app.query_one("#search", Input).value == "qtfu"
        assert app.is_running


async def test_results_arriving_while_the_app_closes_are_dropped(app_db: Path) -> None:
    """Typing then quitting at once: a search, a count or a document can come back from
    its worker after the panes are gone (NoMatches '#status' from run_test's teardown)."""
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        result, hit = app.last_result, app.document_list.current_hit
        document = app.current_document
        assert result is not None and hit is not None and document is not None
        await app.query_one("#status").remove()  # as at shutdown: the panes go
        assert app.closing()
        app._search_done(app.generation, result, False)
        app._count_done(app.generation, result, result.total)
        app._show_document(hit, document, {}, ())
        app._after_change("tagged 1 document(s): x")
        app._launch_search()  # a typing pause ending as the app closes


async def test_q_quits(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_body_highlights_the_query_and_n_N_walk_the_matches(app_db: Path) -> None:
    app = make_app(app_db, query="الرقة")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        spans = app.body_pane.spans
        assert len(spans) > 2
        body = app.body_pane.document.body
        assert tuple(spans) == tuple(highlight_spans(body, "الرقة"))
        assert all("رقة" in body[s.start : s.end] for s in spans)
        await pilot.press("n")
        assert app.body_pane.match_index == 0
        await pilot.press("n")
        assert app.body_pane.match_index == 1
        await pilot.press("N")
        assert app.body_pane.match_index == 0


async def test_harakat_and_bidi_keys_reach_the_body_pane_from_the_list(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.focused is app.document_list
        harakat, mode = app.body_pane.harakat, app.body_pane.bidi_mode
        await pilot.press("h", "b")
        assert app.body_pane.harakat is not harakat
        assert app.body_pane.bidi_mode != mode


async def test_bidi_mode_argument_reaches_the_body_pane(app_db: Path) -> None:
    app = make_app(app_db, bidi_mode="terminal")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.body_pane.bidi_mode == "terminal"


async def test_markup_shows_literally_and_escapes_go_whole_in_a_body(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.current_document.title == TRICKY_TITLE
        strips = [app.body_pane.render_line(y) for y in range(app.body_pane.size.height)]
        shown = "".join(strip.text for strip in strips)
        # an RTL paragraph: runs are reordered, but every bracket shows as text
        for literal in ("[bold]", "[/bold]", "[link=http://e]", "[/link]", "red"):
            assert literal in shown
        assert "[31m" not in shown and "31mred" not in shown
        assert "\x1b" not in shown
        styles = [seg.style for strip in strips for seg in strip if seg.style]
        assert not any(style.link or style.bold for style in styles)


async def test_an_arabic_query_is_shown_shaped_and_right_to_left_in_the_search_bar(
    app_db: Path,
) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        app.search_bar.value = "الرقة [b]"
        app.search_bar.cursor_position = len(app.search_bar.value)
        await settle(pilot)
        shown = app.search_bar.render_line(0).text
        expected = visual_line("الرقة [b]", 100)
        assert expected in shown
        assert shown.rstrip().endswith(expected)  # right-aligned
        assert "الرقة" not in shown  # never the logical, unshaped letters
        app.search_bar.value = "latin only"
        await pilot.pause()
        assert "latin only" in app.search_bar.render_line(0).text


async def test_terminal_bidi_mode_leaves_the_query_logical(app_db: Path) -> None:
    app = make_app(app_db, bidi_mode="terminal")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.search_bar.value = "الرقة"
        await settle(pilot)
        assert "الرقة" in app.search_bar.render_line(0).text


async def test_bidi_mode_key_switches_every_pane_between_shaped_and_logical(
    app_db: Path,
) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        app.search_bar.value = "الرقة"
        await settle(pilot)
        assert "الرقة" not in app.search_bar.render_line(0).text
        shaped_row = app.document_list.render_line(0).text
        assert not any("\u0621" <= ch <= "\u064a" for ch in shaped_row), shaped_row
        app.document_list.focus()
        await pilot.press("b")
        await settle(pilot)
        assert app.bidi_mode == "terminal" and app.body_pane.bidi_mode == "terminal"
        assert "الرقة" in app.search_bar.render_line(0).text
        first_row = app.document_list.render_line(0).text
        assert any("\u0621" <= ch <= "\u064a" for ch in first_row), first_row  # logical letters
        await pilot.press("b")
        await settle(pilot)
        assert app.bidi_mode == "app"
        assert "الرقة" not in app.search_bar.render_line(0).text


async def test_bidi_mode_key_on_the_body_pane_switches_the_other_panes_too(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        app.body_pane.focus()
        await pilot.press("b")
        await settle(pilot)
        assert app.body_pane.bidi_mode == "terminal"
        assert app.bidi_mode == "terminal" and app.document_list.bidi_mode == "terminal"


async def test_a_capped_count_shows_as_such_and_the_exact_count_follows(
    tmp_path: Path, monkeypatch
) -> None:
    import tui.app

    path = tmp_path / "many.db"
    with Archive(path) as archive:
        add_documents(
            archive,
            [Doc(f"عنوان {i}", f"اجتماع في الرقة {i}", date="2020-01-01") for i in range(250)],
        )
    monkeypatch.setattr(tui.app, "COUNT_LIMIT", 10)
    shown: list[str] = []
    app = make_app(path, query="date:2020")  # no full-text part: the page does not count
    async with app.run_test(size=(120, 30)) as pilot:
        original = app.status.show_result

        def spy(result: SearchResult, **kw) -> None:
            shown.append(f"{result.total}{'+' if result.total_capped else ''}")
            original(result, **kw)

        app.status.show_result = spy  # type: ignore[method-assign]
        app.action_refresh()
        await settle(pilot)
        # the list came first, its count capped (at a full page: COUNT_LIMIT is below it)
        assert shown[-2:] == [f"{PAGE_SIZE}+", "250"]
        assert app.document_list.total == 250
        assert app.last_result is not None and not app.last_result.total_capped
        assert app.last_result.total == 250
        assert str(app.status.render()).startswith("250 documents")


async def test_the_exact_count_split_over_two_connections_follows_a_capped_list(
    tmp_path: Path, monkeypatch
) -> None:
    """The app's count worker (engine.count) with the count split over the archive's two
    connections, as on a large archive (archive.search.split, forced here)."""
    import tui.app
    from archive.search import page, split

    path = tmp_path / "many.db"
    with Archive(path) as archive:
        add_documents(
            archive,
            [Doc(f"عنوان {i}", f"اجتماع في الرقة {i}", date=f"20{10 + i % 12}-01-01")
             for i in range(250)],
        )  # fmt: skip
    monkeypatch.setattr(tui.app, "COUNT_LIMIT", 10)
    monkeypatch.setattr(split, "SPLIT_MIN_DOCUMENTS", 0)
    monkeypatch.setattr(split, "PROBE_MATCHES", 2)
    monkeypatch.setattr(page, "BM25_MAX_ROWS", 2)  # the page does not count its matches
    app = make_app(path, query="الرقة")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.last_result is not None and app.last_result.total == 250
        assert not app.last_result.total_capped
        assert str(app.status.render()).startswith("250 documents")


async def test_a_stale_exact_count_never_overwrites_a_newer_result(tmp_path: Path) -> None:
    path = tmp_path / "many.db"
    with Archive(path) as archive:
        add_documents(archive, [Doc(f"عنوان {i}", f"نص {i}", date="2020-01-01") for i in range(5)])
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        old = app.last_result
        assert old is not None and old.total == 5
        app.search_bar.value = "عنوان 3"
        await settle(pilot)
        newer = app.last_result
        app._count_done(app.generation - 1, old, 999)  # a count for the previous query
        app._count_done(app.generation, old, 999)  # or for a result no longer shown
        assert app.last_result is newer and app.document_list.total == newer.total


async def test_a_row_kept_across_resets_still_shows_its_new_tags(tmp_path: Path) -> None:
    from archive import tags

    path = tmp_path / "rows.db"
    with Archive(path) as archive:
        ids = add_documents(archive, [Doc("عنوان أول", "نص", date="2020-01-02")])
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        before = row_text(app, 0)
        assert "عاجل" not in before
        with Archive(path) as archive:
            tags.add_tags(archive, ids, ["عاجل"])
        app.action_refresh()
        await settle(pilot)
        after = row_text(app, 0)
        assert after != before and visual_line("عاجل", 16) in after
        assert app.document_list.painted_generation == app.document_list.generation


async def test_a_provisional_list_is_replaced_by_the_ranked_one(app_db: Path, monkeypatch) -> None:
    """Where ranking is dear (a word in very many documents) the keystroke's list comes
    newest first, marked provisional; the ranked list follows in its place."""
    from archive.search import engine, page

    monkeypatch.setattr(page, "BM25_DEAR_DOCUMENTS", 2)  # this small archive's words count
    with Archive(app_db) as archive:
        ranked = [h.id for h in engine.search(archive, "مجلس", limit=30).hits]
        newest = [h.id for h in engine.search(archive, "مجلس", limit=30, sort="date").hits]
    assert ranked != newest  # the test needs the two orders to differ
    app = make_app(app_db)
    shown: list[SearchResult] = []
    async with app.run_test(size=(120, 30)) as pilot:
        done = app._search_done
        monkeypatch.setattr(
            app,
            "_search_done",
            lambda g, r, keep_cursor: (shown.append(r), done(g, r, keep_cursor)),
        )
        await settle(pilot)
        await pilot.press("slash", *"مجلس")
        await settle(pilot)
        mine = [r for r in shown if r.query == "مجلس"]
        assert [r.provisional for r in mine] == [True, False]
        assert not app.last_result.provisional
        listed = [app.document_list.hit_at(i).id for i in range(len(ranked))]
        assert listed == ranked


async def test_list_columns_stay_two_cells_apart_at_every_width(app_db: Path) -> None:
    """A date, a source and a title one space apart read as one run of text to a screen
    reader of the terminal (and to a bidi check of the capture): a full title or source
    cell keeps two cells between it and the next column."""
    with Archive(app_db) as archive:
        add_documents(
            archive,
            [
                Doc(
                    "الدعم السريع تشدد حصارها على الفاشر والأمم المتحدة تحذر من مجاعة واسعة",
                    "نص",
                    date="2035-01-01",
                    source="وكالة الصحافة الفرنسية للأنباء",
                )
            ],
        )
    for size in ((80, 24), (200, 30)):
        app = make_app(app_db)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            row = row_text(app, 0)
            assert row.startswith("2035-01-01  "), row
            fields = [f for f in re.split(r" {2,}", row.strip()) if f]
            assert fields[0] == "2035-01-01"
            if app.document_list.size.width >= 60:
                assert len(fields) >= 3, row  # date, source, title: three columns


async def test_a_document_timer_that_fires_as_the_app_closes_does_nothing(app_db: Path) -> None:
    # Typing then quitting within DOCUMENT_DELAY_S: the timer's callback ran with no screen
    # left and raised ScreenStackError (seen as a failed run of the test above)
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        hit = app.document_list.hit_at(0)
    assert hit is not None
    app._load_after_pause(hit)  # the screen stack is empty now


async def test_keys_typed_right_after_slash_go_to_the_search_bar(app_db: Path) -> None:
    """Over SSH keys arrive together: "/tag" must not open the tag dialog with its "t", nor
    "/q" quit. The search bar has the focus before the next key is read."""
    from textual import events

    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.focused is app.document_list
        for key, char in (("slash", "/"), ("t", "t"), ("a", "a"), ("q", "q")):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert app.search_bar.value == "taq"
        assert len(app.screen_stack) == 1  # no tag or note dialog opened


async def test_slash_is_typed_in_the_search_bar_and_in_dialogs(app_db: Path) -> None:
    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "a", "slash", "b")
        await settle(pilot)
        assert app.search_bar.value == "a/b"
        app.search_bar.value = ""
        await settle(pilot)
        await pilot.press("escape", "t")
        await settle(pilot)
        assert len(app.screen_stack) == 2  # the tag dialog
        await pilot.press("x", "slash", "y")
        assert app.screen.focused.value == "x/y"


async def test_editing_keys_read_with_letters_act_in_order(app_db: Path) -> None:
    """Keys read together ("abc⌫d", "x ctrl+u قرن") edit the query in the order typed."""
    from textual import events

    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        for key, char in (("a", "a"), ("b", "b"), ("c", "c"), ("backspace", None), ("d", "d")):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert app.search_bar.value == "abd"
        for key, char in (("ctrl+u", None), ("ق", "ق"), ("ر", "ر"), ("ن", "ن")):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert app.search_bar.value == "قرن"


async def test_keys_read_with_the_enter_that_ends_a_query_go_to_the_list(app_db: Path) -> None:
    """Over SSH "قرنفل⏎jj" arrives in one read: enter hands the keys after it to the list
    (they move its cursor) instead of leaving them in the query."""
    from textual import events

    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        for char in "قرنفل":
            await pilot.press(char)
        await settle(pilot)
        assert app.document_list.total >= 3
        start = app.document_list.cursor
        for key, char in (("enter", "\r"), ("j", "j"), ("j", "j")):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert app.search_bar.value == "قرنفل"
        assert app.focused is app.document_list
        assert app.document_list.cursor == start + 2


async def test_keys_read_with_enter_before_the_results_move_the_cursor_in_them(
    app_db: Path,
) -> None:
    """Over SSH "/قرنفل⏎jj" arrives in one read, before any result of the query: the
    cursor moves from the top, and the results, when they come, keep it there."""
    from textual import events

    app = make_app(app_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        keys = [("slash", "/"), *((c, c) for c in "قرنفل"), ("enter", "\r"), ("j", "j"), ("j", "j")]
        for key, char in keys:
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert app.search_bar.value == "قرنفل"
        assert app.document_list.query_text == "قرنفل"
        assert app.focused is app.document_list
        assert app.document_list.cursor == 2
