"""Proclitics on a token key (و ف ب ل ك, two of them, and لل for ل + ال): the variants of a
key with them stripped, and the other way round, every key a word can be written as."""

from __future__ import annotations

from functools import lru_cache

CLITICS_1 = ("و", "ف", "ب", "ل", "ك")
CLITICS_2 = ("وب", "ول", "فب", "فل", "وك", "فك")
AL_SHORT, AL_LONG = -10, -20  # "لل" read as ل + ال (two ways); minus one more for a leading و/ف


@lru_cache(maxsize=65536)
def clitic_variants(key: str) -> tuple[tuple[str, int], ...]:
    """The token key with clitics stripped, with how many letters were removed."""
    out = [(key, 0)]
    if len(key) > 3 and key.startswith("لل"):
        out.append(("ال" + key[2:], AL_SHORT))  # للامم → الامم
        out.append(("ال" + key[1:], AL_LONG))  # للجنه → اللجنه (the noun's own ل)
    if len(key) > 4 and key[:3] in ("ولل", "فلل"):
        out.append(("ال" + key[3:], AL_SHORT - 1))
        out.append(("ال" + key[2:], AL_LONG - 1))
    if len(key) > 4 and key[:2] in CLITICS_2:
        out.append((key[2:], 2))
    if len(key) > 3 and key[0] in CLITICS_1:
        out.append((key[1:], 1))
    return tuple(out)


def clitic_forms(word: str) -> set[str]:
    """Every key that has `word` among its clitic_variants (and a few that have not: the
    length conditions are left to clitic_variants). Inverts each case of clitic_variants."""
    forms = {word, *(c + word for c in CLITICS_1), *(c + word for c in CLITICS_2)}
    if word.startswith("ال"):
        rest = word[2:]  # الامم ← للامم; اللجنه ← للجنه; and the same after و/ف
        forms.update(p + rest for p in ("لل", "ل", "ولل", "فلل", "ول", "فل"))
    return forms
