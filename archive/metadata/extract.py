"""The extraction pipeline: boilerplate → title → dates → source → resolutions → entities."""

from __future__ import annotations

import re

from archive.metadata import Metadata
from archive.metadata.boilerplate import Line, find_boilerplate, inside, split_lines
from archive.metadata.dates import FoundDate, find_dates, parse_date_field
from archive.metadata.entities import find_entities
from archive.metadata.resolutions import find_resolutions
from archive.metadata.source import find_source
from archive.metadata.textmap import fold
from archive.metadata.title import choose_title, is_date_line
from archive.models import DateMention, Span

_WORD_RE = re.compile(r"[^\W_]+")
_PUB_LABEL_RE = re.compile(
    r"^\W*(?:نشر|تم النشر|تاريخ النشر|نشر بتاريخ|بتاريخ|تاريخ|اخر تحديث|تحديث|نشر في)\s*(?:في|يوم)?\s*[:：\-–]?\s*"
)
TOP_LINES = 4  # a dated line among the first lines is the publication date
LEAD_LINES = 3  # paragraphs after the title that make the lead


def extract(body: str, fields: dict[str, str]) -> Metadata:
    lines = split_lines(body)
    boilerplate = find_boilerplate(body, lines)
    skip = {i for i, line in enumerate(lines) if inside(boilerplate, line.start, line.end)}
    folded = fold(body)
    all_dates = find_dates(body, folded)
    dates = [d for d in all_dates if not inside(boilerplate, d.start, d.end)]

    title, derived = choose_title(lines, skip, dates)
    if fields.get("title"):
        title, derived = fields["title"].strip(), False

    pub, pub_text, pub_line = _publication_date(lines, skip, dates)
    if fields.get("date"):
        parsed = parse_date_field(fields["date"])
        if parsed:
            pub, pub_text, pub_line = parsed, fields["date"].strip(), None
    mentioned = [
        d for d in dates if pub_line is None or not pub_line.start <= d.start < pub_line.end
    ]
    inferred = None if pub else _inferred(lines, skip, title, mentioned)

    source = fields.get("source") or find_source(lines, skip)
    clean = [Span(s.start, s.end) for s in boilerplate]
    indexable = Metadata(title="", boilerplate=tuple(clean)).indexable_text(body)
    resolutions = tuple(find_resolutions(fold(indexable).text if clean else folded.text))
    entities = find_entities(body, folded, clean)
    return Metadata(
        title=title,
        title_derived=derived,
        date=pub,
        date_text=pub_text,
        date_inferred=inferred,
        source=(source or None),
        boilerplate=tuple(clean),
        dates=tuple(DateMention(d.iso, body[d.start : d.end], d.start, d.end) for d in mentioned),
        entities=entities,
        resolutions=resolutions,
        word_count=len(_WORD_RE.findall(indexable)),
    )


def _publication_date(
    lines: list[Line], skip: set[int], dates: list[FoundDate]
) -> tuple[str | None, str | None, Line | None]:
    """A date line at the top (a dateline), or a short line labelled نُشر / بتاريخ / تاريخ
    النشر. A Gregorian date is preferred to its Hijri twin on the same line."""
    for index, line in enumerate(lines[:TOP_LINES]):
        if index in skip:
            continue
        in_line = _line_dates(line, dates)
        if in_line and is_date_line(line, dates):
            return in_line[0].iso, _text(line, in_line[0]), line
    for index, line in enumerate(lines):
        if index in skip or len(line.text) > 80 or not _PUB_LABEL_RE.match(line.folded):
            continue
        in_line = _line_dates(line, dates)
        if in_line:
            return in_line[0].iso, _text(line, in_line[0]), line
    return None, None, None


def _line_dates(line: Line, dates: list[FoundDate]) -> list[FoundDate]:
    found = [d for d in dates if line.start <= d.start and d.end <= line.end and len(d.iso) >= 7]
    return sorted(found, key=lambda d: (d.hijri, -len(d.iso)))


def _text(line: Line, d: FoundDate) -> str:
    return line.text[d.start - line.start : d.end - line.start]


def _inferred(lines: list[Line], skip: set[int], title: str, dates: list[FoundDate]) -> str | None:
    """The first full date of the lead: the paragraphs right after the title."""
    lead: list[Line] = []
    for index, line in enumerate(lines):
        if index in skip or line.text.rstrip(" .:؛،") == title:
            continue
        lead.append(line)
        if len(lead) >= LEAD_LINES:
            break
    for d in dates:
        if d.full and any(line.start <= d.start < line.end for line in lead):
            return d.iso
    return None
