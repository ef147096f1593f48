"""index_terms (schema v8, archive.search.terms): the Arabic terms of the index, listed so
that a prefix with few terms is searched as those terms. The list must hold every term
FTS5 holds for a prefix it answers, or a prefix search would lose documents: these tests
compare it with the index's own terms, and prefix results with and without the list."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from archive.importing.run import run_import
from archive.schema import FTS_TABLE
from archive.search import compile as compile_module
from archive.search.engine import matching_ids, search
from archive.search.index import rebuild_index, remove_documents
from archive.search.query import parse as parse_query
from archive.search.terms import (
    TERMS_TABLE,
    UNSURE,
    table_terms,
    terms_with_prefix,
)
from archive.store import Archive
from archive.text.normalize import normalize

ARTICLES = {
    "a.txt": "سوريا\n\nأعلنت الحكومة السورية وسوريا والسوريون أن النظام السوري ونظامه "
    "والنظامي بالنظام لنظام فالنظام كالنظام. سورية سوري سوريين بسوريا لسوريا.",
    "b.txt": "مؤتمر\n\nانعقد المؤتمر في دمشق، وأكد المؤتمرون أن مؤتمرات السلام ومؤتمراً "
    "آخر ستعقد. قالت الوزيرة إن الاجتماعات مستمرة والاجتماع القادم في حلب عام ٢٠٢٤.",
    # a Persian yeh, a keheh, a ZWNJ inside a word (normalise folds them), Latin glued to
    # Arabic, an Arabic-Indic digit, and a Persian gaf after an Arabic head (kept as it is)
    "c.txt": "نظامی\n\nقال کریم إن نظام\u200cات الحكم تغيرت وإن الـCNN نشرت ١٢ تقريرا عن "
    "نظامیة الحكم و«نظامگرایی» في سوريا.",
}


def _index_terms(conn: sqlite3.Connection) -> set[str]:
    """What the index itself holds, as index_terms would list it."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.check_terms USING fts5vocab(main, {FTS_TABLE}, row)"
    )
    try:
        return table_terms(t for (t,) in conn.execute("SELECT term FROM temp.check_terms"))
    finally:
        conn.execute("DROP TABLE temp.check_terms")


def _listed(conn: sqlite3.Connection) -> set[str]:
    return {t for (t,) in conn.execute(f"SELECT term FROM {TERMS_TABLE}")}


@pytest.fixture
def archive(tmp_path: Path, samples_dir: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Archive(tmp_path / "a.db") as archive:
        run_import(archive, [folder, samples_dir], workers=1)
        yield archive


def test_each_arabic_letter_is_indexed_by_unicode61_as_written() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(a, content='', tokenize='unicode61')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, row)")
    words = ["ب" + chr(c) + "ب" for c in range(0x621, 0x64B)] + ["ب12"]
    conn.execute("INSERT INTO f (rowid, a) VALUES (1, ?)", (" ".join(words),))
    assert {t for (t,) in conn.execute("SELECT term FROM v")} == set(words)


def test_words_unicode61_may_index_otherwise_are_listed_as_unsure_heads() -> None:
    assert table_terms(["سوريا", "نظامی", "نظام\u200cات", "cnn", "12", "کریم"]) == {
        "سوريا",
        "نظام" + UNSURE,  # نظامی: a Persian yeh after the sure head
        "نظام",  # ZWNJ separates for unicode61: نظام and ات
        "ات",
    }  # Latin, digits and a word opening with keheh open no Arabic prefix


def test_an_import_lists_exactly_the_arabic_terms_the_index_holds(archive: Archive) -> None:
    assert _listed(archive.conn) == _index_terms(archive.conn)
    assert {normalize(w) for w in ("سوريا", "والسوريون", "مؤتمرات")} <= _listed(archive.conn)


