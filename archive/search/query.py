"""The query language: a tokenizer and a recursive-descent parser to an AST.

    words             all must match (AND); each word matches its clitic and light-stem forms
    "a phrase"        consecutive words («» and “” work as quotes too)
    prefix*           words starting with prefix
    a OR b, a | b     either
    -word, NOT word   exclusion
    ( ... )           grouping
    title:word  title:"a phrase"      match in the title only
    tag:NAME  -tag:NAME  source:TEXT
    date:2023  date:2023-01..2023-06  date:2023..  before:2023-05  after:2022
    person:NAME  org:NAME  place:NAME  resolution:2254

The parser is forgiving and never raises on user input: an unbalanced quote closes at the
end, a stray parenthesis or a lone operator is dropped, text that is neither a word nor a
known filter is searched as words. Values are checked later (archive.search.compile) where
a bad date or resolution number becomes a QueryError with a message for the user.
Every word is normalised here; nothing the user typed reaches FTS5 except as a quoted string.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive.text.normalize import INVISIBLE_RE, normalize, words

MAX_QUERY_CHARS = 2000  # a longer query is cut here (the rest is ignored, not an error)
MAX_DEPTH = 32  # nesting of parentheses beyond this is flattened

QUOTES = {'"': '"', "«": "»", "“": "”", "”": "”", "„": "“"}
TEXT_FIELDS = ("title",)
FILTER_FIELDS = (
    "tag",
    "source",
    "date",
    "before",
    "after",
    "person",
    "org",
    "place",
    "resolution",
    "note",
    "has",
)
# source:, person:, org:, place: match part of a name; with "=" (org:="الأمم المتحدة",
# person:=الصدر) the whole name: what a facet counted, so what picking it in the app adds.
# tag:="a|b" is the tag of that very name (tag:x compares normalised names, x* a prefix).
EXACT = "="
EXACT_FIELDS = ("tag", "source", "person", "org", "place")
FIELD_ALIASES = {
    "people": "person",
    "organisation": "org",
    "organization": "org",
    "res": "resolution",
}


class QueryError(ValueError):
    """A query that cannot be run; the message is for the user and names the problem."""


# -- the AST ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Term:
    """One normalised word; `prefix` for word*; `field` "title" restricts to the title."""

    word: str
    prefix: bool = False
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Phrase:
    words: tuple[str, ...]
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Filter:
    field: str  # one of FILTER_FIELDS
    value: str  # as typed (dates and names are normalised by the compiler)


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Phrase | Filter | Not | And | Or


# -- tokens -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "word" | "phrase" | "lparen" | "rparen" | "or" | "not" | "neg"
    text: str = ""
    field: str | None = None  # for "word"/"phrase": a field prefix (title, tag, ...)
    start: int = 0  # where a field's token or a "neg" lies in the cleaned query (typed_filters)
    end: int = 0


_SPACE = frozenset(
    " \t\n\r\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u3000"
)
_BREAK = _SPACE | {"(", ")"} | set(QUOTES)


def tokenize(query: str) -> list[_Tok]:
    """Split a query into tokens. Never raises."""
    text = INVISIBLE_RE.sub("", query[:MAX_QUERY_CHARS])
    toks: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _SPACE:
            i += 1
        elif ch == "(":
            toks.append(_Tok("lparen"))
            i += 1
        elif ch == ")":
            toks.append(_Tok("rparen"))
            i += 1
        elif ch in QUOTES:
            close = text.find(QUOTES[ch], i + 1)
            end = n if close < 0 else close
            toks.append(_Tok("phrase", text[i + 1 : end]))
            i = end + 1
        elif ch == "|":
            toks.append(_Tok("or"))
            i += 1
        elif ch == "-" and (i + 1 < n and text[i + 1] not in _SPACE):
            toks.append(_Tok("neg", start=i, end=i + 1))
            i += 1
        else:
            j = i
            while j < n and text[j] not in _BREAK:
                j += 1
            word, start = text[i:j], i
            i = j
            if word in ("OR", "||"):
                toks.append(_Tok("or"))
            elif word == "NOT":
                toks.append(_Tok("not"))
            elif word in ("AND", "&&", "&"):
                continue
            else:
                name, sep, rest = word.partition(":")
                field = FIELD_ALIASES.get(name.lower(), name.lower())
                if sep and field in FILTER_FIELDS + TEXT_FIELDS:
                    exact = rest == EXACT and field in EXACT_FIELDS  # org:="الأمم المتحدة"
                    if (not rest or exact) and i < n and text[i] in QUOTES:  # title:"a phrase"
                        close = text.find(QUOTES[text[i]], i + 1)
                        end = n if close < 0 else close
                        stop = min(n, end + 1)  # after the closing quote
                        toks.append(_Tok("phrase", rest + text[i + 1 : end], field, start, stop))
                        i = end + 1
                    else:
                        toks.append(_Tok("word", rest, field, start, i))
                else:
                    toks.append(_Tok("word", word))
    return toks


def typed_filters(query: str) -> list[str]:
    """The field filters of a query (title: too) as typed, a "-" before one kept and a
    quoted value whole: what a status line lists. Never raises."""
    text = INVISIBLE_RE.sub("", query[:MAX_QUERY_CHARS])
    toks = tokenize(query)
    found: list[str] = []
    for before, tok in zip([None, *toks], toks, strict=False):
        if tok.field is not None:
            start = before.start if before is not None and before.kind == "neg" else tok.start
            found.append(text[start : tok.end])
    return found


# -- the parser -------------------------------------------------------------------------------
class _Parser:
    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.pos = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def parse(self) -> Node | None:
        nodes: list[Node] = []
        while self.pos < len(self.toks):
            node = self.or_expr(0)
            if node is not None:
                nodes.append(node)
            if self.peek() is not None and self.peek().kind == "rparen":  # type: ignore[union-attr]
                self.pos += 1  # a stray ")" is dropped
        return _and(nodes)

    def or_expr(self, depth: int) -> Node | None:
        alternatives: list[Node] = []
        first = self.and_expr(depth)
        if first is not None:
            alternatives.append(first)
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.pos += 1
            nxt = self.and_expr(depth)
            if nxt is not None:
                alternatives.append(nxt)
        if not alternatives:
            return None
        return alternatives[0] if len(alternatives) == 1 else Or(tuple(alternatives))

    def and_expr(self, depth: int) -> Node | None:
        nodes: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind not in ("or", "rparen"):
            node = self.unary(depth)
            if node is not None:
                nodes.append(node)
        return _and(nodes)

    def unary(self, depth: int) -> Node | None:
        negate = False
        while (tok := self.peek()) is not None and tok.kind in ("neg", "not"):
            negate = not negate
            self.pos += 1
        node = self.primary(depth)
        if node is None:
            return None
        return Not(node) if negate else node

    def primary(self, depth: int) -> Node | None:
        tok = self.peek()
        if tok is None or tok.kind in ("or", "rparen"):
            return None  # a lone operator: "-" or "NOT" before nothing
        self.pos += 1
        if tok.kind == "lparen":
            if depth >= MAX_DEPTH:
                return None  # nested too deep: this "(" is dropped
            inner = self.or_expr(depth + 1)
            if (close := self.peek()) is not None and close.kind == "rparen":
                self.pos += 1
            return inner
        if tok.kind == "phrase":
            return _phrase(tok.text, tok.field)
        if tok.kind == "word":
            return _word(tok.text, tok.field)
        return None


def _and(nodes: list[Node]) -> Node | None:
    nodes = _joined_compounds(nodes)
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else And(tuple(nodes))


# Compound names are written in one word or two: عبدالعزيز / عبد العزيز, أبوظبي / أبو ظبي.
COMPOUND_FIRSTS = ("عبد", "ابو")
_JOINED_NAMES = {"ابوظبي": ("ابو", "ظبي")}  # a joined compound whose second part has no ال


def split_compound(word: str) -> tuple[str, str] | None:
    """("عبد", "العزيز") for عبدالعزيز, ("ابو", "ظبي") for أبوظبي (normalised words), else
    None: the second part opens with the article (عبدالله، أبوالغيط) or the pair is listed."""
    if word in _JOINED_NAMES:
        return _JOINED_NAMES[word]
    for first in COMPOUND_FIRSTS:
        rest = word[len(first) :]
        if word.startswith(first) and rest.startswith("ال") and len(rest) >= 4:
            return first, rest
    return None


# أبو is أبي after a preposition and أبا as an object: "عن أبي عبيدة" is أبو عبيدة.
_ABU = ("ابو", "ابي", "ابا")


def compound_variants(ws: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The words as typed, with every compound joined, and with every one split; a kunya
    before a name (أبو عبيدة) also in its other cases (أبي عبيدة، أبا عبيدة)."""
    cases = (
        [tuple(form if w in _ABU else w for w in ws) for form in _ABU]
        if len(ws) > 1 and any(w in _ABU for w in ws[:-1])
        else []
    )
    joined: list[str] = []
    for w in ws:
        if joined and joined[-1] in COMPOUND_FIRSTS:
            joined[-1] += w
        else:
            joined.append(w)
    split = [part for w in ws for part in (split_compound(w) or (w,))]
    return list(dict.fromkeys([ws, tuple(joined), tuple(split), *cases]))


