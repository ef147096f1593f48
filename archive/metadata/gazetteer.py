"""The shipped tables, loaded once per process on first use (never at import time).

Every lookup key is `archive.text.normalize.normalize` of the name, words joined by one space.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from archive.text.normalize import needs_unicode_passes, normalize

DATA = Path(__file__).resolve().parent / "data"
MAX_NGRAM = 8


@dataclass(frozen=True, slots=True)
class Gazetteer:
    names: dict[str, tuple[str, str]]  # key → (kind, canonical name)
    given: frozenset[str]  # given-name keys that start a person's name
    ambiguous_given: frozenset[str]  # given names that are also common words
    ambiguous_aliases: frozenset[str]  # aliases that are also common words (need context)
    max_len: int  # longest key, in words
    first_words: dict[str, int]  # first word of a key → most words of a key starting with it
    ambiguous_places: frozenset[str] = frozenset()  # town names that are also common words


@lru_cache(maxsize=65536)
def key_of(text: str) -> str:
    return " ".join(normalize(text).replace("ـ", "").split())


def keys_are_words(folded_text: str) -> bool:
    """key_of(w) == w for every letter run w of this folded text (archive.metadata.textmap):
    the fold already removed harakat and tatweel and folded the letters, so only a capital,
    a presentation form, accented Latin or a combining hamza would still change."""
    return not needs_unicode_passes(folded_text) and folded_text.lower() == folded_text


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    names: dict[str, tuple[str, str]] = {}

    def put(kind: str, canonical: str, alias: str) -> None:
        k = key_of(alias)
        if k and k not in names:
            names[k] = (kind, canonical)

    table = json.loads((DATA / "aliases.json").read_text(encoding="utf-8"))
    for kind in ("org", "person", "place"):
        for canonical, aliases in table[kind].items():
            for alias in (canonical, *aliases):
                put(kind, canonical, alias)
    for _code, name, *rest in _rows("countries.tsv"):
        for alias in (name, *(rest[0].split("|") if rest and rest[0] else [])):
            put("place", name, alias)
    given, ambiguous = set(), set()
    for line in (DATA / "given_names.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("?"):
            ambiguous.add(key_of(line[1:]))
        else:
            given.add(key_of(line))
    # A town's name or alias of one word that is also a given name reads as the name: رياض
    # (an alias of الرياض, always written with its article) in "رياض منصور", فلاديمير.
    named = given | ambiguous

    def put_town(canonical: str, alias: str) -> None:
        if key_of(alias) not in named:
            put("place", canonical, alias)

    for name, *rest in _rows("places_extra.tsv"):
        for alias in (name, *(rest[0].split("|") if rest and rest[0] else [])):
            put_town(name, alias)
    for name, _cc, _pop, *rest in _rows("cities.tsv"):
        for alias in (name, *(rest[0].split("|") if rest and rest[0] else [])):
            put_town(name, alias)
    first_words: dict[str, int] = {}
    for k in names:
        words = k.split()
        first_words[words[0]] = max(first_words.get(words[0], 0), min(len(words), MAX_NGRAM))
    max_len = max(first_words.values())
    return Gazetteer(
        names,
        frozenset(given - ambiguous),
        frozenset(ambiguous),
        frozenset(key_of(a) for a in table["_ambiguous"]["aliases"]),
        max_len,
        first_words,
        frozenset(key_of(a) for a in table["_ambiguous"].get("places", ())),
    )


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """The canonical names of countries (countries.tsv): never a person's family name."""
    return frozenset(name for _code, name, *_rest in _rows("countries.tsv"))


def org_names() -> dict[str, tuple[str, ...]]:
    """Each name of an organisation in the hand-written table (key_of) -> every name it is
    listed under, canonical first ("الجزيرة نت" -> قناة الجزيرة، الجزيرة نت، aljazeera.net …).
    Reads aliases.json only (a few milliseconds), not the place tables: search uses it to find
    an outlet's documents by any of its names."""
    return listed_names("org")


@lru_cache(maxsize=3)
def listed_names(kind: str) -> dict[str, tuple[str, ...]]:
    """org_names() for any kind of the hand-written table (org, person, place): search finds
    an entity by a listed alias its documents do not use (org:الناتو: حلف شمال الأطلسي)."""
    table = json.loads((DATA / "aliases.json").read_text(encoding="utf-8"))[kind]
    out: dict[str, tuple[str, ...]] = {}
    for canonical, aliases in table.items():
        names = (canonical, *aliases)
        for name in names:
            out.setdefault(key_of(name), names)
    return out
