"""Archive connections for the app's worker threads.

Each role (search, pages, details, write, watch) gets its own `Archive` and a lock, so a
worker thread never shares a connection with another one in flight, and the event loop
never waits on SQLite. Connections open lazily, on first use, in the worker's thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from archive.store import Archive


class Connections:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._archives: dict[str, Archive] = {}

    @contextmanager
    def use(self, role: str) -> Iterator[Archive]:
        """The archive of this role, held exclusively for the block."""
        with self._guard:
            lock = self._locks.setdefault(role, threading.Lock())
        with lock:
            archive = self._archives.get(role)
            if archive is None:
                archive = Archive(self.path, create=False)
                self._archives[role] = archive
            yield archive

    def interrupt(self, role: str) -> None:
        """Abort the statement this role's connection is running (a stale search).

        sqlite3's interrupt is safe from any thread; the interrupted call raises
        OperationalError("interrupted"), which the engine turns into a result error.
        """
        archive = self._archives.get(role)
        if archive is not None:
            archive.conn.interrupt()

    def close(self) -> None:
        with self._guard:
            roles = list(self._archives)
        for role in roles:
            with self._locks[role]:
                self._archives.pop(role).close()
