"""The status line lists a query's filters as typed, quoted values whole."""

from __future__ import annotations

from archive.search.query import typed_filters as active_filters


def test_a_quoted_source_filter_is_listed_whole() -> None:
    query = 'source:"وكالة الأنباء الكويتية" الأمير'
    assert active_filters(query) == ['source:"وكالة الأنباء الكويتية"']


def test_guillemets_and_negated_filters_are_listed_whole() -> None:
    query = "-tag:draft person:«أحمد السعدون» date:2024 مجلس"
    assert active_filters(query) == ["-tag:draft", "person:«أحمد السعدون»", "date:2024"]


def test_an_unclosed_quote_runs_to_the_end_of_the_query() -> None:
    assert active_filters('سد place:"شمال سوريا') == ['place:"شمال سوريا']


def test_words_that_only_contain_a_colon_are_not_filters() -> None:
    assert active_filters('"الساعة 10:30" title:سد') == ["title:سد"]


def test_an_exact_filter_from_the_facets_is_listed_whole() -> None:
    query = 'مجلس org:="الأمم المتحدة" person:=الصدر'
    assert active_filters(query) == ['org:="الأمم المتحدة"', "person:=الصدر"]
