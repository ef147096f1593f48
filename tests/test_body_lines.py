"""BodyLines: the body pane's rows, laid out around the reading position first."""

from __future__ import annotations

from archive.layout import layout_body
from tui.widgets import body_lines
from tui.widgets.body_lines import BodyLines

# Paragraphs of different lengths (so the row estimate is wrong), one of numbers alone (its
# direction comes from the paragraph before it) and an English one.
PARAGRAPHS = [
    f"الفقرة {i} " + "نص طويل " * (3 + (i * 7) % 23) if i % 9 else f"{i}/11/2023"
    for i in range(120)
]
PARAGRAPHS[50] = "An English paragraph in the middle of an Arabic article."
PARAGRAPHS[51] = "12 345"
BODY = "\n".join(PARAGRAPHS)
WIDTH = 40


def texts(lines) -> list[tuple[str, int, int]]:
    return [(line.text, line.start, line.end) for line in lines]


def test_window_lays_out_only_the_paragraphs_at_the_reading_position() -> None:
    layout = BodyLines(BODY, WIDTH, True, "app")
    anchor = BODY.index("الفقرة 80 ")
    row = layout.open_window(anchor, 10)
    assert layout.done == 0 and layout.lines == []
    window = layout.window
    assert window is not None and window.first == 80 and window.stop - window.first <= 10
    top = layout.line(row)
    assert top is not None and top.start <= anchor < top.end


def test_prefix_takes_the_window_rows_and_reports_how_far_they_moved() -> None:
    layout = BodyLines(BODY, WIDTH, True, "app")
    anchor = BODY.index("الفقرة 80 ")
    estimated = layout.open_window(anchor, 10)
    layout.finish()
    assert layout.window is None and layout.complete
    exact = layout.row_of(anchor)
    assert layout.take_shift() == exact - estimated != 0
    assert layout.take_shift() == 0
    assert texts(layout.lines) == texts(layout_body(BODY, WIDTH))
    assert layout.row_count() == len(layout.lines)


def test_window_after_a_paragraph_of_numbers_alone_keeps_its_direction() -> None:
    laid = BodyLines(BODY, WIDTH, True, "app")
    laid.open_window(BODY.index("12 345"), 5)  # numbers alone after an English paragraph
    laid.finish()
    assert texts(laid.lines) == texts(layout_body(BODY, WIDTH))
    row = laid.row_of(BODY.index("12 345"))
    assert not laid.lines[row].rtl  # LTR like the English paragraph before it


def test_match_outside_the_window_finishes_the_layout_first() -> None:
    layout = BodyLines(BODY, WIDTH, True, "app")
    estimated = layout.open_window(BODY.index("الفقرة 80 "), 10)
    early = BODY.index("الفقرة 3 ")
    row = layout.row_of(early)
    assert layout.complete
    assert layout.lines[row].start <= early < layout.lines[row].end
    assert layout.take_shift() == layout.row_of(BODY.index("الفقرة 80 ")) - estimated


def test_rows_between_the_prefix_and_the_window_are_laid_out_on_demand() -> None:
    layout = BodyLines(BODY, WIDTH, True, "app")
    layout.open_window(BODY.index("الفقرة 100 "), 10)
    line = layout.line(5)
    want = layout_body(BODY, WIDTH)[5]
    assert line is not None and (line.text, line.start) == (want.text, want.start)
    assert layout.done < 100 and layout.window is not None  # the window still stands


def test_a_huge_paragraph_waits_for_its_rows_and_shows_its_beginning(monkeypatch) -> None:
    monkeypatch.setattr(body_lines, "HUGE", 3_000)
    monkeypatch.setattr(body_lines, "PREVIEW", 1_000)
    huge = " ".join(f"كلمة{i % 10} (نص) 12" for i in range(400))
    body = "\n".join([PARAGRAPHS[1], huge, PARAGRAPHS[2]])
    full = layout_body(body, WIDTH)
    layout = BodyLines(body, WIDTH, True, "app")
    layout.finish()
    assert layout.blocked() == 1 and layout.done == 1 and not layout.complete
    preview = layout.preview()
    first = len(layout.lines)
    assert 5 < len(preview) < len(full)
    assert texts(preview) == texts(full[first : first + len(preview)])
    shown = layout.line(first + 2)
    assert shown is not None and shown.text == full[first + 2].text
    assert layout.install(2, []) is False  # not the paragraph it waits for
    assert layout.install(1, layout.rows_for(1, layout.rtl))
    layout.finish()
    assert layout.complete and texts(layout.lines) == texts(full)
