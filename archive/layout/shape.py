"""Arabic shaping in logical order, one output character per input character.

The letter forms come from arabic-reshaper's own table (`arabic_reshaper.letters`), so the
result is what `ArabicReshaper({"delete_harakat": False, "support_ligatures": False})` gives
(tests/test_layout_traps.py checks it on the samples). We do not call `reshape()` itself on the
hot path because:

- it is a per-character Python loop over configparser look-ups (~33 ms for 7 000 words), while
  this version shapes each distinct Arabic word once (cached);
- its ligature step drops characters, so the output no longer maps 1:1 to the input, and it
  raises IndexError on `"م\\u200d لا"` (ZWJ shifts its indices) — we strip ZWJ/ZWNJ before
  shaping (`archive.layout.paragraph`);
- with `support_ligatures` on it builds lam-alef across harakat (`لَا`), which FriBidi (and fonts)
  do not. `lam_alefs()` finds the four lam-alef ligatures only from a lam directly followed by an
  alef, and no other ligature (ALLAH and the rest stay off), as FriBidi does.

Harakat (any Mn/Me mark) are transparent for joining and are kept.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from arabic_reshaper.letters import FINAL, INITIAL, ISOLATED, LETTERS_ARABIC, MEDIAL

# Runs of characters that can take part in joining: Arabic blocks (letters and marks) and
# tatweel; any other character ends a run, as it ends joining.
_ARABIC_RUN = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+")

# Lam (initial / medial form) directly followed by an alef in its final form.
_LAM_ALEF = re.compile("[\ufedf\ufee0][\ufe82\ufe84\ufe88\ufe8e]")
_LIGATURE = {
    # (lam form, alef final form) -> ligature; initial lam gives the isolated ligature,
    # medial lam the final one.
    ("\ufedf", "\ufe82"): "\ufef5",
    ("\ufee0", "\ufe82"): "\ufef6",
    ("\ufedf", "\ufe84"): "\ufef7",
    ("\ufee0", "\ufe84"): "\ufef8",
    ("\ufedf", "\ufe88"): "\ufef9",
    ("\ufee0", "\ufe88"): "\ufefa",
    ("\ufedf", "\ufe8e"): "\ufefb",
    ("\ufee0", "\ufe8e"): "\ufefc",
}


def _is_transparent(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me")


@lru_cache(maxsize=65536)
def _shape_run(run: str) -> str:
    """Shape one word: characters outside the letter table pass through and break joining,
    combining marks are transparent."""
    forms: list[int] = [ISOLATED] * len(run)
    prev = -1  # index of the previous letter that can still join, -1 if none
    for i, ch in enumerate(run):
        table = LETTERS_ARABIC.get(ch)
        if table is None:
            if not _is_transparent(ch):
                prev = -1
            continue
        if prev >= 0 and (table[FINAL] or table[MEDIAL]):
            ptable = LETTERS_ARABIC[run[prev]]
            pform = forms[prev]
            if pform == ISOLATED and (ptable[INITIAL] or ptable[MEDIAL]):
                forms[prev] = INITIAL
                forms[i] = FINAL
            elif pform == FINAL and ptable[MEDIAL]:
                forms[prev] = MEDIAL
                forms[i] = FINAL
        prev = i
    out = []
    for ch, form in zip(run, forms, strict=True):
        table = LETTERS_ARABIC.get(ch)
        out.append((table[form] or ch) if table else ch)
    return "".join(out)


def shape(text: str) -> str:
    """Contextual letter forms for `text`; same length, same order (no ligatures).

    Joining never crosses a space, so each space-separated word is shaped once and cached.
    """
    if _ARABIC_RUN.search(text) is None:
        return text
    return " ".join(map(_shape_run, text.split(" ")))


def lam_alefs(shaped: str) -> list[tuple[int, str]]:
    """(position of the lam, ligature) for each lam directly followed by an alef in `shaped`.

    The caller merges the pair into one cell unless a haraka sits between them (FriBidi does
    not ligate across harakat, and neither do fonts).
    """
    if "\ufedf" not in shaped and "\ufee0" not in shaped:
        return []
    return [
        (m.start(), _LIGATURE[(m.group()[0], m.group()[1])]) for m in _LAM_ALEF.finditer(shaped)
    ]
