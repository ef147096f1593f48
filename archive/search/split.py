"""Exact counts of large matches, on two connections at once.

An exact count reads every match: in 1 000 000 documents 30-60 ms for a common word and
150 ms for a common phrase (FTS5 reads its positions), on one core. The index's rowids are
date keys (archive.search.index.fts_key), so the matches fall into ranges of rowids that
two connections can count apart, in two threads (sqlite3 lets go of the GIL while a
statement runs), and sum. search() starts the count before it looks for the page, so the
page and the count share the machine's two cores:

- the work is a queue that two threads take from: one of its own on a second, read-only
  connection (Archive.reader()), begun at once, and the search's own thread once its
  page is found (on a busy machine it may do it all: neither waits for the other to
  begin). The first item counts the match in key order up to PROBE_MATCHES (probe),
  before filters other than dates: what FTS5 reads is the work. A smaller match is then
  counted whole. The rest of a larger one (above the probe's last key, unless other
  filters apply) is cut into ranges of whole slices of the index (SLICES slices of equal
  numbers of documents, cut once per open archive from its docsize table: split_points):
  one range per RANGE_MATCHES matches the probe's density leads to expect, 2 to CHUNKS of
  them. The ranges cover the query's key range without overlap or gap.
- a query with a prefix left to FTS5 (word*: one with many terms, see
  archive.search.terms) counts on one connection: FTS5 gathers every document of every
  term of a prefix again for each statement (60 ms for a common one at 1M), so ranges do
  not pay, and counting it beside the page saved nothing measurable (the page is small
  beside it) while both threads gathering at once cost more CPU. A prefix searched as its
  few terms is counted in ranges like any word.
- only in an archive of SPLIT_MIN_DOCUMENTS documents or more (the id counter: one row),
  so smaller archives count on one connection, with no thread; and never inside a
  transaction (the reader would not see its changes).

Interrupting Archive.conn (ArchiveConnection.interrupt) stops both threads, and the count
raises OperationalError("interrupted") as a single count does. A commit by another
connection while the ranges were counted (PRAGMA data_version moved) makes the count run
again, whole, on Archive.conn: the total is always that of one state of the archive.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from archive.schema import FTS_TABLE, highest_document_id
from archive.search.compile import Compiled, key_range
from archive.search.page import match_select, materialise_filters
from archive.store import Archive, ArchiveConnection

SPLIT_MIN_DOCUMENTS = 200_000  # a smaller archive counts on one connection
PROBE_MATCHES = 50_000  # a smaller match is counted whole, by the probe itself
SLICES = 32  # split_points cut the index into this many slices of equal numbers of rows
CHUNKS = 8  # at most this many ranges (whole slices) per count
RANGE_MATCHES = 40_000  # about this many matches per range (each range costs a statement)
ALL_KEYS = (0, (1 << 63) - 1)  # every date key (archive.schema.key_date)
Range = tuple[int, int]  # [low, high) of documents_fts rowids


def _data_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def _select(compiled: Compiled, keys: Range) -> tuple[str, list]:
    """The date keys (as k) of the matches of `compiled` within `keys`, which stands for
    the query's own date filters (it lies within their key range)."""
    assert compiled.match is not None
    low, high = keys
    within = (f"{FTS_TABLE}.rowid >= ? AND {FTS_TABLE}.rowid < ?", [low, high])
    return match_select(
        replace(compiled, dates=[]), compiled.match, also=within, columns="rowid AS k"
    )


def count_range(conn: sqlite3.Connection, compiled: Compiled, keys: Range) -> int:
    """The number of matches of `compiled` whose date key is in `keys`."""
    sql, params = _select(compiled, keys)
    return int(conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])


def probe(conn: sqlite3.Connection, compiled: Compiled, keys: Range) -> tuple[int, int]:
    """(n, last): the number of matches in the lowest keys of `keys`, up to PROBE_MATCHES,
    and the key of the last of them (FTS5 reads its rows in key order and stops there)."""
    sql, params = _select(compiled, keys)
    n, last = conn.execute(
        f"SELECT count(*), max(k) FROM ({sql} ORDER BY rowid LIMIT ?)", [*params, PROBE_MATCHES]
    ).fetchone()
    return int(n), int(last or 0)


def query_keys(compiled: Compiled) -> Range:
    """The date keys the query's date filters allow (all of them without one)."""
    return key_range(compiled.dates) if compiled.dates else ALL_KEYS


