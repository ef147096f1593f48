"""The query parser and compiler: the AST, FTS5 quoting, and that no input raises."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.models import Span
from archive.schema import migrate
from archive.search.compile import compile_query, exact_forms
from archive.search.engine import highlight_spans
from archive.search.highlight import is_word_char
from archive.search.query import And, Filter, Not, Or, Phrase, Term, parse
from archive.text.normalize import ORIGINAL_WORD_RE


@pytest.mark.parametrize(
    ("query", "ast"),
    [
        ("سوريا الأسد", And((Term("سوريا"), Term("الاسد")))),
        ('"مجلس الأمن" OR قرار', Or((Phrase(("مجلس", "الامن")), Term("قرار")))),
        ("«مجلس الأمن»", Phrase(("مجلس", "الامن"))),
        ("سوري*", Term("سوري", prefix=True)),
        ("-tag:x عقد", And((Not(Filter("tag", "x")), Term("عقد")))),
        ("NOT عقد", Not(Term("عقد"))),
        ("(a | b) c", And((Or((Term("a"), Term("b"))), Term("c")))),
        ("title:دمشق", Term("دمشق", field="title")),
        ('title:"بلا تاريخ"', Phrase(("بلا", "تاريخ"), field="title")),
        ('tag:"حقوق الإنسان"', Filter("tag", "حقوق الإنسان")),
        ("COVID-19", Phrase(("covid", "19"))),
        ("http://x.org", Phrase(("http", "x", "org"))),
        ("a AND b", And((Term("a"), Term("b")))),
        ("عُقِدَ", Term("عقد")),
        ("", None),
        ("( ) OR - NOT", None),
        ('"', None),
    ],
)
def test_parse_builds_the_ast(query: str, ast: object) -> None:
    assert parse(query) == ast


def test_unbalanced_input_is_closed_not_rejected() -> None:
    assert parse('"مجلس الأمن') == Phrase(("مجلس", "الامن"))
    assert parse("(a OR b") == Or((Term("a"), Term("b")))
    assert parse("a) b") == And((Term("a"), Term("b")))
    assert parse("(" * 500 + "a") == Term("a")


def test_user_text_reaches_fts5_only_as_quoted_strings() -> None:
    conn = sqlite3.connect(":memory:")
    migrate(conn)
    compiled = compile_query(conn, parse('NEAR(a b) "x" ^y {title}: z'))
    assert compiled.match is not None
    assert "NEAR(" not in compiled.match and "^" not in compiled.match
    conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (compiled.match,))


def test_clitic_forms_of_a_word() -> None:
    forms = exact_forms("رقه")
    assert {"الرقه", "بالرقه", "للرقه", "والرقه", "برقه", "فالرقه"} <= set(forms)
    assert "ورق" not in exact_forms("رق") and "برق" not in exact_forms("رق")
    assert exact_forms("reuters") == ("reuters",)


QUERY_TEXT = st.lists(
    st.one_of(
        st.sampled_from(list('"()-*:|«»“” \u200f\u202b') + ["OR", "NOT", "AND", "tag:", "date:",
                        "title:", "-tag:", "before:", "NEAR", "^", "{", "}", ";", "'", "..", "_"]),
        st.characters(min_codepoint=0x0621, max_codepoint=0x0652),
        st.characters(min_codepoint=0x30, max_codepoint=0x7A),
    ),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(QUERY_TEXT)
def test_parse_and_compile_never_raise_on_any_query(query: str) -> None:
    conn = sqlite3.connect(":memory:")
    migrate(conn)
    try:
        compiled = compile_query(conn, parse(query))
    except ValueError as exc:  # QueryError: a message for the user, e.g. a bad date
        assert str(exc)
        return
    if compiled.match:  # FTS5 accepts what we generate
        conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (compiled.match,)
        ).fetchall()


ARABIC_TEXT = st.lists(
    st.sampled_from(["عُقِدَ", "الإدارة", "الحكـــومة", "بالرقة", "مدينه", "٢٠٢٣", "Reuters",
                     "،", ".", " ", "\n", "والقنصلية", "ﺍﻟﻼﺟﺌﻴﻦ", "مسئول", "«", "»", "_", "\u200f"]),
    max_size=25,
).map("".join)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    ARABIC_TEXT, QUERY_TEXT | st.sampled_from(["عقد", "الادارة حكومة", '"مدينة الرقة"', "قنصلي*"])
)
def test_every_highlight_span_is_a_whole_word_of_the_original(text: str, query: str) -> None:
    spans = highlight_spans(text, query)
    assert spans == sorted(set(spans), key=lambda s: (s.start, s.end))
    for span in spans:
        assert isinstance(span, Span) and 0 <= span.start < span.end <= len(text)
        assert ORIGINAL_WORD_RE.fullmatch(text[span.start : span.end])
        assert span.start == 0 or not is_word_char(text[span.start - 1])
        assert span.end == len(text) or not is_word_char(text[span.end])
