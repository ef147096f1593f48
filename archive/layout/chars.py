"""Characters and clusters: what each character needs on the way to the screen, and the
`Paragraph` (clusters with offsets, levels and break opportunities) that a paragraph becomes.

Used by `archive.layout.paragraph` (the general path, every character) and
`archive.layout.fastpath` (paragraphs of one-cell characters and harakat).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rich.cells import get_character_cell_size

from archive.layout.bidi import CLASS_TABLE
from archive.layout.shape import joining_class

ZWNJ = "\u200c"
TATWEEL = "\u0640"
_MARKS_AS_ZERO_WIDTH = {"\u200e": "L", "\u200f": "R", "\u061c": "A"}  # LRM, RLM, ALM
_SPACES = "\t\u2028\u2029"
_WHITESPACE_CLASSES = " S"
_MIRRORED = re.compile(
    r"[()\[\]{}<>«»‹›\u2039-\u203a\u2045\u2046\u207d\u207e\u208d\u208e"
    "\u2208-\u22ff\u2308-\u230b\u2329\u232a\u2768-\u2775\u27c0-\u27ff"
    "\u2980-\u29ff\u2e02-\u2e2f\u3008-\u301b\ufe59-\ufe5e\uff08\uff09"
    "\uff1c\uff1e\uff3b\uff3d\uff5b\uff5d\uff5f\uff60\uff62\uff63]"
)


def is_haraka(ch: str) -> bool:
    """An Arabic combining mark (tashkeel, Quranic marks)."""
    return (
        "\u0610" <= ch <= "\u061a"
        or "\u064b" <= ch <= "\u065f"
        or ch == "\u0670"
        or "\u06d6" <= ch <= "\u06ed"
        or "\u08d3" <= ch <= "\u08ff"
    )


_EXPANDED_TAGS = ("<compat>", "<isolated>", "<initial>", "<medial>", "<final>")
PLAIN, MARK, OTHER = 0, 1, 2  # what a character needs: nothing, the marks path, the slow path


class _Kinds(dict[str, int]):
    """Character -> PLAIN / MARK / OTHER, worked out on first sight of each character.

    OTHER: controls and format characters, anything not exactly one cell wide (as Rich counts
    it), tatweel, and compatibility characters. Compatibility characters (Arabic presentation
    forms and ligatures typed into a text, the ellipsis "…") are shown as what they stand for,
    shaped like any other letters ("…" as "..."), so the screen only holds letters this engine
    shaped itself; no-break spaces show as spaces but keep their bidi class and do not break.
    """

    def __missing__(self, ch: str) -> int:
        category = unicodedata.category(ch)
        if category in ("Mn", "Me"):
            kind = MARK
        elif category in ("Cc", "Cf", "Zl", "Zp", "Cs", "Cn") or ch == TATWEEL:
            kind = OTHER
        elif get_character_cell_size(ch) != 1:
            kind = OTHER
        else:
            kind = PLAIN
            decomposition = unicodedata.decomposition(ch)
            if decomposition.startswith("<noBreak>"):
                NOBREAK[ch] = unicodedata.normalize("NFKC", ch)
                kind = OTHER
            elif decomposition.startswith(_EXPANDED_TAGS) and (
                category != "Lo" or _is_arabic_form(ord(ch))
            ):
                letters = unicodedata.normalize("NFKC", ch)
                shown_alone = " " in letters or any(unicodedata.combining(c) for c in letters)
                if not shown_alone and all(get_character_cell_size(c) == 1 for c in letters):
                    EXPAND[ch] = letters
                    kind = OTHER
        self[ch] = kind
        return kind


KINDS = _Kinds()
EXPAND: dict[str, str] = {}  # filled by KINDS: shown as the letters it stands for
NOBREAK: dict[str, str] = {}  # filled by KINDS: no-break spaces / hyphens, shown plain


# Characters known to be PLAIN (tests/test_layout_fastpath.py checks each against KINDS):
# printable ASCII, Arabic letters, digits and punctuation, the quotes and dashes of news text.
# A paragraph made of them alone needs no look-up per distinct character.
SURELY_PLAIN_CHARS = (
    r"\x20-\x7e\u060c\u061b\u061f\u0621-\u063a\u0641-\u064a\u0660-\u066d"
    r"\u0671-\u06d5\u06f0-\u06f9\u00ab\u00bb\u2013\u2014\u2018-\u201d"
)
_SURELY_PLAIN = re.compile(f"[{SURELY_PLAIN_CHARS}]*")
_SURELY_PLAIN_OR_HARAKAT = re.compile(rf"[{SURELY_PLAIN_CHARS}\u064b-\u0652]*")
_HARAKAT = re.compile(r"[\u064b-\u0652]")


class _CodeTable(dict[int, str]):
    """str.translate table: code point -> one ASCII character standing for the pair (bidi
    class, joining class), so one pass over a paragraph gives both (each is then one fast
    ASCII-to-ASCII translate away: TO_CLASS, TO_JOINING)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        pair = (CLASS_TABLE[code], joining_class(ch))
        value = _PAIR_CODES.get(pair)
        if value is None:
            value = chr(0x21 + len(_PAIR_CODES))  # at most 16 x 4 pairs: stays below 0x7f
            _PAIR_CODES[pair] = value
            TO_CLASS[ord(value)] = pair[0]
            TO_JOINING[ord(value)] = pair[1]
        self[code] = value
        return value


