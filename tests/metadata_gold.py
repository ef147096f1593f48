"""Scoring extracted entities against hand-written gold groups (shared by the gold tests)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from archive.metadata import Metadata
from archive.text.normalize import normalize

GOLD = Path(__file__).resolve().parent / "gold"
KINDS = ("person", "org", "place")


def key(name: str) -> str:
    return " ".join(normalize(name).split())


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    matched_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0


def load(name: str) -> dict:
    data = json.loads((GOLD / name).read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


def score_entities(meta: Metadata, gold: dict, total: Score, misses: list[str]) -> None:
    """A predicted entity is right when one of its names (canonical, aliases, surfaces) is a
    name of a gold group of the same kind not matched before; a second prediction for an
    already matched group counts as wrong (it splits one actor in two)."""
    for kind in KINDS:
        groups = [{key(n) for n in group} for group in gold.get(kind, [])]
        matched = [False] * len(groups)
        for ent in meta.entities:
            if ent.kind != kind:
                continue
            total.predicted += 1
            names = {key(ent.name), *(key(a) for a in ent.aliases), *(key(s) for s in ent.surfaces)}
            hit = next(
                (g for g, group in enumerate(groups) if names & group and not matched[g]), None
            )
            if hit is None:
                misses.append(f"false {kind}: {ent.name}")
                continue
            matched[hit] = True
            total.tp += 1
        total.gold += len(groups)
        total.matched_gold += sum(matched)
        misses.extend(
            f"missed {kind}: {sorted(groups[g])[0]}" for g in range(len(groups)) if not matched[g]
        )
