"""`arshif search QUERY`: the ranked hits as a table, or JSON lines."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from archive.cli.common import (
    QueryCommand,
    db_option,
    open_archive,
    print_json,
    terminal_safe,
)
from archive.models import SearchHit, Span

if TYPE_CHECKING:
    from rich.text import Text

QUERY_HELP = """Search the archive for QUERY.

\b
Words must all match (with or without harakat, hamza forms, the article
and clitics: رقة finds الرقة, بالرقة, للرقة); "a phrase"; prefix*;
a OR b; -word; ( ); title:word; tag:NAME, -tag:NAME; source:TEXT;
date:2023, date:2023-01..2023-06, before:DATE, after:DATE;
person:NAME, org:NAME, place:NAME, resolution:2254;
note:WORDS (words of your notes, `arshif note`), has:note.
An empty QUERY lists every document, newest first.

Exit status: 0 on success (also when nothing matches), 1 when the query is
rejected (the reason is printed on stderr), 2 on usage errors.
"""


def _spans(spans: tuple[Span, ...]) -> list[list[int]]:
    return [[s.start, s.end] for s in spans]


def hit_json(hit: SearchHit) -> dict[str, object]:
    return {
        "id": hit.id,
        "path": hit.path,
        "title": hit.title,
        "date": hit.date,
        "source": hit.source,
        "tags": list(hit.tags),
        "score": hit.score,
        "snippet": hit.snippet,
        "spans": {
            "title": _spans(hit.title_spans),
            "body": _spans(hit.body_spans),
            "snippet": _spans(hit.snippet_spans),
        },
    }


@click.command("search", cls=QueryCommand, help=QUERY_HELP)
@click.argument("query", default="")
@db_option
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True)
@click.option(
    "--sort",
    type=click.Choice(["rank", "date", "title"]),
    default="rank",
    show_default=True,
    help="Order of the hits.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per hit.")
def search_command(query: str, db: str | None, limit: int, sort: str, as_json: bool) -> None:
    from archive.search.engine import search

    with open_archive(db) as archive:
        result = search(archive, query, limit=limit, sort=sort)
    if result.error:
        click.echo(f"arshif search: {result.error}", err=True)
        sys.exit(1)
    if as_json:
        for hit in result.hits:
            print_json(hit_json(hit))
        return
    _print_table(result.hits, result.total, result.elapsed_ms)


def _marked(text: str, spans: tuple[Span, ...], style: str = "") -> Text:
    """Document text as a Rich Text (data, never markup), terminal-safe, matches reversed."""
    from rich.text import Text

    out = Text(style=style)
    cuts = sorted({0, len(text), *(p for s in spans for p in (s.start, s.end))})
    for start, end in zip(cuts, cuts[1:], strict=False):
        inside = any(s.start <= start and end <= s.end for s in spans)
        out.append(terminal_safe(text[start:end]), style="reverse" if inside else "")
    return out


def _print_table(hits: tuple[SearchHit, ...], total: int, elapsed_ms: float) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
    summary = f"{total} match{'es' if total != 1 else ''} ({elapsed_ms:.0f} ms)"
    if not console.is_terminal:
        for hit in hits:
            source, title = terminal_safe(hit.source or ""), terminal_safe(hit.title)
            click.echo(f"{hit.id}\t{hit.date or ''}\t{source}\t{title}")
            click.echo(f"\t{terminal_safe(hit.snippet)}")
        click.echo(summary)
        return
    table = Table(show_lines=False, expand=True)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("source", no_wrap=True, max_width=16)
    table.add_column("title / snippet", ratio=1)
    for hit in hits:
        cell = _marked(hit.title, hit.title_spans, style="bold")
        cell.append("\n")
        cell.append_text(_marked(hit.snippet, hit.snippet_spans))
        table.add_row(str(hit.id), hit.date or "", Text(terminal_safe(hit.source or "")), cell)
    console.print(table)
    console.print(summary)


COMMANDS: list[click.Command] = [search_command]
