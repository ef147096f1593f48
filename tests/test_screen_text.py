"""Prompts and notifications that quote Arabic: wrapped in logical order, then reordered."""

from __future__ import annotations

import pytest

from archive.layout import visual_line
from tui.screen_text import for_screen


def test_english_text_is_left_alone() -> None:
    assert for_screen("tagged 3 document(s): urgent", 20) == "tagged 3 document(s): urgent"


def test_terminal_mode_leaves_arabic_logical() -> None:
    assert for_screen("tag عاجل?", 40, mode="terminal") == "tag عاجل?"


def test_a_quoted_arabic_name_is_shaped_in_place() -> None:
    assert for_screen("tagged 1 document(s): ليبيا", 40) == (
        f"tagged 1 document(s): {visual_line('ليبيا', 40)}"
    )


def test_a_long_arabic_quote_wraps_in_reading_order() -> None:
    text = "Name this search: مجلس الأمن يمدد ولاية البعثة في ليبيا لعام إضافي"
    lines = for_screen(text, 30).split("\n")
    assert len(lines) > 1
    assert all(len(line) <= 30 for line in lines)
    # The first line ends with the first Arabic words, the last line holds the last ones.
    assert visual_line("مجلس", 10) in lines[0]
    assert visual_line("إضافي", 10) in lines[-1]


@pytest.mark.parametrize(
    "text", ["place:السعودية", "tagged 1 document(s): انتخابات-الرئاسة-الأمريكية"]
)
def test_the_apps_english_texts_keep_their_left_to_right_direction(text: str) -> None:
    # Document text that is mostly Arabic reads right-to-left even after a Latin word; the
    # app's own words quoting Arabic (a filter in the status line, a toast) stay as typed.
    shown = for_screen(text, 100)
    assert shown.startswith(text.split(":")[0] + ":")
