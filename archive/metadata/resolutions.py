"""UN Security Council resolution numbers: "القرار 2254", "قراري مجلس الأمن رقم 2118 و 2254",
"وفقا لقرار مجلس الأمن التابع للأمم المتحدة 2672". Only the words that name a resolution may
stand between the keyword and the number, so years and counts are not taken."""

from __future__ import annotations

import re
from collections.abc import Iterator

# On folded text (textmap): ة → ه, hamza on alif → ا, ى → ي, digits ASCII.
_KEYWORD = r"(?<!\w)(?:[وفبلك]|ول|وب|فب|وك)?(?:ال)?(?:قرار|قراري|قرارا|قرارات)(?!\w)"
_FILLER = (
    r"(?:مجلس|الامن|الدولي|الاممي|الاممية|الامميه|الامم|للامم|المتحده|التابع|رقم|الرقم|ذي|ذو|"
    r"الصادر|الصادرين|الصادره|عن|الشهير|الخاص|الخاصه|بسوريا|بشان|سوريا|الدوليه|الامميين|"
    r"رقمي|مجلسالامن)"
)
_NUMBER = r"(?P<n>[1-9][0-9]{1,3})(?![0-9])(?!\s*(?:\)|هـ|ه\s*ـ|م\b))"
RESOLUTION_RE = re.compile(
    rf"{_KEYWORD}(?:\s+{_FILLER}){{0,8}}\s*[:\-]?\s*(?:\(\s*)?{_NUMBER}"
    rf"(?P<more>(?:\s*(?:\(\s*[0-9]{{4}}\s*\))?\s*(?:[،,]|و|\-|/)\s*(?:رقم\s*)?(?:القرار\s*)?[1-9][0-9]{{1,3}}(?![0-9]))*)"
)
_MORE_NUMBER_RE = re.compile(r"(?<!\()(?<![0-9])([1-9][0-9]{1,3})(?![0-9])(?!\s*\))")
MAX_RESOLUTION = 2900
# The keyword is a word of its own (letters only, nothing of \\w around it): these words.
KEYWORD_FORMS = frozenset(
    clitic + article + word
    for clitic in ("", "و", "ف", "ب", "ل", "ك", "ول", "وب", "فب", "وك")
    for article in ("", "ال")
    for word in ("قرار", "قراري", "قرارا", "قرارات")
)


def find_resolutions(folded_text: str, keyword_starts: list[int] | None = None) -> list[int]:
    """Resolution numbers in the folded text. `keyword_starts`, when given, are the offsets of
    its words in KEYWORD_FORMS, in order: the pattern is tried there only."""
    out: list[int] = []
    for m in _matches(folded_text, keyword_starts):
        numbers = [int(m.group("n"))]
        numbers += [int(n) for n in _MORE_NUMBER_RE.findall(m.group("more") or "")]
        for n in numbers:
            if 100 <= n <= MAX_RESOLUTION and n not in out:
                out.append(n)
    return sorted(out)


def _matches(text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """RESOLUTION_RE.finditer(text), tried only at `starts` (as finditer would: leftmost, each
    match past the end of the one before)."""
    if starts is None:
        yield from RESOLUTION_RE.finditer(text)
        return
    last = 0
    for start in starts:
        m = RESOLUTION_RE.match(text, start) if start >= last else None
        if m:
            yield m
            last = m.end()
