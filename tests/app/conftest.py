"""App-test helpers: a small archive built from the samples, and waiting for the workers."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from archive import tags
from archive.metadata import EntityMention, Metadata
from archive.metadata.store import save_metadata
from archive.store import Archive
from tests.archive_factory import Doc, add_documents
from tests.conftest import SAMPLES

TRICKY_TITLE = "[bold]x[/bold] \x1b[31mred"
TRICKY_BODY = "نص فيه [bold]x[/bold] و \x1b[31mred و [link=http://e]y[/link]"


def sample_docs() -> list[Doc]:
    docs = []
    for n, path in enumerate(sorted(SAMPLES.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.strip()).strip()
        docs.append(Doc(title, text, date=f"2023-0{n + 1}-15", source="عنب بلدي", path=path.name))
    return docs


def build_archive(path: Path, extra: int = 40) -> Path:
    with Archive(path) as archive:
        ids = add_documents(archive, sample_docs())
        add_documents(archive, [Doc(TRICKY_TITLE, TRICKY_BODY, date="2024-01-01", path="t.txt")])
        add_documents(
            archive,
            [
                Doc(f"خبر قصير رقم {i}", f"اجتمع مجلس الأمن قرنفل في اليوم {i}", date="2019-06-01")
                for i in range(extra)
            ],
        )
        tags.add_tags(archive, ids[:2], ["سوريا"])
        tags.add_tags(archive, ids[:1], ["مهم"])
        with archive.conn:
            save_metadata(
                archive.conn,
                ids[0],
                Metadata(
                    title="",
                    entities=(
                        EntityMention("person", "أليكس ستار", count=2),
                        EntityMention("org", "التحالف الدولي", count=3),
                        EntityMention("place", "الرقة", count=4),
                    ),
                    resolutions=(2254,),
                ),
            )
    return path


@pytest.fixture
def app_db(tmp_path: Path) -> Path:
    return build_archive(tmp_path / "archive.db")


async def settle(pilot: Pilot) -> None:
    """Wait until no search is scheduled and no worker runs, then let the screen update."""
    await pilot.pause()
    for _ in range(500):
        if not pilot.app.busy:
            break
        await pilot.pause(0.02)
    await pilot.pause()
