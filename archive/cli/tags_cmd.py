"""`arshif tag add|remove`, `arshif tags [list|dump|restore|rename|merge]`, `arshif export`."""

from __future__ import annotations

import sys

import click

from archive import tags as tagging
from archive.cli.common import db_option, open_archive, print_json, terminal_safe
from archive.export import csv_lines, export_records
from archive.store import Archive, ArchiveError


def _matching_ids(archive: Archive, query: str) -> list[int]:
    from archive.search.engine import QueryError, matching_ids
    from archive.search.query import parse

    # A query the parser reduces to nothing ('"', "tag:", "-") would select the whole
    # archive, as the empty query does: that is never what a tag change or an export meant.
    if query.strip() and parse(query) is None:
        raise click.ClickException(
            f"query {query!r}: nothing to search for (no words or filters); "
            "--query '' selects every document"
        )
    try:
        return matching_ids(archive, query)
    except QueryError as exc:
        raise click.ClickException(f"query {query!r}: {exc}") from exc


def _target_ids(archive: Archive, ids: tuple[int, ...], query: str | None) -> list[int]:
    if bool(ids) == (query is not None):
        raise click.UsageError("give either --id ID... or --query QUERY")
    if not ids:
        return _matching_ids(archive, query or "")
    found = {doc.id for doc in archive.documents(ids)}
    missing = [i for i in dict.fromkeys(ids) if i not in found]
    if missing:
        listed = ", ".join(map(str, missing))
        raise click.ClickException(f"no document with id {listed} in {archive.path}")
    return list(ids)


class IdsCommand(click.Command):
    """`--id 3 17` as the usage line says (`--id ID...`): the whole numbers that follow one
    --id are more ids, not TAG arguments (click takes one value per option, so "17" had
    become a tag named 17). A numeric tag is named before the ids: `tag add 2024 --id 3`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        out: list[str] = []
        ids_open = False  # the arguments just read were "--id N" (and maybe more ids)
        for k, arg in enumerate(args):
            if arg == "--":
                out += args[k:]
                break
            if ids_open and arg.isdigit():
                out += ["--id", arg]
                continue
            ids_open = bool(out) and out[-1] == "--id" and arg.isdigit()
            out.append(arg)
        return super().parse_args(ctx, out)


def _tag_command(action: str) -> click.Command:
    verb = "Add" if action == "add" else "Remove"

    @click.command(
        action, cls=IdsCommand, help=f"{verb} TAGs on documents chosen by id or by a search query."
    )
    @click.argument("tag_names", metavar="TAG...", nargs=-1, required=True)
    @click.option(
        "--id", "ids", type=int, multiple=True, help="Document ids: --id 3 17, or --id 3 --id 17."
    )
    @click.option("--query", default=None, help="Every document matching this search.")
    @db_option
    def command(tag_names: tuple[str, ...], ids: tuple[int, ...], query: str | None, db) -> None:
        with open_archive(db) as archive:
            targets = _target_ids(archive, ids, query)
            change = tagging.add_tags if action == "add" else tagging.remove_tags
            try:
                if action == "remove":  # a typo must not pass for "nothing to remove"
                    wanted = dict.fromkeys(tagging.clean_tag(t) for t in tag_names)
                    if missing := [t for t in wanted if tagging.stored_name(archive, t) is None]:
                        listed = ", ".join(map(repr, missing))
                        raise click.ClickException(f"no tag {listed} in {archive.path}")
                n = change(archive, targets, tag_names)
            except ArchiveError as exc:
                raise click.ClickException(str(exc)) from exc
        past = "added" if action == "add" else "removed"
        # n: the (document, tag) pairs that changed; a selected document may have none
        click.echo(f"{past} {n} tag(s) on the {len(targets)} document(s) selected")

    return command


@click.group("tag")
def tag_group() -> None:
    """Add or remove tags."""


tag_group.add_command(_tag_command("add"))
tag_group.add_command(_tag_command("remove"))


@tag_group.command("undo")
@db_option
def tag_undo(db: str | None) -> None:
    """Undo the last tag change (the log is kept in the database)."""
    with open_archive(db) as archive:
        changes = tagging.undo_last(archive)
    if not changes:
        click.echo("nothing to undo")
    for c in changes:
        click.echo(f"undid {c.action} {c.tag} on {len(c.document_ids)} document(s)")


@click.group("tags", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="JSON lines: name, count, color.")
@db_option
@click.pass_context
def tags_group(ctx: click.Context, as_json: bool, db: str | None) -> None:
    """List tags with their document counts (subcommands: dump, restore, rename, merge)."""
    if ctx.invoked_subcommand is not None:
        return
    with open_archive(db) as archive:
        found = tagging.list_tags(archive)
    for tag in found:
        if as_json:
            print_json({"name": tag.name, "count": tag.count, "color": tag.color})
        else:
            click.echo(f"{tag.count:>7}  {terminal_safe(tag.name)}")


@tags_group.command("dump")
@db_option
def tags_dump(db: str | None) -> None:
    """Print every document's tags, notmuch style: `+tag ... -- key:SOURCE_KEY`."""
    with open_archive(db) as archive:
        for line in tagging.dump_tags(archive):
            click.echo(line)


