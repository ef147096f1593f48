"""Which tokens a rule can start at, decided per word and looked up per token at C speed.

Most tokens of an article start no rule (nor a date with a month name). `triggers()` maps every key that may (a clitic form
of a gazetteer name's first word, of an organisation head noun or of a given name; a title or
the second word of a rank) to flags; `map(triggers().get, keys)` then finds the candidates
without a Python step per token. The flags over-approximate (a clitic form may fail the length
conditions of clitic_variants): the exact word-level tests below decide at each candidate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from archive.metadata.clitics import clitic_forms, clitic_variants
from archive.metadata.dates import MONTH_WORD_FORMS
from archive.metadata.gazetteer import MAX_NGRAM, load
from archive.metadata.lexicon import DIN_FIRST, ORG_HEADS, PERSON_TITLES, RANK_TAILS, TITLE_PAIRS

GAZETTEER, ORG_HEAD, GIVEN, TITLE, RANK_TAIL = 1, 2, 4, 8, 16
MONTH = 32  # a word of the folded text that can hold a month name (dates.py)
NAME_OPENERS = ("عبد", "ابو", "بن", "ابن")


@dataclass(slots=True)
class NameNode:
    """A node of the gazetteer's word trie: the name ending here, the words that go on."""

    entry: tuple[str, str] | None = None  # (kind, canonical name)
    next: dict[str, NameNode] = field(default_factory=dict)


@lru_cache(maxsize=1)
def name_trie() -> dict[str, NameNode]:
    """The gazetteer's names (of at most MAX_NGRAM words) as a trie of their words, by first
    word: the longest name at a token is found by following the tokens."""
    roots: dict[str, NameNode] = {}
    for key, entry in load().names.items():
        first, *rest = key.split()
        if len(rest) >= MAX_NGRAM:
            continue  # longer than any name the rule tries
        node = roots.setdefault(first, NameNode())
        for word in rest:
            node = node.next.setdefault(word, NameNode())
        node.entry = entry
    return roots


@lru_cache(maxsize=1 << 16)
def gazetteer_heads(key: str) -> tuple[tuple[str, int, NameNode], ...]:
    """The clitic variants of a token key that open a gazetteer name, with how many letters
    were stripped and the trie node of the names it opens (most tokens open none)."""
    roots = name_trie()
    return tuple((v, s, roots[v]) for v, s in clitic_variants(key) if v in roots)


@lru_cache(maxsize=1 << 16)
def org_heads(key: str) -> tuple[tuple[str, int], ...]:
    """The clitic variants of a token key that are organisation head nouns."""
    return tuple((v, s) for v, s in clitic_variants(key) if v in ORG_HEADS)


@lru_cache(maxsize=1 << 16)
def may_be_given(key: str) -> bool:
    """A clitic variant of this token key could open a name (PeopleRules._given)."""
    gaz = load()
    return any(
        v in NAME_OPENERS or v in gaz.given or v in gaz.ambiguous_given or v in DIN_FIRST
        for v, _ in clitic_variants(key)
    )


@lru_cache(maxsize=1)
def triggers() -> dict[str, int]:
    """Key -> flags, for the keys that may start a rule; every other key starts none."""
    gaz = load()
    table: dict[str, int] = {}

    def mark(words: Iterable[str], flag: int, *, clitics: bool = True) -> None:
        for word in words:
            for form in clitic_forms(word) if clitics else (word,):
                table[form] = table.get(form, 0) | flag

    mark(name_trie(), GAZETTEER)
    mark(ORG_HEADS, ORG_HEAD)
    mark((*NAME_OPENERS, *gaz.given, *gaz.ambiguous_given, *DIN_FIRST), GIVEN)
    mark(PERSON_TITLES, TITLE, clitics=False)
    mark((*RANK_TAILS, *TITLE_PAIRS), RANK_TAIL, clitics=False)  # "الفريق أول"، "رجل الأعمال"
    mark(MONTH_WORD_FORMS, MONTH, clitics=False)
    return table
