"""Facets (the app's f): the counts of tags, sources, years and entities over a query's
matches equal those counted document by document, over the newest MAX_MATCHES of a larger
result, with the year read from the index key."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from archive import tags
from archive.importing.run import run_import
from archive.search import facets as facets_module
from archive.search.engine import facet_counts, facets, matching_ids
from archive.store import Archive

PEOPLE = ("مظلوم عبدي", "إلهام أحمد", "غير بيدرسن")
PLACES = ("الرقة", "دمشق", "القامشلي", "حلب")
ORGS = ("مجلس الأمن", "الأمم المتحدة", "قوات سوريا الديمقراطية")
SOURCES = ("هاوار", "سانا", "عنب بلدي", None)


def _dump(tmp_path: Path, n: int) -> Path:
    rng = random.Random(3)
    records = []
    for i in range(n):
        person, place, org = rng.choice(PEOPLE), rng.choice(PLACES), rng.choice(ORGS)
        body = (
            f"قال {person} في {place} إن {org} بحث الوضع الإنساني. "
            f"وأضاف أن الاجتماع رقم {i} سيستمر، بحسب ما نقلت وكالات."
        )
        roll = rng.random()
        date = (
            None
            if roll < 0.15
            else f"{rng.randint(2012, 2024)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        )
        record = {"title": f"تقرير {i} من {place}", "text": body, "date": date}
        if (source := rng.choice(SOURCES)) is not None:
            record["source"] = source
        records.append(record)
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    tmp = tmp_path_factory.mktemp("facets")
    archive = Archive(tmp / "a.db")
    run_import(archive, [_dump(tmp, 90)], workers=1)
    ids = matching_ids(archive, "الرقة")
    tags.add_tags(archive, ids[::3], ["مهم"])
    tags.add_tags(archive, ids[::5], ["متابعة"])
    yield archive
    archive.close()


def _by_hand(archive: Archive, ids: list[int]) -> dict[str, Counter]:
    conn, wanted = archive.conn, set(ids)
    out: dict[str, Counter] = {k: Counter() for k in ("tags", "sources", "years")}
    out.update({k: Counter() for k in ("people", "orgs", "places")})
    for doc_id, source, date in conn.execute(
        "SELECT id, source, coalesce(date, date_inferred) FROM documents"
    ):
        if doc_id in wanted:
            if source is not None:
                out["sources"][source] += 1
            if date is not None:
                out["years"][date[:4]] += 1
    kinds = {"person": "people", "org": "orgs", "place": "places"}
    for doc_id, kind, name in conn.execute(
        "SELECT de.document_id, e.kind, e.name FROM document_entities de "
        "JOIN entities e ON e.id = de.entity_id"
    ):
        if doc_id in wanted:
            out[kinds[kind]][name] += 1
    for doc_id, name in conn.execute(
        "SELECT dt.document_id, t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id"
    ):
        if doc_id in wanted:
            out["tags"][name] += 1
    return out


@pytest.mark.parametrize(
    "query", ["", "الرقة", "مجلس -دمشق", '"مجلس الأمن"', "date:2015..2020", "tag:مهم", "place:حلب"]
)
def test_facets_equal_the_counts_made_document_by_document(archive: Archive, query: str) -> None:
    got = facets(archive, query, limit=100)
    want = _by_hand(archive, matching_ids(archive, query))
    for key, counts in want.items():
        assert dict(got[key]) == dict(counts), (query, key)
    assert [y for y, _ in got["years"]] == sorted(want["years"], reverse=True)
    assert got["people"] and got["places"]


def test_a_large_result_is_counted_over_its_newest_matches(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(facets_module, "MAX_MATCHES", 12)
    everything = matching_ids(archive, "الاجتماع")
    result = facet_counts(archive, "الاجتماع", limit=100)
    assert result.partial and (result.counted, result.matches) == (12, len(everything))
    newest = archive.conn.execute(
        "SELECT id FROM documents ORDER BY coalesce(date, date_inferred) IS NULL, "
        "coalesce(date, date_inferred) DESC, id DESC LIMIT 12"
    ).fetchall()
    want = _by_hand(archive, [r[0] for r in newest])
    assert dict(result.counts["sources"]) == dict(want["sources"])
    assert dict(result.counts["years"]) == dict(want["years"])
    assert dict(result.counts["places"]) == dict(want["places"])
    small = facet_counts(archive, "tag:متابعة", limit=100)
    assert not small.partial and small.counted == len(matching_ids(archive, "tag:متابعة")) <= 12
