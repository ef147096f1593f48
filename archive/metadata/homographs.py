"""Names that fold to the same letters but name different places: عمّان (Amman, the capital
of Jordan) and عُمان (the Sultanate of Oman) are both "عمان" once harakat are removed.

The entity key (`entity_key`, used by the store, the corrections and the search filters)
is the normalised name, except that for a folded name listed here the reading's distinctive
mark is kept: عمّان is keyed "عمّان" (with its shadda), عُمان and a bare عمان "عمان". So the
two never share an entity, whatever the article or the user's query.

Which reading a mention in an article is (`choose_reading`):

1. its marks as written: a shadda (عمّان) is Amman, a damma on the first letter (عُمان) Oman;
2. the two words before it: "سلطنة/خليج/بحر عمان" and what only a state has ("سلطان/خارجية/
   سفارة/منتخب عمان") are Oman; "العاصمة (الأردنية) عمان" and what only a city has ("مدينة/
   أمانة/بلدية/وسط/شوارع عمان") are Amman;
3. the article's other words: Jordan (الأردن، الأردنية، بترا، إربد، الزرقاء…) against Oman
   (مسقط، العماني، العمانية، صلالة، ظفار…), the larger count wins;
4. the gazetteer's default, the first reading: the country, Oman.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from archive.metadata.clitics import clitic_forms, clitic_variants
from archive.text.normalize import normalize

SHADDA, DAMMA = "\u0651", "\u064f"


@dataclass(frozen=True, slots=True)
class Reading:
    kind: str
    canonical: str  # as the entity is named, with the marks that tell it apart
    key: str  # its entity key
    mark: str  # a haraka on the written name that means this reading
    before: frozenset[str]  # folded words right before the name that mean this reading
    cues: frozenset[str]  # folded words elsewhere in the article that point to it


def _forms(words: str) -> frozenset[str]:
    return frozenset(f for w in normalize(words).split() for f in clitic_forms(w))


# folded name -> its readings, the default first
HOMOGRAPHS: dict[str, tuple[Reading, ...]] = {
    "عمان": (
        Reading(
            "place",
            "عُمان",
            "عمان",
            DAMMA,
            # (what only a state has: a sultan, a foreign ministry, an embassy, a team)
            frozenset(normalize("سلطنة خليج بحر دولة سلطان خارجية سفارة سفير منتخب حكومة").split()),
            _forms(
                "مسقط سلطنة العماني العمانية العمانيين العمانيون السلطنة صلالة ظفار صحار "
                "نزوى قابوس هيثم"
            ),
        ),
        Reading(
            "place",
            "عمّان",
            "عم" + SHADDA + "ان",
            SHADDA,
            # (what only a city has: a municipality, a downtown, streets, suburbs)
            frozenset(
                normalize("العاصمة الأردنية مدينة أمانة بلدية وسط شوارع أحياء ضواحي").split()
            ),
            _forms(
                "الأردن الأردنية الأردني الأردنيين الأردنيون الهاشمية بترا إربد الزرقاء "
                "العقبة السلط مادبا"
            ),
        ),
    ),
}


@lru_cache(maxsize=1 << 16)
def entity_key(name: str) -> str:
    """The key an entity is stored and looked up under: its normalised name, with the
    distinctive mark of a listed homograph's reading kept (عمّان ≠ عُمان)."""
    key = " ".join(normalize(name).split())
    readings = HOMOGRAPHS.get(key)
    if readings and SHADDA in name:
        return next((r.key for r in readings if r.mark == SHADDA), key)
    return key


def query_keys(value: str, key: str) -> list[str]:
    """The entity keys a filter value names, `key` being its normalised form: a bare
    homograph (عمان) names all its readings, a marked one (عمّان، عُمان) only its own."""
    readings = HOMOGRAPHS.get(key)
    if not readings:
        return [key]
    marked = [r.key for r in readings if r.mark in value]
    if SHADDA in value:
        marked = [r.key for r in readings if r.mark == SHADDA]
    return marked or [r.key for r in readings]


def choose_reading(
    folded_key: str, written: str, before: Sequence[str], article_keys: Sequence[str]
) -> Reading | None:
    """The reading of one mention of a listed homograph (None when it is not one).
    `written`: the name as written; `before`: the folded tokens right before it, nearest
    last; `article_keys`: every folded token of the article."""
    readings = HOMOGRAPHS.get(folded_key)
    if not readings:
        return None
    for r in readings:
        if r.mark in written and not (r.mark == DAMMA and SHADDA in written):
            return r
    near = [v for k in before[-2:] for v, _ in clitic_variants(k)]
    for r in readings:
        if any(k in r.before for k in near):
            return r
    counts = [sum(map(r.cues.__contains__, article_keys)) for r in readings]
    best = max(counts)
    if best and counts.count(best) == 1:
        return readings[counts.index(best)]
    return readings[0]
