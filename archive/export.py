"""Exporting documents with their tags, as JSON lines or CSV (for `arshif export`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from archive.models import Document
from archive.notes import all_notes, notes_of
from archive.store import Archive

FIELDS = (
    "id", "path", "url", "title", "date", "date_inferred", "source", "author", "words", "tags",
    "note", "body",
)  # fmt: skip
_BATCH = 500


def document_record(doc: Document, note: str | None = None) -> dict[str, Any]:
    return {
        "id": doc.id,
        "path": doc.path,
        "url": doc.url,
        "title": doc.title,
        "date": doc.date,  # the publication date only: an inferred one is not re-imported as one
        "date_inferred": doc.date_inferred,
        "source": doc.source,
        "author": doc.author,
        "words": doc.word_count,
        "tags": list(doc.tags),
        "note": note,
        "body": doc.body,
    }


def export_records(archive: Archive, ids: Iterable[int] | None = None) -> Iterator[dict[str, Any]]:
    """Records of the given documents (all of them, by id, when ids is None), in batches."""
    if ids is None:
        noted = all_notes(archive)
        for doc in archive.iter_documents():
            yield document_record(doc, noted.get(doc.id))
        return
    wanted = list(ids)
    for start in range(0, len(wanted), _BATCH):
        docs = archive.documents(wanted[start : start + _BATCH])
        noted = notes_of(archive, (doc.id for doc in docs))
        for doc in docs:
            yield document_record(doc, noted.get(doc.id))


def csv_lines(records: Iterable[dict[str, Any]], *, excel: bool = False) -> Iterator[str]:
    """CSV text, header first; tags joined with spaces (tag names hold no spaces). For Excel
    (`excel=True`): a byte-order mark first, without which Excel reads UTF-8 Arabic as
    Windows-1252 mojibake, rows ending with CRLF (a line break inside a cell stays LF), and
    text cells that open like a formula marked as text (_as_text)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n" if excel else "\n")
    writer.writeheader()
    yield ("\ufeff" if excel else "") + buffer.getvalue()
    for record in records:
        buffer.seek(0)
        buffer.truncate()
        row = {**record, "tags": " ".join(record["tags"])}
        if excel:
            row = {k: _as_text(v) for k, v in row.items()}
        writer.writerow(row)
        yield buffer.getvalue()


# What Excel reads as the start of a formula in a cell of a CSV file it opens.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _as_text(value: object) -> object:
    """A text cell Excel would take for a formula ("- أعلنت الوزارة …" shows as #NAME?, and
    "=HYPERLINK(…)" in a document would run) with a leading apostrophe, Excel's mark for
    text, which it does not show."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
