"""The fast path of `prepare` ("app" mode): a paragraph of one-cell characters whose marks
all follow a base character — most paragraphs of news text. Every cluster is one base
character plus its marks and the clusters tile the paragraph, so the glyphs are built as one
string and the only per-character lists are the offsets. It gives exactly what the general
path in `archive.layout.paragraph` gives (tests/test_layout_fastpath.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import compress
from re import Pattern

from archive.layout import pieces
from archive.layout.bidi import mirror, resolve_levels
from archive.layout.chars import (
    _HARAKAT,
    _MIRRORED,
    _SPACE_MASK,
    _STRONG_R_OR_NUMBER,
    _SURELY_PLAIN,
    _SURELY_PLAIN_OR_HARAKAT,
    CODES,
    EXPAND,
    KINDS,
    MARK,
    NOBREAK,
    OTHER,
    PLAIN,
    TATWEEL,
    TO_CLASS,
    TO_JOINING,
    Paragraph,
    _drop,
    is_haraka,
)
from archive.layout.shape import lam_alefs, shape, shown_tatweels


def fast_kind(
    para: str, harakat: bool = True
) -> tuple[Pattern | None, bool, Pattern | None] | None:
    """What `prepare_fast` needs to know of `para`, or None when it needs the general path:
    (a pattern of its runs of marks or None, whether it has no-break characters, a pattern
    of its compatibility characters shown as the letters they stand for (EXPAND) or None).
    No-break characters only change their glyph; expanded characters are taken when the
    paragraph has no marks."""
    if _SURELY_PLAIN.fullmatch(para) is not None:
        return None, False, None
    if _SURELY_PLAIN_OR_HARAKAT.fullmatch(para) is not None:
        return (_HARAKAT_RUNS if _HARAKAT.search(para) is not None else None), False, None
    marks: list[str] = []
    expand: list[str] = []
    nobreak = False
    for ch in pieces.characters(para):
        kind = KINDS[ch]
        if ch == TATWEEL and shown_tatweels(para):
            return None  # the abbreviation mark هـ shows its tatweel: the general path does
        if kind == MARK or ch == TATWEEL:  # kashida rides with the marks and shows nothing
            marks.append(ch)
        elif kind == OTHER:
            if ch in NOBREAK:
                nobreak = True
            elif ch in EXPAND and all(KINDS[c] == PLAIN for c in EXPAND[ch]):
                expand.append(ch)
            else:
                return None
    if marks and (expand or nobreak or TATWEEL in marks) and not harakat:
        return None  # the general path gives hidden harakat no cluster here: keep its offsets
    return _charset(marks, "+"), nobreak, _charset(expand, "")


def _charset(chars: list[str], repeat: str) -> Pattern | None:
    if not chars:
        return None
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]" + repeat)


def _expand(
    text: str, expand: Pattern, starts: list[int] | None
) -> tuple[str, list[int], list[tuple[int, int]]]:
    """`text` with each compatibility character replaced by the letters it stands for; the
    logical start of each resulting character (the letters share their character's; `starts`
    are those of `text`, None for 0, 1, 2...); and (position in `text`, letters added up to
    and including it) for each replaced character."""
    texts: list[str] = []
    new_starts: list[Iterable[int]] = []
    moved: list[tuple[int, int]] = []
    pos = extra = 0
    for m in expand.finditer(text):
        i = m.start()
        letters = EXPAND[m.group()]
        origin = i if starts is None else starts[i]
        texts += (text[pos:i], letters)
        new_starts += (range(pos, i) if starts is None else starts[pos:i], [origin] * len(letters))
        extra += len(letters) - 1
        moved.append((i, extra))
        pos = i + 1
    texts.append(text[pos:])
    new_starts.append(range(pos, len(text)) if starts is None else starts[pos:])
    return "".join(texts), pieces.flatten(new_starts), moved


_HARAKAT_RUNS = re.compile(f"{_HARAKAT.pattern}+")


def _split_marks(
    para: str, codes: str, harakat: bool, mark_runs: Pattern
) -> tuple[str, str, list[int], dict[int, str]] | None:
    """(base text, its CODES, logical start of each base, marks by base index) of a
    paragraph whose marks all follow a base character; None if one does not."""
    bases: list[str] = []
    cls: list[str] = []
    starts: list[range] = []
    marks: dict[int, str] = {}
    pos = count = 0
    for m in mark_runs.finditer(para):
        a, b = m.span()
        if a == 0 or para[a - 1].isspace() or para[a - 1] in EXPAND:
            return None  # no letter to sit on (or one that becomes several): general path
        bases.append(para[pos:a])
        cls.append(codes[pos:a])
        starts.append(range(pos, a))
        count += a - pos
        run = m.group() if harakat else "".join(c for c in m.group() if not is_haraka(c))
        if TATWEEL in run:  # kashida is not shown; its offset belongs to the letter before
            run = run.replace(TATWEEL, "")
        if run:
            marks[count - 1] = run
        pos = b
    bases.append(para[pos:])
    cls.append(codes[pos:])
    starts.append(range(pos, len(para)))
    return "".join(bases), "".join(cls), pieces.flatten(starts), marks


def prepare_fast(
    para: str,
    codes: str,
    rtl: bool,
    harakat: bool,
    mark_runs: Pattern | None,
    nobreak: bool,
    expand: Pattern | None = None,
) -> Paragraph | None:
    """`prepare` in "app" mode for a paragraph of one-cell characters and marks that follow a
    base (most paragraphs of news text), or None for the general path. Every cluster is one
    base character plus its marks and the clusters tile the paragraph, so the glyphs are
    built as one string, marks are kept by cluster index, and the only per-character lists
    are the offsets."""
    marks: dict[int, str] = {}
    starts: list[int] | None = None
    base_text = para
    if mark_runs is not None:
        split = _split_marks(para, codes, harakat, mark_runs)
        if split is None:
            return None
        base_text, codes, starts, marks = split
    if expand is not None:  # (no mark sits on a compatibility character: _split_marks)
        base_text, starts, moved = _expand(base_text, expand, starts)
        codes = pieces.translate(base_text, CODES)
        if marks:
            where = [position for position, _ in moved]
            marks = {
                k + (moved[j - 1][1] if (j := bisect_left(where, k)) else 0): run
                for k, run in marks.items()
            }
    cls = codes.translate(TO_CLASS)
    n = len(para)
    shaped = shape(base_text, codes.translate(TO_JOINING))
    ligatures = lam_alefs(shaped)
    if marks:  # FriBidi (and fonts) do not ligate a lam that carries a mark
        ligatures = [(i, ligature) for i, ligature in ligatures if i not in marks]
    ends: list[int] | None = None
    if ligatures:
        parts: list[str] = []
        absorbed: list[int] = []
        keep = bytearray(b"\x01") * len(base_text)
        pos = 0
        for i, ligature in ligatures:
            parts.append(shaped[pos:i])
            parts.append(ligature)
            pos = i + 2
            absorbed.append(i + 1)
            keep[i + 1] = 0
            if i + 1 in marks:  # harakat on the alef go on the ligature
                marks[i] = marks.pop(i + 1)
        parts.append(shaped[pos:])
        glyph_text = "".join(parts)
        if expand is not None:  # ends do not tile: a ligature ends where its alef does
            full_ends = _expanded_ends(starts or [], n)
            for i, _ in ligatures:
                full_ends[i] = full_ends[i + 1]
            ends = list(compress(full_ends, keep))
        starts = list(compress(range(n) if starts is None else starts, keep))
        base_text = _drop(base_text, absorbed)
        cls = _drop(cls, absorbed)
        if marks:
            marks = {k - bisect_left(absorbed, k): run for k, run in marks.items()}
    else:
        glyph_text = shaped
        if starts is None:
            starts = list(range(n))
    if expand is not None:
        if ends is None:
            ends = _expanded_ends(starts, n)
    else:
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
            chars = pieces.char_list(glyph_text)
            for k in mirrored:
                chars[k] = mirror(chars[k])
            glyph_text = "".join(chars)
    if mark_runs is None and not nobreak and expand is None:  # glyphs stay one string
        return Paragraph(para, rtl, True, glyph_text, starts, ends, None, levels, space)
    if nobreak:
        glyph_text = pieces.translate(glyph_text, _nobreak_table())
    glyphs = pieces.char_list(glyph_text)
    for k, run in marks.items():
        glyphs[k] += run
    return Paragraph(para, rtl, True, glyphs, starts, ends, None, levels, space)


def _expanded_ends(starts: list[int], n: int) -> list[int]:
    """Logical ends of clusters some of which share a start (the letters of one expanded
    character each end after it); the others end where the next cluster starts."""
    after = starts[1:]
    after.append(n)
    return [b if b != a else a + 1 for a, b in zip(starts, after, strict=True)]


def _nobreak_table() -> dict[int, str]:
    """str.translate table of the no-break characters seen so far (NOBREAK grows lazily)."""
    if len(_NOBREAK_TABLE) != len(NOBREAK):
        _NOBREAK_TABLE.clear()
        _NOBREAK_TABLE.update({ord(c): shown for c, shown in NOBREAK.items()})
    return _NOBREAK_TABLE


_NOBREAK_TABLE: dict[int, str] = {}
