"""The import run: files → records → metadata and index columns → batched transactions.

Each batch is written in one transaction (documents, FTS rows, metadata, rejections and the
running counts of the `imports` row), so an interrupted import leaves the archive as of its
last batch and the same command run again finishes the job (what was written is unchanged).

Identity (docs/schema.md): a record's `source_key` is its url when it has one (and no earlier
record of the run had it), else its path: the imported folder's name / relative path, with
`#N` for the N-th record of a dump. The sha256 of the cleaned body decides unchanged or
updated. An updated document keeps its id, so its tags, notes and corrections stay.
A new path whose body equals a stored document whose file has gone from the same folder is
that document moved; a new body equal to another document's is stored as its duplicate.

Metadata extraction and index columns (the costly part) run in worker processes when a
batch is large, overlapping the write of the previous batch.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from archive.importing.formats import Record, Rejection
from archive.importing.stream import read_path_records
from archive.importing.walk import InputFile, discover, display_path
from archive.importing.write import Prepared, Writer, stored_by_key
from archive.metadata import Metadata, extract_metadata
from archive.models import ImportSummary
from archive.search.index import index_columns
from archive.store import Archive
from archive.text.normalize import words

BATCH_SIZE = 1000  # documents per transaction
BATCH_BYTES = 16 * 1024 * 1024  # or fewer, when bodies are long
IMPORT_CACHE_KIB = 64 * 1024
IMPORT_WAL_PAGES = 16384  # checkpoint when the WAL passes ~64 MB (default 1000 pages)
POOL_MIN_DOCS = 300
# Extraction rules grow faster than linearly with length; a news article is far below this
# (a 50 MB single-line file would take hours). Longer texts are stored and indexed with
# basic metadata (first-line title, word count) and a warning.
METADATA_MAX_CHARS = 300_000  # a batch needing at least this much work goes to worker processes

ProgressCallback = Callable[[int, int, int], None]  # files done, files total, documents done


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


Columns = tuple[str, str, str, str]


def prepare(body: str, fields: dict[str, str]) -> tuple[Metadata, Columns, str | None]:
    """Metadata and FTS columns of one article (pure; runs in worker processes), and a
    problem to report when metadata extraction failed and basic metadata was used instead:
    one article that trips an extraction rule must not stop an import of thousands."""
    problem = None
    if len(body) > METADATA_MAX_CHARS:
        problem = (
            f"too long for metadata extraction ({len(body):,} characters, limit "
            f"{METADATA_MAX_CHARS:,}); basic metadata kept"
        )
        meta = _basic_metadata(body, fields)
    else:
        try:
            meta = extract_metadata(body, fields)
        except Exception as exc:  # reported to the user; the article is kept
            problem = (
                f"metadata extraction failed ({type(exc).__name__}: {exc}); basic metadata kept"
            )
            meta = _basic_metadata(body, fields)
    cols = index_columns(meta.title or fields.get("title", ""), meta.indexable_text(body))
    return meta, cols, problem


def _basic_metadata(body: str, fields: dict[str, str]) -> Metadata:
    first_line = body.split("\n", 1)[0].strip()
    return Metadata(
        title=fields.get("title") or first_line[:200],
        title_derived=not fields.get("title"),
        date=fields.get("date"),
        source=fields.get("source"),
        word_count=len(words(body)),
    )


Prepped = tuple[Metadata, Columns, str | None]
Prepping = list[Prepped] | AsyncResult[list[Prepped]]  # done in-process, or in the pool


def _prepare_packed(item: tuple[str, dict[str, str]]) -> tuple[Metadata, Columns, str | None]:
    return prepare(*item)


@dataclass(slots=True)
class _Batch:
    items: list[Prepared]
    rejections: list[Rejection]
    files_done: int


class ImportRun:
    """One `arshif import`: call run() once."""

    def __init__(
        self,
        archive: Archive,
        paths: Iterable[Path],
        *,
        on_progress: ProgressCallback | None = None,
        batch_size: int = BATCH_SIZE,
        workers: int | None = None,
    ) -> None:
        self.archive = archive
        self.conn = archive.conn
        self.paths = [Path(p) for p in paths]
        self.on_progress = on_progress
        self.batch_size = batch_size
        self.workers = workers if workers is not None else min(2, os.cpu_count() or 1)
        self.summary = ImportSummary()
        self._pool: Pool | None = None
        self._run_keys: dict[str, str] = {}  # source_key -> the file it came from
        self._origin: tuple[Path, str] | None = None  # the last file's real path
        self._docs_done = 0
        self.warnings: list[tuple[str, str]] = []  # (document path, problem): stored anyway

    # -- the run ---------------------------------------------------------------------------
    def run(self) -> ImportSummary:
        # A larger page cache keeps FTS5 segment merges in memory during a bulk load, and a
        # longer WAL between checkpoints copies each page rewritten by those merges back to
        # the database once rather than at every batch (fewer fsyncs). Both are this
        # connection's alone; crash safety is WAL's either way.
        self.conn.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
        self.conn.execute(f"PRAGMA wal_autocheckpoint = {IMPORT_WAL_PAGES}")
        cur = self.conn.execute(
            "INSERT INTO imports (started_at, paths) VALUES (?, ?)",
            (_now(), json.dumps([str(p) for p in self.paths], ensure_ascii=False)),
        )
        self.conn.commit()
        import_id = int(cur.lastrowid or 0)
        writer = Writer(self.conn, import_id, self.summary)
        inputs = list(discover(self.paths, self.archive.path))
        files = [f for f in inputs if isinstance(f, InputFile)]
        early = [r for r in inputs if isinstance(r, Rejection)]
        self._report(0, len(files))
        pending: tuple[_Batch, Prepping] | None = None
        try:
            for batch in self._batches(files, early):
                started = self._start_prepare(batch)
                if pending is not None:
                    self._write(writer, *pending, total=len(files))
                pending = (batch, started)
            if pending is not None:
                self._write(writer, *pending, total=len(files))
            writer.finish(_now())
        finally:
            self.conn.execute("PRAGMA wal_autocheckpoint = 1000")  # SQLite's default
            if self._pool is not None:
                self._pool.terminate()
                self._pool.join()
        return self.summary

    def _report(self, files_done: int, total: int) -> None:
        if self.on_progress is not None:
            self.on_progress(files_done, total, self._docs_done)

    def _write(self, writer: Writer, batch: _Batch, started: Prepping, *, total: int) -> None:
        results = started.get() if isinstance(started, AsyncResult) else started
        for item, (meta, cols, problem) in zip(
            (i for i in batch.items if i.needs_prepare), results, strict=True
        ):
            item.meta, item.cols = meta, cols
            if problem is not None:
                self.warnings.append((str(item.anchor / item.path), problem))
        writer.write_batch(batch.items, batch.rejections, _now())
        self._docs_done += len(batch.items)
        self._report(batch.files_done, total)

    # -- reading ---------------------------------------------------------------------------
    def _records(
        self, files: list[InputFile]
    ) -> Iterator[tuple[int, InputFile, Record | Rejection]]:
        for n, f in enumerate(files, 1):
            try:
                if not stat.S_ISREG(f.path.stat().st_mode):  # a FIFO or device would block
                    yield n, f, Rejection(f.key, "not a regular file")
                    continue
                records = read_path_records(f.path, f.key, f.suffix)
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                yield n, f, Rejection(f.key, f"cannot read: {reason}")
                continue
            for item in records:
                yield n, f, item
            if n % 64 == 0:
                self._report(n, len(files))

    def _batches(self, files: list[InputFile], early: list[Rejection]) -> Iterator[_Batch]:
        items: list[Prepared] = []
        rejections = list(early)
        size = 0
        files_done = 0
        for files_done, f, item in self._records(files):
            if isinstance(item, Rejection):
                rejections.append(Rejection(_display(f, item.where), item.reason))
                continue
            prepared = self._identify(item, f)
            if prepared is None:
                continue
            if isinstance(prepared, Rejection):
                rejections.append(prepared)
                continue
            items.append(prepared)
            size += len(prepared.body)
            if len(items) >= self.batch_size or size >= BATCH_BYTES:
                yield self._classify(items, rejections, files_done)
                items, rejections, size = [], [], 0
        if items or rejections:
            yield self._classify(items, rejections, files_done)

    def _identify(self, record: Record, f: InputFile) -> Prepared | Rejection | None:
        """The record with its source_key; None when this run already read that very file
        (a path given twice); a rejection when another file of this run has the same key."""
        if self._origin is None or self._origin[0] != f.path:  # a dump's records share it
            self._origin = (f.path, os.path.realpath(f.path))
        origin = self._origin[1]
        url = record.fields.get("url")
        if url and url not in self._run_keys:
            source_key = url
        elif record.key not in self._run_keys:
            source_key = record.key
        elif self._run_keys[record.key] == origin:
            return None
        else:
            return Rejection(
                _display(f, record.key),
                f"same path {record.key!r} as {self._run_keys[record.key]} in this import "
                "(folders with the same name: import their parent folders)",
            )
        self._run_keys[source_key] = origin
        sha = hashlib.sha256(record.body.encode("utf-8")).hexdigest()
        return Prepared(
            source_key=source_key, path=record.key, anchor=f.anchor, record=record, sha256=sha
        )

    def _classify(self, items: list[Prepared], rejections: list[Rejection], done: int) -> _Batch:
        """Mark which items are unchanged (by source_key and sha256) and need no work."""
        stored = stored_by_key(self.conn, [i.source_key for i in items])
        for item in items:
            found = stored.get(item.source_key)
            if found is not None:
                item.existing_id = found[0]
                item.needs_prepare = found[1] != item.sha256
                item.old_path = found[2]
        return _Batch(items, rejections, done)

    # -- preparing -------------------------------------------------------------------------
    def _start_prepare(self, batch: _Batch) -> Prepping:
        work = [(i.body, i.record.fields) for i in batch.items if i.needs_prepare]
        if self.workers > 1 and len(work) >= POOL_MIN_DOCS:
            if self._pool is None:
                self._pool = multiprocessing.get_context("spawn").Pool(
                    self.workers, initializer=_ignore_sigint
                )
            chunksize = max(1, len(work) // (self.workers * 8))
            return self._pool.map_async(_prepare_packed, work, chunksize=chunksize)
        return [prepare(body, fields) for body, fields in work]


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the main process, which rolls back and stops them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _display(f: InputFile, where: str) -> str:
    """A rejection's name as the user can find it: the file's path (+ #N for a record)."""
    suffix = where[len(f.key) :] if where.startswith(f.key) else ""
    return f"{display_path(f.path)}{suffix}"


def run_import(
    archive: Archive,
    paths: Iterable[Path],
    *,
    on_progress: ProgressCallback | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
) -> ImportSummary:
    """Import files and folders into `archive`; return the counts and rejections."""
    return ImportRun(
        archive, paths, on_progress=on_progress, batch_size=batch_size, workers=workers
    ).run()