def _leaf(ws: tuple[str, ...], field: str | None) -> Term | Phrase:
    return Term(ws[0], field=field) if len(ws) == 1 else Phrase(ws, field)


def _compound(ws: tuple[str, ...], field: str | None) -> Node:
    """A word or phrase as typed, or Or of it and its compounds written the other way."""
    variants = compound_variants(ws)
    if len(variants) == 1:
        return _leaf(ws, field)
    return Or(tuple(_leaf(v, field) for v in variants))


def _joined_compounds(nodes: list[Node]) -> list[Node]:
    """ "عبد العزيز" typed as two words is the phrase or the one word عبدالعزيز."""
    out: list[Node] = []
    for node in nodes:
        last = out[-1] if out else None
        if (
            isinstance(last, Term)
            and isinstance(node, Term)
            and (last.word in COMPOUND_FIRSTS or last.word in _ABU)
            and not last.prefix
            and not node.prefix
            and last.field == node.field
        ):
            out[-1] = _compound((last.word, node.word), node.field)
        else:
            out.append(node)
    return out


def _phrase(text: str, field: str | None) -> Node | None:
    if field is not None and field not in TEXT_FIELDS:
        value = " ".join(text.split())
        return Filter(field, value) if value else None
    ws = tuple(words(text))
    if not ws:
        return None
    return _compound(ws, field)


