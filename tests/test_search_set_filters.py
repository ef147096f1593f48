"""Tag, source, entity and resolution filters (compile.IdSet) give the same documents, in the same
order, with the same totals, whichever way the search checks them: as a list of the set's
documents, document by document (a large set), or starting from the set's few documents.
Which way is chosen depends on the set's size against the archive's (page.size_sets,
matches.fewest); the regimes here force each way on one archive."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from archive.search import matches, page
from archive.search.engine import count, facet_counts, matching_ids, search
from archive.store import Archive
from archive.text.normalize import normalize
from tests.searchdb import _insert

WORDS = ("اجتماع", "الحكومة", "المعارضة", "قوات", "مفاوضات", "اللاجئين", "الحدود", "المدينة")
# entity name -> share of the documents that mention it
ENTITIES = {
    ("place", "حلب"): 0.8,
    ("place", "ريف حلب"): 0.3,  # a partial `place:حلب` matches both: counted once
    ("org", "مجلس الأمن"): 0.4,
    ("org", "مجلس الشعب"): 0.1,
    ("person", "غير بيدرسن"): 0.05,
    ("person", "أحمد الشرع"): 0.01,
}
DOCUMENTS = 400


@pytest.fixture(scope="module")
def archive_and_truth(tmp_path_factory: pytest.TempPathFactory):
    """An archive of DOCUMENTS documents, and what each filter means, document by document:
    {filter: set of ids}, and each id's date."""
    rng = random.Random(14)
    archive = Archive(tmp_path_factory.mktemp("sets") / "sets.db")
    conn = archive.conn
    truth: dict[str, set[int]] = {}
    dates: dict[int, str | None] = {}
    entity_ids = {}
    for kind, name in ENTITIES:
        cur = conn.execute(
            "INSERT INTO entities (kind, name, key) VALUES (?, ?, ?)", (kind, name, normalize(name))
        )
        entity_ids[kind, name] = cur.lastrowid
    conn.execute("INSERT INTO tags (name, created_at) VALUES ('مهم', 'now'), ('أرشيف', 'now')")
    tag_ids = dict(conn.execute("SELECT name, id FROM tags").fetchall())
    for n in range(DOCUMENTS):
        date = None if n % 17 == 0 else f"20{10 + n % 14}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        body = " ".join(rng.choice(WORDS) for _ in range(12))
        source = ("وكالة", "وكالة", "وكالة", "عنب بلدي", None, "الأهرام")[n % 6 if n % 5 else 5]
        doc = _insert(archive, f"d{n}", f"خبر {n}", body, date, source)
        if source is not None:
            truth.setdefault(f"source:{source}", set()).add(doc)
        dates[doc] = date
        for (kind, name), share in ENTITIES.items():
            if rng.random() < share:
                conn.execute(
                    "INSERT INTO document_entities (document_id, entity_id, count) VALUES (?, ?, 1)",
                    (doc, entity_ids[kind, name]),
                )
                truth.setdefault(f"{kind}:{name}", set()).add(doc)
        for tag, share in (("مهم", 0.6), ("أرشيف", 0.02)):
            if rng.random() < share:
                conn.execute(
                    "INSERT INTO document_tags (document_id, tag_id, tagged_at) VALUES (?, ?, 'now')",
                    (doc, tag_ids[tag]),
                )
                truth.setdefault(f"tag:{tag}", set()).add(doc)
        if n % 50 == 0:
            conn.execute(
                "INSERT INTO document_resolutions (document_id, number) VALUES (?, 2254)", (doc,)
            )
            truth.setdefault("resolution:2254", set()).add(doc)
    conn.commit()
    yield archive, truth, dates
    archive.close()


def _newest_first(ids: set[int], dates: dict[int, str | None]) -> list[int]:
    """The archive's order: by date, newest first, undated last; equal dates by id."""
    return sorted(ids, key=lambda i: (dates[i] is not None, dates[i] or "", i), reverse=True)


QUERIES = (
    'place:="حلب"',
    "place:حلب",  # حلب and ريف حلب
    'org:="مجلس الأمن"',
    "org:مجلس",  # two organisations, some documents have both
    'person:"غير بيدرسن"',
    'person:="أحمد الشرع"',
    "tag:مهم",
    "tag:أرشيف",
    "resolution:2254",
    'place:="حلب" org:="مجلس الأمن"',
    'place:حلب person:="أحمد الشرع"',
    "tag:مهم date:2015..2020",
    'org:مجلس -place:="ريف حلب"',
    "قوات place:حلب",
    "مفاوضات tag:أرشيف",
    '"قوات الحكومة" org:مجلس date:2012..2022',
    'اجتماع -الحدود person:"غير بيدرسن"',
    "tag:مهم OR resolution:2254",
    'source:"عنب بلدي"',
    "source:=الأهرام",
    "قوات source:وكالة",
    "source:وكالة place:حلب -tag:مهم",
    'person:="لا أحد"',
)


