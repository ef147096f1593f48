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
        return Archive(
            path, create=create, on_rebuild=rebuild_notice(path), on_upgrade=upgrade_notice(path)
        )
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc


def rebuild_notice(path: str) -> Callable[[int], None]:
    """What to say on stderr before the search index of `path` is rebuilt on opening."""

    def say(documents: int) -> None:
        click.echo(
            f"{path}: rebuilding the search index of {documents:,} documents (it was made "
            f"by another version of Arshif); about {rebuild_time(documents)}…",
            err=True,
        )

    return say


def upgrade_notice(path: str) -> Callable[[int, int], None]:
    """What to say on stderr before an archive of `path` made by an older Arshif is brought
    up to date, when that takes a while (archive.schema.migrate)."""

    def say(documents: int, seconds: int) -> None:
        click.echo(
            f"{path}: updating the archive of {documents:,} documents for this version of "
            f"Arshif (once); about {seconds} s…",
            err=True,
        )

    return say


REBUILT_PER_SECOND = 1_500  # here: 30 000 documents in 16 s, 1 000 000 in 13 min (busy machine)


def rebuild_time(documents: int) -> str:
    """How long rebuilding the index of `documents` documents takes, roughly, in words."""
    seconds = max(1, round(documents / REBUILT_PER_SECOND))
    return f"{seconds} s" if seconds < 120 else f"{round(seconds / 60)} min"


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


def dash_query_args(command: click.Command, ctx: click.Context, args: list[str]) -> list[str]:
    """`args` with the options first, then "--", then the positional arguments in order,
    when one of those opens with "-" but is none of the command's options: a query that
    opens with an exclusion ("-غزة", "-tag:draft") is the query, not an unknown option.
    Unknown long options ("--jsn") are left for click to report."""
    takes_value: dict[str, bool] = {}
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            for name in (*param.opts, *param.secondary_opts):
                takes_value[name] = not (param.is_flag or param.count)
    options: list[str] = []
    positional: list[str] = []
    dashed = False
    i = 0
    while i < len(args):
        token = args[i]
        if token == "--":
            positional.extend(args[i + 1 :])
            break
        name = token.split("=", 1)[0]
        if token == "-" or not token.startswith("-"):
            positional.append(token)
        elif name in takes_value:
            step = 2 if takes_value[name] and "=" not in token else 1
            options.extend(args[i : i + step])
            i += step
            continue
        elif token.startswith("--") or (token[:2] in takes_value and takes_value[token[:2]]):
            options.append(token)  # "--jsn" for click to report; "-n5" glued to its value
        else:
            positional.append(token)
            dashed = True
        i += 1
    return [*options, "--", *positional] if dashed else args


class QueryCommand(click.Command):
    """A command whose argument is a search query, which may open with "-" (dash_query_args)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, dash_query_args(self, ctx, args))