def _word(text: str, field: str | None) -> Node | None:
    if field is not None and field not in TEXT_FIELDS:
        return Filter(field, text) if text.strip() else None
    prefix = text.endswith("*")
    ws = words(text)
    if not ws:
        return None
    if len(ws) == 1:
        if not prefix and split_compound(ws[0]):
            return _compound((ws[0],), field)
        return Term(ws[0], prefix=prefix and len(ws[0]) >= 1, field=field)
    # "covid-19", "al-Assad": the tokenizer splits these, so they are a phrase
    if prefix:
        return And((Phrase(tuple(ws[:-1]), field), Term(ws[-1], True, field)))
    return Phrase(tuple(ws), field)


def parse(query: str) -> Node | None:
    """The AST of `query`, or None when it has nothing to search or filter. Never raises."""
    return _Parser(tokenize(query)).parse()


def positive_terms(node: Node | None) -> list[Term | Phrase]:
    """The words and phrases a match shows (not those under a NOT), for highlighting."""
    out: list[Term | Phrase] = []

    def walk(n: Node | None) -> None:
        if isinstance(n, Term | Phrase):
            out.append(n)
        elif isinstance(n, And | Or):
            for child in n.children:
                walk(child)

    walk(node)
    return out


def normalised(text: str) -> str:
    """Filter values (tags, sources, entity names) are compared in normalised form."""
    return " ".join(words(normalize(text)))