def _results(archive: Archive) -> dict:
    out = {}
    for query in QUERIES:
        for sort in ("rank", "date", "title"):
            full = search(archive, query, sort=sort, highlights=False, limit=30)
            capped = search(
                archive, query, sort=sort, highlights=False, limit=30, count_limit=20, quick=True
            )
            assert full.error is None and capped.error is None, query
            out[query, sort] = (
                [h.id for h in full.hits], full.total,
                [h.id for h in capped.hits], capped.total, capped.total_capped,
            )  # fmt: skip
        out[query, "ids"] = matching_ids(archive, query)
        out[query, "count"] = count(archive, query)
    return out


def _force(monkeypatch: pytest.MonkeyPatch, regime: str) -> None:
    if regime in ("lists", "few"):
        monkeypatch.setattr(page, "PER_DOCUMENT_FACTOR", 10**9)  # no set is large
    if regime == "per document":
        monkeypatch.setattr(page, "PER_DOCUMENT_FACTOR", 0)  # every set is large
    if regime == "few":  # the smallest sized set is always "few"
        monkeypatch.setattr(
            matches,
            "fewest",
            lambda compiled, documents: min(
                (s for s in compiled.sets if s.size is not None),
                key=lambda s: s.size or 0,
                default=None,
            ),
        )
    elif regime != "default":
        monkeypatch.setattr(matches, "fewest", lambda compiled, documents: None)


@pytest.mark.parametrize("regime", ["default", "lists", "per document", "few"])
def test_set_filters_give_the_same_pages_and_totals_however_they_are_checked(
    archive_and_truth, monkeypatch: pytest.MonkeyPatch, regime: str
) -> None:
    archive, _, _ = archive_and_truth
    _force(monkeypatch, "lists")
    expected = _results(archive)
    monkeypatch.undo()
    _force(monkeypatch, regime)
    assert _results(archive) == expected


@pytest.mark.parametrize("regime", ["default", "per document", "few"])
def test_a_filter_alone_lists_its_documents_newest_first_and_counts_each_once(
    archive_and_truth, monkeypatch: pytest.MonkeyPatch, regime: str
) -> None:
    archive, truth, dates = archive_and_truth
    _force(monkeypatch, regime)
    cases = {
        'place:="حلب"': truth["place:حلب"],
        "place:حلب": truth["place:حلب"] | truth["place:ريف حلب"],
        "org:مجلس": truth["org:مجلس الأمن"] | truth["org:مجلس الشعب"],
        'person:="أحمد الشرع"': truth["person:أحمد الشرع"],
        "tag:مهم": truth["tag:مهم"],
        "resolution:2254": truth["resolution:2254"],
        'source:"عنب بلدي"': truth["source:عنب بلدي"],
        "source:=الأهرام": truth["source:الأهرام"],
        'source:وكالة place:="حلب"': truth["source:وكالة"] & truth["place:حلب"],
        'place:="حلب" org:="مجلس الأمن"': truth["place:حلب"] & truth["org:مجلس الأمن"],
    }
    for query, ids in cases.items():
        assert ids and len(ids) < DOCUMENTS, query
        result = search(archive, query, sort="date", highlights=False, limit=40)
        assert [h.id for h in result.hits] == _newest_first(ids, dates)[:40], query
        assert result.total == len(ids) == count(archive, query), query
        capped = search(archive, query, highlights=False, limit=5, count_limit=10, quick=True)
        assert (capped.total, capped.total_capped) == (
            (10, True) if len(ids) > 10 else (len(ids), False)
        ), query


