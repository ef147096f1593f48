"""Snapshots of the screens that matter, at 80×24 and 160×48.

Update after an intended change: pytest tests/app/test_snapshots.py --snapshot-update,
then look at the SVGs (tests/app/__snapshots__/) before committing them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.conftest import settle
from tui.app import make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


async def steady(pilot: Pilot) -> None:
    """Settle, then make the moving parts still: query time and cursor blink."""
    await settle(pilot)
    app = pilot.app
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    if app.last_result is not None:
        app.status.show_result(replace(app.last_result, elapsed_ms=3.0))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, app_db: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("j")  # the first sample article, tagged, with metadata
        await steady(pilot)

    assert snap_compare(make_app(app_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_main_screen_with_query(snap_compare, app_db: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("n")
        await steady(pilot)

    app = make_app(app_db, query="الرقة")
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, app_db: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await steady(pilot)

    assert snap_compare(make_app(app_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_tag_input(snap_compare, app_db: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("j", "t", "م")
        await steady(pilot)

    assert snap_compare(make_app(app_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_facets(snap_compare, app_db: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("f")
        await steady(pilot)

    assert snap_compare(make_app(app_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_confirm_tag_all(snap_compare, app_db: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+t", *"مجلس", "enter")
        await steady(pilot)

    assert snap_compare(make_app(app_db, query="قرنفل"), terminal_size=size, run_before=run_before)
