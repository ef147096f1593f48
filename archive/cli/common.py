"""What every command shares: the --db option, opening the archive, printing JSON."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from archive.store import Archive, ArchiveError, default_db_path

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """`--db FILE` on a subcommand; falls back to the group's --db, ARSHIF_DB, ./archive.db."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=None,
        help="Archive database (default: $ARSHIF_DB or ./archive.db).",
    )(func)


def resolve_db(db: str | None) -> str:
    ctx = click.get_current_context(silent=True)
    group_db = None
    while ctx is not None:
        if ctx.obj and isinstance(ctx.obj, dict) and ctx.obj.get("db"):
            group_db = ctx.obj["db"]
            break
        ctx = ctx.parent
    return str(default_db_path(db or group_db))


def open_archive(db: str | None, *, create: bool = False) -> Archive:
    """Open the archive or exit with a message naming the file."""
    path = resolve_db(db)
    try:
        return Archive(path, create=create, on_rebuild=rebuild_notice(path))
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc


def rebuild_notice(path: str) -> Callable[[int], None]:
    """What to say on stderr before the search index of `path` is rebuilt on opening."""

    def say(documents: int) -> None:
        click.echo(
            f"{path}: rebuilding the search index of {documents:,} documents (it was made "
            f"by another version of Arshif); about {max(1, round(documents / 2500))} s…",
            err=True,
        )

    return say


# What document text must not send to a terminal: C0 controls but \t and \n, DEL, C1 (ESC
# starts CSI/OSC sequences: colours, window titles, clipboard writes) and the bidi overrides
# LRO/RLO (they reverse the rest of a line: spoofing). Marks, embeddings and isolates stay.
_UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202d\u202e]")


def terminal_safe(text: str) -> str:
    """`text` for terminal output: unsafe characters shown as visible escapes (\\x1b,
    \\u202e). JSON output keeps the data exact and does not use this."""
    return _UNSAFE_RE.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text
    )


def print_json(value: Any) -> None:
    """One JSON document per line, UTF-8, Arabic unescaped."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")
