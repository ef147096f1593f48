"""Injection: Rich markup, ANSI/OSC escape sequences and bidi overrides in document text,
titles and tag names render inert — in the app, in the CLI's text output — and the
clipboard gets exactly the document's text.

Stored text normally has no control characters (the importer removes them), but archives
are also written by other tools (sqlite3, Datasette, older versions, `arshif tag add`), so
every output path is tested with the raw characters in the database.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import tags
from archive.cli.main import build_group
from archive.store import Archive
from tests.app.conftest import settle
from tests.archive_factory import Doc, add_documents
from tui.app import make_app

ESC = "\x1b"
OSC_CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"
OSC_TITLE = "\x1b]0;pwned\x07"
CSI_RED = "\x1b[31m"
MARKUP = "[bold red]x[/]"
RLO = "\u202e"
TITLE = f"عنوان {MARKUP} {CSI_RED}احمر {RLO}abc"
BODY = (
    f"فقرة أولى فيها {MARKUP} و [link=http://evil]رابط[/link] نص.\n\n"
    f"فقرة ثانية {CSI_RED}حمراء{ESC}[0m و {OSC_TITLE} و {OSC_CLIPBOARD} نهاية.\n\n"
    f"فقرة ثالثة {RLO}reversed text\u202c تم.\n\n"
    "bell\x07 backspace\x08 cr\r del\x7f c1\x9b"
)
TAG = "[b]وسم[/b]"  # what tags.clean_tag allows: markup-looking, no controls
RAW_TAG = f"{CSI_RED}\u202eوسم"  # written by another tool, bypassing clean_tag
CONTROL_CHARS = {chr(c) for c in range(0x20) if chr(c) not in "\n\t"} | {
    chr(c) for c in range(0x7F, 0xA0)
}


@pytest.fixture
def tricky_db(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    with Archive(path) as archive:
        (doc_id,) = add_documents(archive, [Doc(TITLE, BODY, date="2024-01-01", source=MARKUP)])
        tags.add_tags(archive, [doc_id], [TAG])
        with archive.conn:
            archive.conn.execute(
                "INSERT INTO tags (name, created_at) VALUES (?, 'now')", (RAW_TAG,)
            )
            archive.conn.execute(
                "INSERT INTO document_tags SELECT ?, id, 'now' FROM tags WHERE name = ?",
                (doc_id, RAW_TAG),
            )
    return path


def test_tag_names_with_controls_or_overrides_are_refused() -> None:
    for bad in (f"{CSI_RED}x", f"{RLO}x", "a\x07b", OSC_TITLE):
        with pytest.raises(tags.TagError, match="control characters"):
            tags.clean_tag(bad)


def screen_text(app) -> list[tuple[str, list]]:
    strips = app.screen._compositor.render_strips()  # noqa: SLF001
    return [("".join(seg.text for seg in strip), list(strip)) for strip in strips]


async def test_markup_escapes_and_overrides_render_inert_on_every_pane(tricky_db: Path) -> None:
    app = make_app(tricky_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        rows = screen_text(app)
        screen = "\n".join(text for text, _ in rows)
        for text, segments in rows:
            assert not (set(text) & CONTROL_CHARS), f"control character on screen: {text!r}"
            for seg in segments:
                assert not (seg.style and seg.style.link), f"link from document text: {text!r}"
        assert "[bold red]x[/]" in screen  # markup shown literally, in the list and the body
        assert "[link=http://evil]" in screen
        # escape sequences in the body are dropped whole: neither obeyed nor left as "[31m"
        assert "pwned" not in screen and "]0;" not in screen and "52;c;" not in screen
        assert "[0m" not in screen
        assert RLO not in screen  # no override reaches the terminal
        # the override did not reverse the Latin text after it
        assert "reversed text" in screen and "txet desrever" not in screen


async def test_copy_gives_exactly_the_stored_body(tricky_db: Path) -> None:
    app = make_app(tricky_db)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert copied == [BODY]


def run_cli(*args: str) -> str:
    result = CliRunner().invoke(build_group(), list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    "args",
    [
        ("show", "1"),
        ("search", "فقرة"),
        ("search", ""),
        ("tags",),
    ],
)
def test_cli_text_output_carries_no_raw_control_or_override_characters(
    tricky_db: Path, args: tuple[str, ...]
) -> None:
    out = run_cli(*args, "--db", str(tricky_db))
    assert not (set(out) & CONTROL_CHARS), repr(out)
    assert RLO not in out


def test_cli_show_text_makes_the_escapes_visible(tricky_db: Path) -> None:
    out = run_cli("show", "1", "--db", str(tricky_db))
    assert MARKUP in out
    assert "\\x1b[31m" in out and "\\u202e" in out


def test_cli_json_output_keeps_the_data_exact(tricky_db: Path) -> None:
    shown = json.loads(run_cli("show", "1", "--json", "--db", str(tricky_db)))
    assert shown["body"] == BODY and shown["title"] == TITLE
    hit = json.loads(run_cli("search", "فقرة", "--json", "--db", str(tricky_db)).splitlines()[0])
    assert hit["title"] == TITLE and sorted(hit["tags"]) == sorted([TAG, RAW_TAG])


def test_terminal_table_cells_escape_controls_and_keep_match_highlights() -> None:
    from archive.cli.search_cmd import _marked
    from archive.models import Span

    text = f"{CSI_RED}سوريا{RLO}x"
    cell = _marked(text, (Span(5, 10),))
    assert cell.plain == "\\x1b[31mسوريا\\u202ex"
    (span,) = [s for s in cell.spans if s.style == "reverse"]
    assert cell.plain[span.start : span.end] == "سوريا"
