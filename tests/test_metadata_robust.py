"""extract_metadata on open-ended input: never raises, spans point into the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archive.metadata import extract_metadata

ARABIC_BITS = [
    "قسد", "مجلس", "الأمن", "القرار", "2254", "عبد", "الله", "على", "السيد", "“", "”", "«",
    "»", "هـ", "1445", "رمضان", "كانون الثاني", "/", "-", "،", ".", "\n", " ", "ـ", "ً", "لل",
    "شاهد أيضًا", "زر الذهاب إلى الأعلى", "المصدر:", "بن", "آل", "(واس)", "٢٠٢٣", "11/01/2023",
]  # fmt: skip

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(ARABIC_BITS), max_size=60).map(" ".join),
    st.lists(st.sampled_from(ARABIC_BITS), max_size=60).map("".join),
)


@settings(max_examples=150, deadline=None)
@given(texts)
def test_extraction_never_raises_and_spans_point_into_the_text(body: str) -> None:
    meta = extract_metadata(body)
    for span in meta.boilerplate:
        assert 0 <= span.start <= span.end <= len(body)
    for d in meta.dates:
        assert body[d.start : d.end] == d.text
        assert len(d.iso) in (4, 7, 10)
    assert meta.word_count >= 0
    for ent in meta.entities:
        assert ent.name.strip() and ent.count >= 1


def test_empty_and_blank_texts() -> None:
    for body in ("", "   ", "\n\n\n", "ـــ"):
        meta = extract_metadata(body)
        assert meta.title == "" and meta.entities == () and meta.word_count == 0


def test_a_text_of_one_or_two_name_words_extracts() -> None:
    # "الهام" alone raised IndexError in the join check of the organisation rule
    for body in ("الهام", "إلهام", "مجلس", "قوات الهام", "مجلس الرقة", "السيد"):
        meta = extract_metadata(body, {})
        assert meta.word_count == len(body.split())


def test_a_short_name_joins_its_longer_form_however_often_both_appear() -> None:
    body = " ".join(["زار مجلس الرقة المدني", "وقال مجلس الرقة إن"] * 300)
    names = [e.name for e in extract_metadata(body).entities if e.kind == "org"]
    assert "مجلس الرقة المدني" in names and "مجلس الرقة" not in names
