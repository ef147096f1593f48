"""Saving metadata and the user's corrections, which survive re-extraction (re-import)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.cli.main import build_group
from archive.metadata import extract_metadata
from archive.metadata.corrections import (
    delete_entity,
    list_entities,
    merge_entities,
    rename_entity,
)
from archive.metadata.store import _json_strings, save_metadata
from archive.store import Archive, ArchiveError

BODY = (
    "اجتماع في القامشلي\n"
    "التقت قسد بالسيد آرام الدوماني في القامشلي، وحضر مجلس سوريا الديمقراطية. "
    "وقال الدوماني إن قوات سوريا الديمقراطية ستواصل العمل في دمشق."
)


def _import(archive: Archive, body: str = BODY, key: str = "a.txt") -> int:
    """Insert (or replace) a document and save its metadata, as the importer does."""
    now = "2024-01-01T00:00:00"
    conn = archive.conn
    conn.execute(
        "INSERT INTO documents (source_key, path, body, sha256, imported_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(source_key) DO UPDATE SET body = excluded.body",
        (key, key, body, hashlib.sha256(body.encode()).hexdigest(), now, now),
    )
    (doc_id,) = conn.execute("SELECT id FROM documents WHERE source_key = ?", (key,)).fetchone()
    save_metadata(conn, doc_id, extract_metadata(body))
    conn.commit()
    return int(doc_id)


def _names(archive: Archive, kind: str) -> dict[str, int]:
    return {s.entity.name: s.mentions for s in list_entities(archive, kind)}


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return Archive(tmp_path / "archive.db")


def test_saved_entities_listed_with_counts(archive: Archive) -> None:
    _import(archive)
    assert _names(archive, "org")["قوات سوريا الديمقراطية"] == 2
    assert _names(archive, "person") == {"آرام الدوماني": 2}
    assert _names(archive, "place") == {"القامشلي": 2, "دمشق": 1}


def test_rename_survives_reimport(archive: Archive) -> None:
    _import(archive)
    rename_entity(archive, "person", "آرام الدوماني", "آرام دوماني")
    assert "آرام دوماني" in _names(archive, "person")
    _import(archive)
    assert _names(archive, "person") == {"آرام دوماني": 2}


def test_merge_survives_reimport(archive: Archive) -> None:
    _import(archive)
    merge_entities(archive, "place", "القامشلي", "دمشق")
    assert _names(archive, "place") == {"دمشق": 3}
    _import(archive)
    assert _names(archive, "place") == {"دمشق": 3}


def test_delete_survives_reimport_and_new_documents(archive: Archive) -> None:
    _import(archive)
    delete_entity(archive, "org", "قسد")  # by an alias
    assert "قوات سوريا الديمقراطية" not in _names(archive, "org")
    _import(archive)
    _import(archive, BODY + " ", key="b.txt")
    assert "قوات سوريا الديمقراطية" not in _names(archive, "org")
    assert "مجلس سوريا الديمقراطية" in _names(archive, "org")


def test_correcting_an_unknown_entity_names_it(archive: Archive) -> None:
    _import(archive)
    with pytest.raises(ArchiveError, match="لا أحد"):
        delete_entity(archive, "person", "لا أحد")


def test_entity_commands(archive: Archive, tmp_path: Path) -> None:
    _import(archive)
    archive.close()
    db = str(tmp_path / "archive.db")
    cli = build_group()
    runner = CliRunner()
    result = runner.invoke(cli, ["entity", "rename", "place", "دمشق", "الشام", "--db", db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["entities", "--kind", "place", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    assert '"name": "الشام"' in result.output and '"documents": 1' in result.output
    result = runner.invoke(cli, ["entity", "delete", "org", "مجهول", "--db", db])
    assert result.exit_code == 1 and "مجهول" in result.output


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=5))
def test_surfaces_json_is_what_json_dumps_writes(values: list[str]) -> None:
    assert _json_strings(values) == json.dumps(values, ensure_ascii=False)
    assert json.loads(_json_strings(values)) == values
