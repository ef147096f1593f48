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

from archive.layout import pieces

# Runs of characters that can take part in joining: Arabic blocks (letters and marks) and
# tatweel; any other character ends a run, as it ends joining.
_ARABIC_RUN = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+")
_ABOVE_BMP_LETTERS = re.compile("[\ud800-\U0010ffff]")

# Abbreviation marks: هـ (the Hijri year, "١٤٤٥هـ"), a heh whose word ends with tatweel, and
# a one-letter abbreviation with its tatweel ("صـ 12" page, "جـ 3" part, "٢٠٢٣مـ"). Hidden,
# the tatweel leaves an isolated letter (a heh reads as the digit ٥: "ﻩ١٤٤٥"); shown, the
# letter joins it as written. Only the last tatweel of the run is shown; any other tatweel
# (a kashida stretching a word, the article or a clitic before a number: "الـ20"، "بـ50"،
# "لـ") stays hidden (archive.layout.paragraph).
_MARKS = "[\u064b-\u065f\u0670]*"
_SHOWN_TATWEEL = re.compile(
    f"(?:\u0647|(?<![^\\W\\d_])[تثجحخسشصضطظعغقمني]){_MARKS}"
    "(\u0640+)(?![^\\W\\d_]|[\u064b-\u065f\u0670])"
)


def shown_tatweels(para: str) -> list[int]:
    """Offsets of the tatweels of `para` that are shown: the last of a run that ends a word
    after a heh or a one-letter word (the abbreviation marks هـ، صـ، جـ …)."""
    return [m.end(1) - 1 for m in _SHOWN_TATWEEL.finditer(para)]


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


class _JoiningTable(dict[int, str]):
    """str.translate table: code point -> joining class, filled on demand.

    'D' joins on both sides, 'R' only to the letter before it, 'T' is transparent (a mark),
    'U' does not join. (Every letter of arabic-reshaper's table has either all four forms,
    isolated + final, or isolated only.)"""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        forms = LETTERS_ARABIC.get(ch)
        if forms is not None and forms[MEDIAL]:
            value = "D"
        elif forms is not None and forms[FINAL]:
            value = "R"
        else:
            value = "T" if _is_transparent(ch) else "U"
        self[code] = value
        return value


class _GlyphTable(dict[tuple[str, str, str], str]):
    """(joining class before, letter, joining class after) -> the letter's presentation form."""

    def __missing__(self, key: tuple[str, str, str]) -> str:
        before, ch, after = key
        forms = LETTERS_ARABIC.get(ch)
        if forms is None:
            glyph = ch
        else:
            joins_before = before == "D" and bool(forms[FINAL])
            joins_after = after in "DR" and bool(forms[MEDIAL])
            if joins_before and joins_after:
                glyph = forms[MEDIAL]
            elif joins_before:
                glyph = forms[FINAL]
            elif joins_after:
                glyph = forms[INITIAL]
            else:
                glyph = forms[ISOLATED]
            glyph = glyph or ch
        self[key] = glyph
        return glyph


class _KeyedGlyphTable(dict[int, str]):
    """str.translate table for `_shape_bmp`: (form << 16 | code point) -> presentation form,
    with form 0 isolated, 1 initial, 2 final, 3 medial."""

    def __missing__(self, key: int) -> str:
        form, ch = key >> 16, chr(key & 0xFFFF)
        forms = LETTERS_ARABIC.get(ch)
        glyph = ch
        if forms is not None:
            glyph = forms[(ISOLATED, INITIAL, FINAL, MEDIAL)[form]] or ch
        self[key] = glyph
        return glyph


_JOINING = _JoiningTable()
_GLYPHS = _GlyphTable()
_KEYED = _KeyedGlyphTable()
_IS_DUAL = bytes.maketrans(b"DRTU", b"\x01\x00\x00\x00")
_JOINS_BEFORE = bytes.maketrans(b"DRTU", b"\x01\x01\x00\x00")


def _shape_bmp(text: str, joining: str) -> str:
    """Shape a text of BMP characters without marks in a few C-level passes.

    Whether each letter joins the one before and the one after is computed on all letters at
    once as bit masks (big integers, one byte per letter); the form (0-3) is then written
    into the plane byte of each character's UTF-32 code, and one translate maps every
    (form, letter) to its presentation form."""
    n = len(text)
    codes = joining.encode("ascii")
    dual = codes.translate(_IS_DUAL)
    takes = codes.translate(_JOINS_BEFORE)
    number = int.from_bytes
    joins_before = number(b"\0" + dual[:-1], "big") & number(takes, "big")
    joins_after = number(dual, "big") & number(takes[1:] + b"\0", "big")
    forms = ((joins_before << 1) | joins_after).to_bytes(n, "big")
    keyed = bytearray(text.encode("utf-32-be"))
    keyed[1::4] = forms
    return pieces.translate(keyed.decode("utf-32-be"), _KEYED)


@lru_cache(maxsize=65536)
def _shape_run(run: str) -> str:
    """Shape one word: characters outside the letter table pass through and break joining,
    combining marks are transparent."""
    if not run:
        return run
    joining = run.translate(_JOINING)
    if "T" in joining:  # look through the marks for each letter's neighbours
        letters = [k for k, c in enumerate(joining) if c != "T"]
        before = ["U"] * len(run)
        after = ["U"] * len(run)
        for prev, cur in zip(letters, letters[1:], strict=False):
            before[cur] = joining[prev]
            after[prev] = joining[cur]
        return "".join(map(_GLYPHS.__getitem__, zip(before, run, after, strict=True)))
    before_s = "U" + joining[:-1]
    after_s = joining[1:] + "U"
    return "".join(map(_GLYPHS.__getitem__, zip(before_s, run, after_s, strict=True)))


def clear_cache() -> None:
    """Forget the shaped words."""
    _shape_run.cache_clear()


def joining_class(ch: str) -> str:
    """'D', 'R', 'T' or 'U' (see _JoiningTable) for one character."""
    return _JOINING[ord(ch)]


def shape(text: str, joining: str | None = None) -> str:
    """Contextual letter forms for `text`; same length, same order (no ligatures).

    Each letter's form depends only on its neighbours' joining classes, so a text without
    marks is shaped in one table-driven pass; with marks, each space-separated word is shaped
    once (cached) looking through its marks. `joining`: the joining classes of `text` if the
    caller has them already.
    """
    if _ARABIC_RUN.search(text) is None:
        return text
    if joining is None:
        joining = text.translate(_JOINING)
    if "T" in joining:  # marks: shape word by word, looking through the marks
        return " ".join(map(_shape_run, text.split(" ")))
    if _ABOVE_BMP_LETTERS.search(text) is None:  # BMP below the surrogates: bit-mask pass
        return _shape_bmp(text, joining)
    before, after = "U" + joining[:-1], joining[1:] + "U"
    return "".join(map(_GLYPHS.__getitem__, zip(before, text, after, strict=True)))


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
