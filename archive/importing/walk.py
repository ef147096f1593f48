"""Which files an import reads: the paths given, folders walked recursively.

Hidden files and folders (a name starting with ".") are skipped, and so are the archive's own
files (archive.db, its -wal, -shm and -journal) when it lies inside a folder read; symlinks are followed but
every folder is visited once, so a symlink loop ends. Every other file is an input: .json,
.jsonl/.ndjson and .csv are dumps, anything else is read as one plain-text article (so a
stray binary file is named as rejected rather than silently passed over).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from archive.importing.formats import Rejection


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path  # as reachable from the working directory (what the user sees)
    key: str  # identity path: the folder's name / relative path, or the file's name
    anchor: Path  # absolute folder that `key` is relative to

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as text that can be stored and printed: a name that is not UTF-8 (e.g. a
    Windows-1256 file name from an old archive, which Python holds as lone surrogates)
    shows its bytes as \\xNN escapes instead of failing to encode."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _hidden(name: str) -> bool:
    return name.startswith(".")


_SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


class _Own:
    """The archive's own files, told by name first (one comparison per file walked) and
    then by real path: `arshif import .` next to archive.db must not read it."""

    def __init__(self, db: Path | None) -> None:
        self.name = db.name if db is not None else None
        real = os.path.realpath(db) if db is not None else ""
        self.paths = {real + side for side in _SQLITE_SIDE_FILES} if db is not None else set()

    def __contains__(self, path: Path) -> bool:
        return (
            self.name is not None
            and path.name.startswith(self.name)
            and os.path.realpath(path) in self.paths
        )


def discover(paths: list[Path], db: Path | None = None) -> Iterator[InputFile | Rejection]:
    """The input files under `paths`, in a stable order, and the folders that could not be
    listed (as rejections). `db`: the archive written to, whose files are no input."""
    own = _Own(db)
    for given in paths:
        absolute = Path(os.path.abspath(given))
        if given.is_dir():
            yield from _walk(given, absolute, own)
        elif given in own:
            yield Rejection(display_path(given), "the archive being written to, not an article")
        else:
            yield InputFile(path=given, key=display_path(absolute.name), anchor=absolute.parent)


def _walk(given: Path, absolute: Path, own: _Own) -> Iterator[InputFile | Rejection]:
    """Depth-first, names sorted, without recursion (folders may nest thousands deep)."""
    root_name = absolute.name
    anchor = absolute.parent
    visited: set[tuple[int, int]] = set()
    stack: list[tuple[Path, str]] = [(given, "")]
    while stack:
        folder, rel_dir = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in visited:
                continue  # a symlink back to a folder already walked
            visited.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = sorted(
                    ((e.name, e.is_dir()) for e in it if not _hidden(e.name)), reverse=True
                )
        except OSError as exc:
            yield Rejection(display_path(folder), f"cannot list folder: {exc.strerror or exc}")
            continue
        subfolders: list[tuple[Path, str]] = []
        for name, is_dir in reversed(entries):
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if is_dir:
                subfolders.append((folder / name, rel))
            elif folder / name not in own:
                key = display_path(f"{root_name}/{rel}" if root_name else rel)
                yield InputFile(path=folder / name, key=key, anchor=anchor)
        stack.extend(reversed(subfolders))
