"""Light stemming of normalised Arabic words: Lucene's light10, plus feminine possessives.

A light stemmer strips clitics and inflectional suffixes without recovering the root, so
الحكومات, والحكومة and حكومتها all become حكوم while كتاب, كاتب and مكتب stay apart.

The choice was measured on tests/stem_variants.py (48 groups, 249 surface forms of news
vocabulary, near-neighbour groups on purpose), after normalize() (so ؤ/ئ → ء, ة → ه).
Every form is used as a query; a form is retrieved when its stem equals the query's;
recall and precision over all pairs:

    stemmer                                   recall  precision
    normalise only (no stemming)              0.179   0.985
    Snowball Arabic (PyStemmer), raw word     0.643   0.768
    Snowball Arabic, normalised word          0.565   0.827
    light10 (Lucene ArabicStemmer order)      0.885   0.776
    light10 + feminine possessives (this)     0.928   0.773
    ... + query-side ب ل ك ف expansion        0.937   0.770   (archive.search.compile)

Snowball loses recall because it treats the article and clitics inconsistently (بالرقة →
بالرق, الرقة → الرق, رقة → رقة) and over-strips (وزير → زير, فريق → ريق). light10's
misses are broken plurals (وزراء) and verb forms, which no light stemmer can join; its
false matches are mostly folds the normaliser makes anyway (أمن/آمن) and ة-stripping
(دولة/دول). Exact forms are indexed beside stems and weighted higher, so a stem match
never outranks an exact one.
"""

from __future__ import annotations

from functools import lru_cache

# Input is already normalised (ة → ه, ى → ي, no harakat), so affixes are in folded form.
PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
# ة + possessive / dual: حكومتها → حكوم, منطقتين → منطق (kept ≥ 3 letters; one of them).
FEMININE_SUFFIXES = ("تهما", "تهم", "تها", "ته", "تين", "تان")
# light10's suffixes, each stripped once in this order while ≥ 2 letters remain.
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


@lru_cache(maxsize=1 << 18)  # the words of a corpus repeat: ~3.6x on index_columns
def light_stem(word: str) -> str:
    """Light stem of one normalised word; non-Arabic words are returned unchanged."""
    if not word or not ("\u0621" <= word[0] <= "\u064a"):
        return word
    if len(word) > 3 and word.startswith("و"):
        word = word[1:]
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    for suffix in FEMININE_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word
