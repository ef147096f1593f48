"""A query that opens with an exclusion ("-غزة", "-tag:draft") is a query, not an option:
for `arshif search` and for `arshif [QUERY]` (the app)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.archive_factory import Doc, make_archive
from tui.cli import main


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "a.db"
    make_archive(
        path,
        [
            Doc("حصار غزة", "الأمم المتحدة تحذر من مجاعة في غزة.", "2024-01-02"),
            Doc("فيضانات درنة", "ارتفعت حصيلة الفيضانات في ليبيا.", "2023-09-17"),
        ],
    )
    return str(path)


@pytest.mark.parametrize(
    "args",
    [
        ["search", "-غزة", "--json"],
        ["search", "--json", "-غزة"],
        ["search", "-غزة ليبيا", "--json", "--limit", "5"],
        ["search", "-n", "5", "-غزة", "--json"],
    ],
)
def test_search_takes_a_leading_exclusion_as_the_query(db: str, args: list[str]) -> None:
    result = CliRunner().invoke(main, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    titles = [json.loads(line)["title"] for line in result.output.splitlines()]
    assert titles == ["فيضانات درنة"]


def test_an_unknown_latin_option_is_still_a_usage_error(db: str) -> None:
    result = CliRunner().invoke(main, ["--db", db, "search", "--jsn", "غزة"])
    assert result.exit_code == 2


def test_the_app_opens_with_a_leading_exclusion_in_its_search_bar(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    class FakeApp:
        return_code = 0

        def run(self) -> None:
            seen["ran"] = True

    def fake_make_app(**kwargs: object) -> FakeApp:
        seen.update(kwargs)
        return FakeApp()

    import tui.app

    monkeypatch.setattr(tui.app, "make_app", fake_make_app)
    result = CliRunner().invoke(main, ["--db", db, "-غزة"])
    assert result.exit_code == 0, result.output
    assert seen["query"] == "-غزة" and seen["ran"]
