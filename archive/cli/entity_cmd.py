"""`arshif entity rename|merge|delete …` and `arshif entities`: the user's entity corrections."""

from __future__ import annotations

import click

from archive.cli.common import db_option, open_archive, print_json, terminal_safe
from archive.metadata.corrections import (
    KINDS,
    delete_entity,
    list_entities,
    merge_entities,
    rename_entity,
)
from archive.store import ArchiveError

KIND = click.Choice(KINDS)


@click.group("entity")
def entity_group() -> None:
    """Correct extracted people, organisations and places (kept across re-imports)."""


def _run(db: str | None, action, *args: str) -> None:  # type: ignore[no-untyped-def]
    archive = open_archive(db, create=False)
    try:
        action(archive, *args)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        archive.close()


@entity_group.command("rename")
@click.argument("kind", type=KIND)
@click.argument("name")
@click.argument("new_name", metavar="NEW")
@db_option
def rename_command(kind: str, name: str, new_name: str, db: str | None) -> None:
    """Rename entity NAME of KIND to NEW (the old name stays as an alias)."""
    _run(db, rename_entity, kind, name, new_name)
    click.echo(f"renamed {kind} {name} → {new_name}")


@entity_group.command("merge")
@click.argument("kind", type=KIND)
@click.argument("name")
@click.argument("into")
@db_option
def merge_command(kind: str, name: str, into: str, db: str | None) -> None:
    """Merge entity NAME of KIND into INTO."""
    _run(db, merge_entities, kind, name, into)
    click.echo(f"merged {kind} {name} into {into}")


@entity_group.command("delete")
@click.argument("kind", type=KIND)
@click.argument("name")
@db_option
def delete_command(kind: str, name: str, db: str | None) -> None:
    """Delete entity NAME of KIND from every document."""
    _run(db, delete_entity, kind, name)
    click.echo(f"deleted {kind} {name}")


@click.command("entities")
@click.option("--kind", type=KIND, default=None, help="Only this kind.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@db_option
def entities_command(kind: str | None, as_json: bool, db: str | None) -> None:
    """List entities with the number of documents and mentions."""
    archive = open_archive(db, create=False)
    try:
        rows = list_entities(archive, kind)
    finally:
        archive.close()
    for row in rows:
        e = row.entity
        if as_json:
            print_json(
                {
                    "kind": e.kind,
                    "name": e.name,
                    "aliases": list(e.aliases),
                    "documents": row.documents,
                    "mentions": row.mentions,
                }
            )
        else:
            click.echo(f"{row.documents:>5} {row.mentions:>6}  {e.kind:<6} {terminal_safe(e.name)}")


COMMANDS: list[click.Command] = [entity_group, entities_command]
