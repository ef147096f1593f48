"""End to end: the real program in tmux shows the document's first words on the body pane's
first row, shaped and in visual order, with the next paragraph below it (not bottom-up)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from archive.layout import visual_line

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def capture(session: str) -> list[str]:
    out = subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=True
    )
    return out.stdout.split("\n")


def first_words(paragraph: str, count: int = 3) -> str:
    return visual_line(" ".join(paragraph.split()[:count]), 200)


def find_body(rows: list[str]) -> tuple[int, str] | None:
    """(row, sample name) of the row showing a sample's first words, with the first words of
    its second paragraph a few rows below (a list of titles never has that)."""
    for sample in sorted(SAMPLES.glob("*.txt")):
        paragraphs = [p for p in sample.read_text(encoding="utf-8").split("\n") if p.strip()]
        head, second = first_words(paragraphs[0]), first_words(paragraphs[1])
        for r, row in enumerate(rows):
            if head in row and any(second in below for below in rows[r + 1 : r + 6]):
                return r, sample.name
    return None


def test_real_program_shows_the_first_words_on_the_body_panes_first_row(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    subprocess.run(
        [sys.executable, str(ROOT / "importer.py"), str(SAMPLES), "--db", str(db)],
        check=True,
        capture_output=True,
    )
    arshif = Path(sys.executable).parent / "arshif"
    session = f"arshif-body-{uuid.uuid4().hex[:8]}"
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "140",
            "-y",
            "40",
            f"{arshif} --db {db}",
        ],
        check=True,
    )
    subprocess.run(["tmux", "resize-window", "-t", session, "-x", "140", "-y", "40"], check=False)
    try:
        found = None
        deadline = time.monotonic() + 20
        while found is None and time.monotonic() < deadline:
            time.sleep(0.5)
            rows = capture(session)
            found = find_body(rows)
        assert found is not None, "\n".join(rows)
        row, name = found
        body = (SAMPLES / name).read_text(encoding="utf-8")
        # the body's first row is the top row of the pane: the rows above it hold no body text
        later = [p for p in body.split("\n") if p.strip()][1:6]
        assert not any(first_words(p) in row_text for p in later for row_text in rows[:row])
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
