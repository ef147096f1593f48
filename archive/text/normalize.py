"""One normalisation for the index and for queries.

Applied to text before FTS5 sees it (so the standard unicode61 tokenizer works on Arabic)
and to every query term, so that what a user types and what the article wrote meet:

- harakat (U+064B–U+065F, U+0670, U+0610–U+061A, U+06D6–U+06ED) and tatweel removed;
- آ أ إ ٱ → ا; ى → ي; ة → ه; ؤ ئ → ء (see FOLD below for why);
- Persian ی ک → ي ك; Arabic-Indic and Persian digits → 0–9;
- presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) → base letters (NFKC);
- zero-width characters and bidi controls removed;
- Latin lowercased, its diacritics removed.

Offsets are not kept: highlighting works on the original text (archive.search.highlight).
"""

from __future__ import annotations

import re
import unicodedata

HARAKAT_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
# Zero-width and bidi formatting characters: ZWSP..RLM, LRE..RLO, LRI..PDI, BOM, ALM, word joiner.
INVISIBLE_RE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c\u00ad]"
)

# Letter folds. The hamza carriers ؤ and ئ both fold to ء: news text spells the same word
# with either seat (مسؤول/مسئول, شؤون/شئون, يؤدي/يئدي is rare but مسؤولية/مسئولية is not),
# and only a common fold joins them. Folding to the carrier letter instead (ؤ → و, ئ → ي,
# an earlier choice here) joins مسؤول with a hamza-less مسوول but leaves مسئول apart,
# which cost recall on tests/stem_variants.py. Decomposed hamza (و + U+0654) is composed
# first (NFC) so it folds the same way.
FOLD = str.maketrans(
    {
        "آ": "ا",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "ء",
        "ئ": "ء",
        "ی": "ي",  # Persian yeh
        "ې": "ي",
        "ک": "ك",  # Persian keheh
        "ګ": "ك",
        "ە": "ه",
        "ۀ": "ه",  # heh with yeh above (Persian ezafe)
        "ٲ": "ا",
        "ٳ": "ا",
        "ٵ": "ا",
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
        "٫": ".",
        "٬": ",",
    }
)

_COMBINING_HAMZA_RE = re.compile("[\u0653-\u0655]")
PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_NEEDS_NFKD_RE = re.compile("[\u00c0-\u024f\u1e00-\u1eff]+")


def _strip_accents(match: re.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFKD", match.group())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _latin_fold(text: str) -> str:
    """é → e, Ö → O: only accented Latin letters change (each on its own, so a word
    normalises the same alone and in context)."""
    return _NEEDS_NFKD_RE.sub(_strip_accents, text)


# The deletions (invisibles, harakat, tatweel) and the letter folds as one table: for text
# that needs none of the Unicode decompositions, normalize() is this one translate + lower().
# lower() cannot bring back a character the table changes (none of them has a case).
_DELETE = "".join(
    chr(c)
    for lo, hi in (
        (0x0610, 0x061A),
        (0x064B, 0x065F),
        (0x0670, 0x0670),
        (0x06D6, 0x06ED),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x2069),
        (0xFEFF, 0xFEFF),
        (0x061C, 0x061C),
        (0x00AD, 0x00AD),
        (0x0640, 0x0640),
    )  # fmt: skip
    for c in range(lo, hi + 1)
)
FOLD_AND_DELETE = {**FOLD, **dict.fromkeys(map(ord, _DELETE))}
# What only the slow path handles: combining hamza (NFC), presentation forms (NFKC),
# accented Latin (NFKD).
_NEEDS_UNICODE_RE = re.compile(
    "[\u0653-\u0655\ufb50-\ufdff\ufe70-\ufeff\u00c0-\u024f\u1e00-\u1eff]"
)


_DELETE_RE = re.compile("[" + "".join(map(re.escape, _DELETE)) + "]")
# FOLD as (character, replacement) pairs. No replacement is itself a key, so the order of
# the replacements does not matter (tests/test_normalize.py checks both facts).
FOLD_PAIRS = tuple((chr(k), str(v)) for k, v in FOLD.items())


def fold_letters(text: str) -> str:
    """text.translate(FOLD), faster: str.translate looks every character of non-ASCII text
    up in a dict (~60 ns each); one C-level search per folded letter and a replace for those
    present cost ~20x less on an article."""
    for char, folded in FOLD_PAIRS:
        if char in text:
            text = text.replace(char, folded)
    return text


def needs_unicode_passes(text: str) -> bool:
    """The text holds a character only normalize()'s slow path handles (combining hamza,
    presentation forms, accented Latin)."""
    return _NEEDS_UNICODE_RE.search(text) is not None


