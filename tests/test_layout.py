"""Behaviour of the layout engine: wrapping, alignment, direction, maps, modes, one-liners."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

from archive.layout import is_rtl, layout_body, visual_line

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))
HARAKAT = re.compile("[\u064b-\u065f\u0670]")


def base_letters(text: str) -> str:
    """Presentation forms back to letters, harakat dropped (what the words are)."""
    return HARAKAT.sub("", unicodedata.normalize("NFKC", text))


def logical_words(lines, text: str) -> list[str]:
    """The words of the lines read top-down, recovered through the offset maps."""
    words = []
    for line in lines:
        covered = sorted(
            {k for a, b in zip(line.offsets, line.ends, strict=True) if a >= 0 for k in range(a, b)}
        )
        chars = "".join(text[k] for k in covered)
        words += chars.split()
    return words


@pytest.mark.parametrize("width", (20, 40, 57, 80, 120))
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name[:3])
def test_lines_read_top_down_give_the_paragraph_words_in_order(sample: Path, width: int) -> None:
    text = sample.read_text(encoding="utf-8")
    lines = layout_body(text, width)
    assert all(cell_len(line.text) == width for line in lines)
    for index, para in enumerate(text.split("\n")):
        mine = [line for line in lines if line.paragraph == index]
        assert logical_words(mine, text) == para.split()


def test_visual_rows_show_the_words_right_to_left_top_down() -> None:
    text = "كتب الصحفي مقالة طويلة عن الحرب في غزة"
    lines = layout_body(text, 12)
    shown = [base_letters(line.text).split()[::-1] for line in lines]
    assert [w[::-1] for row in shown for w in row] == base_letters(text).split()
    assert lines[0].text.rstrip() == lines[0].text  # right-aligned: the padding is on the left
    assert lines[0].text.startswith(" ")


def test_ltr_paragraph_is_left_aligned_and_keeps_its_direction() -> None:
    line = layout_body("Breaking news: عاجل from Gaza", 40)[0]
    assert not line.rtl
    assert line.indent == 0
    assert line.text.startswith("Breaking news: ")
    assert line.text.rstrip().endswith("from Gaza")


def test_base_direction_is_the_first_strong_character_for_the_whole_paragraph() -> None:
    lines = layout_body("2024: قال Biden إن المحادثات ستستأنف غدا في القاهرة", 14)
    assert all(line.rtl for line in lines)
    assert is_rtl("123 «عربي» English") and not is_rtl("«English» عربي")


def test_line_starting_with_a_number_uses_the_context_of_the_line_before() -> None:
    # After Arabic letters "10-20" is an Arabic number pair (W2) and shows as 20-10, as it
    # does inside the paragraph; on its own the line would show 10-20.
    text = "ارتفع المؤشر 10-20 نقطة"
    narrow = layout_body(text, 13)
    row = narrow[1]
    assert row.start == text.index("10-20")  # the row starts (logically) with the number
    assert "20-10" in row.text
    assert "20-10" in visual_line(text, 80)


def test_brackets_are_mirrored_in_right_to_left_runs_only() -> None:
    shown = visual_line("قالت (الوكالة) و«المصدر» [رسمي] {تقدير} <هنا> and (ok)", 200)
    assert "(ok)" in shown
    # logical "(الوكالة)" reads right to left: its "(" is on the right, drawn as ")"
    assert "(ﺔﻟﺎﻛﻮﻟﺍ)" in shown and "«ﺭﺪﺼﻤﻟﺍ»ﻭ" in shown
    assert "[ﻲﻤﺳﺭ]" in shown and "{ﺮﻳﺪﻘﺗ}" in shown and "<ﺎﻨﻫ>" in shown


def test_a_word_wider_than_the_pane_is_broken_not_lost() -> None:
    word = "ال" + "مستشفيات" * 4
    lines = layout_body(f"في {word} غدا", 10)
    assert all(cell_len(line.text) == 10 for line in lines)
    covered = sorted(o for line in lines for o in line.offsets if o >= 0)
    text = f"في {word} غدا"
    letters = [i for i, ch in enumerate(text) if ch != " "]
    assert set(letters) <= set(covered) | {i + 1 for i in covered if text[i] == "ل"}


def test_compatibility_characters_show_as_what_they_stand_for() -> None:
    # "…" as three dots, a no-break space as a space that still does not break, legacy
    # presentation forms and lam-alef ligatures re-shaped like the letters they stand for
    text = "انتظر…\xa0الآن ﻣﺤﻤﺪ ﻻ"
    line = layout_body(text, 30)[0]
    assert "..." in line.text and "\u2026" not in line.text and "\xa0" not in line.text
    assert line.text.strip() == visual_line("انتظر... الآن محمد لا", 30)
    assert [len(row.text.strip()) > 0 for row in layout_body("كلمة\xa0كلمة", 6)] == [True, True]
    dots = [c for c in range(30) if line.offsets[c] == text.index("\u2026")]
    assert len(dots) == 3


def test_tatweel_is_not_shown_and_belongs_to_its_letter() -> None:
    text = "الجولة الـ20"
    line = layout_body(text, 20)[0]
    assert "\u0640" not in line.text
    assert line.text.strip() == visual_line("الجولة ال20", 20)
    lam = text.index("ل", 7)
    assert line.cells(lam + 1, lam + 2) == line.cells(lam, lam + 1)  # the kashida's cell


def test_harakat_take_no_cell_and_can_be_dropped() -> None:
    text = "مُحَمَّدٌ رَسُولُ"
    with_marks = layout_body(text, 20)[0]
    without = layout_body(text, 20, harakat=False)[0]
    assert cell_len(with_marks.text) == cell_len(without.text) == 20
    assert with_marks.indent == without.indent == 20 - len("محمد رسول")
    assert "\u064f" in with_marks.text and "\u064f" not in without.text
    # each haraka follows its base letter in the visual string
    assert re.search("^[\u064b-\u0652]", with_marks.text.strip()) is None


def test_lam_alef_is_one_cell_mapped_to_both_letters() -> None:
    text = "لا سلام"
    line = layout_body(text, 10)[0]
    assert "\ufefb" in line.text and "\ufefc" in line.text
    assert cell_len(line.text.strip()) == 5
    lam = line.offsets.index(0)
    assert line.ends[lam] == 2  # the cell stands for lam and alef
    assert line.cells(1, 2) == [lam]


def test_offsets_point_into_the_original_body_across_paragraphs() -> None:
    text = "العنوان\n\nفقرة أولى هنا\nSecond paragraph"
    lines = layout_body(text, 30)
    assert [line.paragraph for line in lines] == [0, 1, 2, 3]
    assert lines[1].text == " " * 30 and lines[1].start == lines[1].end == 8
    for line in lines:
        for cell, offset in enumerate(line.offsets):
            if offset >= 0:
                assert base_letters(line.text[cell]) == base_letters(text[offset]) or (
                    text[offset] in "لا"
                )
    second = text.index("Second")
    assert lines[3].offsets[0] == second


def test_search_span_maps_to_the_cells_of_the_word() -> None:
    text = "أعلنت الحكومة السورية الجديدة"
    start = text.index("السورية")
    line = layout_body(text, 40)[0]
    cells = line.cells(start, start + len("السورية"))
    assert len(cells) == len("السورية")
    assert base_letters("".join(line.text[c] for c in cells))[::-1] == "السورية"


def test_controls_and_invisible_characters_never_reach_the_screen() -> None:
    text = "نص \x1b[31mأحمر\x1b[0m و\u200dزي\u200c\u202bمضمن\u202c \u200fعلامة\ttab"
    for line in layout_body(text, 60) + [layout_body(text, 60, mode="terminal")[0]]:
        assert not any(unicodedata.category(ch) in ("Cc", "Cf") for ch in line.text)
        assert cell_len(line.text) == 60 == len(line.offsets)
    # an escape sequence goes whole: none of its text is left to read as words
    assert "0m" not in visual_line(text, 80) and "31m" not in visual_line(text, 80)
    assert "m[" not in layout_body(text, 60, mode="terminal")[0].text


def test_a_mark_never_sits_on_an_invisible_character() -> None:
    for text in ("\u200f\u064e", "ب\u200c\u064e", "\u2067\u064eعربي\u2069"):
        line = layout_body(text, 8)[0]
        mark = text.index("\u064e")
        assert line.cells(mark, mark + 1), text  # the mark is on a visible cell


def test_reshaper_trap_input_lays_out_without_error() -> None:
    line = layout_body("م\u200d لا", 10)[0]
    assert "\ufefb" in line.text and "\u200d" not in line.text


def test_terminal_mode_gives_logical_unshaped_wrapped_lines() -> None:
    text = "في خطوة هامة نحو تعزيز العملية السياسية (2024)"
    lines = layout_body(text, 20, mode="terminal")
    assert [line.text.rstrip() for line in lines] == [
        "في خطوة هامة نحو",
        "تعزيز العملية",
        "السياسية (2024)",
    ]
    assert all(cell_len(line.text) == 20 for line in lines)
    with pytest.raises(ValueError, match="bidi mode"):
        layout_body(text, 20, mode="both")


def test_visual_line_truncates_at_the_logical_end_with_an_ellipsis() -> None:
    title = "تفاصيل اجتماع قسد ومسد والإدارة الذاتية لبحث تطورات المحادثات"
    shown = visual_line(title, 24)
    assert cell_len(shown) <= 24
    assert shown.startswith("...")  # the logical end of an RTL line is on the left
    assert base_letters(shown).endswith(base_letters("تفاصيل")[::-1])
    assert visual_line(title, 24) == visual_line("تفاصيل اجتماع قسد ومسد…", 24)  # whole words
    assert visual_line("Short title", 24) == "Short title"
    assert visual_line("Abcdefghijklmnopqrstuvwxyz", 10) == "Abcdefg..."
    assert visual_line("A long English title that goes on", 12) == "A long..."
    assert visual_line("Abcdef", 3) == "Abc"  # no room for an ellipsis
    assert visual_line("line one\nline two", 40) == "line one line two"
    assert visual_line("anything", 0) == ""


def test_second_layout_at_a_new_width_reuses_the_shaping(monkeypatch) -> None:
    from archive.layout import paragraph

    text = "\n".join(p.read_text(encoding="utf-8") for p in SAMPLES)
    layout_body(text, 80)
    before = paragraph.prepare.cache_info().misses
    layout_body(text, 81)
    assert paragraph.prepare.cache_info().misses == before


def test_a_line_of_numbers_alone_follows_the_direction_of_the_article_around_it() -> None:
    lines = layout_body("11/01/2023\n\nمسد والتحالف الوطني\n2017\nhello\n12", 30)
    by_text = {line.text.strip(): line for line in lines if line.text.strip()}
    # before the first Arabic paragraph: the article's direction; after: the one before's
    assert by_text["11/01/2023"].rtl and by_text["11/01/2023"].text.endswith("11/01/2023")
    assert by_text["2017"].rtl and by_text["2017"].text.endswith("2017")
    assert not by_text["12"].rtl and by_text["12"].text.startswith("12")


def test_first_strong_of_a_long_text_reads_past_its_prefix_when_it_must() -> None:
    from archive.layout.engine import first_strong

    assert first_strong("123 " * 2000 + "abc") == "L"
    assert first_strong("123 " * 2000 + "نص") == "R"
    assert first_strong("\u2067" + "abc " * 2000 + "\u2069 نص") == "R"  # inside an isolate
    assert first_strong("نص " + "abc " * 2000) == "R"
    assert first_strong("123 " * 2000) is None


def test_an_arabic_paragraph_that_opens_with_a_latin_name_is_right_to_left() -> None:
    # HL1: in an Arabic archive a sentence that opens with a brand name is still Arabic;
    # read left-to-right, "«OpenAI» تطلق …" came out with its words in the wrong order.
    text = "«OpenAI» تطلق نسخة عربية من ChatGPT بالتعاون مع شركة G42 الإماراتية"
    assert is_rtl(text)
    lines = layout_body("12/03/2024\n" + text, 30)
    assert all(line.rtl for line in lines)  # the date line before it too
    assert lines[1].text.rstrip().endswith("«OpenAI»")  # its first word on the right
    assert visual_line(text, 200).endswith("«OpenAI»")
    # a Latin paragraph with an Arabic word or two keeps its own direction
    assert not is_rtl("Breaking news: عاجل from Gaza")
    assert not is_rtl("«English» عربي")


def test_a_title_cut_short_keeps_the_direction_of_the_whole_title() -> None:
    # "«OpenAI» تطلق…" alone has more Latin than Arabic letters; cut from an Arabic title it
    # is still right-to-left: the ellipsis on the left, the first word on the right
    text = "«OpenAI» تطلق نسخة عربية من ChatGPT بالتعاون مع شركة G42 الإماراتية"
    for width in (14, 20, 40):
        shown = visual_line(text, width)
        assert shown.startswith("...") and shown.endswith("«OpenAI»")
    assert visual_line("person:=عبد الله", 100, prefer_rtl=False).startswith("person:=")


@pytest.mark.parametrize(
    "text", ["في ١٤٤٥هـ الموافق", "عام 1445 هـ", "سنة ١٤٤٥هـ.", "(٦٢٢هـ)", "ذو الحجة ١٤٤٤ هــ"]
)
def test_the_hijri_mark_shows_its_tatweel_joined_to_the_heh(text: str) -> None:
    # an isolated ه reads as the digit ٥: the abbreviation mark هـ keeps its tatweel, and
    # the heh its initial form joined to it (as GNU FriBidi shapes it)
    for line in (layout_body(text, 40)[0], layout_body(text, 40, harakat=False)[0]):
        assert "\u0640\ufeeb" in line.text or "\u0640\ufeec" in line.text  # visual order
        assert "\ufee9" not in line.text  # no isolated heh
        tatweel = line.text.index("\u0640")
        assert text[line.offsets[tatweel]] == "\u0640"  # its own cell, its own offset
    assert visual_line(text, 40).count("\u0640") == 1


@pytest.mark.parametrize("text", ["في الجزء جـ 3 صـ 45", "سنة ٢٠٢٣مـ", "(تـ 505هـ)"])
def test_one_letter_abbreviations_show_their_tatweel(text: str) -> None:
    line = layout_body(text, 40)[0]
    assert line.text.count("\u0640") == text.count("\u0640")
    assert all(
        text[line.offsets[c]] == "\u0640" for c, ch in enumerate(line.text) if ch == "\u0640"
    )


@pytest.mark.parametrize(
    "text", ["الجولة الـ20", "الـــعربية", "المدينـــة", "مهـــم جدا", "بـ50 مليونا", "لـ 20 عاما"]
)
def test_a_tatweel_inside_a_word_or_after_another_letter_stays_hidden(text: str) -> None:
    assert "\u0640" not in layout_body(text, 40)[0].text
