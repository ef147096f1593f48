"""The process settings that keep a keystroke's list quick (tui.latency)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from tests.app.conftest import settle
from tui.app import make_app
from tui.latency import FRAMES_PER_SECOND

# Runs `arshif QUERY --db FILE` with the app replaced by a stand-in that reports the frame
# rate Textual was imported with.
_OPEN_AND_REPORT = """
import sys, types
stand_in = types.ModuleType("tui.app")
def make_app(**kwargs):
    import textual.constants
    print("fps", textual.constants.MAX_FPS)
    raise SystemExit(0)
stand_in.make_app = make_app
sys.modules["tui.app"] = stand_in
from tui.cli import main
main(["--db", sys.argv[1], "مجلس"])
"""


def _frame_rate_of_arshif(db: Path, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"} | env
    done = subprocess.run(
        [sys.executable, "-c", _OPEN_AND_REPORT, str(db)],
        capture_output=True, text=True, env=environ, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.split()[-1]


def test_arshif_asks_textual_for_prompt_frames(app_db: Path) -> None:
    assert _frame_rate_of_arshif(app_db) == str(FRAMES_PER_SECOND)


def test_a_frame_rate_set_by_the_user_wins(app_db: Path) -> None:
    assert _frame_rate_of_arshif(app_db, TEXTUAL_FPS="30") == "30"


async def test_startup_objects_are_frozen_after_the_first_list_and_thawed_on_exit(
    app_db: Path,
) -> None:
    gc.unfreeze()
    app = make_app(db_path=app_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.05)
        assert app.document_list.total > 0
        assert gc.get_freeze_count() > 10_000  # Textual, the modules, the widgets
    assert gc.get_freeze_count() == 0
