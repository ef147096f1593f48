"""Consistent copies of an archive while it is in use (SQLite's online backup API)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from archive.store import Archive, ArchiveError


def backup_archive(archive: Archive, target: str | Path, *, overwrite: bool = False) -> Path:
    """Copy the archive to `target` page by page; readers and writers may go on meanwhile.

    The copy is a plain, self-contained database (rollback journal, no -wal file needed).
    """
    target = Path(target)
    if target.resolve() == archive.path.resolve():
        raise ArchiveError(f"{target}: is the archive itself; choose another file")
    if target.exists() and not overwrite:
        raise ArchiveError(f"{target}: already exists (use --force to replace it)")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    dest = sqlite3.connect(partial)
    try:
        archive.conn.backup(dest, pages=1024)
        dest.execute("PRAGMA journal_mode = DELETE")
        (check,) = dest.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise ArchiveError(f"{target}: the copy failed its integrity check ({check})")
    finally:
        dest.close()
    partial.replace(target)
    return target
