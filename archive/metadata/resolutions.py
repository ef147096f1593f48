"""UN Security Council resolution numbers: "القرار 2254", "قراري مجلس الأمن رقم 2118 و 2254",
"القرارين 242 و338",
"وفقا لقرار مجلس الأمن التابع للأمم المتحدة 2672". Only the words that name a resolution may
stand between the keyword and the number, so years and counts are not taken."""

from __future__ import annotations

import re
from collections.abc import Iterator

# On folded text (textmap): ة → ه, hamza on alif → ا, ى → ي, digits ASCII.
_KEYWORD = r"(?<!\w)(?:[وفبلك]|ول|وب|فب|وك)?(?:ال)?(?:قرار|قراري|قرارين|قرارا|قرارات)(?!\w)"
_FILLER = (
    r"(?:مجلس|الامن|الدولي|الاممي|الاممية|الامميه|الامم|للامم|المتحده|التابع|رقم|الرقم|ذي|ذو|"
    r"الصادر|الصادرين|الصادره|عن|الشهير|الخاص|الخاصه|بسوريا|بشان|سوريا|الدوليه|الامميين|"
    r"رقمي|مجلسالامن|امميين|دوليين|الدوليين)"
)
_NUMBER = r"(?P<n>[1-9][0-9]{1,3})(?![0-9])(?!\s*(?:\)|هـ|ه\s*ـ|م\b))"
RESOLUTION_RE = re.compile(
    rf"{_KEYWORD}(?:\s+{_FILLER}){{0,8}}\s*[:\-]?\s*(?:\(\s*)?{_NUMBER}"
    rf"(?P<more>(?:\s*(?:\(\s*[0-9]{{4}}\s*\))?\s*(?:[،,]|و|\-|/)\s*(?:رقم\s*)?(?:القرار\s*)?[1-9][0-9]{{1,3}}(?![0-9]))*)"
)
_MORE_NUMBER_RE = re.compile(r"(?<!\()(?<![0-9])([1-9][0-9]{1,3})(?![0-9])(?!\s*\))")
MAX_RESOLUTION = 2900
_STEM = "قرار"  # in every keyword, at most four letters (clitics and ال) after its start
_STEM_AT_MOST = 4


def find_resolutions(folded_text: str) -> list[int]:
    out: list[int] = []
    for m in _matches(folded_text):
        numbers = [int(m.group("n"))]
        numbers += [int(n) for n in _MORE_NUMBER_RE.findall(m.group("more") or "")]
        for n in numbers:
            if 100 <= n <= MAX_RESOLUTION and n not in out:
                out.append(n)
    return sorted(out)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """RESOLUTION_RE.finditer(text), tried only where a keyword can start: up to four letters
    before each "قرار" (a pattern that opens with a lookbehind gets no fast scan from the regex
    engine). In order, as finditer: leftmost first, each match past the end of the one before."""
    last = tried = 0  # the end of the last match; the first start not tried yet
    stem = text.find(_STEM)
    while stem >= 0:
        for start in range(max(stem - _STEM_AT_MOST, last, tried), stem + 1):
            m = RESOLUTION_RE.match(text, start)
            if m:
                yield m
                last = m.end()
                break
        tried = stem + 1
        stem = text.find(_STEM, stem + 1)
