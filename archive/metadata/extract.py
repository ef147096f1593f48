"""The extraction pipeline: boilerplate → title → dates → source → resolutions → entities."""

from __future__ import annotations

import re

from archive.metadata import Metadata
from archive.metadata.boilerplate import Line, find_boilerplate, inside, split_lines
from archive.metadata.byline import find_byline
from archive.metadata.dates import (
    GM_PATTERN,
    NAMED_PREFIX_WORDS,
    FoundDate,
    find_dates,
    parse_date_field,
)
from archive.metadata.entities import find_entities
from archive.metadata.gazetteer import load
from archive.metadata.resolutions import find_resolutions
from archive.metadata.source import (
    agency_dateline_end,
    canonical_source,
    find_source,
    outlet_place_spans,
)
from archive.metadata.textmap import Folded, fold, fold_char_text
from archive.metadata.title import choose_title, is_date_line, site_line, split_site
from archive.metadata.triggers import MONTH
from archive.metadata.words import split_words
from archive.models import DateMention, Span

_WORD_RE = re.compile(r"[^\W_]+")
_PUB_LABEL_RE = re.compile(
    r"^\W*(?:نشر|تم النشر|تاريخ النشر|نشر بتاريخ|بتاريخ|تاريخ|اخر تحديث|تحديث|نشر في)\s*(?:في|يوم)?\s*[:：\-–]?\s*"
)
TOP_LINES = 4  # a dated line among the first lines is the publication date
LEAD_LINES = 3  # paragraphs after the title that make the lead


def extract(body: str, fields: dict[str, str]) -> Metadata:
    # a dump may give numbers or nulls where text is expected
    fields = {k: str(v).strip() for k, v in fields.items() if v is not None and str(v).strip()}
    folded = fold(body)
    lines = split_lines(body, folded)
    boilerplate = find_boilerplate(body, lines)
    skip = {i for i, line in enumerate(lines) if inside(boilerplate, line.start, line.end)}
    words = split_words(folded.text)
    months = words.with_flag(MONTH)
    before = NAMED_PREFIX_WORDS
    windows = [(words.starts[k - before] if k >= before else 0, words.starts[k]) for k in months]
    all_dates = find_dates(body, folded, windows)
    dates = [d for d in all_dates if not inside(boilerplate, d.start, d.end)]
    byline = find_byline(lines, skip, folded, load())
    title_skip = skip | {byline.line} if byline else skip  # "كتبت: منى …" is no headline

    # a dump's title and date win over the text's: what they replace is not looked for
    field_date = parse_date_field(fields["date"]) if fields.get("date") else None
    glued = None if fields.get("title") and field_date else _glued_dateline(lines, skip, dates)
    if fields.get("title"):
        title, derived = fields["title"].strip(), False
    else:
        title_lines = lines
        if glued:
            index, date, lead_start = glued
            line = lines[index]
            rest = body[lead_start : line.end]
            title_lines = [
                *lines[:index],
                Line(lead_start, line.end, rest, fold_char_text(rest)),
                *lines[index + 1 :],
            ]
        title, derived = choose_title(title_lines, title_skip, dates)

    pub: str | None
    pub_text: str | None
    pub_line: Line | None
    if field_date:
        pub, pub_text, pub_line = field_date, fields["date"].strip(), None
    else:
        pub, pub_text, pub_line = _publication_date(lines, skip, dates)
        if glued and pub is None:
            index, date, lead_start = glued
            if date is not None:
                pub, pub_text = date.iso, body[date.start : date.end]
                pub_line = Line(lines[index].start, lead_start, "", "")
    mentioned = [
        d for d in dates if pub_line is None or not pub_line.start <= d.start < pub_line.end
    ]
    inferred = None if pub else _inferred(lines, skip, title, mentioned)

    # a dump's source field wins, under the outlet's one name ("الجزيرة نت" and a dateline's
    # "الجزيرة" are both قناة الجزيرة); the field as written is kept in extra["source"]
    written = fields.get("source")
    source = canonical_source(written) if written else find_source(lines, skip)
    if not derived:
        title, site = split_site(title)  # "العنوان | الجزيرة نت": the site is a source
        source = source or (canonical_source(site) if site else None)
    if not source and not fields.get("title"):
        site = site_line(lines, skip)  # "سكاي نيوز عربية" on a line above the headline
        source = canonical_source(site) if site else None
    clean = [Span(s.start, s.end) for s in boilerplate]
    indexable = Metadata(title="", boilerplate=tuple(clean)).indexable_text(body)
    clean_folded = fold(indexable).text if clean else folded.text  # harakat out: one word each
    resolutions = tuple(find_resolutions(clean_folded))
    word_count = words.word_count() - sum(_words_in(folded, span) for span in _union(clean))
    outlets = [Span(a, b) for a, b in outlet_place_spans(lines, skip)]
    entities = find_entities(
        body, folded, clean + outlets if outlets else clean, words, byline.spans if byline else ()
    )
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
        word_count=word_count,
        extra=_kept_as_written(fields, field_date, source),
        author=fields.get("author") or (byline.author if byline else None),
    )


