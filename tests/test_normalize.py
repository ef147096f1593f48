"""Normalisation (one function for index and query), word offsets and light stems."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.text.normalize import (
    FOLD,
    FOLD_AND_DELETE,
    FOLD_PAIRS,
    fold_letters,
    normalize,
    word_spans,
    words,
)
from archive.text.stem import light_stem
from tests.stem_variants import GROUPS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عُقِدَتْ", "عقدت"),
        ("الإدارة", "الاداره"),
        ("أحمد آمن ٱلله", "احمد امن الله"),
        ("مستشفى", "مستشفي"),
        ("الحكـــومة", "الحكومه"),
        ("مسؤول مسئول", "مسءول مسءول"),
        ("مسو\u0654ول", "مسءول"),  # decomposed hamza above
        ("کردستان ی", "كردستان ي"),
        ("٢٠٢٣ ۱۴۰۲", "2023 1402"),
        ("ﺍﻟﻼﺟﺌﻴﻦ", "اللاجءين"),
        ("و\u200cال\u200fكتاب", "والكتاب"),
        ("Café CNN Ünïcode", "cafe cnn unicode"),
        ("قرآن\u0670", "قران"),
    ],
)
def test_normalize_folds_arabic_variants(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_words_split_like_unicode61() -> None:
    assert words("covid_19، «الأمن» (2254)") == ["covid", "19", "الامن", "2254"]


def test_word_spans_cover_whole_original_words() -> None:
    text = "عُقِدَ الاجتمـــاعُ، في ٢٠٢٣"
    got = [(text[s:e], ws) for s, e, ws in word_spans(text)]
    assert got == [("عُقِدَ", ["عقد"]), ("الاجتمـــاعُ", ["الاجتماع"]), ("في", ["في"]),
                   ("٢٠٢٣", ["2023"])]  # fmt: skip


ARABISH = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFDFF),
        st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF),
        st.sampled_from(" \n\u200c\u200d\u200f\u202b\u2067ـAaÉé1_-.İ"),
    ),
    max_size=40,
)


def test_fold_pairs_do_not_chain() -> None:
    """fold_letters replaces one letter at a time: no replacement may be another's source."""
    sources = {char for char, _ in FOLD_PAIRS}
    assert not any(folded in sources for _, folded in FOLD_PAIRS)


@settings(max_examples=300, deadline=None)
@given(ARABISH | st.text(max_size=40))
def test_fold_letters_equals_the_translate_table(text: str) -> None:
    assert fold_letters(text) == text.translate(FOLD)


@settings(max_examples=300, deadline=None)
@given(ARABISH)
def test_fast_normalize_equals_one_translate_when_no_decomposition_is_needed(text: str) -> None:
    if any("\u0653" <= c <= "\u0655" or "\ufb50" <= c <= "\ufeff" for c in text):
        return  # the slow path's own business (NFC, NFKC)
    if any("\u00c0" <= c <= "\u024f" or "\u1e00" <= c <= "\u1eff" for c in text):
        return
    assert normalize(text) == text.translate(FOLD_AND_DELETE).lower()


@settings(max_examples=300, deadline=None)
@given(ARABISH | st.text(max_size=40))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(ARABISH | st.text(max_size=30))
def test_normalising_word_by_word_gives_the_indexed_words(text: str) -> None:
    """The offset map agrees with the index: the per-word forms are the text's words."""
    per_word = [w for _, _, ws in word_spans(text) for w in ws]
    assert per_word == words(text)


def test_light_stem_strips_clitics_and_suffixes() -> None:
    assert light_stem(normalize("والحكومات")) == light_stem(normalize("حكومتها")) == "حكوم"
    assert light_stem(normalize("بالرقة")) == light_stem(normalize("الرقة"))
    assert len({light_stem(normalize(w)) for w in ("كتاب", "كاتب", "مكتب")}) == 3
    assert light_stem("reuters") == "reuters" and light_stem("2023") == "2023"


def test_light_stem_recall_and_precision_on_the_variant_set() -> None:
    """The numbers recorded in archive/text/stem.py (guards against regressions)."""
    forms = [(normalize(w), g) for g, group in enumerate(GROUPS) for w in group]
    stems = [light_stem(w) for w, _ in forms]
    tp = fp = fn = 0
    for (_, gq), sq in zip(forms, stems, strict=True):
        for (_, gw), sw in zip(forms, stems, strict=True):
            same = sq == sw
            tp += same and gq == gw
            fp += same and gq != gw
            fn += not same and gq == gw
    assert tp / (tp + fn) >= 0.92
    assert tp / (tp + fp) >= 0.77