_PAIR_CODES: dict[tuple[str, str], str] = {}
TO_CLASS: dict[int, str] = {}
TO_JOINING: dict[int, str] = {}
CODES = _CodeTable()


def paragraph_kind(para: str) -> int:
    """The most demanding kind among the characters of `para`."""
    if _SURELY_PLAIN.fullmatch(para) is not None:
        return PLAIN
    return max(map(KINDS.__getitem__, set(para)), default=PLAIN)


def _special_chars(para: str) -> re.Pattern[str]:
    """The characters of `para` that are not PLAIN (re caches the few distinct sets)."""
    special = sorted(c for c in set(para) if KINDS[c] != PLAIN)
    return re.compile("[" + re.escape("".join(special)) + "]")


def _mark_runs(para: str) -> re.Pattern[str]:
    """Runs of the combining marks that occur in `para` (re caches the few distinct sets)."""
    marks = sorted(c for c in set(para) if KINDS[c] == MARK)
    return re.compile("[" + re.escape("".join(marks)) + "]+")


def _is_arabic_form(code: int) -> bool:
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


@dataclass(eq=False, slots=True)
class Paragraph:
    """A paragraph ready for wrapping. Offsets are relative to the paragraph's first char."""

    text: str
    rtl: bool
    visual: bool  # shaped and reordered ("app" mode) or logical ("terminal" mode)
    # What each cluster prints (shaped, mirrored, marks after the base); a plain string when
    # every cluster is one character (no marks), which keeps cached paragraphs small.
    glyphs: str | list[str]
    starts: list[int]  # logical start of each cluster
    ends: list[int]  # logical end (exclusive) of each cluster
    widths: list[int] | None  # cells per cluster; None when every cluster is one cell
    levels: str  # resolved bidi level per cluster (digits)
    space: str  # 'w' for whitespace clusters (break opportunities, L1), 'x' otherwise
    wrapped: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def _drop(text: str, positions: list[int]) -> str:
    """`text` without the characters at the (sorted) `positions`."""
    pieces, pos = [], 0
    for j in positions:
        pieces.append(text[pos:j])
        pos = j + 1
    pieces.append(text[pos:])
    return "".join(pieces)


_ZERO_WIDTH_MARK = re.compile("[\u200e\u200f\u061c\u2066-\u2069]")
_SPACE_MASK = {ord(c): ("w" if c in _WHITESPACE_CLASSES else "x") for c in "LRA12+$,mBS oip"}
_STRONG_R_OR_NUMBER = re.compile("[RA2i]")
