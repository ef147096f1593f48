"""The archive repository: opens `archive.db` and reads documents as dataclasses.

Other core modules (importing, search, tags, metadata) work on the same `Archive`
through its connection; commands and widgets never write SQL themselves.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from archive.models import Document, Span
from archive.schema import SchemaTooNew, migrate
from archive.search.index import ensure_index_current

DEFAULT_DB = "archive.db"
BUSY_TIMEOUT_MS = 30_000


class ArchiveError(Exception):
    """A problem the user can act on; the message names the file or the query."""


class DocumentNotFound(ArchiveError):
    pass


def default_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """`--db` wins over `ARSHIF_DB`, which wins over ./archive.db."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get("ARSHIF_DB")
    return Path(env) if env else Path(DEFAULT_DB)


class ArchiveConnection(sqlite3.Connection):
    """An archive's main connection (Archive.conn). interrupt() also stops the statements
    that its companion connections run on its behalf (a count split over two connections,
    archive.search.split), and is counted (`interrupts`), so that work done between two
    statements, when no statement runs for SQLite to stop, still sees it."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.interrupts = 0
        self.companions: list[sqlite3.Connection] = []

    def interrupt(self) -> None:
        self.interrupts += 1
        super().interrupt()
        for other in tuple(self.companions):
            other.interrupt()


def connect(
    path: str | os.PathLike[str],
    *,
    readonly: bool = False,
    factory: type[sqlite3.Connection] = sqlite3.Connection,
) -> sqlite3.Connection:
    path = Path(path)
    if readonly:
        conn = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, check_same_thread=False, timeout=30,
            factory=factory,
        )  # fmt: skip
    else:
        conn = sqlite3.connect(path, check_same_thread=False, timeout=30, factory=factory)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        _enable_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL. Changing the journal mode needs the database to itself and SQLite does
    not wait for that through the busy handler, so a second process that opens a new archive
    while the first creates it retries here instead of failing with "database is locked"."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.01
    while True:
        try:
            (mode,) = conn.execute("PRAGMA journal_mode").fetchone()
            if str(mode).lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


_DOCUMENT_COLUMNS = (
    "id, path, title, body, url, title_derived, date, date_text, date_inferred, source, "
    "author, sha256, word_count, extra, duplicate_of, boilerplate, imported_at, updated_at"
)


@dataclass(frozen=True, slots=True)
class ArchiveStats:
    documents: int
    duplicates: int
    tags: int  # tags on at least one document (what `arshif tags` and the facets count)
    unused_tags: int  # tags on no document (kept after their last removal, with their colour)
    tagged_documents: int
    entities: int  # entities mentioned in at least one document (as `arshif entities` lists)
    sources: int
    imports: int
    earliest: str | None
    latest: str | None
    words: int
    db_bytes: int


class Archive:
    """One open archive database."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        on_rebuild: Callable[[int], None] | None = None,
        on_upgrade: Callable[[int, int], None] | None = None,
    ) -> None:
        """Open (or create) the archive at `path`, migrating it and rebuilding its search
        index when an older Arshif made them; `on_rebuild(documents)` hears of a rebuild
        before it starts (minutes on a large archive), `on_upgrade(documents, seconds)` of a long
        migration (archive.schema.migrate)."""
        self.path = Path(path)
        if not create and not self.path.exists():
            raise ArchiveError(f"{self.path}: no such archive (import something first)")
        # a second, read-only connection for work beside `conn` (reader()), and values the
        # core derives from the data and keeps per open archive (their owners say when to
        # recompute them, e.g. archive.search.split's split points)
        self._reader: sqlite3.Connection | None = None
        self._reader_lock = threading.Lock()
        self.derived: dict[str, object] = {}
        try:
            self.conn: sqlite3.Connection = connect(self.path, factory=ArchiveConnection)
            migrate(self.conn, on_upgrade)
            ensure_index_current(self.conn, on_rebuild)
        except SchemaTooNew as exc:
            self.conn.close()
            raise ArchiveError(f"{self.path}: {exc}; upgrade Arshif to open it") from exc
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path}: not an Arshif database ({exc})") from exc
        self.db = sqlite_utils.Database(self.conn)

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        with self._reader_lock:  # (waits for a split count in another thread to end)
            if self._reader is not None:
                companions = getattr(self.conn, "companions", [])
                if self._reader in companions:
                    companions.remove(self._reader)
                self._reader.close()
                self._reader = None
        self.conn.close()

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection | None]:
        """A second connection to this archive, read-only, for work in another thread beside
        `conn` (a count split over both: archive.search.split); None while another caller
        holds it. Opened on first use, interrupted with `conn` (ArchiveConnection), closed
        with the archive."""
        if not self._reader_lock.acquire(blocking=False):
            yield None
            return
        try:
            if self._reader is None:
                self._reader = connect(self.path, readonly=True)
                companions = getattr(self.conn, "companions", None)
                if companions is not None:
                    companions.append(self._reader)
            yield self._reader
        finally:
            self._reader_lock.release()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def data_version(self) -> int:
        """Changes when another connection commits (PRAGMA data_version): cheap to poll."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # -- documents -------------------------------------------------------------------------
    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def get(self, doc_id: int) -> Document:
        row = self.conn.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise DocumentNotFound(f"no document with id {doc_id} in {self.path}")
        return self._document(row, self.tags_of(doc_id))

    def documents(self, ids: Iterable[int]) -> list[Document]:
        """The documents with these ids, in the order given (missing ids skipped)."""
        wanted = list(ids)
        if not wanted:
            return []
        found: dict[int, Document] = {}
        for chunk_start in range(0, len(wanted), 500):
            chunk = wanted[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            tags = self.tags_of_many(chunk)
            for row in self.conn.execute(
                f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id IN ({marks})", chunk
            ):
                found[row[0]] = self._document(row, tags.get(row[0], ()))
        return [found[i] for i in wanted if i in found]

    def iter_documents(self) -> Iterator[Document]:
        for row in self.conn.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY id"):
            yield self._document(row, self.tags_of(row[0]))

    def tags_of(self, doc_id: int) -> tuple[str, ...]:
        rows = self.conn.execute(
            "SELECT t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id "
            "WHERE dt.document_id = ? ORDER BY t.name",
            (doc_id,),
        )
        return tuple(r[0] for r in rows)

    def tags_of_many(self, ids: list[int]) -> dict[int, tuple[str, ...]]:
        out: dict[int, list[str]] = {}
        marks = ",".join("?" * len(ids))
        for doc_id, name in self.conn.execute(
            "SELECT dt.document_id, t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id "
            f"WHERE dt.document_id IN ({marks}) ORDER BY t.name",
            ids,
        ):
            out.setdefault(doc_id, []).append(name)
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def _document(row: tuple, tags: tuple[str, ...]) -> Document:
        (
            id_,
            path,
            title,
            body,
            url,
            title_derived,
            date,
            date_text,
            date_inferred,
            source,
            author,
            sha,
            words,
            extra,
            dup,
            boiler,
            imported,
            updated,
        ) = row
        return Document(
            id=id_, path=path, title=title or "", body=body, url=url,
            title_derived=bool(title_derived), date=date, date_text=date_text,
            date_inferred=date_inferred, source=source, author=author, sha256=sha,
            word_count=words or 0, extra=json.loads(extra) if extra else {},
            duplicate_of=dup,
            boilerplate=tuple(Span(s, e) for s, e in json.loads(boiler)) if boiler else (),
            imported_at=imported, updated_at=updated, tags=tags,
        )  # fmt: skip

    # -- statistics ------------------------------------------------------------------------
    def stats(self) -> ArchiveStats:
        q = self.conn.execute
        docs, dups, words, earliest, latest, sources = q(
            "SELECT count(*), count(duplicate_of), coalesce(sum(word_count), 0), "
            "min(coalesce(date, date_inferred)), max(coalesce(date, date_inferred)), "
            "count(DISTINCT source) FROM documents"
        ).fetchone()
        all_tags, used_tags = q(
            "SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM document_tags dt "
            "WHERE dt.tag_id = t.id)), 0) FROM tags t"
        ).fetchone()
        return ArchiveStats(
            documents=docs,
            duplicates=dups,
            tags=used_tags,
            unused_tags=all_tags - used_tags,
            tagged_documents=q("SELECT count(DISTINCT document_id) FROM document_tags").fetchone()[
                0
            ],
            # (an entity no document mentions any more, after a re-import, is not counted)
            entities=q(
                "SELECT count(*) FROM entities e WHERE EXISTS "
                "(SELECT 1 FROM document_entities de WHERE de.entity_id = e.id)"
            ).fetchone()[0],
            sources=sources,
            imports=q("SELECT count(*) FROM imports").fetchone()[0],
            earliest=earliest,
            latest=latest,
            words=words,
            db_bytes=self.path.stat().st_size if self.path.exists() else 0,
        )
