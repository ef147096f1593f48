"""`arshif note ID [TEXT]`: read, write or clear a document's note."""

from __future__ import annotations

import sys

import click

from archive import notes
from archive.cli.common import db_option, open_archive, terminal_safe
from archive.store import ArchiveError


@click.command("note")
@click.argument("doc_id", type=int)
@click.argument("text", nargs=-1)
@click.option("--clear", is_flag=True, help="Remove the note.")
@click.option("--stdin", "from_stdin", is_flag=True, help="Read the note from standard input.")
@db_option
def note_command(
    doc_id: int, text: tuple[str, ...], clear: bool, from_stdin: bool, db: str | None
) -> None:
    """Show document DOC_ID's note, or set it to TEXT (or --stdin), or --clear it.

    Notes are kept across re-imports and edits of the file; `arshif show` and the app's
    metadata pane show them, and `arshif export` writes them.
    """
    if sum((bool(text), clear, from_stdin)) > 1:
        raise click.UsageError("give TEXT, --stdin or --clear, not more than one")
    with open_archive(db) as archive:
        try:
            if not (text or clear or from_stdin):
                archive.get(doc_id)  # a missing document is an error, not "no note"
                current = notes.note_of(archive, doc_id)
                click.echo(terminal_safe(current) if current else f"document {doc_id} has no note")
                return
            new = "" if clear else sys.stdin.read() if from_stdin else " ".join(text)
            old = notes.set_note(archive, doc_id, new)
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from exc
    if not new.strip():
        click.echo(
            f"removed the note of document {doc_id}" if old else f"document {doc_id} had no note"
        )
    else:
        click.echo(f"{'replaced' if old else 'added'} the note of document {doc_id}")


COMMANDS = (note_command,)
