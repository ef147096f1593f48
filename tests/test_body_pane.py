"""The body pane in a tiny app (App.run_test + Pilot)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from archive.layout import layout_body, visual_line
from archive.models import Document, Span
from tui.widgets import body_lines
from tui.widgets.body_lines import BodyLines
from tui.widgets.body_pane import BodyPane, is_subheading

SAMPLE = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))[0]


def document(body: str, **fields) -> Document:
    return Document(id=fields.pop("id", 1), path="a.txt", title="t", body=body, **fields)


class PaneApp(App[None]):
    def __init__(self, bidi_mode: str = "app") -> None:
        super().__init__()
        self.bidi_mode = bidi_mode
        self.matches: list[tuple[int, int]] = []

    def compose(self) -> ComposeResult:
        yield BodyPane(id="body", bidi_mode=self.bidi_mode)

    def on_body_pane_match_changed(self, event: BodyPane.MatchChanged) -> None:
        self.matches.append((event.index, event.total))


def screen_rows(app: App, count: int) -> list[str]:
    """The text of the first `count` rows of the screen."""
    strips = [app.screen._compositor.render_strips()[y] for y in range(count)]  # noqa: SLF001
    return ["".join(seg.text for seg in strip) for strip in strips]


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


async def test_first_row_shows_the_first_words_in_visual_order() -> None:
    body = SAMPLE.read_text(encoding="utf-8")
    app = PaneApp()
    async with app.run_test(size=(70, 20)) as pilot:
        pane = app.query_one(BodyPane)
        pane.show(document(body))
        await pilot.pause()
        first = screen_rows(app, 1)[0]
        title_words = body.split("\n")[0].split()[:3]
        assert visual_line(" ".join(title_words), 70) in first
        assert first.rstrip().endswith(visual_line(title_words[0], 20))  # right-aligned


async def test_n_and_shift_n_scroll_to_the_matches() -> None:
    paragraphs = [f"فقرة رقم {i} من النص الطويل الذي يملأ الشاشة." for i in range(60)]
    body = "\n".join(paragraphs)
    target = body.index("فقرة رقم 45")
    early = body.index("فقرة رقم 2 ")
    app = PaneApp()
    async with app.run_test(size=(60, 12)) as pilot:
        pane = app.query_one(BodyPane)
        pane.show(document(body), [Span(target, target + 4), Span(early, early + 4)])
        pane.focus()
        await pilot.pause()
        await pilot.press("n")
        assert pane.match_index == 0 and pane.scroll_y == 0  # the early match is on screen
        await pilot.press("n")
        assert pane.match_index == 1
        row = next(i for i, line in enumerate(pane.lines) if line.start <= target < line.end)
        assert pane.scroll_y <= row < pane.scroll_y + pane.size.height
        await pilot.press("N")
        assert pane.match_index == 0
        assert app.matches == [(0, 2), (1, 2), (0, 2)]


async def test_matches_are_highlighted_on_their_cells() -> None:
    body = "أعلنت الحكومة السورية الجديدة عن خطة"
    start = body.index("السورية")
    app = PaneApp()
    async with app.run_test(size=(50, 5)) as pilot:
        pane = app.query_one(BodyPane)
        pane.show(document(body), [Span(start, start + len("السورية"))])
        await pilot.pause()
        strip = pane.render_line(0)
        match_bg = pane.get_component_rich_style("body-pane--match", partial=True).bgcolor
        lit = "".join(seg.text for seg in strip if seg.style and seg.style.bgcolor == match_bg)
        assert nfkc(lit)[::-1] == "السورية"


async def test_harakat_toggle_hides_and_shows_the_marks() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 5)) as pilot:
        pane = app.query_one(BodyPane)
        pane.show(document("مُحَمَّدٌ رَسُولُ اللهِ"))
        pane.focus()
        await pilot.pause()
        assert "\u064f" in pane.lines[0].text
        await pilot.press("h")
        await pilot.pause()
        assert pane.harakat is False
        assert "\u064f" not in pane.lines[0].text
        await pilot.press("h")
        assert "\u064f" in pane.lines[0].text


async def test_bidi_mode_toggle_switches_to_logical_text() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 5)) as pilot:
        pane = app.query_one(BodyPane)
        pane.show(document("في خطوة هامة"))
        pane.focus()
        await pilot.pause()
        assert pane.lines[0].text.strip() == visual_line("في خطوة هامة", 40)
        await pilot.press("b")
        assert pane.bidi_mode == "terminal"
        assert pane.lines[0].text.rstrip() == "في خطوة هامة"


async def test_markup_is_shown_literally_and_escape_sequences_are_dropped_whole() -> None:
    body = "[bold red]not bold[/] \x1b[31mred?\x1b[0m [link=http://x]x[/link]\x1b]0;t\x07"
    app = PaneApp()
    async with app.run_test(size=(80, 5)) as pilot:
        pane = app.query_one(BodyPane)
        pane.show(document(body))
        await pilot.pause()
        row = screen_rows(app, 1)[0]
        assert row.rstrip() == "[bold red]not bold[/] red? [link=http://x]x[/link]"
        strip = pane.render_line(0)
        assert all(not (seg.style and seg.style.bold) for seg in strip)
        assert "\x1b" not in "".join(seg.text for seg in strip)


async def test_copy_puts_the_logical_body_on_the_clipboard() -> None:
    body = "لا سلام مُحَمَّد (نص)"
    app = PaneApp()
    async with app.run_test(size=(40, 5)) as pilot:
        pane = app.query_one(BodyPane)
        pane.show(document(body))
        pane.focus()
        await pilot.press("y")
        assert app.clipboard == body


async def test_subheadings_and_boilerplate_get_their_styles() -> None:
    body = "مقدمة الخبر هنا، وهي جملة طويلة بما يكفي لتكون فقرة.\nمشاركة جميع فئات المجتمع\nتابعونا على تويتر."
    tail = body.index("تابعونا")
    app = PaneApp()
    async with app.run_test(size=(80, 6)) as pilot:
        pane = app.query_one(BodyPane)
        pane.show(document(body, boilerplate=(Span(tail, len(body)),)))
        await pilot.pause()
        heading = pane.get_component_rich_style("body-pane--heading", partial=True)
        dim = pane.get_component_rich_style("body-pane--boilerplate", partial=True)
        assert not any(seg.style.bold for seg in pane.render_line(0) if seg.text.strip())
        assert all(seg.style.bold for seg in pane.render_line(1) if seg.text.strip())
        assert heading.bold
        boiler = [seg for seg in pane.render_line(2) if seg.text.strip()]
        assert boiler and all(seg.style.color == dim.color for seg in boiler)


def test_subheading_rule_is_short_and_unpunctuated() -> None:
    assert is_subheading("مشاركة جميع فئات المجتمع")
    assert not is_subheading("وقال إن الاجتماع كان ناجحاً.")
    assert not is_subheading("")
    assert not is_subheading("11/01/2023")
    assert not is_subheading(" ".join(["كلمة"] * 15))


async def test_resize_relays_out_and_keeps_the_reading_position() -> None:
    body = "\n".join(f"الفقرة {i} " + "نص " * 30 for i in range(40))
    app = PaneApp()
    async with app.run_test(size=(80, 10)) as pilot:
        pane = app.query_one(BodyPane)
        pane.show(document(body))
        await pilot.pause()
        pane.scroll_to(y=30, animate=False, immediate=True)
        await pilot.pause()
        anchor = pane.lines[int(pane.scroll_y)].start
        await pilot.resize_terminal(50, 10)
        await pilot.pause()
        assert all(len(line.offsets) == pane.scrollable_content_region.width for line in pane.lines)
        top = pane.lines[int(pane.scroll_y)]
        assert top.start <= anchor < top.end or abs(top.start - anchor) < 60


LONG_BODY = "\n".join(f"الفقرة {i} " + "نص طويل " * (3 + (i * 7) % 23) for i in range(300))


async def test_resize_deep_in_a_body_lays_out_the_screen_first_and_keeps_the_top_text(
    monkeypatch,
) -> None:
    opened: list[tuple[int, int]] = []
    open_window = BodyLines.open_window

    def spy(self: BodyLines, offset: int, rows: int) -> int:
        row = open_window(self, offset, rows)
        window = self.window
        opened.append((self.done, window.first if window else -1))
        return row

    monkeypatch.setattr(BodyLines, "open_window", spy)
    app = PaneApp()
    async with app.run_test(size=(80, 12)) as pilot:
        pane = app.query_one(BodyPane)
        pane.show(document(LONG_BODY))
        await pilot.pause()
        pane.scroll_to(y=900, animate=False, immediate=True)
        await pilot.pause()
        top = pane.lines[round(pane.scroll_y)]
        anchor = top.start
        await pilot.resize_terminal(50, 12)
        await pilot.pause()
        # the paragraphs at the reading position were laid out before those above them
        assert opened and opened[-1][0] < opened[-1][1]
        for _ in range(50):  # the rest follows in slices between turns of the event loop
            if pane._layout is not None and pane._layout.complete:  # noqa: SLF001
                break
            await pilot.pause(0.01)
        row = round(pane.scroll_y)
        line = pane.lines[row]
        assert line.start <= anchor < line.end
        assert pane.virtual_size.height == len(pane.lines)  # the scrollbar's range is exact
        assert screen_rows(app, 1)[0].rstrip() == line.text.rstrip()


async def test_harakat_toggle_deep_in_a_body_keeps_the_top_text() -> None:
    body = "\n".join(f"الفقرةُ {i} " + "نصٌّ طويلٌ " * (3 + i % 17) for i in range(200))
    app = PaneApp()
    async with app.run_test(size=(60, 10)) as pilot:
        pane = app.query_one(BodyPane)
        pane.show(document(body))
        pane.focus()
        await pilot.pause()
        pane.scroll_to(y=500, animate=False, immediate=True)
        await pilot.pause()
        anchor = pane.lines[round(pane.scroll_y)].start
        await pilot.press("h")
        await pilot.pause(0.2)
        line = pane.lines[round(pane.scroll_y)]
        assert not pane.harakat
        assert line.start <= anchor < line.end
        assert "\u064f" not in line.text  # the harakat are gone from what is shown


async def test_a_huge_paragraph_is_laid_out_in_a_worker_and_its_beginning_shown_first(
    monkeypatch,
) -> None:
    monkeypatch.setattr(body_lines, "HUGE", 3_000)
    monkeypatch.setattr(body_lines, "PREVIEW", 1_000)
    huge = " ".join(f"كلمة{i % 10} نص" for i in range(1500))
    body = "\n".join([huge, "فقرة قصيرة بعدها."])
    app = PaneApp()
    async with app.run_test(size=(60, 10)) as pilot:
        pane = app.query_one(BodyPane)
        pane.show(document(body))
        layout = pane._layout  # noqa: SLF001
        assert layout is not None and layout.blocked() == 0  # not laid out on the event loop
        first = layout.line(0)
        assert first is not None and first.start == 0  # its beginning is ready to show
        for _ in range(100):
            await pilot.pause(0.02)
            if layout.complete:
                break
        assert layout.complete
        width = pane.scrollable_content_region.width
        assert [line.text for line in pane.lines] == [
            line.text for line in layout_body(body, width)
        ]
        assert pane.virtual_size.height == len(pane.lines)
        assert screen_rows(app, 1)[0].rstrip() == pane.lines[0].text.rstrip()


async def test_after_a_resize_deep_in_a_body_n_reaches_an_early_match_and_home_the_top() -> None:
    early = LONG_BODY.index("الفقرة 3 ")
    app = PaneApp()
    async with app.run_test(size=(80, 12)) as pilot:
        pane = app.query_one(BodyPane)
        pane.show(document(LONG_BODY), [Span(early, early + 6)])
        pane.focus()
        await pilot.pause()
        pane.scroll_to(y=900, animate=False, immediate=True)
        await pilot.pause()
        await pilot.resize_terminal(50, 12)
        await pilot.press("n")  # at once, whether or not the rest is laid out yet
        row = round(pane.scroll_y)
        shown = [pane.lines[r] for r in range(row, row + pane.size.height)]
        assert any(line.start <= early < line.end for line in shown)
        await pilot.resize_terminal(70, 12)
        await pilot.press("home")
        await pilot.pause()
        assert pane.scroll_y == 0
        assert screen_rows(app, 1)[0].rstrip() == pane.lines[0].text.rstrip()
        assert pane.lines[0].start == 0


async def test_a_failure_laying_out_a_huge_paragraph_is_not_swallowed(monkeypatch) -> None:
    monkeypatch.setattr(body_lines, "HUGE", 3_000)
    monkeypatch.setattr(body_lines, "PREVIEW", 1_000)

    def broken(self: BodyLines, index: int, neutral_rtl: bool) -> list:
        raise ValueError("layout bug")

    monkeypatch.setattr(BodyLines, "rows_for", broken)
    app = PaneApp()
    with pytest.raises(ValueError, match="layout bug"):
        async with app.run_test(size=(60, 10)) as pilot:
            app.query_one(BodyPane).show(document(" ".join(["كلمة"] * 2000)))
            for _ in range(50):
                await pilot.pause(0.02)
