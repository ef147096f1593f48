"""Light stemming of normalised Arabic words (Lucene's light10: clitic prefixes, suffixes)."""

from __future__ import annotations

# Input is already normalised (ة → ه, ى → ي, no harakat), so suffixes are in folded form.
PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "يه", "ه", "ي")


def light_stem(word: str) -> str:
    """Strip one clitic prefix (and a leading و) and suffixes, keeping at least 2 letters."""
    if not word or not ("\u0621" <= word[0] <= "\u064a"):
        return word
    if len(word) > 3 and word.startswith("و"):
        word = word[1:]
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word
