"""The title: the first line that reads like a headline, or one derived from the lead."""

from __future__ import annotations

import re

from archive.metadata.boilerplate import Line, is_breadcrumb
from archive.metadata.dates import FoundDate
from archive.metadata.source import is_dateline

MIN_WORDS, MAX_WORDS = 3, 30
MAX_TITLE_CHARS = 220
DERIVED_MAX_WORDS = 30
LEAD_MIN_WORDS = 16  # a line this long that ends with a full stop is a lead, not a headline
_WORD_RE = re.compile(r"\w+")
_SENTENCE_END_RE = re.compile(r"[.!?؟]+(?=\s|$)|[:؛]\s")
_LABEL_RE = re.compile(r"^\W*(?:المصدر|نشر|تاريخ النشر|بتاريخ|اخر تحديث|كتب|بقلم)\b")


def is_date_line(line: Line, dates: list[FoundDate]) -> bool:
    """A line that is (nearly) only a date, a weekday or a time."""
    rest = line.text
    for d in sorted(dates, key=lambda d: -d.start):
        if line.start <= d.start and d.end <= line.end:
            rest = rest[: d.start - line.start] + rest[d.end - line.start :]
    if rest == line.text:  # no date in it (a paragraph, most often): its words are not needed
        return False
    words = [w for w in _WORD_RE.findall(rest) if w not in DATELINE_FILLERS]
    return len(words) <= 3 and not any(len(w) > 8 for w in words)


# Words a dateline carries besides its dates: "جدة 15 رمضان 1445 هـ الموافق 25 مارس 2024 م واس"
DATELINE_FILLERS = frozenset(
    "الموافق م ه هـ الساعة الساعه ص مساء صباحا بتوقيت غرينتش".split()
) | frozenset(
    a
    for a in (
        "واس",
        "وام",
        "قنا",
        "كونا",
        "بترا",
        "واع",
        "ومع",
        "وات",
        "سانا",
        "وأج",
        "أ",
        "ش",
        "ف",
        "ب",
        "د",
        "ا",
    )
)


def choose_title(lines: list[Line], skip: set[int], dates: list[FoundDate]) -> tuple[str, bool]:
    """(title, derived). `skip` holds indexes of lines inside boilerplate. Date lines,
    labels and datelines ("بيروت – من نذير رضا", a dump's text with no title) are passed."""
    for index, line in enumerate(lines[:8]):
        if index in skip or is_breadcrumb(line) or is_date_line(line, dates):
            continue
        if _LABEL_RE.match(line.folded) or is_dateline(line):
            continue
        words = _WORD_RE.findall(line.text)
        if len(words) < MIN_WORDS:
            continue
        is_lead = len(words) >= LEAD_MIN_WORDS and line.text.rstrip().endswith((".", "。"))
        if len(words) <= MAX_WORDS and len(line.text) <= MAX_TITLE_CHARS and not is_lead:
            return line.text.rstrip(" .:؛،"), False
        return derive_title(line.text), True
    return "", False


def derive_title(paragraph: str) -> str:
    """The first sentence of a lead paragraph, cut at a clause boundary when it runs long."""
    m = _SENTENCE_END_RE.search(paragraph)
    sentence = paragraph[: m.start()] if m else paragraph
    words = sentence.split()
    if len(words) > DERIVED_MAX_WORDS:
        cut = sentence.find("،", len(" ".join(words[:6])))
        if 0 < cut and len(sentence[:cut].split()) <= DERIVED_MAX_WORDS:
            sentence = sentence[:cut]
        else:
            sentence = " ".join(words[:DERIVED_MAX_WORDS]) + "…"
    return sentence.strip().rstrip(" .:؛،")
