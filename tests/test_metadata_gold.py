"""The extractor against hand-written gold annotations of the five samples: document fields
exactly, entities at precision ≥ 0.9 and recall ≥ 0.8 (micro-averaged, alias groups)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.metadata import extract_metadata
from tests.metadata_gold import Score, load, score_entities

GOLD = load("samples.json")
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize("name", sorted(GOLD))
def test_sample_document_fields_match_gold(name: str) -> None:
    gold = GOLD[name]
    meta = extract_metadata((SAMPLES / name).read_text(encoding="utf-8"))
    assert meta.title == gold["title"]
    assert meta.title_derived == gold["title_derived"]
    assert meta.date == gold["date"]
    if "date_text" in gold:
        assert meta.date_text == gold["date_text"]
    assert meta.date_inferred == gold["date_inferred"]
    assert meta.source == gold["source"]
    assert [d.iso for d in meta.dates] == gold["dates"]
    assert list(meta.resolutions) == gold["resolutions"]


def test_sample_entities_precision_and_recall() -> None:
    total, misses = Score(), []
    for name, gold in GOLD.items():
        meta = extract_metadata((SAMPLES / name).read_text(encoding="utf-8"))
        score_entities(meta, gold, total, misses)
    assert total.precision >= 0.9, misses
    assert total.recall >= 0.8, misses
