"""End to end: the real `arshif` program in tmux, on an archive imported from the samples."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from archive.layout import visual_line
from archive.search.engine import search
from archive.store import Archive

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ARSHIF = [sys.executable, "-c", "from tui.cli import main; main()"]


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", *args], check=True, capture_output=True, text=True, timeout=20
    ).stdout


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def wait_for(session: str, predicate, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = screen(session)
        if predicate(text):
            return text
        time.sleep(0.2)
    raise AssertionError(f"screen never matched; last screen:\n{text}")


def shown_words(title: str) -> list[str]:
    """The title's words as the app draws them (shaped, in visual order)."""
    return visual_line(title, 500).split()


@pytest.fixture
def imported_db(tmp_path: Path, samples_dir: Path) -> Path:
    db = tmp_path / "archive.db"
    subprocess.run(
        [*ARSHIF, "import", str(samples_dir), "--db", str(db)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return db


def test_real_program_shows_newest_title_and_follows_typing(imported_db: Path) -> None:
    with Archive(imported_db) as archive:
        newest = search(archive, "", limit=1, sort="date").hits[0]
        raqqa = search(archive, "الرقة", limit=5)
    assert raqqa.total >= 1
    session = f"arshif-{uuid.uuid4().hex[:8]}"
    command = " ".join(f"'{part}'" for part in [*ARSHIF, "--db", str(imported_db)])
    env = {**os.environ, "TERM": "xterm-256color"}
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "140", "-y", "40", command],
        check=True,
        env=env,
        timeout=20,
    )
    try:
        newest_words = shown_words(newest.title)[:3]
        # the list comes first, the document a moment later (loaded by a worker)
        wait_for(session, lambda s: "5 documents" in s and all(w in s for w in newest_words))
        time.sleep(0.5)  # the first paint is there; let the app settle its focus
        tmux("send-keys", "-t", session, "/")
        time.sleep(0.3)
        tmux("send-keys", "-t", session, "-l", "الرقة")
        found = f"{raqqa.total} document"
        after = wait_for(session, lambda s: found in s and "5 documents" not in s)
        assert all(word in after for word in shown_words(raqqa.hits[0].title)[:3]), after
        tmux("send-keys", "-t", session, "Enter")  # to the list (Esc + q would read as alt+q)
        time.sleep(0.3)
        tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            alive = subprocess.run(["tmux", "has-session", "-t", session], capture_output=True)
            if alive.returncode:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the app did not quit on q")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