def split_points(archive: Archive, conn: sqlite3.Connection) -> tuple[int, ...]:
    """Date keys that cut the index into SLICES slices of about equal numbers of rows,
    read from documents_fts_docsize (one row per index row, by key: a pass over 1 000 000
    short rows, ~15 ms). Kept per open archive, read again once the id counter moves."""
    documents = highest_document_id(conn)
    kept = archive.derived.get("split_points")
    if isinstance(kept, tuple) and kept[0] == documents:
        return kept[1]
    step = max(1, documents // SLICES)
    points: list[int] = []
    last = -1
    for _ in range(SLICES - 1):
        row = conn.execute(
            f"SELECT id FROM {FTS_TABLE}_docsize WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?",
            [last, step - 1],
        ).fetchone()
        if row is None:
            break
        last = int(row[0])
        points.append(last)
    archive.derived["split_points"] = (documents, tuple(points))
    return tuple(points)


def cuts(points: tuple[int, ...], keys: Range, probed: int, probe_keys: Range) -> tuple[int, ...]:
    """Which of the points inside `keys` to cut it at: one range per RANGE_MATCHES matches
    expected, between 2 and CHUNKS of them (whole slices), the expectation drawn from the
    probe's `probed` matches over the slices that `probe_keys` touches."""
    inside = [p for p in points if keys[0] < p < keys[1]]
    touched = 1 + sum(1 for p in points if probe_keys[0] < p < probe_keys[1])
    expected = probed * (len(inside) + 1) / touched
    n = max(2, min(CHUNKS, round(expected / RANGE_MATCHES)))
    if len(inside) + 1 <= n:
        return tuple(inside)
    return tuple(inside[round(i * (len(inside) + 1) / n) - 1] for i in range(1, n))


def ranges(points: tuple[int, ...], keys: Range) -> list[Range]:
    """`keys` cut at the points inside it: ranges that cover it without overlap."""
    low, high = keys
    bounds = [low, *(p for p in points if low < p < high), high]
    return list(zip(bounds, bounds[1:], strict=False))


PLAN = (-1, -1)  # the first work item: probe the match, then cut it (or count it whole)


class PendingCount:
    """A count of a query's matches, as work items (PLAN, then ranges) that two threads
    take in turn: a thread of its own on Archive.reader(), begun at once, and the caller's
    thread on Archive.conn in result(). Neither waits for the other to begin: on a busy
    machine the caller may do it all (as on one connection, in ranges)."""

    def __init__(self, archive: Archive, reader: sqlite3.Connection, compiled: Compiled) -> None:
        assert isinstance(archive.conn, ArchiveConnection) and compiled.match is not None
        self.archive, self.conn, self.reader = archive, archive.conn, reader
        self.compiled = compiled  # as compiled: each connection materialises its filters
        self.keys = query_keys(compiled)
        self.left: deque[Range] = deque([PLAN])  # work no thread has taken yet
        self.counts: list[int] = []
        self.error: BaseException | None = None
        self.planned = threading.Event()  # set once PLAN is done: every range is known
        self.stopped = False  # the count was given up, or the caller took the last item
        self.gate = threading.Lock()  # the reader's thread begins, or never will
        self.began = False
        self.interrupts = self.conn.interrupts
        self.version = _data_version(self.conn)
        self.thread = threading.Thread(target=self._run, name="arshif-count", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        with self.gate:
            if self.stopped:
                return  # the caller has done all the work: the reader stays untouched
            self.began = True
        try:
            self._work(self.reader, materialise_filters(self.reader, self.compiled, exact=True))
        except BaseException as exc:  # handed to result(), which raises it
            self.error = exc

    def _work(self, conn: sqlite3.Connection, compiled: Compiled) -> None:
        """Take work items on `conn` until none is left (or the other thread failed)."""
        while self.error is None and not self.stopped:
            self._check()
            try:
                item = self.left.popleft()
            except IndexError:
                if self.planned.is_set():
                    return
                self.planned.wait()  # the other thread is cutting the match: wait for it
                continue
            if item == PLAN:
                try:
                    self._plan(conn, compiled)
                finally:
                    self.planned.set()
                continue
            n = count_range(conn, compiled, item)
            self._check()  # (an interrupt just before the statement began stopped nothing)
            self.counts.append(n)

    def _plan(self, conn: sqlite3.Connection, compiled: Compiled) -> None:
        """Probe the match (before filters other than dates: what FTS5 reads is the work):
        count a small one whole, cut the rest of a large one into ranges."""
        n, last = probe(conn, replace(compiled, where=[], params=[], sets=[]), self.keys)
        self._check()
        if n < PROBE_MATCHES:
            if compiled.filtered:
                n = count_range(conn, compiled, self.keys)
            self.counts.append(n)
            return
        rest = self.keys
        if not compiled.filtered:  # the probe counted the matches up to `last`: the rest is above
            self.counts.append(n)
            rest = (last + 1, self.keys[1])
        points = split_points(self.archive, conn)
        self.left.extend(ranges(cuts(points, rest, n, (self.keys[0], last)), rest))

    def _check(self) -> None:
        """Raise as SQLite would if Archive.conn was interrupted since the count began
        (between two statements there is nothing for SQLite itself to stop)."""
        if self.conn.interrupts != self.interrupts:
            raise sqlite3.OperationalError("interrupted")

    def result(self, compiled: Compiled) -> int:
        """The exact number of matches. `compiled`: the query as Archive.conn runs it (its
        filters materialised there, archive.search.page.materialise_filters)."""
        try:
            self._work(self.conn, compiled)
        except BaseException:
            self.stop()
            raise
        self._end()
        if self.error is not None:
            raise self.error
        if _data_version(self.conn) != self.version:  # a commit came while counting
            return count_range(self.conn, compiled, self.keys)
        return sum(self.counts)

    def _end(self) -> None:
        """Wait for the reader's thread, if it began (else it never will)."""
        with self.gate:
            self.stopped = True
            began = self.began
        if began:
            self.thread.join()

    def stop(self) -> None:
        """Give the count up (its result is not wanted): no more items are taken, the
        reader's statement is interrupted, and its thread has ended when this returns."""
        self.stopped = True
        self.left.clear()
        self.planned.set()
        with self.gate:
            began = self.began
        if began and self.thread.is_alive():
            self.reader.interrupt()
            self.thread.join()


@contextmanager
def parallel_count(archive: Archive, compiled: Compiled) -> Iterator[PendingCount | None]:
    """A count of the query's matches begun in another thread where that pays (see the
    module's doc), else None; given up on leaving the block unless result() was taken."""
    conn = archive.conn
    if (
        compiled.match is None
        or "*" in compiled.match  # a prefix (see the module's doc)
        or not isinstance(conn, ArchiveConnection)
        or conn.in_transaction
        or highest_document_id(conn) < SPLIT_MIN_DOCUMENTS
    ):
        yield None
        return
    with archive.reader() as reader:
        if reader is None:  # another count holds it: this one runs on one connection
            yield None
            return
        pending = PendingCount(archive, reader, compiled)
        try:
            yield pending
        finally:
            pending.stop()