@tags_group.command("restore")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@db_option
def tags_restore(file, db: str | None) -> None:
    """Set the tags of the documents listed in FILE (a `tags dump`; - for stdin)."""
    with open_archive(db) as archive:
        try:
            summary = tagging.restore_tags(archive, file)
        except ArchiveError as exc:
            raise click.ClickException(f"{file.name}: {exc}") from exc
    click.echo(
        f"restored {summary.documents} document(s), {summary.changed} tag change(s), "
        f"{summary.unknown} unknown"
    )
    if summary.unknown:
        click.echo(f"{summary.unknown} line(s) name documents not in this archive", err=True)


@tags_group.command("rename")
@click.argument("old")
@click.argument("new")
@db_option
def tags_rename(old: str, new: str, db: str | None) -> None:
    """Rename tag OLD to NEW (merging when NEW exists)."""
    with open_archive(db) as archive:
        try:
            tagging.rename_tag(archive, old, new)
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from exc


@tags_group.command("merge")
@click.argument("sources", nargs=-1, required=True)
@click.argument("target")
@db_option
def tags_merge(sources: tuple[str, ...], target: str, db: str | None) -> None:
    """Merge the SOURCES tags into TARGET."""
    with open_archive(db) as archive:
        try:
            n = tagging.merge_tags(archive, sources, target)
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"{n} document(s) gained {target}")


@tags_group.command("color")
@click.argument("name")
@click.argument("color", required=False)
@db_option
def tags_color(name: str, color: str | None, db: str | None) -> None:
    """Set the colour of tag NAME (#rrggbb or a colour name); without COLOR, reset it."""
    with open_archive(db) as archive:
        try:
            tagging.set_color(archive, name, color)
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from exc


@click.command("export")
@click.option("--query", default=None, help="Only documents matching this search.")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default=None, help="Default: jsonl."
)
@click.option(
    "--excel",
    is_flag=True,
    help="CSV for Microsoft Excel: UTF-8 with a byte-order mark (else Excel shows the Arabic "
    "as mojibake), CRLF line ends, and a leading ' (text) on cells that open with = + - @. "
    "Plain --format csv has none of these.",
)
@db_option
def export_command(query: str | None, fmt: str | None, excel: bool, db: str | None) -> None:
    """Write documents with their tags and notes to stdout as JSON lines or CSV.

    \b
    arshif export --format csv > archive.csv     # UTF-8, LF: Python, R, LibreOffice
    arshif export --excel > archive.csv          # opens in Excel with its Arabic intact
    """
    if excel and fmt == "jsonl":
        raise click.UsageError(
            "--excel writes CSV; drop --format jsonl", click.get_current_context()
        )
    fmt = "csv" if excel else fmt or "jsonl"
    with open_archive(db) as archive:
        ids = _matching_ids(archive, query) if query is not None else None
        records = export_records(archive, ids)
        if fmt == "jsonl":
            for record in records:
                print_json(record)
        elif excel:  # bytes: CRLF exactly as written, whatever the platform's newline
            sys.stdout.flush()
            for chunk in csv_lines(records, excel=True):
                sys.stdout.buffer.write(chunk.encode("utf-8"))
            sys.stdout.buffer.flush()
        else:
            for chunk in csv_lines(records):
                sys.stdout.write(chunk)


COMMANDS: list[click.Command] = [tag_group, tags_group, export_command]
