"""The layout engine against GNU FriBidi, the reference implementation of UAX #9.

For every paragraph of the samples at widths 20, 40, 57, 80 and 120, each output line must be
what `fribidi --nobreak --nopad --clean` prints for that line's logical text. UAX #9 resolves
levels on the whole paragraph and only then reorders line by line, so a line is given to
FriBidi with its paragraph context: an invisible mark before it standing for the last strong
character before the line (LRM, RLM or ALM — ALM makes a leading number Arabic, W2) and one
after it for the next strong character. The marks are removed from FriBidi's output.

What is compared: letters with their joining forms, in order. FriBidi leaves a non-joining
letter (hamza U+0621) as the plain letter where arabic-reshaper writes its isolated
presentation form (U+FE80); both are the same glyph, so isolated forms are compared as their
base letter; the engine shows compatibility characters by what they stand for ("…" as
"...", a no-break space as a space) and does not show tatweel (kashida) except in the
abbreviation mark هـ, so FriBidi is given the line without the hidden tatweels and its
output is read the same way. Everything else
(ligatures, harakat after their base, mirrored brackets, digits) must be identical.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from archive.layout import VisualLine, layout_body, visual_line
from archive.layout.bidi import classes
from archive.layout.shape import shown_tatweels

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))
WIDTHS = (20, 40, 57, 80, 120)
_MARK = {"L": "\u200e", "R": "\u200f", "A": "\u061c"}
_INVISIBLE = {0x200E: None, 0x200F: None, 0x061C: None}
TATWEEL = "\u0640"  # the engine does not show kashida (archive.layout.paragraph)

pytestmark = pytest.mark.skipif(
    shutil.which("fribidi") is None, reason="GNU FriBidi (libfribidi-bin) is not installed"
)


def fribidi(lines: list[str], *, rtl: bool) -> list[str]:
    """FriBidi's rendering of each logical line (one process for all of them)."""
    run = subprocess.run(
        ["fribidi", "--nobreak", "--nopad", "--clean", "--rtl" if rtl else "--ltr"],
        input="\n".join(lines).encode(),
        capture_output=True,
        check=True,
    )
    out = run.stdout.decode().split("\n")[: len(lines)]
    return [line.translate(_INVISIBLE).strip(" ") for line in out]


def letter_forms(visual: str) -> str:
    """Isolated presentation forms written as their letter (the same glyph); the ellipsis and
    no-break spaces as the engine shows them ("..." and " ")."""
    out = []
    for ch in visual.replace("\u2026", "...").replace("\xa0", " "):
        decomposition = unicodedata.decomposition(ch)
        if decomposition.startswith("<isolated>"):
            ch = "".join(chr(int(code, 16)) for code in decomposition.split()[1:])
        out.append(ch)
    return "".join(out)


def with_context(text: str, line: VisualLine, para_start: int, para_end: int) -> str:
    """The line's logical text between marks for the strong characters around it."""
    cls = classes(text[para_start:para_end])
    before = cls[: line.start - para_start].rstrip("".join(set(cls) - set("LRA")))
    after = cls[line.end - para_start :].lstrip("".join(set(cls) - set("LRA")))
    prefix = _MARK[before[-1]] if before else ""
    suffix = _MARK["R" if after[:1] == "A" else after[:1]] if after else ""
    return prefix + without_hidden_tatweel(text[line.start : line.end]) + suffix


def without_hidden_tatweel(text: str) -> str:
    """The text without the tatweels the engine hides (all but هـ's: shown_tatweels)."""
    shown = set(shown_tatweels(text))
    return "".join(ch for i, ch in enumerate(text) if ch != TATWEEL or i in shown)


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds, pos = [], 0
    for para in text.split("\n"):
        bounds.append((pos, pos + len(para)))
        pos += len(para) + 1
    return bounds


def mismatches(text: str, width: int) -> list[tuple[str, str, str]]:
    lines = [line for line in layout_body(text, width) if line.end > line.start]
    bounds = paragraph_bounds(text)
    bad = []
    for rtl in (True, False):
        chosen = [line for line in lines if line.rtl == rtl]
        if not chosen:
            continue
        logical = [with_context(text, line, *bounds[line.paragraph]) for line in chosen]
        for line, want, source in zip(chosen, fribidi(logical, rtl=rtl), logical, strict=True):
            if letter_forms(line.text).strip(" ") != letter_forms(want).strip(" "):
                bad.append((source, line.text.strip(" "), want))
    return bad


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name[:3])
def test_every_sample_line_matches_fribidi(sample: Path, width: int) -> None:
    text = sample.read_text(encoding="utf-8")
    assert mismatches(text, width) == []


MIXED = [
    "في عام 2024 ارتفعت الأسعار بنسبة 50% مقارنة بعام 2023، وفق تقرير (IMF) الصادر في 12/3.",
    "قال المتحدث باسم الأمم المتحدة «UN News» إن 1,500 شخص نزحوا من المنطقة [انظر الخريطة].",
    "The minister said «السلام عليكم» and left (quickly) at 10:30 — 3 km away.",
    "سجّل المؤشر ارتفاعاً بين 10-20 نقطة، أيْ +5% عن الأسبوع الماضي {تقديرات أولية}.",
    "ذكرت وكالة رويترز Reuters (ومقرها لندن London) أن السعر بلغ $45.50 للبرميل.",
    "لَا أحد يعرف… 2024–2025 هما عاما الانتخابات في الولايات المتحدة USA وفرنسا France.",
    "وُلد في ١٠ رجب ١٤٤٥هـ (٢٢ يناير 2024م)، وتوفي سنة 1445 هـ في الجولة الـ20 المـــدينة (جـ 2 صـ 45).",
]


@pytest.mark.parametrize("width", (9, 15, 23, 31, 200))
def test_mixed_paragraphs_match_fribidi_at_every_line_break(width: int) -> None:
    assert mismatches("\n".join(MIXED), width) == []


@pytest.mark.parametrize("text", MIXED)
def test_visual_line_matches_fribidi_on_one_line(text: str) -> None:
    rtl = classes(text).lstrip("".join(set(classes(text)) - set("LRA")))[:1] != "L"
    want = fribidi([without_hidden_tatweel(text)], rtl=rtl)[0]
    assert letter_forms(visual_line(text, 500)) == letter_forms(want)


def test_isolates_match_fribidi() -> None:
    text = "قال \u2066Microsoft 365\u2069 و\u2067عربي abc\u2069 ثم \u2068xyz 12\u2069 انتهى"
    assert letter_forms(visual_line(text, 200)) == letter_forms(fribidi([text], rtl=True)[0])