def normalize(text: str) -> str:
    """Search form of `text`. Idempotent: normalize(normalize(t)) == normalize(t)."""
    if not _NEEDS_UNICODE_RE.search(text):
        # == text.translate(FOLD_AND_DELETE).lower(): nothing deleted is a fold's source
        # or target, so deleting first and folding after gives the same string.
        return fold_letters(_DELETE_RE.sub("", text)).lower()
    if _COMBINING_HAMZA_RE.search(text):
        text = unicodedata.normalize("NFC", text)
    if PRESENTATION_RE.search(text):
        text = PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = INVISIBLE_RE.sub("", text)
    text = HARAKAT_RE.sub("", text).replace(TATWEEL, "")
    text = text.translate(FOLD)
    text = _latin_fold(text).lower()
    # lower() and NFKD may reveal characters the passes above would have changed
    return HARAKAT_RE.sub("", INVISIBLE_RE.sub("", text)).translate(FOLD)


# A word as FTS5's unicode61 tokenizer sees it: letters and digits; "_" separates.
WORD_RE = re.compile(r"[^\W_]+")
# A word of the original text: letters and digits plus everything normalize() deletes inside
# a word (harakat, tatweel, zero-width and bidi controls), so offsets cover whole words.
IN_WORD_CLASS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c\u00ad"
# Presentation forms count as letters even where Unicode calls them symbols (﷼ → ريال).
# (less ﴾ ﴿, U+FD3E-U+FD3F: the ornate brackets of a Quranic verse are punctuation)
PRESENTATION_CLASS = "\ufb50-\ufd3d\ufd40-\ufdff\ufe70-\ufefc"
_WORDISH = f"(?:[^\\W_]|[{PRESENTATION_CLASS}])"
# A thousands separator as written (comma, Arabic ٬, thin or narrow no-break space) inside a
# number of the original text: "١٢٬٦٣٠" is one word, as words() makes it one (12630).
THOUSANDS_CLASS = ",\u066c\u2009\u202f"
IN_NUMBER = f"(?<=\\d)[{THOUSANDS_CLASS}](?=\\d{{3}}(?!\\d))"
ORIGINAL_WORD_RE = re.compile(f"{_WORDISH}(?:{_WORDISH}|[{IN_WORD_CLASS}]|{IN_NUMBER})*")


# Arabic letters written against digits or Latin with no space ("2024م", "1445هـ", "و60",
# "لـCNN" once the tatweel is gone) are separate words: the year, the number and the name
# are what a reader searches for. unicode61 would keep each run one token.
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"
_SCRIPT_JOIN_RE = re.compile(f"[^\\W_{_ARABIC}][{_ARABIC}]|[{_ARABIC}][^\\W_{_ARABIC}]")
_SCRIPT_RUN_RE = re.compile(f"[{_ARABIC}]+|[^{_ARABIC}]+")


# A number written in groups of three digits with a thousands separator between them: a
# comma (the Arabic ٬ folds to it), a thin or a narrow no-break space ("12,630"، "١٢٬٦٣٠"،
# "12 630"). The separators are dropped, so 12630 finds it. Not a dot (12.630 is a decimal
# as often as a Maghrebi grouping), not a plain space (two numbers side by side), not a
# list ("1,2,3", "2019,2020") and not a group of other than three digits.
_GROUP_SEPARATORS = ",\u2009\u202f"
GROUPED_NUMBER = (
    f"(?<![\\d.{_GROUP_SEPARATORS}])\\d{{1,3}}(?:[{_GROUP_SEPARATORS}]\\d{{3}})+"
    f"(?!\\d|[{_GROUP_SEPARATORS}]\\d)"
)
_GROUPED_RE = re.compile(GROUPED_NUMBER)
_GROUP_SEPARATOR_RE = re.compile(f"[{_GROUP_SEPARATORS}]")


def _ungroup(match: re.Match[str]) -> str:
    return _GROUP_SEPARATOR_RE.sub("", match.group())


def words(text: str) -> list[str]:
    """The normalised words of `text`, as FTS5's unicode61 tokenizer will see them (the
    index holds them joined by spaces), Arabic split from digits or Latin it touches, a
    number's thousands separators dropped (12,630 → 12630)."""
    folded = normalize(text)
    if "," in folded or "\u2009" in folded or "\u202f" in folded:
        folded = _GROUPED_RE.sub(_ungroup, folded)
    found = WORD_RE.findall(folded)
    if _SCRIPT_JOIN_RE.search(folded) is None:
        return found
    return [part for w in found for part in _SCRIPT_RUN_RE.findall(w)]


def word_spans(text: str) -> list[tuple[int, int, list[str]]]:
    """Each word of the original `text` as (start, end, its normalised words).

    Normalising word by word keeps an offset map: a match on a normalised word lands on
    the whole original word, harakat and tatweel included. Usually one normalised word per
    original word; a presentation-form ligature (ﷺ) can expand to several.
    """
    return [(m.start(), m.end(), words(m.group())) for m in ORIGINAL_WORD_RE.finditer(text)]
