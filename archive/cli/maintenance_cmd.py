"""`arshif backup FILE`: a consistent copy of the archive, safe while the app is open."""

from __future__ import annotations

import click

from archive.backup import backup_archive
from archive.cli.common import db_option, open_archive
from archive.store import ArchiveError


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False))
@db_option
@click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
def backup_command(target: str, db: str | None, force: bool) -> None:
    """Write a consistent copy of the archive to TARGET (SQLite's online backup)."""
    with open_archive(db) as archive:
        try:
            path = backup_archive(archive, target, overwrite=force)
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from exc
        count = archive.count()
    click.echo(f"backed up {count} documents to {path}")


COMMANDS: list[click.Command] = [backup_command]
