"""Properties of the layout engine on random mixed Arabic / Latin / digit / bracket text."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from archive.layout import layout_body, visual_line
from archive.text.controls import ESCAPE_SEQUENCE_RE

PIECES = (
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةى")
    + ["لا", "لأ", "\u064e", "\u064b", "\u0651", "\u0640", "\u200d", "\u200c", "\u200f"]
    + list("abcXYZé")
    + list("0123456789٠١٢٣")
    + list("()[]{}<>«»")
    + list(" ,.:/-+%$#!?،؛\"'\t\x1b")
    + ["\x1b[31m", "\x1b[0m", "\x1b]0;x\x07"]
    + ["  ", " ", " ", "\n"]
)
texts = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
STRIPPED = set("\u200d\u200c\u200f\x1b\r\u0640")  # a kashida at a word start has no letter


@settings(max_examples=150, deadline=None)
@given(text=texts, width=st.integers(min_value=2, max_value=30))
def test_every_character_is_on_exactly_one_cell_and_no_line_is_too_wide(
    text: str, width: int
) -> None:
    for mode in ("app", "terminal"):
        lines = layout_body(text, width, mode=mode)
        seen: list[int] = []
        for line in lines:
            assert cell_len(line.text) == width == len(line.offsets) == len(line.ends)
            cells = {(a, b) for a, b in zip(line.offsets, line.ends, strict=True) if a >= 0}
            for a, b in cells:
                seen += range(a, b)
        assert len(seen) == len(set(seen))  # no character shown twice
        missing = set(range(len(text))) - set(seen)
        # only whitespace at line breaks, newlines, stripped controls and escape sequences
        # (whole, within a paragraph) are not on screen
        escapes = {
            k
            for para in _paragraph_spans(text)
            for m in ESCAPE_SEQUENCE_RE.finditer(text, *para)
            for k in range(*m.span())
        }
        assert all(text[k].isspace() or text[k] in STRIPPED or k in escapes for k in missing)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


@settings(max_examples=100, deadline=None)
@given(text=texts, width=st.integers(min_value=1, max_value=40))
@example(text="0تـا", width=2)  # cut to "0تـ", the tatweel shows at the end (as in هـ)
def test_visual_line_never_exceeds_its_width(text: str, width: int) -> None:
    shown = visual_line(text, width)
    assert cell_len(shown) <= width
    assert "\n" not in shown and "\x1b" not in shown
