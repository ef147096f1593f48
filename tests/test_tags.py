"""The tagging core: add/remove, the persistent undo log, rename, merge, colours, saved searches."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive import tags
from archive.store import Archive
from tests.archive_factory import Doc, make_archive


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    make_archive(path, [Doc(f"عنوان {i}", f"نص المقال رقم {i}") for i in range(5)])
    return path


def test_add_tags_counts_only_new_pairs_and_skips_unknown_ids(db: Path) -> None:
    with Archive(db) as a:
        assert tags.add_tags(a, [1, 2, 99], ["سوريا", "read"]) == 4
        assert tags.add_tags(a, [1, 2, 3], ["read"]) == 1
        assert a.tags_of(1) == ("read", "سوريا")
        assert {t.name: t.count for t in tags.list_tags(a)} == {"read": 3, "سوريا": 2}


def test_remove_tags_only_touches_documents_that_had_the_tag(db: Path) -> None:
    with Archive(db) as a:
        tags.add_tags(a, [1, 2], ["x"])
        assert tags.remove_tags(a, [2, 3], ["x"]) == 1
        assert a.tags_of(1) == ("x",)
        assert a.tags_of(2) == ()
        assert tags.remove_tags(a, [1], ["never-existed"]) == 0


@pytest.mark.parametrize("bad", ["", "  ", "two words", "-minus", "+plus", "a\x1bb"])
def test_bad_tag_names_are_rejected_with_a_message(db: Path, bad: str) -> None:
    with Archive(db) as a, pytest.raises(tags.TagError):
        tags.add_tags(a, [1], [bad])


def test_undo_reverts_the_last_action_only_and_walks_back(db: Path) -> None:
    with Archive(db) as a:
        tags.add_tags(a, [1, 2], ["a", "b"])
        tags.add_tags(a, [1], ["c"])
        tags.remove_tags(a, [1], ["a"])
        assert [c.action for c in tags.undo_last(a)] == ["remove"]
        assert a.tags_of(1) == ("a", "b", "c")
        assert [c.tag for c in tags.undo_last(a)] == ["c"]
        assert a.tags_of(1) == ("a", "b")
        assert {c.tag for c in tags.undo_last(a)} == {"a", "b"}
        assert a.tags_of(1) == () and a.tags_of(2) == ()
        assert tags.undo_last(a) == []


def test_undo_keeps_tags_that_were_already_there(db: Path) -> None:
    with Archive(db) as a:
        tags.add_tags(a, [1], ["x"])
        tags.add_tags(a, [1, 2], ["x"])
        tags.undo_last(a)
        assert a.tags_of(1) == ("x",)
        assert a.tags_of(2) == ()


def test_undo_works_after_reopening_the_database(db: Path) -> None:
    with Archive(db) as a:
        tags.add_tags(a, [3, 4], ["later"])
    with Archive(db) as a:
        assert a.tags_of(3) == ("later",)
        assert tags.undo_last(a)[0].document_ids == (3, 4)
    with Archive(db) as a:
        assert a.tags_of(3) == ()


def test_rename_keeps_documents_colour_and_undo_history(db: Path) -> None:
    with Archive(db) as a:
        tags.add_tags(a, [1, 2], ["old"])
        tags.set_color(a, "old", "#123456")
        tags.rename_tag(a, "old", "new")
        assert a.tags_of(1) == ("new",)
        assert tags.tag_colors(a) == {"new": "#123456"}
        tags.undo_last(a)
        assert a.tags_of(1) == ()
        assert tags.tag_names(a) == ["new"]


def test_rename_into_an_existing_tag_merges(db: Path) -> None:
    with Archive(db) as a:
        tags.add_tags(a, [1], ["a"])
        tags.add_tags(a, [2], ["b"])
        tags.rename_tag(a, "a", "b")
        assert tags.tag_names(a) == ["b"]
        assert a.tags_of(1) == ("b",)


def test_merge_moves_documents_drops_sources_and_is_undoable(db: Path) -> None:
    with Archive(db) as a:
        tags.add_tags(a, [1, 2], ["syria"])
        tags.add_tags(a, [2, 3], ["سوريا"])
        assert tags.merge_tags(a, ["syria"], "سوريا") == 1
        assert tags.tag_names(a) == ["سوريا"]
        assert [d for d in (1, 2, 3) if a.tags_of(d) == ("سوريا",)] == [1, 2, 3]
        tags.undo_last(a)
        assert a.tags_of(1) == ("syria",)
        assert a.tags_of(2) == ("syria", "سوريا")


def test_merge_of_a_missing_tag_names_it(db: Path) -> None:
    with Archive(db) as a, pytest.raises(tags.TagError, match="nope"):
        tags.merge_tags(a, ["nope"], "x")


def test_every_tag_has_a_stable_colour(db: Path) -> None:
    with Archive(db) as a:
        tags.add_tags(a, [1], ["x", "y"])
        colors = tags.tag_colors(a)
        assert colors["x"] == tags.default_color("x") and colors["x"].startswith("#")
        assert [t.color for t in tags.list_tags(a)] == [colors["x"], colors["y"]]


def test_set_color_of_a_missing_tag_fails(db: Path) -> None:
    with Archive(db) as a, pytest.raises(tags.TagError):
        tags.set_color(a, "missing", "red")


def test_saved_searches_are_stored_replaced_and_deleted(db: Path) -> None:
    with Archive(db) as a:
        tags.save_search(a, "سوريا", "سوريا tag:read")
        tags.save_search(a, "un", "resolution:2254")
        tags.save_search(a, "un", "resolution:242")
        assert tags.saved_searches(a) == [
            tags.SavedSearch("un", "resolution:242"),
            tags.SavedSearch("سوريا", "سوريا tag:read"),
        ]
        assert tags.delete_saved_search(a, "un") is True
        assert tags.delete_saved_search(a, "un") is False
        with pytest.raises(tags.TagError):
            tags.save_search(a, " ", "x")


def test_set_color_refuses_what_is_not_a_colour_and_names_it(db: Path) -> None:
    with Archive(db) as a:
        tags.add_tags(a, [1], ["x"])
        with pytest.raises(tags.TagError, match="blurple"):
            tags.set_color(a, "x", "blurple")
        assert tags.tag_colors(a)["x"] == tags.default_color("x")
        tags.set_color(a, "x", "bright_red")
        assert tags.tag_colors(a)["x"] == "bright_red"


def test_a_stored_colour_that_does_not_parse_falls_back_to_the_default(db: Path) -> None:
    with Archive(db) as a:
        tags.add_tags(a, [1], ["x"])
        with a.conn:
            a.conn.execute("UPDATE tags SET color = 'blurple' WHERE name = 'x'")
        assert tags.tag_colors(a)["x"] == tags.default_color("x")
        assert tags.list_tags(a)[0].color == tags.default_color("x")


def test_tagging_no_document_creates_no_tag(db: Path) -> None:
    with Archive(db) as a:
        assert tags.add_tags(a, [], ["ghost"]) == 0
        assert tags.add_tags(a, [999], ["ghost"]) == 0
        assert "ghost" not in tags.tag_names(a)
        assert tags.undo_last(a) == []


def test_undoing_the_first_use_of_a_tag_takes_the_tag_away(db: Path) -> None:
    with Archive(db) as a:
        tags.add_tags(a, [1, 2], ["kept"])
        tags.set_color(a, "kept", "red")
        tags.add_tags(a, [1, 2], ["fresh"])
        tags.remove_tags(a, [1, 2], ["kept"])
        tags.undo_last(a)
        tags.undo_last(a)
        assert tags.tag_names(a) == ["kept"]  # fresh was only ever on those two
        tags.remove_tags(a, [1, 2], ["kept"])
        tags.add_tags(a, [3], ["kept"])
        tags.undo_last(a)
        assert tags.tag_names(a) == ["kept"]  # it has a colour of its own: kept


def test_a_tag_typed_with_harakat_or_tatweel_is_the_same_tag(db: Path) -> None:
    """ "اقتصادُ" and "اقتصـاد" are the tag اقتصاد, not two tags beside it; letters still
    tell tags apart (مادة and ماده stay two)."""
    with Archive(db) as a:
        tags.add_tags(a, [1], ["اقتصاد"])
        assert tags.add_tags(a, [2], ["اقتصادُ"]) == 1
        assert tags.add_tags(a, [3], ["اقتصـاد"]) == 1
        assert {t.name: t.count for t in tags.list_tags(a)} == {"اقتصاد": 3}
        assert a.tags_of(2) == ("اقتصاد",)
        assert tags.remove_tags(a, [1], ["اقْتِصاد"]) == 1
        assert a.tags_of(1) == ()
        tags.undo_last(a)  # the log names the stored tag: undo finds it
        assert a.tags_of(1) == ("اقتصاد",)
        tags.add_tags(a, [4], ["مادة"])
        tags.add_tags(a, [5], ["ماده"])
        assert {t.name for t in tags.list_tags(a)} == {"اقتصاد", "مادة", "ماده"}
