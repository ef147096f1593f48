"""The command group. Subcommands live in sibling modules and register here."""

from __future__ import annotations

import click

from archive import __version__
from archive.cli import (
    entity_cmd,
    import_cmd,
    maintenance_cmd,
    notes_cmd,
    search_cmd,
    show_cmd,
    tags_cmd,
)

COMMAND_MODULES = (
    import_cmd,
    search_cmd,
    show_cmd,
    tags_cmd,
    notes_cmd,
    entity_cmd,
    maintenance_cmd,
)


def build_group(cls: type[click.Group] = click.Group) -> click.Group:
    @click.group(cls=cls, context_settings={"help_option_names": ["-h", "--help"]})
    @click.option(
        "--db",
        type=click.Path(dir_okay=False),
        default=None,
        help="Archive database (default: $ARSHIF_DB or ./archive.db).",
    )
    @click.version_option(__version__, prog_name="arshif")
    @click.pass_context
    def group(ctx: click.Context, db: str | None) -> None:
        """Arshif: a terminal archive browser for Arabic news."""
        ctx.ensure_object(dict)
        ctx.obj["db"] = db

    for module in COMMAND_MODULES:
        for command in module.COMMANDS:
            group.add_command(command)
    return group
