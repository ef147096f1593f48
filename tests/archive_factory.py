"""Build small archives for tests without the importer: rows written as the importer would."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive.search.engine import search
from archive.search.index import index_columns, index_documents
from archive.store import Archive


@dataclass(frozen=True)
class Doc:
    title: str
    body: str
    date: str | None = None
    source: str | None = None
    path: str | None = None


def add_documents(archive: Archive, docs: list[Doc]) -> list[int]:
    """Insert documents (with their FTS rows); returns their ids in order."""
    ids = []
    now = "2026-01-01T00:00:00+00:00"
    base = int(archive.conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0])
    with archive.conn:
        for n, doc in enumerate(docs):
            path = doc.path or f"doc{base + n:05d}.txt"
            cur = archive.conn.execute(
                "INSERT INTO documents (source_key, path, title, body, date, source, sha256, "
                "word_count, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    path,
                    path,
                    doc.title,
                    doc.body,
                    doc.date,
                    doc.source,
                    hashlib.sha256(doc.body.encode()).hexdigest(),
                    len(doc.body.split()),
                    now,
                    now,
                ),
            )
            doc_id = int(cur.lastrowid or 0)
            index_documents(archive.conn, [(doc_id, doc.date, index_columns(doc.title, doc.body))])
            ids.append(doc_id)
    return ids


def make_archive(path: Path, docs: list[Doc]) -> list[int]:
    with Archive(path) as archive:
        return add_documents(archive, docs)


NamedArchive = tuple[Archive, dict[int, str]]  # an archive, and each document id's name


def named_archive(
    tmp_path_factory: pytest.TempPathFactory, docs: dict[str, Doc]
) -> Iterator[NamedArchive]:
    """An archive of `docs` for a module's tests (a fixture's body: `yield from`), with the
    name each document has in `docs`."""
    with Archive(tmp_path_factory.mktemp("named") / "archive.db") as archive:
        ids = add_documents(archive, list(docs.values()))
        yield archive, dict(zip(ids, docs, strict=True))


def found(named: NamedArchive, query: str) -> set[str]:
    """The names of the documents `query` finds (it must not be refused)."""
    archive, names = named
    result = search(archive, query)
    assert result.error is None, result.error
    return {names[h.id] for h in result.hits}
