"""The `arshif` command: the core's subcommands, plus opening the app.

`arshif [--db FILE] [QUERY]` opens the app; `arshif import|search|show|...` run the
core's commands. This module lives in `tui` because it starts the UI: the core never
imports the UI.
"""

from __future__ import annotations

from pathlib import Path

import click

from archive.cli.common import QueryCommand, rebuild_notice, resolve_db, upgrade_notice
from archive.cli.main import build_group
from archive.store import Archive, ArchiveError
from tui.latency import ask_for_prompt_frames


class _OpenByDefault(click.Group):
    """A group whose first argument, when it is not a command, is a search query."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest = list(args)
        i = 0
        while i < len(rest):
            token = rest[i]
            if token in ("--db", "--bidi"):
                i += 2
                continue
            if token in ("-h", "--help", "--version") or token.startswith("--"):
                i += 1
                continue
            break  # a command, or the query ("-غزة" opens with an exclusion)
        if i >= len(rest) or rest[i] not in self.commands:
            if not any(a in ("-h", "--help", "--version") for a in rest[:i]):
                rest.insert(i, "open")
        return super().parse_args(ctx, rest)


main = build_group(_OpenByDefault)


@main.command("open", cls=QueryCommand)
@click.argument("query", nargs=-1)
@click.option("--db", "db", type=click.Path(dir_okay=False), default=None, hidden=True)
@click.option(
    "--bidi",
    type=click.Choice(["app", "terminal"]),
    default=None,
    help="Who shapes and reorders Arabic: the app (default) or the terminal.",
)
def open_command(query: tuple[str, ...], db: str | None, bidi: str | None) -> None:
    """Open the app, with QUERY already in the search bar."""
    ask_for_prompt_frames()  # before Textual is imported
    from tui.app import make_app

    path = resolve_db(db)
    _prepare(path)
    app = make_app(db_path=path, query=" ".join(query), bidi_mode=bidi)
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)


def _prepare(path: str) -> None:
    """Migrate the archive and rebuild its index, if an older Arshif made them, before the
    screen is taken: the user reads why the app is slow to start. Errors are the app's to
    show (it names the file), so they are left to it."""
    if not Path(path).is_file():
        return
    try:
        Archive(
            path, create=False, on_rebuild=rebuild_notice(path), on_upgrade=upgrade_notice(path)
        ).close()
    except ArchiveError:
        pass
