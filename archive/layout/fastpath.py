"""The fast path of `prepare` ("app" mode): a paragraph of one-cell characters whose marks
all follow a base character — most paragraphs of news text. Every cluster is one base
character plus its marks and the clusters tile the paragraph, so the glyphs are built as one
string and the only per-character lists are the offsets. It gives exactly what the general
path in `archive.layout.paragraph` gives (tests/test_layout_fastpath.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import chain, compress

from archive.layout.bidi import mirror, resolve_levels
from archive.layout.chars import (
    _HARAKAT,
    _MIRRORED,
    _SPACE_MASK,
    _STRONG_R_OR_NUMBER,
    _SURELY_PLAIN,
    _SURELY_PLAIN_OR_HARAKAT,
    KINDS,
    MARK,
    NOBREAK,
    OTHER,
    TO_CLASS,
    TO_JOINING,
    Paragraph,
    _drop,
    is_haraka,
)
from archive.layout.shape import lam_alefs, shape


def fast_kind(para: str) -> tuple[re.Pattern[str] | None, bool] | None:
    """(a pattern of the runs of marks in `para` or None if it has none, whether it has
    no-break characters) when `prepare_fast` can take `para`; None when it needs the general
    path (no-break spaces are allowed: only their glyph changes)."""
    if _SURELY_PLAIN.fullmatch(para) is not None:
        return None, False
    if _SURELY_PLAIN_OR_HARAKAT.fullmatch(para) is not None:
        return (_HARAKAT_RUNS if _HARAKAT.search(para) is not None else None), False
    marks: list[str] = []
    nobreak = False
    for ch in set(para):
        kind = KINDS[ch]
        if kind == MARK:
            marks.append(ch)
        elif kind == OTHER:
            if ch not in NOBREAK:
                return None
            nobreak = True
    if marks and nobreak:
        return None  # the general path's offsets for hidden harakat differ here: keep them
    if not marks:
        return None, nobreak
    return re.compile("[" + re.escape("".join(sorted(marks))) + "]+"), nobreak


_HARAKAT_RUNS = re.compile(f"{_HARAKAT.pattern}+")


def _split_marks(
    para: str, codes: str, harakat: bool, mark_runs: re.Pattern[str]
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


def prepare_fast(
    para: str,
    codes: str,
    rtl: bool,
    harakat: bool,
    mark_runs: re.Pattern[str] | None,
    nobreak: bool,
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
    if mark_runs is None and not nobreak:  # one character per cluster: glyphs stay a string
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