@pytest.mark.parametrize("regime", ["default", "per document", "few"])
def test_facets_of_set_filters_are_the_same_however_they_are_checked(
    archive_and_truth, monkeypatch: pytest.MonkeyPatch, regime: str
) -> None:
    """Facets count the newest MAX_MATCHES matches (here 60 of up to 400) and say how many
    there are; walking a large set document by document or starting from a small one
    gives the same documents, so the same counts."""
    from archive.search import facets

    archive, truth, _ = archive_and_truth
    monkeypatch.setattr(facets, "MAX_MATCHES", 60)

    def all_facets() -> dict:
        out = {}
        for query in QUERIES:
            found = facet_counts(archive, query)
            out[query] = (found.counts, found.matches, found.counted)
        return out

    _force(monkeypatch, "lists")
    expected = all_facets()
    assert expected["place:حلب"][1:] == (len(truth["place:حلب"] | truth["place:ريف حلب"]), 60)
    monkeypatch.undo()
    monkeypatch.setattr(facets, "MAX_MATCHES", 60)
    _force(monkeypatch, regime)
    assert all_facets() == expected


def test_a_deleted_document_leaves_the_counts_of_its_filters(tmp_path: Path) -> None:
    """A filter alone is counted from its table's index: the rows of a deleted document go
    with it (ON DELETE CASCADE), so it is no longer counted."""
    archive = Archive(tmp_path / "del.db")
    conn = archive.conn
    cur = conn.execute("INSERT INTO entities (kind, name, key) VALUES ('place', 'حمص', 'حمص')")
    ids = [_insert(archive, f"d{n}", "خبر", "نص عن حمص", "2020-01-01", None) for n in range(3)]
    conn.executemany(
        "INSERT INTO document_entities (document_id, entity_id, count) VALUES (?, ?, 1)",
        [(i, cur.lastrowid) for i in ids],
    )
    conn.commit()
    assert search(archive, "place:حمص").total == 3
    conn.execute("DELETE FROM documents WHERE id = ?", (ids[1],))
    conn.commit()
    result = search(archive, "place:حمص")
    assert result.total == 2 == count(archive, "place:حمص")
    assert sorted(h.id for h in result.hits) == [ids[0], ids[2]]
    archive.close()


def test_an_older_archive_lists_the_documents_of_a_key_from_its_index_and_filters_alike(
    tmp_path: Path,
) -> None:
    """Schema v7: the indexes of document_tags, document_entities and document_resolutions
    hold (key, document_id), so a filter's documents are read from the index alone. An
    archive written before (here v1, with tags) gains them when opened, tags intact."""
    from archive.schema import KEYED_LISTS
    from tests.test_index_contentless import make_v1_archive

    db = tmp_path / "old.db"
    make_v1_archive(db)
    with Archive(db) as archive:
        for _table, index, key in KEYED_LISTS:
            columns = [r[2] for r in archive.conn.execute(f"PRAGMA index_info({index})")]
            assert columns == [key, "document_id"], index
        assert matching_ids(archive, "tag:سوريا") == [1, 2]
        assert search(archive, "tag:سوريا").total == 2 == count(archive, "tag:سوريا")
        assert [h.id for h in search(archive, "tag:سوريا", sort="date").hits] == [2, 1]


def test_upgrading_a_large_archive_says_so_first_and_a_small_one_says_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bringing a large archive up to this schema rebuilds indexes over millions of rows
    (~105 s at 1 000 000 documents from v6): the CLI says so on stderr before it starts, once."""
    import sqlite3

    from click.testing import CliRunner

    from archive import schema
    from tui.cli import main

    def make_v6(db: Path) -> None:
        with Archive(db) as archive:
            _insert(archive, "d1", "خبر", "نص عن حمص", "2020-01-01", None)
            archive.conn.commit()
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA user_version = 6")

    small, large = tmp_path / "small.db", tmp_path / "large.db"
    make_v6(small)
    make_v6(large)
    with sqlite3.connect(large) as conn:  # as if a million documents had been stored
        conn.execute("UPDATE counters SET value = 1000000 WHERE name = 'documents'")
    first = CliRunner().invoke(main, ["--db", str(large), "search", "حمص", "--json"])
    assert first.exit_code == 0, first.output
    assert f"{large}: updating the archive of 1,000,000 documents" in first.stderr
    assert "about 105 s" in first.stderr  # v7 and v8: schema.UPGRADE_SECONDS_PER_MILLION
    assert len(first.stdout.splitlines()) == 1
    again = CliRunner().invoke(main, ["--db", str(large), "search", "حمص", "--json"])
    assert again.stderr == "" and again.stdout == first.stdout
    quiet = CliRunner().invoke(main, ["--db", str(small), "search", "حمص", "--json"])
    assert quiet.stderr == "" and len(quiet.stdout.splitlines()) == 1
    assert schema.SCHEMA_VERSION == 8
