"""The library traps the layout engine exists to avoid: each test pins the library's
behaviour (so we notice if it changes) and checks that our engine gets the case right."""

from __future__ import annotations

import arabic_reshaper
import pytest
from bidi import get_display
from bidi.algorithm import get_display as python_get_display
from rich.cells import cell_len

from archive.layout import layout_body, visual_line
from archive.layout.shape import shape


def test_rust_get_display_does_not_mirror_brackets_but_we_do() -> None:
    text = "عربي (نص) 123"
    assert get_display(text) == "123 )صن( يبرع"  # parentheses point the wrong way
    assert visual_line(text, 40) == "123 (ﺺﻧ) ﻲﺑﺮﻋ"


def test_rust_get_display_scrambles_newlines_but_we_keep_paragraphs() -> None:
    text = "سطر أول\nسطر ثان"
    assert get_display(text) == "\nلوأ رطسناث رطس"  # one "paragraph", newline moved first
    lines = layout_body(text, 20)
    assert [line.text.strip() for line in lines] == ["ﻝﻭﺃ ﺮﻄﺳ", "ﻥﺎﺛ ﺮﻄﺳ"]


def test_python_bidi_algorithm_fails_bracket_pairs_but_we_resolve_them() -> None:
    text = "عربي abc (def) عربي"
    # without N0 the closing parenthesis resolves RTL and ends up on the wrong side
    assert python_get_display(text) == "يبرع (abc (def يبرع"
    assert visual_line(text, 40) == "ﻲﺑﺮﻋ abc (def) ﻲﺑﺮﻋ"


def test_python_bidi_algorithm_fails_isolates_but_we_resolve_them() -> None:
    text = "قال \u2066Microsoft 365\u2069 للصحفيين"
    with pytest.raises(AssertionError):
        python_get_display(text)
    assert visual_line(text, 60) == "ﻦﻴﻴﻔﺤﺼﻠﻟ Microsoft 365 ﻝﺎﻗ"


def test_reshaper_deletes_harakat_by_default_but_we_keep_them() -> None:
    assert arabic_reshaper.reshape("مُحَمَّد") == "ﻣﺤﻤﺪ"
    assert visual_line("مُحَمَّد", 10) == "ﺪﻤَّﺤَﻣُ"


def test_reshaper_raises_on_zwj_before_lam_alef_but_we_do_not() -> None:
    with pytest.raises(IndexError):
        arabic_reshaper.reshape("م\u200d لا")
    assert visual_line("م\u200d لا", 10) == "ﻻ ﻡ"


def test_our_letter_forms_are_arabic_reshapers_own() -> None:
    reshaper = arabic_reshaper.ArabicReshaper(
        configuration={"delete_harakat": False, "support_ligatures": False}
    )
    text = "في خطوة هامة نحو تعزيز العملية السياسية، مُحَمَّدٌ ولأن الإدارة آلية ـ ئ ؤ ء"
    assert shape(text) == reshaper.reshape(text)


def test_reshaper_ligates_across_harakat_and_allah_but_we_follow_fribidi() -> None:
    reshaper = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})
    assert "\ufefc" in reshaper.reshape("فعلًا")  # lam-alef built over the tanween
    assert "\ufdf2" in reshaper.reshape("الله")  # the ALLAH ligature is on by default
    assert "\ufefc" not in visual_line("فعلًا", 10)
    assert "\ufdf2" not in visual_line("الله", 10)
    assert "\ufefc" in visual_line("فعلا", 10)


def test_rich_counts_zwj_as_joining_so_we_strip_it() -> None:
    assert cell_len("م\u200dل") == 1  # Rich joins the letters into one cell
    line = layout_body("م\u200dل", 5)[0]
    assert "\u200d" not in line.text
    assert cell_len(line.text) == 5 == len(line.offsets)
