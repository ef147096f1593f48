"""A note per document: the reader's own words beside an article.

Notes hang on the document id, so they survive re-imports, edits and renames of the file
(see docs/schema.md). Setting an empty note removes it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache

from archive.store import Archive, ArchiveError, DocumentNotFound
from archive.text.normalize import normalize, words
from archive.text.stem import light_stem

MAX_NOTE_CHARS = 20_000


def note_of(archive: Archive, doc_id: int) -> str | None:
    row = archive.conn.execute("SELECT text FROM notes WHERE document_id = ?", (doc_id,)).fetchone()
    return row[0] if row else None


def all_notes(archive: Archive) -> dict[int, str]:
    return dict(archive.conn.execute("SELECT document_id, text FROM notes"))


def notes_of(archive: Archive, ids: Iterable[int]) -> dict[int, str]:
    """The notes of these documents, by id (documents without one are left out)."""
    wanted = list(dict.fromkeys(int(i) for i in ids))
    found: dict[int, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = archive.conn.execute(
            f"SELECT document_id, text FROM notes WHERE document_id IN ({marks})", chunk
        )
        found.update(rows)
    return found


def set_note(archive: Archive, doc_id: int, text: str) -> str | None:
    """Replace document `doc_id`'s note by `text` (blank: remove it); returns the old note."""
    text = text.replace("\r\n", "\n").replace("\x00", "").strip()
    if len(text) > MAX_NOTE_CHARS:
        raise ArchiveError(
            f"note for document {doc_id}: {len(text):,} characters, the limit is {MAX_NOTE_CHARS:,}"
        )
    conn = archive.conn
    with conn:
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
            raise DocumentNotFound(f"no document with id {doc_id} in {archive.path}")
        old = note_of(archive, doc_id)
        if text:
            conn.execute(
                "INSERT INTO notes (document_id, text, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (document_id) DO UPDATE SET text = excluded.text, "
                "updated_at = excluded.updated_at",
                (doc_id, text, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        else:
            conn.execute("DELETE FROM notes WHERE document_id = ?", (doc_id,))
    return old


def note_from_record(value: object) -> str | None:
    """The note an imported record carries (`arshif export` writes one per document)."""
    if not isinstance(value, str):
        return None
    text = value.replace("\r\n", "\n").replace("\x00", "").strip()
    return text if text and len(text) <= MAX_NOTE_CHARS else None


def note_imported(conn: sqlite3.Connection, noted: Iterable[tuple[int, str]], at: str) -> None:
    """Give documents the notes their imported records carry, where they have none yet (a
    note written in this archive is never replaced by an import). Runs inside the
    importer's batch transaction."""
    conn.executemany(
        "INSERT OR IGNORE INTO notes (document_id, text, updated_at) VALUES (?, ?, ?)",
        [(doc_id, text, at) for doc_id, text in noted],
    )


def noted_documents(conn: sqlite3.Connection, value: str) -> list[int]:
    """The documents whose note holds every word of `value` (the `note:` filter), compared
    as search compares words: normalised (any alef, ة/ه, harakat and tatweel out, Latin
    lower case), then by light stem, so a clitic or the article on either side does not
    matter (المصدر، بالمصدر، مصدر); a word ending with * is a prefix. Notes are few (one per
    document a reader annotated): they are read and matched here, not indexed."""
    prefix = value.rstrip().endswith("*")
    wanted = words(normalize(value))
    if not wanted:
        return []
    last = len(wanted) - 1
    wanted_stems = [light_stem(w) for w in wanted]
    found = []
    for doc_id, text in conn.execute("SELECT document_id, text FROM notes ORDER BY document_id"):
        have, stems = _note_words(text)
        if all(
            w in have
            or wanted_stems[k] in stems
            or (prefix and k == last and any(h.startswith(w) for h in have))
            for k, w in enumerate(wanted)
        ):
            found.append(int(doc_id))
    return found


@lru_cache(maxsize=8192)
def _note_words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A note's normalised words and their light stems (kept while the note is unchanged:
    the app compiles a query at every keystroke)."""
    have = frozenset(words(normalize(text)))
    return have, frozenset(map(light_stem, have))