def test_a_prefix_with_few_terms_is_searched_as_its_terms(archive: Archive) -> None:
    compiled = compile_module.compile_query(archive.conn, parse_query("مؤتمر*"))
    assert "*" not in compiled.match
    assert f'"{normalize("مؤتمرات")}"' in compiled.match
    assert normalize("والمؤتمر") not in compiled.match  # (no such word: no such term)


def test_a_prefix_reaching_an_unsure_term_is_left_to_fts5(archive: Archive) -> None:
    assert terms_with_prefix(archive.conn, "نظام", 24) is None
    compiled = compile_module.compile_query(archive.conn, parse_query("نظام*"))
    assert '"نظام"*' in compiled.match
    found = {h.path for h in search(archive, "نظام*", limit=50).hits}
    assert {"articles/a.txt", "articles/c.txt"} <= found


def test_a_prefix_with_too_many_terms_is_left_to_fts5(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compile_module, "MAX_PREFIX_TERMS", 2)
    compiled = compile_module.compile_query(archive.conn, parse_query("مؤتمر*"))
    assert f'"{normalize("مؤتمر")}"*' in compiled.match


def test_prefix_results_are_those_fts5_gives_for_the_prefix(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every prefix of every listed term (2 to 6 letters, with a word or a filter beside
    it): the same documents, totals and order as when FTS5 is asked for the prefix."""
    rng = random.Random(8)
    terms = sorted(_listed(archive.conn))
    prefixes = sorted({t[:n] for t in rng.sample(terms, 60) for n in range(2, 7) if len(t) >= n})
    queries = [f"{p}*" for p in prefixes] + [f"{p}* سوريا" for p in prefixes[::5]]
    queries += [f"{p}* -الحكومة" for p in prefixes[::7]] + [f"title:{p}*" for p in prefixes[::6]]
    with_terms = {q: _result(archive, q) for q in queries}
    monkeypatch.setattr(compile_module, "MAX_PREFIX_TERMS", 0)  # every prefix to FTS5
    assert {q: _result(archive, q) for q in queries} == with_terms
    assert sum(1 for ids, _ in with_terms.values() if ids) > len(queries) // 2


def _result(archive: Archive, query: str) -> tuple[list[int], int]:
    result = search(archive, query, limit=1000, sort="date")
    assert result.error is None, result.error
    ids = [h.id for h in result.hits]
    assert sorted(ids) == sorted(matching_ids(archive, query))
    return ids, result.total


def test_deleting_documents_keeps_their_terms_and_changes_no_result(archive: Archive) -> None:
    listed, before = _listed(archive.conn), set(matching_ids(archive, "سوري*"))
    deleted = set(matching_ids(archive, "والسوريون"))
    assert deleted and before - deleted
    remove_documents(archive.conn, deleted)
    archive.conn.execute(
        f"DELETE FROM documents WHERE id IN ({','.join('?' * len(deleted))})", [*deleted]
    )
    archive.conn.commit()
    assert _listed(archive.conn) == listed
    assert set(matching_ids(archive, "سوري*")) == before - deleted


def test_a_rebuilt_index_lists_its_terms_again(archive: Archive) -> None:
    archive.conn.execute(f"INSERT INTO {TERMS_TABLE} (term) VALUES ('زائد')")
    rebuild_index(archive.conn)
    archive.conn.commit()
    assert _listed(archive.conn) == _index_terms(archive.conn)


def test_an_archive_of_schema_7_gets_its_terms_listed_when_opened(
    tmp_path: Path, archive: Archive
) -> None:
    expected, total = _listed(archive.conn), search(archive, "مؤتمر*").total
    archive.conn.execute(f"DROP TABLE {TERMS_TABLE}")
    archive.conn.execute("PRAGMA user_version = 7")
    archive.conn.commit()
    path = archive.path
    archive.close()
    with Archive(path) as reopened:
        assert _listed(reopened.conn) == expected
        assert reopened.conn.execute("PRAGMA user_version").fetchone()[0] == 8
        assert search(reopened, "مؤتمر*").total == total
