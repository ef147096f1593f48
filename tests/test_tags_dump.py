"""notmuch-style dump and restore of tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive import tags
from archive.store import Archive
from tests.archive_factory import Doc, make_archive

DOCS = [
    Doc("أ", "نص أول", path="a.txt"),
    Doc("ب", "نص ثان", path="dir with space/b.txt"),
    Doc("ج", "نص ثالث", path="dump.jsonl#3"),
]


def test_dump_lists_tagged_documents_by_source_key(tmp_path: Path) -> None:
    make_archive(tmp_path / "a.db", DOCS)
    with Archive(tmp_path / "a.db") as a:
        tags.add_tags(a, [1], ["سوريا", "read"])
        tags.add_tags(a, [2], ["100%"])
        assert list(tags.dump_tags(a)) == [
            "+read +سوريا -- key:a.txt",
            "+100%25 -- key:dir%20with%20space/b.txt",
        ]


def test_dump_restores_into_a_fresh_archive_with_other_ids(tmp_path: Path) -> None:
    make_archive(tmp_path / "a.db", DOCS)
    make_archive(tmp_path / "b.db", list(reversed(DOCS)))
    with Archive(tmp_path / "a.db") as a:
        tags.add_tags(a, [1, 3], ["سوريا"])
        tags.add_tags(a, [2], ["100%", "x"])
        dump = list(tags.dump_tags(a))
    with Archive(tmp_path / "b.db") as b:
        summary = tags.restore_tags(b, dump)
        assert (summary.documents, summary.changed, summary.unknown) == (3, 4, 0)
        assert list(tags.dump_tags(b)) == dump
        assert b.tags_of(3) == ("سوريا",)  # a.txt is id 3 in the reversed archive


def test_restore_sets_exact_tags_and_is_one_undoable_action(tmp_path: Path) -> None:
    make_archive(tmp_path / "a.db", DOCS)
    with Archive(tmp_path / "a.db") as a:
        tags.add_tags(a, [1], ["stale", "keep"])
        tags.add_tags(a, [2], ["untouched"])
        summary = tags.restore_tags(a, ["+keep +new -- key:a.txt", "+x -- key:missing.txt", ""])
        assert (summary.documents, summary.unknown) == (1, 1)
        assert a.tags_of(1) == ("keep", "new")
        assert a.tags_of(2) == ("untouched",)
        tags.undo_last(a)
        assert a.tags_of(1) == ("keep", "stale")


def test_restore_rejects_a_malformed_line_before_changing_anything(tmp_path: Path) -> None:
    make_archive(tmp_path / "a.db", DOCS)
    with Archive(tmp_path / "a.db") as a:
        with pytest.raises(tags.TagError, match="line 2"):
            tags.restore_tags(a, ["+ok -- key:a.txt", "tag-without-plus -- key:a.txt"])
        assert a.tags_of(1) == ()


def test_restore_accepts_id_targets_and_untagging_lines(tmp_path: Path) -> None:
    make_archive(tmp_path / "a.db", DOCS)
    with Archive(tmp_path / "a.db") as a:
        tags.add_tags(a, [2], ["gone"])
        tags.restore_tags(a, ["+by-id -- id:1", " -- id:2"])
        assert a.tags_of(1) == ("by-id",)
        assert a.tags_of(2) == ()
