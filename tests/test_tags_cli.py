"""`arshif tag`, `arshif tags` and `arshif export` call the tagging core."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.cli.main import build_group
from tests.archive_factory import Doc, make_archive


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "archive.db"
    make_archive(
        path,
        [
            Doc("مجلس الأمن", "اجتمع مجلس الأمن في نيويورك", date="2023-05-01", path="a.txt"),
            Doc("[bold]x[/bold]", "نص, مع فاصلة\nوسطر", date="2022-01-01", path="b.txt"),
        ],
    )
    return str(path)


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(build_group(), list(args), input=input)
    return result


def test_tag_add_by_id_then_tags_lists_counts(db: str) -> None:
    assert run("tag", "add", "سوريا", "read", "--id", "1", "--id", "2", "--db", db).exit_code == 0
    run("tag", "remove", "read", "--id", "2", "--db", db)
    out = run("tags", "--json", "--db", db).output.splitlines()
    assert [json.loads(line)["name"] for line in out] == ["سوريا", "read"]
    assert json.loads(out[0])["count"] == 2
    assert "سوريا" in out[0]  # Arabic unescaped


def test_tag_needs_exactly_one_of_id_or_query(db: str) -> None:
    assert run("tag", "add", "x", "--db", db).exit_code == 2
    assert run("tag", "add", "x", "--id", "1", "--query", "a", "--db", db).exit_code == 2


def test_bad_tag_name_exits_1_with_the_name(db: str) -> None:
    result = run("tag", "add", "--id", "1", "--db", db, "--", "+x")
    assert result.exit_code == 1 and "+x" in result.output


def test_tag_undo_reverts_the_last_command(db: str) -> None:
    run("tag", "add", "x", "--id", "1", "--db", db)
    assert "undid add x on 1" in run("tag", "undo", "--db", db).output
    assert run("tags", "--json", "--db", db).output == ""  # x existed only on document 1


def test_dump_and_restore_round_trip(db: str, tmp_path: Path) -> None:
    run("tag", "add", "a", "b", "--id", "1", "--db", db)
    dump = run("tags", "dump", "--db", db).output
    assert dump == "+a +b -- key:a.txt\n"
    run("tag", "remove", "a", "b", "--id", "1", "--db", db)
    (tmp_path / "dump.txt").write_text(dump, encoding="utf-8")
    result = run("tags", "restore", str(tmp_path / "dump.txt"), "--db", db)
    assert result.exit_code == 0, result.output
    assert run("tags", "dump", "--db", db).output == dump


def test_restore_of_a_malformed_file_names_file_and_line(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("nonsense\n", encoding="utf-8")
    result = run("tags", "restore", str(bad), "--db", db)
    assert result.exit_code == 1 and "bad.txt" in result.output and "line 1" in result.output


def test_rename_and_merge_commands(db: str) -> None:
    run("tag", "add", "a", "--id", "1", "--db", db)
    run("tag", "add", "b", "--id", "2", "--db", db)
    assert run("tags", "rename", "a", "c", "--db", db).exit_code == 0
    assert run("tags", "merge", "b", "c", "--db", db).exit_code == 0
    assert run("tags", "dump", "--db", db).output == "+c -- key:a.txt\n+c -- key:b.txt\n"


def test_export_jsonl_includes_tags_and_literal_text(db: str) -> None:
    run("tag", "add", "x", "--id", "2", "--db", db)
    lines = [json.loads(line) for line in run("export", "--db", db).output.splitlines()]
    assert [r["id"] for r in lines] == [1, 2]
    assert lines[1]["tags"] == ["x"] and lines[1]["title"] == "[bold]x[/bold]"


def test_export_csv_quotes_commas_and_newlines(db: str) -> None:
    run("tag", "add", "x", "y", "--id", "2", "--db", db)
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", db).output)))
    assert rows[1]["body"] == "نص, مع فاصلة\nوسطر"
    assert rows[1]["tags"] == "x y"


def test_commands_on_a_missing_database_name_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.db")
    result = run("tags", "--db", missing)
    assert result.exit_code == 1 and "nope.db" in result.output


def test_tag_add_by_query_tags_every_match(db: str) -> None:
    result = run("tag", "add", "un", "--query", "مجلس", "--db", db)
    assert result.exit_code == 0, result.output
    assert run("tags", "dump", "--db", db).output == "+un -- key:a.txt\n"


def test_a_rejected_query_names_the_query(db: str) -> None:
    result = run("tag", "add", "x", "--query", "date:abc", "--db", db)
    assert result.exit_code == 1 and "date:abc" in result.output


def test_export_query_exports_only_matches(db: str) -> None:
    lines = run("export", "--query", "نيويورك", "--db", db).output.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1]


def test_tags_color_sets_and_resets_a_colour(db: str) -> None:
    run("tag", "add", "x", "--id", "1", "--db", db)
    assert run("tags", "color", "x", "#123456", "--db", db).exit_code == 0
    assert json.loads(run("tags", "--json", "--db", db).output)["color"] == "#123456"
    run("tags", "color", "x", "--db", db)
    assert json.loads(run("tags", "--json", "--db", db).output)["color"] != "#123456"
    assert run("tags", "color", "nope", "red", "--db", db).exit_code == 1


def test_tag_add_on_a_missing_id_names_it_and_changes_nothing(db: str) -> None:
    result = run("tag", "add", "مهم", "--id", "1", "--id", "999", "--db", db)
    assert result.exit_code == 1
    assert "999" in result.output
    assert run("tags", "--json", "--db", db).output == ""


def test_tags_color_rejects_an_unknown_colour_with_exit_1(db: str) -> None:
    run("tag", "add", "x", "--id", "1", "--db", db)
    result = run("tags", "color", "x", "blurple", "--db", db)
    assert result.exit_code == 1 and "blurple" in result.output
    assert json.loads(run("tags", "--json", "--db", db).output)["color"] != "blurple"


@pytest.mark.parametrize("query", ['"', "tag:", "-", "()", "OR"])
def test_a_query_with_nothing_to_search_for_tags_nothing_and_is_named(db: str, query: str) -> None:
    result = run("tag", "add", "x", "--query", query, "--db", db)
    assert result.exit_code == 1 and repr(query) in result.output
    assert run("tags", "--json", "--db", db).output == ""


def test_export_of_a_query_with_nothing_to_search_for_fails(db: str) -> None:
    result = run("export", "--query", "tag:", "--db", db)
    assert result.exit_code == 1 and "'tag:'" in result.output


def test_an_empty_query_still_means_every_document(db: str) -> None:
    assert run("tag", "add", "all", "--query", "", "--db", db).exit_code == 0
    assert json.loads(run("tags", "--json", "--db", db).output)["count"] == 2


def test_tags_restore_reads_a_dump_saved_with_a_bom_and_crlf(db: str, tmp_path: Path) -> None:
    # A dump edited on Windows: UTF-8 with a byte-order mark, CRLF line ends.
    run("tag", "add", "سوريا", "--id", "1", "--db", db)
    dump = run("tags", "dump", "--db", db).output
    run("tag", "remove", "سوريا", "--id", "1", "--db", db)
    edited = tmp_path / "tags.txt"
    edited.write_bytes(b"\xef\xbb\xbf" + dump.replace("\n", "\r\n").encode("utf-8"))
    result = run("tags", "restore", str(edited), "--db", db)
    assert result.exit_code == 0, result.output
    assert run("tags", "dump", "--db", db).output == dump


def test_removing_a_tag_that_does_not_exist_names_it_and_changes_nothing(db: str) -> None:
    run("tag", "add", "keep", "--id", "1", "--db", db)
    result = run("tag", "remove", "keep", "typo", "--id", "1", "--db", db)
    assert result.exit_code == 1 and "'typo'" in result.output and db in result.output
    assert json.loads(run("tags", "--json", "--db", db).output)["count"] == 1


def test_several_ids_after_one_id_option_are_all_documents_not_tags(db: str) -> None:
    # "--id ID..." as the usage says: "--id 1 2" tagged document 1 with a tag named "2"
    result = run("tag", "add", "صحة", "--id", "1", "2", "--db", db)
    assert result.exit_code == 0, result.output
    assert "on the 2 document(s) selected" in result.output
    listed = run("tags", "--json", "--db", db).output.splitlines()
    assert [json.loads(line)["name"] for line in listed] == ["صحة"]
    assert run("tag", "remove", "صحة", "--id", "1", "2", "--db", db).exit_code == 0
    assert "2 document" not in run("tags", "--db", db).output


def test_a_numeric_tag_is_named_before_the_ids(db: str) -> None:
    assert run("tag", "add", "2024", "--id", "1", "--db", db).exit_code == 0
    lines = run("tags", "--json", "--db", db).output.splitlines()
    assert [json.loads(line)["name"] for line in lines] == ["2024"]
    missing = run("tag", "add", "x", "--id", "1", "999", "--db", db)
    assert missing.exit_code == 1 and "999" in missing.output


def test_export_excel_writes_csv_with_a_bom_and_crlf_rows(db: str) -> None:
    result = run("export", "--excel", "--db", db)
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbfid,path,")  # UTF-8 with BOM: Excel reads Arabic
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\r\n2,b.txt," in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows[0]["title"] == "مجلس الأمن"
    assert rows[1]["body"] == "نص, مع فاصلة\nوسطر"  # a line break inside a cell stays one


def test_export_csv_by_default_has_no_bom_and_lf_rows(db: str) -> None:
    data = run("export", "--format", "csv", "--db", db).stdout_bytes
    assert data.startswith(b"id,path,") and b"\r\n" not in data


def test_export_excel_with_jsonl_is_a_usage_error(db: str) -> None:
    result = run("export", "--excel", "--format", "jsonl", "--db", db)
    assert result.exit_code == 2 and "--excel" in result.output


def test_export_help_says_how_to_open_it_in_excel() -> None:
    assert "--excel" in run("export", "--help").output


def test_export_excel_marks_cells_that_open_like_a_formula_as_text(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    make_archive(path, [Doc('=HYPERLINK("x")', "- أعلنت الوزارة أمس", path="a.txt")])
    rows = list(
        csv.DictReader(
            io.StringIO(
                run("export", "--excel", "--db", str(path)).stdout_bytes.decode("utf-8-sig"),
                newline="",
            )
        )
    )
    assert rows[0]["title"] == '\'=HYPERLINK("x")' and rows[0]["body"] == "'- أعلنت الوزارة أمس"
    plain = list(
        csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", str(path)).output))
    )
    assert plain[0]["body"] == "- أعلنت الوزارة أمس"  # plain CSV is the text as stored


def test_tag_remove_with_harakat_finds_the_tag_and_says_how_many_changed(db: str) -> None:
    run("tag", "add", "اقتصاد", "--id", "1", "--db", db)
    result = run("tag", "remove", "اقتصادُ", "--id", "1", "2", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "removed 1 tag(s) on the 2 document(s) selected"
    assert json.loads(run("tags", "--json", "--db", db).output)["count"] == 0
