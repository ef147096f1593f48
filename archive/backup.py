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
    if not target.parent.is_dir():
        raise ArchiveError(f"{target}: no folder {target.parent} to write the copy into")
    partial = target.with_name(target.name + ".partial")
    dest: sqlite3.Connection | None = None
    try:  # whatever stops the copy (an error, a full disk, Ctrl-C), no .partial is left
        try:
            partial.unlink(missing_ok=True)
            dest = sqlite3.connect(partial)
            dest.execute("PRAGMA user_version")  # opens the file: an unwritable folder fails here
        except (OSError, sqlite3.Error) as exc:
            raise ArchiveError(f"{target}: cannot write the copy ({exc})") from exc
        try:
            archive.conn.backup(dest, pages=1024, progress=_progress)
            dest.execute("PRAGMA journal_mode = DELETE")
            (check,) = dest.execute("PRAGMA quick_check").fetchone()
            if check != "ok":
                raise ArchiveError(f"{target}: the copy failed its integrity check ({check})")
        except sqlite3.Error as exc:  # a full disk, a file that went away
            raise ArchiveError(f"{target}: the copy failed ({exc}); nothing was replaced") from exc
        finally:
            dest.close()
        try:
            partial.replace(target)
        except OSError as exc:
            raise ArchiveError(f"{target}: cannot put the copy in place ({exc})") from exc
    except BaseException:
        if dest is not None:
            dest.close()  # (closing twice is harmless)
        _remove_partial(partial)
        raise
    return target


def _progress(status: int, remaining: int, total: int) -> None:
    """Called between steps of the copy. Being Python code, it is where Ctrl-C (a pending
    SIGINT) is raised, so an interrupted backup stops at once and cleans up."""


def _remove_partial(partial: Path) -> None:
    """The unfinished copy and the journal SQLite may have left beside it."""
    for path in (partial, *(Path(f"{partial}{s}") for s in ("-journal", "-wal", "-shm"))):
        try:
            path.unlink(missing_ok=True)
        except OSError:  # (the error that stopped the copy is the one to report)
            continue
