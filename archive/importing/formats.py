"""Articles from files: .txt (one per file) and .json / .jsonl / .csv dumps (one per record).

Dump fields are matched case-insensitively (spaces and hyphens read as underscores) against
the usual names, listed in FIELD_ALIASES; fields with other names are kept in `extra`.
Records are numbered from 1 in the order they appear (JSONL: the line number), and that
number is part of the record's identity when it has no url.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from archive.importing.decode import DecodeError, clean_text, decode_bytes, has_letter_or_digit

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "العنوان"),
    "body": (
        "body", "content", "text", "article", "maintext", "full_text", "body_text", "story",
        "النص", "المحتوى", "المتن",
        "description", "summary", "excerpt", "الملخص", "الوصف",  # when there is no text
    ),
    "date": (
        "date", "published", "pub_date", "date_published", "published_at", "publish_date",
        "date_publish", "datetime", "التاريخ", "تاريخ_النشر",
    ),
    "source": (
        "source", "site", "publisher", "newspaper", "outlet", "source_name", "source_domain",
        "site_name", "publication", "agency", "المصدر", "الصحيفة", "الوكالة",
    ),
    "url": ("url", "link", "href", "source_url", "canonical_url", "الرابط"),
    "author": ("author", "byline", "authors", "writer", "الكاتب", "المحرر"),
}  # fmt: skip
# (news-please writes maintext, date_publish, source_domain and authors; newspaper3k text,
# publish_date and authors)
_ALIAS_TO_FIELD = {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases}
_PRIORITY = {alias: i for aliases in FIELD_ALIASES.values() for i, alias in enumerate(aliases)}
DUMP_SUFFIXES = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}
CSV_DELIMITERS = ",;\t|"
_CSV_FIELD_LIMIT = 2**31 - 1
_TOO_DEEP = "invalid JSON: nested too deeply (arrays or objects inside each other)"


@dataclass(slots=True)
class Record:
    """One article read from a file, before normalisation and metadata."""

    key: str  # relative path (+ "#N" for a dump record): the identity when there is no url
    body: str  # cleaned
    fields: dict[str, str] = field(default_factory=dict)  # title, date, source, url, author
    extra: dict[str, Any] = field(default_factory=dict)  # the record's other fields


@dataclass(frozen=True, slots=True)
class Rejection:
    where: str  # file path, + "#N" for a record
    reason: str


def read_records(data: bytes, key: str, suffix: str) -> Iterator[Record | Rejection]:
    """The records of one file's bytes. `key` is the file's relative path; `suffix` its
    lower-cased extension. Unknown extensions are read as plain text (one article)."""
    try:
        text, _encoding = decode_bytes(data)
    except DecodeError as exc:
        yield Rejection(key, str(exc))
        return
    kind = DUMP_SUFFIXES.get(suffix)
    if kind is None:
        body = clean_text(text)
        if not body:
            yield Rejection(key, "empty file (no text)")
        elif not has_letter_or_digit(body):
            yield Rejection(
                key, "empty file (no letter or digit: only marks or invisible characters)"
            )
        else:
            yield Record(key=key, body=body)
        return
    if kind == "json":
        yield from _json_records(text, key)
    elif kind == "jsonl":
        yield from _jsonl_records(text, key)
    else:
        yield from _csv_records(text, key)


def _json_records(text: str, key: str) -> Iterator[Record | Rejection]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejection(key, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    except RecursionError:
        yield Rejection(key, _TOO_DEEP)
        return
    if isinstance(value, dict) and _field_map(value).get("body") is None:
        # {"articles": [...]}: one list of objects under some key
        lists = [v for v in value.values() if isinstance(v, list)]
        if len(lists) == 1:
            value = lists[0]
    if isinstance(value, dict):
        yield _record(value, key)  # one object: the file is the article
    elif isinstance(value, list):
        if not value:
            yield Rejection(key, "empty JSON array")
        for n, item in enumerate(value, 1):
            yield _record(item, f"{key}#{n}")
    else:
        yield Rejection(key, f"JSON {type(value).__name__} is neither an object nor an array")


def _jsonl_records(text: str, key: str) -> Iterator[Record | Rejection]:
    return jsonl_lines(text.splitlines(), key)


def jsonl_lines(lines: Iterable[str], key: str) -> Iterator[Record | Rejection]:
    """The records of a JSONL file's lines (numbered from 1, blank lines counted)."""
    seen_any = False
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        seen_any = True
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(f"{key}#{n}", f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield Rejection(f"{key}#{n}", _TOO_DEEP)
            continue
        yield _record(value, f"{key}#{n}")
    if not seen_any:
        yield Rejection(key, "empty file (no records)")


def _csv_records(text: str, key: str) -> Iterator[Record | Rejection]:
    if not text.strip():
        yield Rejection(key, "empty file (no records)")
        return
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    # Only the delimiter is sniffed (from the header line): the Sniffer's guesses about
    # quoting are unreliable, and dumps quote the standard way ("" inside quotes).
    header_line = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(header_line, CSV_DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        yield Rejection(key, f"invalid CSV header: {exc}")
        return
    names = [h.strip().lstrip("\ufeff") for h in header]
    if "body" not in _field_map(dict.fromkeys(names, "x")):
        yield Rejection(
            key, f"CSV header has no body column (one of {', '.join(FIELD_ALIASES['body'])})"
        )
        return
    n = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Rejection(f"{key}#{n + 1}", f"invalid CSV: {exc}")
            break
        if not any(cell.strip() for cell in row):
            continue
        n += 1
        record: dict[str, Any] = dict(zip(names, row, strict=False))
        if len(row) > len(names):
            record["_extra_columns"] = row[len(names) :]
        yield _record(record, f"{key}#{n}")


def _canonical(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def _field_map(obj: dict[str, Any]) -> dict[str, str]:
    """Which key of `obj` provides each known field (the first non-empty by alias order)."""
    chosen: dict[str, tuple[int, str]] = {}
    for raw_key, value in obj.items():
        alias = _canonical(str(raw_key))
        name = _ALIAS_TO_FIELD.get(alias)
        if name is None or value is None or value == "" or value == []:
            continue
        rank = _PRIORITY[alias]
        if name not in chosen or rank < chosen[name][0]:
            chosen[name] = (rank, raw_key)
    return {name: raw_key for name, (_rank, raw_key) in chosen.items()}


def _as_text(value: Any, joiner: str = "\n\n") -> str | None:
    """A field value as text: strings as they are, numbers printed, lists of strings joined
    (paragraphs of a body by a blank line, several authors by a comma)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return joiner.join(value)
    return None


def _record(obj: Any, key: str) -> Record | Rejection:
    if not isinstance(obj, dict):
        return Rejection(key, f"record is a JSON {type(obj).__name__}, not an object")
    mapping = _field_map(obj)
    used = set(mapping.values())
    extra = {
        str(k): v
        for k, v in obj.items()
        if k not in used and not (_canonical(str(k)) in _ALIAS_TO_FIELD and v in ("", None, []))
    }
    fields: dict[str, str] = {}
    for name, raw_key in mapping.items():
        text = _as_text(obj[raw_key], "\n\n" if name == "body" else "، ")
        if text is None:
            extra[str(raw_key)] = obj[raw_key]  # wrong type: kept, not interpreted
            continue
        fields[name] = clean_text(text) if name == "body" else " ".join(clean_text(text).split())
    body = fields.pop("body", "")
    if not body:
        bad = mapping.get("body")
        reason = (
            f"field {bad!r} is not text"
            if bad is not None and bad in extra
            else f"no body (one of {', '.join(FIELD_ALIASES['body'])})"
        )
        return Rejection(key, reason)
    if not has_letter_or_digit(body):
        return Rejection(key, "body has no letter or digit (only marks or invisible characters)")
    return Record(key=key, body=body, fields={k: v for k, v in fields.items() if v}, extra=extra)