def _kept_as_written(fields: dict[str, str], field_date: object, source: str | None) -> dict:
    """The dump's fields that were not stored as written: a date field that reads as no
    date (not dropped), a source field given under its outlet's canonical name."""
    extra = {}
    if fields.get("date") and not field_date:
        extra["date"] = fields["date"]
    if fields.get("source") and fields["source"] != source:
        extra["source"] = fields["source"]
    return extra


def _union(spans: list[Span]) -> list[Span]:
    """The spans merged where they overlap, in order."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if out and span.start < out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return out


def _words_in(folded: Folded, span: Span) -> int:
    """The words of the folded text inside a boilerplate span. A span is whole lines, so it
    starts and ends beside whitespace and splits no word: the indexable text (the body less
    its spans) has the words of the body less these."""
    start, end = folded.folded_index(span.start), folded.folded_index(span.end)
    return len(_WORD_RE.findall(folded.text, start, end))


_DATELINE_TAIL_RE = re.compile(
    r"^\s*(?:\(\s*[^()\n]{1,12}\)|[^\W\d]{2,5}(?:\s[^\W\d]){0,2})?\s*[-–—:]+\s*"
)


_DATELINE_NO_YEAR_RE = re.compile(
    # (each "\s* X? \s*" written "\s* (?:X \s*)?": the same text, without trying every
    # split of a long run of spaces between the two: quadratic on a crafted first line)
    rf"^[^\W\d]+(?:\s+[^\W\d]+){{0,2}}\s*(?:[-–،,]\s*)?\d{{1,2}}\s+(?:{GM_PATTERN})\s*"
    r"(?:\([^()]{1,12}\)\s*)?[-–—:]+\s*"
)


def _glued_dateline(
    lines: list[Line], skip: set[int], dates: list[FoundDate]
) -> tuple[int, FoundDate | None, int] | None:
    """A dateline that opens the lead on the same line: "رام الله 22-4-2024 وفا- أعلنت …",
    "الكويت - 5 - 3 - 2024 (كونا) -- بحث …", "الكويت (كونا) -- أعلنت …" (no date). (line
    index, its date, where the lead starts)."""
    for index, line in enumerate(lines[:2]):
        if index in skip:
            continue
        m = _DATELINE_NO_YEAR_RE.match(line.folded)
        if (
            m
            and len(_WORD_RE.findall(line.folded[m.end() :])) >= 6
            and len(line.folded) == len(line.text)
        ):
            return index, None, line.start + m.end()  # "عمان 20 تموز (بترا) - أكد …"
        end = agency_dateline_end(line.folded)
        if end is not None and len(_WORD_RE.findall(line.folded[end:])) >= 6:
            f = fold(line.text)  # (again, for the offset in the original text)
            end = agency_dateline_end(f.text)
            if end is not None:
                return index, None, line.start + f.orig(end)  # "الكويت (كونا) -- أعلنت …"
        first = next((d for d in dates if line.start <= d.start < line.end), None)
        if first is None or len(first.iso) < 7 or first.start - line.start > 40:
            continue
        prefix = line.text[: first.start - line.start]
        if len(_WORD_RE.findall(prefix)) > 3 or any(c in prefix for c in ".؟!:"):
            continue
        m = _DATELINE_TAIL_RE.match(line.text[first.end - line.start :])
        if m is None:
            continue
        lead_start = first.end + m.end()
        if len(_WORD_RE.findall(line.text[lead_start - line.start :])) >= 6:
            return index, first, lead_start
    return None


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
        at = next((ln for ln in lead if ln.start <= d.start < ln.end), None)
        if d.full and at is not None and not _effective_date(at, d):
            return d.iso
    return None


# A date the story announces, not the day it was written: "اعتباراً من 1 أكتوبر 2024", "حتى
# نهاية …", "بدءاً من يوم الأحد 5 …" (a decision in force from, a deadline).
_EFFECTIVE_RE = re.compile(
    r"(?:(?:اعتبارا|ابتداء|بدءا|بدايه|انطلاقا) من|حتي|لغايه|غايه|اقصاه)"
    r"(?: يوم)?(?: [^\W\d_]+)?\W*$"
)


def _effective_date(line: Line, d: FoundDate) -> bool:
    before = line.text[max(0, d.start - line.start - 40) : d.start - line.start]
    return _EFFECTIVE_RE.search(" ".join(fold(before).text.split())) is not None
