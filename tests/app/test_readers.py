"""Worker connections: one per role, and a stale statement can be interrupted."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from archive.store import ArchiveError
from tests.archive_factory import Doc, make_archive
from tui.readers import Connections

ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


def test_interrupt_aborts_the_running_statement_promptly(tmp_path: Path) -> None:
    make_archive(tmp_path / "a.db", [Doc("t", "b")])
    connections = Connections(tmp_path / "a.db")
    errors: list[Exception] = []

    def run() -> None:
        with connections.use("search") as archive:
            try:
                archive.conn.execute(ENDLESS).fetchone()
            except sqlite3.OperationalError as exc:
                errors.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(0.2)
    started = time.monotonic()
    connections.interrupt("search")
    worker.join(timeout=5)
    assert not worker.is_alive() and time.monotonic() - started < 2
    assert "interrupted" in str(errors[0])
    with connections.use("search") as archive:  # the connection still works afterwards
        assert archive.count() == 1
    connections.close()


def test_each_role_has_its_own_connection(tmp_path: Path) -> None:
    make_archive(tmp_path / "a.db", [Doc("t", "b")])
    connections = Connections(tmp_path / "a.db")
    with connections.use("search") as a, connections.use("pages") as b:
        assert a is not b and a.conn is not b.conn
    connections.close()


def test_a_missing_archive_is_not_created(tmp_path: Path) -> None:
    connections = Connections(tmp_path / "none.db")
    with pytest.raises(ArchiveError, match="none.db"), connections.use("search"):
        pass
    assert not (tmp_path / "none.db").exists()
