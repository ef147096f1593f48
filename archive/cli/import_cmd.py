"""`arshif import PATH... [--db FILE]` (also `python importer.py PATH...`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from archive.cli.common import db_option, open_archive
from archive.importing.run import ImportRun
from archive.models import ImportSummary

MAX_WARNINGS_SHOWN = 20  # stored-with-basic-metadata notes; every rejection is always named


class _ImportProgress:
    """A Rich progress bar on stderr when it is a terminal: files, documents/s, ETA."""

    def __init__(self) -> None:
        self.console = Console(stderr=True)
        self.progress: Progress | None = None
        self.task: TaskID | None = None
        if self.console.is_terminal:
            self.progress = Progress(
                TextColumn("[bold]importing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                TextColumn("{task.fields[docs]} documents, {task.fields[rate]}/s"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self.task = self.progress.add_task("import", total=None, docs=0, rate="–")

    def __enter__(self) -> _ImportProgress:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def update(self, files_done: int, files_total: int, docs_done: int) -> None:
        if self.progress is None or self.task is None:
            return
        elapsed = self.progress.tasks[0].elapsed or 0.0
        rate = f"{docs_done / elapsed:,.0f}" if elapsed > 0.5 else "–"
        self.progress.update(
            self.task, completed=files_done, total=files_total, docs=docs_done, rate=rate
        )


def _report(summary: ImportSummary, warnings: list[tuple[str, str]]) -> None:
    for where, problem in warnings[:MAX_WARNINGS_SHOWN]:
        click.echo(f"warning: {where}: {problem}", err=True)
    if len(warnings) > MAX_WARNINGS_SHOWN:
        more = len(warnings) - MAX_WARNINGS_SHOWN
        click.echo(f"warning: {more} more documents stored with basic metadata", err=True)
    for where, reason in summary.rejections:
        click.echo(f"rejected: {where}: {reason}", err=True)
    click.echo(summary.line())


@click.command("import")
@click.argument(
    "paths",
    metavar="PATH...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, path_type=Path),
)
@db_option
def import_command(paths: tuple[Path, ...], db: str | None) -> None:
    """Import .txt folders and JSON / JSONL / CSV article dumps.

    Folders are read recursively (hidden files skipped). Re-importing changes nothing;
    edited files are updated (tags kept). Exit status 1 when some inputs were rejected.
    """
    archive = open_archive(db, create=True)
    try:
        with _ImportProgress() as progress:
            run = ImportRun(archive, list(paths), on_progress=progress.update)
            summary = run.run()
    except KeyboardInterrupt:
        click.echo(
            "interrupted: the archive holds every batch written so far; "
            "run the same command again to finish",
            err=True,
        )
        sys.exit(130)
    finally:
        archive.close()
    _report(summary, run.warnings)
    if summary.rejected:
        sys.exit(1)


COMMANDS: list[click.Command] = [import_command]
