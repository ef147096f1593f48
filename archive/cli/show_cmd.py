"""`arshif show ID` and `arshif stats`: everything stored about a document, and counts."""

from __future__ import annotations

import dataclasses

import click

from archive.cli.common import db_option, open_archive, print_json, terminal_safe
from archive.store import ArchiveError


@click.command("show")
@click.argument("doc_id", type=int)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def show_command(doc_id: int, db: str | None, as_json: bool) -> None:
    """Print everything stored about document DOC_ID."""
    from archive.details import document_details

    with open_archive(db) as archive:
        try:
            details = document_details(archive, doc_id)
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        print_json(details)
        return
    body = details.pop("body")
    details["boilerplate"] = [f"{start}-{end}" for start, end in details["boilerplate"]]
    for key, value in details.items():
        if value in (None, "", [], {}):
            continue
        click.echo(f"{key}: {terminal_safe(_plain(value))}")
    click.echo("")
    click.echo(terminal_safe(body))


def _plain(value: object) -> str:
    """One field as a line of text: entities as `name (count)`, dates as `text = iso`."""
    if isinstance(value, list):
        return "، ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        if {"name", "count"} <= value.keys():
            return f"{value['name']} ({value['count']})"
        if {"date", "text"} <= value.keys():
            return f"{value['text']} = {value['date']}"
        return ", ".join(f"{k}={_plain(v)}" for k, v in value.items())
    return str(value)


@click.command("stats")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def stats_command(db: str | None, as_json: bool) -> None:
    """Print counts: documents, duplicates, tags, entities, sources, date range, size."""
    with open_archive(db) as archive:
        stats = dataclasses.asdict(archive.stats())
    if as_json:
        print_json(stats)
        return
    width = max(len(k) for k in stats)
    for key, value in stats.items():
        click.echo(f"{key.replace('_', ' '):<{width}}  {'' if value is None else value}")


COMMANDS: list[click.Command] = [show_command, stats_command]
