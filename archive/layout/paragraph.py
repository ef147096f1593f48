"""One paragraph made ready for any width: cleaned, shaped, bidi-resolved, split in cells.

A paragraph becomes a list of *clusters*: a base character (shaped, mirrored when its level is
odd) followed by its combining marks, or a lam-alef ligature, each with the logical range
[start, end) it stands for in the paragraph and its width in cells. Everything here is
independent of the pane width, so it is computed once per paragraph (`prepare` is cached) and
every width only re-wraps and re-orders lines.

Cleaning (the output must never carry controls or invisible joiners, and Rich must count the
cells as we do): C0/C1 controls (ESC included) and format characters (ZWJ, ZWNJ, bidi embeddings
and isolates, BOM, soft hyphen) are dropped; tab and line/paragraph separators become a space;
LRM / RLM / ALM and the isolates (LRI, RLI, FSI, PDI) keep their bidi effect as zero-width clusters
that print nothing; embeddings and overrides (LRE…PDF) are dropped with no effect; ZWNJ still
breaks joining. Tatweel (kashida, U+0640) only stretches a word for justification: a
monospace terminal cannot use it, so it is not shown (its letter shapes as if it were
absent, as a reader of the plain letters expects) and its offset belongs to the letter
before it. With `harakat=False` Arabic harakat are dropped too.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, compress

from rich.cells import get_character_cell_size

from archive.layout.bidi import CLASS_TABLE, classes, mirror, resolve_levels, strong_direction
from archive.layout.shape import joining_class, lam_alefs, shape

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


def _add(ranges: list[list[int]], code: int) -> None:
    if ranges and ranges[-1][1] == code - 1:
        ranges[-1][1] = code
    else:
        ranges.append([code, code])


def _charset(ranges: list[list[int]]) -> str:
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


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


def _marked_clusters(
    para: str, harakat: bool, para_classes: str
) -> tuple[str, list[str], list[int], list[int], str] | None:
    """Fast path for a paragraph whose only special characters are combining marks after a
    base character (harakat in ordinary Arabic prose): (base text, marks, starts, ends, bidi
    classes of the base text); None if it does not apply."""
    mark_runs = _mark_runs(para)
    bases: list[str] = []
    cls: list[str] = []
    marks: list[str] = []
    starts: list[int] = []
    pos = 0
    for m in mark_runs.finditer(para):
        a, b = m.span()
        if a == 0 or para[a - 1].isspace():
            return None  # a mark with no letter to sit on: the slow path shows it alone
        bases.append(para[pos:a])
        cls.append(para_classes[pos:a])
        starts.extend(range(pos, a))
        marks.extend([""] * (a - pos))
        run = m.group()
        marks[-1] = run if harakat else "".join(c for c in run if not is_haraka(c))
        pos = b
    bases.append(para[pos:])
    cls.append(para_classes[pos:])
    starts.extend(range(pos, len(para)))
    marks.extend([""] * (len(para) - pos))
    ends = starts[1:] + [len(para)]
    return "".join(bases), marks, starts, ends, "".join(cls)


def _clusters(
    para: str, harakat: bool
) -> tuple[list[str], list[str], list[int], list[int], list[int]]:
    """Slow path: (bases, marks, starts, ends, widths) of a paragraph with special chars.

    Stretches of plain characters are added in bulk; only special ones are looked at."""
    bases: list[str] = []
    marks: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    widths: list[int] = []

    def plain(a: int, b: int) -> None:
        bases.extend(para[a:b])
        marks.extend([""] * (b - a))
        starts.extend(range(a, b))
        ends.extend(range(a + 1, b + 1))
        widths.extend([1] * (b - a))

    pos = 0
    for m in _special_chars(para).finditer(para):
        i = m.start()
        if i > pos:
            plain(pos, i)
        pos = i + 1
        ch = m.group()
        width = 1
        category = unicodedata.category(ch)
        if ch in _SPACES:
            ch = " "
        elif category in ("Mn", "Me"):
            if not harakat and is_haraka(ch):
                continue
            k = len(bases) - 1
            while k >= 0 and widths[k] == 0:  # invisible (ZWNJ, LRM…): mark the letter
                k -= 1
            if k >= 0 and not bases[k].isspace():
                marks[k] += ch
                ends[k] = max(ends[k], i + 1)
                continue
            bases.append("\u25cc")  # a mark with no base: show it on a dotted circle
            marks.append(ch)
            starts.append(i)
            ends.append(i + 1)
            widths.append(1)
            continue
        elif ch in _MARKS_AS_ZERO_WIDTH or ch == ZWNJ or "\u2066" <= ch <= "\u2069":
            width = 0
        elif category in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            continue
        elif ch == TATWEEL:  # kashida only stretches a word: it joins its letter's cell
            if bases and not bases[-1].isspace():
                ends[-1] = i + 1
            continue
        elif ch in EXPAND:
            for letter in EXPAND[ch]:
                bases.append(letter)
                marks.append("")
                starts.append(i)
                ends.append(i + 1)
                widths.append(1)
            continue
        else:
            width = get_character_cell_size(ch)
        bases.append(ch)
        marks.append("")
        starts.append(i)
        ends.append(i + 1)
        widths.append(width)
    plain(pos, len(para))
    return bases, marks, starts, ends, widths


@lru_cache(maxsize=2048)
def prepare(
    para: str, harakat: bool = True, visual: bool = True, neutral_rtl: bool = False
) -> Paragraph:
    """Clean, shape and resolve one paragraph (no newline inside). Cached per paragraph.

    With `visual=False` nothing is shaped or reordered (the "terminal" mode). A paragraph
    with no strong character (a date or a number alone) takes `neutral_rtl` as its
    direction: the higher-level protocol of UAX#9 (HL1) lets the document decide, so a date
    line in an Arabic article stays right-aligned like its neighbours.
    """
    return prepare_uncached(para, harakat, visual, neutral_rtl)


def prepare_uncached(
    para: str,
    harakat: bool = True,
    visual: bool = True,
    neutral_rtl: bool = False,
    *,
    fast: bool = True,
) -> Paragraph:
    """`prepare` without the cache. `fast=False` takes the general path even for a paragraph
    of plain characters (tests check that both give the same Paragraph)."""
    codes = para.translate(CODES)
    para_classes = codes.translate(TO_CLASS)
    direction = strong_direction(para_classes)
    rtl = direction == "R" or (direction is None and neutral_rtl)
    base = 1 if rtl else 0
    if fast and visual and (fast_kind := _fast_kind(para)) is not None:
        prepared = _prepare_fast(para, codes, rtl, harakat, *fast_kind)
        if prepared is not None:
            return prepared
    kind = paragraph_kind(para)
    cls: str | None = None
    if kind == PLAIN:
        base_text = para
        cls = para_classes
        marks: list[str] | None = None
        starts = list(range(len(para)))
        ends = list(range(1, len(para) + 1))
        widths: list[int] | None = None
    elif kind == MARK and (marked := _marked_clusters(para, harakat, para_classes)):
        base_text, marks, starts, ends, cls = marked
        widths = None
    else:
        bases, marks, starts, ends, wlist = _clusters(para, harakat)
        base_text = "".join(bases)
        widths = wlist if wlist.count(1) != len(wlist) else None
    shaped = shape(base_text) if visual else base_text
    glyphs = list(shaped)
    if visual:
        absorbed = []
        for i, ligature in lam_alefs(shaped):
            if marks is None or not marks[i]:
                glyphs[i] = ligature
                ends[i] = ends[i + 1]
                absorbed.append(i + 1)
                if marks is not None:
                    marks[i] = marks[i + 1]  # harakat on the alef go on the ligature
        if absorbed:
            keep = [1] * len(glyphs)
            for j in absorbed:
                keep[j] = 0
            glyphs = list(compress(glyphs, keep))
            starts = list(compress(starts, keep))
            ends = list(compress(ends, keep))
            marks = list(compress(marks, keep)) if marks is not None else None
            widths = list(compress(widths, keep)) if widths is not None else None
            base_text = _drop(base_text, absorbed)
            cls = _drop(cls, absorbed) if cls is not None else None
    if marks is not None:
        if ZWNJ in base_text:  # it only had to stop the joining
            keep = [int(c != ZWNJ) for c in base_text]
            base_text = base_text.replace(ZWNJ, "")
            glyphs = list(compress(glyphs, keep))
            marks = list(compress(marks, keep))
            starts = list(compress(starts, keep))
            ends = list(compress(ends, keep))
            widths = list(compress(widths, keep)) if widths is not None else None
        for m in _ZERO_WIDTH_MARK.finditer(base_text):
            glyphs[m.start()] = ""
        glyphs = list(map(str.__add__, glyphs, marks))
    if cls is None:
        cls = classes(base_text)
    space = cls.translate(_SPACE_MASK)
    if not visual:
        levels = "0" * len(cls)  # logical order: the terminal reorders
    elif not rtl and _STRONG_R_OR_NUMBER.search(cls) is None:
        levels = "0" * len(cls)  # plain left-to-right text
    else:
        levels = resolve_levels(cls, base, base_text)
        for m in _MIRRORED.finditer(base_text):
            k = m.start()
            if levels[k] in "13579":
                glyphs[k] = mirror(glyphs[k][0]) + glyphs[k][1:]
    if marks is not None and NOBREAK.keys() & set(base_text):
        for k, c in enumerate(base_text):
            if c in NOBREAK:
                glyphs[k] = NOBREAK[c] + glyphs[k][1:]
    packed = "".join(glyphs) if marks is None and widths is None else glyphs
    return Paragraph(para, rtl, visual, packed, starts, ends, widths, levels, space)


def _fast_kind(para: str) -> tuple[bool, bool] | None:
    """(has marks, has no-break characters) when `_prepare_fast` can take `para`, None when
    it needs the general path (no-break spaces are allowed: only their glyph changes)."""
    if _SURELY_PLAIN.fullmatch(para) is not None:
        return False, False
    if _SURELY_PLAIN_OR_HARAKAT.fullmatch(para) is not None:
        return _HARAKAT.search(para) is not None, False
    marks = nobreak = False
    for ch in set(para):
        kind = KINDS[ch]
        if kind == MARK:
            marks = True
        elif kind == OTHER:
            if ch not in NOBREAK:
                return None
            nobreak = True
    if marks and nobreak:
        return None  # the general path's offsets for hidden harakat differ here: keep them
    return marks, nobreak


def _split_marks(
    para: str, codes: str, harakat: bool
) -> tuple[str, str, list[int], dict[int, str]] | None:
    """(base text, its CODES, logical start of each base, marks by base index) of a
    paragraph whose marks all follow a base character; None if one does not."""
    bases: list[str] = []
    cls: list[str] = []
    starts: list[range] = []
    marks: dict[int, str] = {}
    pos = count = 0
    for m in _mark_runs(para).finditer(para):
        a, b = m.span()
        if a == 0 or para[a - 1].isspace():
            return None  # a mark with no letter to sit on: the general path shows it alone
        bases.append(para[pos:a])
        cls.append(codes[pos:a])
        starts.append(range(pos, a))
        count += a - pos
        run = m.group() if harakat else "".join(c for c in m.group() if not is_haraka(c))
        if run:
            marks[count - 1] = run
        pos = b
    bases.append(para[pos:])
    cls.append(codes[pos:])
    starts.append(range(pos, len(para)))
    return "".join(bases), "".join(cls), list(chain.from_iterable(starts)), marks


def _prepare_fast(
    para: str, codes: str, rtl: bool, harakat: bool, has_marks: bool, nobreak: bool
) -> Paragraph | None:
    """`prepare` in "app" mode for a paragraph of one-cell characters and marks that follow a
    base (most paragraphs of news text), or None for the general path. Every cluster is one
    base character plus its marks and the clusters tile the paragraph, so the glyphs are
    built as one string, marks are kept by cluster index, and the only per-character lists
    are the offsets."""
    marks: dict[int, str] = {}
    starts: list[int] | None = None
    base_text = para
    if has_marks:
        split = _split_marks(para, codes, harakat)
        if split is None:
            return None
        base_text, codes, starts, marks = split
    cls = codes.translate(TO_CLASS)
    n = len(para)
    shaped = shape(base_text, codes.translate(TO_JOINING))
    ligatures = lam_alefs(shaped)
    if marks:  # FriBidi (and fonts) do not ligate a lam that carries a mark
        ligatures = [(i, ligature) for i, ligature in ligatures if i not in marks]
    if ligatures:
        pieces: list[str] = []
        absorbed: list[int] = []
        keep = bytearray(b"\x01") * len(base_text)
        pos = 0
        for i, ligature in ligatures:
            pieces.append(shaped[pos:i])
            pieces.append(ligature)
            pos = i + 2
            absorbed.append(i + 1)
            keep[i + 1] = 0
            if i + 1 in marks:  # harakat on the alef go on the ligature
                marks[i] = marks.pop(i + 1)
        pieces.append(shaped[pos:])
        glyph_text = "".join(pieces)
        starts = list(compress(range(n) if starts is None else starts, keep))
        base_text = _drop(base_text, absorbed)
        cls = _drop(cls, absorbed)
        if marks:
            marks = {k - bisect_left(absorbed, k): run for k, run in marks.items()}
    else:
        glyph_text = shaped
        if starts is None:
            starts = list(range(n))
    ends = starts[1:]  # the clusters tile the paragraph
    if starts:
        ends.append(n)
    space = cls.translate(_SPACE_MASK)
    if not rtl and _STRONG_R_OR_NUMBER.search(cls) is None:
        levels = "0" * len(cls)  # plain left-to-right text
    else:
        levels = resolve_levels(cls, 1 if rtl else 0, base_text)
        mirrored = [
            m.start() for m in _MIRRORED.finditer(base_text) if levels[m.start()] in "13579"
        ]
        if mirrored:
            chars = list(glyph_text)
            for k in mirrored:
                chars[k] = mirror(chars[k])
            glyph_text = "".join(chars)
    if not has_marks and not nobreak:  # one character per cluster: glyphs stay a string
        return Paragraph(para, rtl, True, glyph_text, starts, ends, None, levels, space)
    if nobreak:
        glyph_text = glyph_text.translate(_nobreak_table())
    glyphs = list(glyph_text)
    for k, run in marks.items():
        glyphs[k] += run
    return Paragraph(para, rtl, True, glyphs, starts, ends, None, levels, space)


def _nobreak_table() -> dict[int, str]:
    """str.translate table of the no-break characters seen so far (NOBREAK grows lazily)."""
    if len(_NOBREAK_TABLE) != len(NOBREAK):
        _NOBREAK_TABLE.clear()
        _NOBREAK_TABLE.update({ord(c): shown for c, shown in NOBREAK.items()})
    return _NOBREAK_TABLE


_NOBREAK_TABLE: dict[int, str] = {}


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
