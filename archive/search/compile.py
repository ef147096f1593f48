"""Query AST → an FTS5 MATCH expression and SQL filters with bound parameters.

Each word becomes a group of FTS5 strings, all re-quoted after normalisation (the user's
text never reaches FTS5 syntax):

- exact forms in the `title`/`body` columns: the word and the word with each clitic
  prefix (و ف ب ل ك, their pairs, and the article forms ال وال بال كال فال لل), so رقة finds
  الرقة, بالرقة and للرقة; single-letter clitics only on words of three letters or more,
  so رق does not find ورق or برق;
- light stems in the `title_stem`/`body_stem` columns: the word's stem and, for stems of
  three letters or more, the stem behind ب ل ك ف (light10 keeps those on the word).

Ranking: documents with a query word in the title come first (FTS5's bm25 saturates term
frequency, so column weights alone let a long body outrank a title match); within each
group bm25 weights the columns title > title_stem > body > body_stem, and an exact match
also matches its stem, so exact forms rank above stem-only matches.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol

from archive.metadata.gazetteer import key_of, listed_names, org_names
from archive.metadata.homographs import query_keys
from archive.metadata.source import AGENCY_CODES
from archive.notes import noted_documents
from archive.schema import FTS_DOC_ID, FTS_TABLE, ID_BITS, LAST_DATE, UNDATED, fts_doc_id
from archive.search.query import (
    EXACT,
    EXACT_FIELDS,
    And,
    Filter,
    Node,
    Not,
    Or,
    Phrase,
    QueryError,
    Term,
    compound_variants,
    normalised,
    positive_terms,
)
from archive.search.terms import is_sure_prefix, terms_with_prefix
from archive.text.normalize import words
from archive.text.stem import light_stem

BM25_WEIGHTS = (10.0, 2.0, 5.0, 1.0)  # title, body, title_stem, body_stem
ONE_LETTER = ("و", "ف", "ب", "ل", "ك")
TWO_LETTER = ("وب", "ول", "وك", "فب", "فل", "فك")
ARTICLE = ("ال", "وال", "فال", "بال", "كال")
STEM_CLITICS = ("ب", "ل", "ك", "ف")


class Keep(Protocol):
    """What the index holds, asked while compiling: whether a form (or a prefix) is there,
    and the terms of a prefix (None: ask FTS5 for the prefix itself)."""

    def __call__(self, form: str, prefix: bool) -> bool: ...

    def terms(self, prefix: str, most: int) -> tuple[str, ...] | None: ...


# A prefix with at most this many terms, its clitic forms together, is searched as those
# terms (archive.search.terms): FTS5 reads each term's list lazily, where it merges every
# term of a prefix before the first row, for each statement. An OR checks each of its
# terms at each match (~1 ms per term for 700 000 matches), so many terms cost more.
MAX_PREFIX_TERMS = 24
ID = "@id"  # in Compiled.where: replaced by the id column of the query that uses it
ENTITY_KINDS = {"person": "person", "org": "org", "place": "place"}


# A query word that is only a clitic or the article ("ال"، "و"، "بال"، "لل"): searched as
# that exact word standing alone, never as a stem (إلى stems to ال: "ال" would match nearly
# every document) nor with more clitics (docs/search.md).
CLITIC_ONLY = frozenset((*ONE_LETTER, *TWO_LETTER, *ARTICLE, "لل", "ولل", "فلل"))


def is_arabic(word: str) -> bool:
    return bool(word) and "\u0621" <= word[0] <= "\u064a"


def exact_forms(word: str) -> tuple[str, ...]:
    """The normalised word and its forms with clitic prefixes."""
    if not is_arabic(word) or word in CLITIC_ONLY:
        return (word,)
    forms = [word]
    if word.startswith("ال") and len(word) >= 4:  # the user typed the article
        base = word[2:]
        forms += [c + word for c in ("و", "ف", "ب", "ك", "وب", "فب", "وك")]
        forms += [c + base for c in ("لل", "ولل", "فلل")]
        # or a name opening with أل (ألمانيا، ألبير): ل stands before it as written
        forms += [c + word for c in ("ل", "ول", "فل")]
    elif len(word) >= 2:
        forms += [c + word for c in ARTICLE]
        if len(word) >= 3:
            forms += [c + word for c in ONE_LETTER + TWO_LETTER]
            forms += [c + word[1:] for c in ("لل", "ولل", "فلل") if word.startswith("ل")]
            forms += [c + word for c in ("لل", "ولل", "فلل")]
            if takes_accusative_alef(word):  # اتفاقاً، واتفاقاً
                forms += [word + "ا", "و" + word + "ا"]
    if len(light_stem(word)) < 3:  # والتي، بالتي: no stem is searched (stem_forms), so the
        # word is also searched without the clitic letters it opens with (التي), if a word
        # of three letters or more is left (فيه is not يه)
        forms += [word[len(c) :] for c in ONE_LETTER + TWO_LETTER if word.startswith(c)]
        forms = [f for f in forms if len(f) >= 3 or f == word]
    return tuple(dict.fromkeys(forms))


def takes_accusative_alef(word: str) -> bool:
    """Whether an indefinite accusative of `word` (normalised, no article) is written with an
    added alef: اتفاق → اتفاقاً، جزء → جزءاً. Not after ا و ي ه (سوري is no سوريا), nor
    on a feminine plural (قوات: قواتٍ)."""
    return len(word) >= 3 and is_arabic(word) and word[-1] not in "اويه" and word[-2:] != "ات"


def stem_forms(word: str) -> tuple[str, ...]:
    """The forms a word is searched under in the stem columns. An Arabic stem shorter than
    three letters gives none: فيه and منها stem to في and من, which every article holds (the
    word's exact forms still find it)."""
    if word in CLITIC_ONLY:
        return ()
    stem = light_stem(word)
    if not is_arabic(stem):
        return (stem,)
    if len(stem) < 3:
        return ()
    if takes_accusative_alef(stem):  # the stem of اتفاقاً is اتفاقا (light10 keeps the alef)
        return (stem, *(c + stem for c in STEM_CLITICS), stem + "ا")
    return (stem, *(c + stem for c in STEM_CLITICS))


def phrase_forms(words_: tuple[str, ...], keep: Keep | None = None) -> tuple[str, ...]:
    """The phrases FTS5 is asked for: the words as typed (exact columns), and their stems
    with the first word's stem also behind ب ل ك ف (stem columns: light10 has already taken
    و and the article off), so "إطلاق النار" finds "لإطلاق النار" and "وقف فوري" finds
    "بوقف فوري", as the word إطلاق finds لإطلاق. The words after the first stay as typed
    (a clitic inside the phrase changes what it says). Stem forms the index lacks are
    dropped (`keep`): every phrase is one more walk of the last word's positions."""
    stems = tuple(light_stem(w) for w in words_)
    # a phrase may open with a bare clitic ("و هو", "ل cnn" from لـCNN): its stem as written
    firsts = stem_forms(words_[0]) or (stems[0],)
    # and the first word behind a clitic as written, where its stem is no help: light10 takes
    # و off وكالة but not off لوكالة ("وكالة الطاقة" finds "لوكالة الطاقة"), أبي has none
    # (only for a word whose stem misleads: one opening with a root و, or of three letters;
    # behind و ل ب, and only the forms whose stem the stem phrases do not already cover:
    # each form is one more walk of the index)
    covered = set(firsts)
    first = words_[0]
    written = (
        tuple(
            f
            for f in exact_forms(first)[1:]
            if f.startswith(("و", "ل", "ب")) and light_stem(f) not in covered
        )
        if first.startswith("و") or len(first) <= 3
        else ()
    )
    if keep is not None:
        firsts = (firsts[0], *(f for f in firsts[1:] if keep(f, False)))
        written = tuple(f for f in written if keep(f, False))
    phrases = [
        " ".join(words_),
        *(" ".join((f, *words_[1:])) for f in written),
        *(" ".join((f, *stems[1:])) for f in firsts),
    ]
    return tuple(dict.fromkeys(phrases))


def prefix_forms(prefix: str) -> tuple[str, ...]:
    if not is_arabic(prefix) or len(prefix) < 3 or prefix.startswith("ال"):
        return (prefix,)
    return (prefix, *(c + prefix for c in ARTICLE + ONE_LETTER + ("لل",)))


def _q(token: str) -> str:
    """One FTS5 string. Normalised words hold only letters and digits; quote anyway."""
    return '"' + token.replace('"', '""') + '"'


class _KeepAll:
    """Every form kept, every prefix left to FTS5 (no index at hand)."""

    def __call__(self, form: str, prefix: bool) -> bool:
        return True

    def terms(self, prefix: str, most: int) -> tuple[str, ...] | None:
        return None


_keep_all = _KeepAll()


def _prefix_alternatives(forms: list[str], keep: Keep) -> list[str]:
    """The FTS5 alternatives of a prefix's forms: a form's terms while they are few
    (MAX_PREFIX_TERMS for all the forms), else the form as a prefix."""
    out: list[str] = []
    budget = MAX_PREFIX_TERMS
    for form in forms:
        terms = keep.terms(form, budget) if is_sure_prefix(form) else None
        if terms is None:
            out.append(_q(form) + "*")
        else:
            budget -= len(terms)
            out.extend(_q(t) for t in terms)
    return out or [_q(forms[0]) + "*"]  # no term at all: the prefix, which matches nothing


def fts_leaf(node: Term | Phrase, *, title_only: bool = False, keep: Keep = _keep_all) -> str:
    """The FTS5 expression of one word or phrase. Forms beyond the word itself are kept
    only if `keep` says the index has them (fewer phrases: faster counts and bm25)."""
    if isinstance(node, Phrase):
        alternatives = " OR ".join(_q(p) for p in phrase_forms(node.words, keep))
    elif node.prefix:
        forms = prefix_forms(node.word)
        kept = [forms[0], *(f for f in forms[1:] if keep(f, True))]
        alternatives = " OR ".join(_prefix_alternatives(kept, keep))
    else:
        if node.word in CLITIC_ONLY:  # the word as written, not in the stem columns
            title = title_only or node.field == "title"
            return f"{{{'title' if title else 'title body'}}} : ({_q(node.word)})"
        forms = tuple(dict.fromkeys(exact_forms(node.word) + stem_forms(node.word)))
        kept = [forms[0], *(f for f in forms[1:] if keep(f, False))]
        alternatives = " OR ".join(_q(f) for f in kept)
    if title_only or node.field == "title":
        return f"{{title title_stem}} : ({alternatives})"
    return f"({alternatives})"


# The index's terms in order, one row per occurrence, read lazily (fts5vocab "instance"):
# the first term at or after a prefix is one seek (~0.1 ms). A MATCH of a prefix would
# first gather every document of every term with it (6-600 ms for common ones at 1M).
# In the connection's temp schema: nothing is written to the archive.
VOCAB_TABLE = "arshif_terms"
# Forms that unicode61 indexes as they are (Arabic letters and digits: no case, no
# diacritic to fold), so the term table can be asked for them directly.
_AS_INDEXED = re.compile("[\u0621-\u064a0-9]+")


class _IndexHas:
    """Whether the index holds a form (or a word with that prefix); cached per query."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.seen: dict[tuple[str, bool], bool] = {}
        self.terms_ready = False
        self.listed: dict[str, tuple[str, ...] | None] = {}  # up to MAX_PREFIX_TERMS

    def terms(self, prefix: str, most: int) -> tuple[str, ...] | None:
        """The index's terms with an Arabic prefix, up to `most` (index_terms): read once
        per prefix, for the whole budget, and answered from that for a smaller one."""
        if prefix not in self.listed:
            self.listed[prefix] = terms_with_prefix(self.conn, prefix, MAX_PREFIX_TERMS)
        listed = self.listed[prefix]
        return listed if listed is not None and len(listed) <= most else None

    def __call__(self, form: str, prefix: bool) -> bool:
        key = (form, prefix)
        if key not in self.seen:
            if prefix and is_sure_prefix(form):  # one seek in index_terms
                self.seen[key] = self.terms(form, 0) != ()
            elif prefix and _AS_INDEXED.fullmatch(form):  # (a word: a MATCH is quicker)
                self.seen[key] = self._has_prefix(form)
            else:
                expr = _q(form) + ("*" if prefix else "")
                row = self.conn.execute(
                    f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT 1", (expr,)
                ).fetchone()
                self.seen[key] = row is not None
        return self.seen[key]

    def _has_prefix(self, form: str) -> bool:
        """The first term at or after `form` starts with it: the terms with a prefix follow
        it directly, in the byte order of UTF-8 that both FTS5 and fts5vocab use. (A term
        left behind by deleted rows can be listed: the form is then kept and matches
        nothing, which changes no result and no score.)"""
        if not self.terms_ready:
            self.conn.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{VOCAB_TABLE} "
                f"USING fts5vocab(main, {FTS_TABLE}, instance)"
            )
            self.terms_ready = True
        row = self.conn.execute(
            f"SELECT term FROM temp.{VOCAB_TABLE} WHERE term >= ? LIMIT 1", (form,)
        ).fetchone()
        return row is not None and str(row[0]).startswith(form)


def fts_expr(node: Node, keep: Keep = _keep_all) -> str | None:
    """An FTS5 expression equivalent to `node`, or None if FTS5 cannot say it alone."""
    if isinstance(node, Term | Phrase):
        return fts_leaf(node, keep=keep)
    if isinstance(node, Or):
        parts = [fts_expr(c, keep) for c in node.children]
        if any(p is None for p in parts):
            return None
        return "(" + " OR ".join(p for p in parts if p) + ")"
    if isinstance(node, And):
        pos, neg = [], []
        for child in node.children:
            if isinstance(child, Not):
                inner = fts_expr(child.child, keep)
                if inner is None:
                    return None
                neg.append(inner)
            else:
                expr = fts_expr(child, keep)
                if expr is None:
                    return None
                pos.append(expr)
        if not pos:
            return None
        return "(" + " AND ".join(pos) + ")" + "".join(f" NOT {n}" for n in neg)
    return None


DateRange = tuple[str | None, str | None]  # [low, high) on the ISO date string; None = open


@dataclass(frozen=True, slots=True)
class IdSet:
    """A filter that is the documents listed under some keys in one table, with an index
    on (key, document id): document_entities by entity_id, document_tags by tag_id,
    document_resolutions by number (their primary key is (document_id, key)), and
    documents by source (`id_column` "id"; documents_source holds (source, rowid)). The
    search checks it the way its size makes cheapest (archive.search.page.size_sets fills
    `size` and `large`; archive.search.matches.fewest):

    - as a list, `@id IN (SELECT document_id ...)`, read from the key's index: SQLite
      builds it once per statement (0.1-0.7 µs a document);
    - document by document (`per_document`), a lookup of the table's primary key (1.4-3.6
      µs a check): cheaper for a walk that stops early (a page, a capped count) through a
      set that holds many of the documents it passes (`large`). Never for a source
      (`per_document_cheap` False): the column follows the body in a documents row, whose
      overflow pages a lookup reads."""

    table: str
    key_column: str
    keys: tuple[object, ...]
    id_column: str = "document_id"
    per_document_cheap: bool = True
    size: int | None = None  # rows of the set, counted up to a bound (None: not sized)
    large: bool = False

    def _among_keys(self) -> str:
        return f"{self.key_column} IN ({','.join('?' * len(self.keys))})"

    def members(self) -> tuple[str, list[object]]:
        """SELECT of the set's document ids as document_id (a document listed under two
        keys: twice)."""
        sql = f"SELECT {self.id_column} AS document_id FROM {self.table} WHERE {self._among_keys()}"
        return sql, list(self.keys)

    def documents(self) -> tuple[str, list[object]]:
        """SELECT of the set's document ids as document_id, each once."""
        sql, params = self.members()
        return f"SELECT DISTINCT document_id FROM ({sql})", params

    def rows(self) -> tuple[str, list[object]]:
        """SELECT of one row per (document, key) of the set, read from the key's index alone
        (for a count: the table's rows are not read)."""
        return f"SELECT 1 FROM {self.table} WHERE {self._among_keys()}", list(self.keys)

    def listed(self) -> tuple[str, list[object]]:
        """The condition on @id, checked against the list of the set's documents."""
        if not self.keys:
            return "0", []
        sql, params = self.members()
        return f"{ID} IN ({sql})", params

    def per_document(self) -> tuple[str, list[object]]:
        """The condition on @id, checked by a lookup of each document."""
        if not self.keys:
            return "0", []
        return (
            f"EXISTS (SELECT 1 FROM {self.table} WHERE {self.id_column} = {ID} "
            f"AND {self._among_keys()})",
            list(self.keys),
        )

    def condition(self) -> tuple[str, list[object]]:
        """The condition as the search chose to check it (`large`: document by document)."""
        return self.per_document() if self.large else self.listed()


@dataclass(slots=True)
class Compiled:
    """A MATCH expression (None: no full-text part) and the conditions on document ids."""

    match: str | None = None
    title_match: str | None = None  # any positive word in the title: ranks first
    title_within_match: bool = False  # every title_match hit is a match (one word, no NOT)
    where: list[str] = field(default_factory=list)  # conditions on @id, but `dates`, `sets`
    params: list[object] = field(default_factory=list)  # those of `where`, in order
    dates: list[DateRange] = field(default_factory=list)  # top-level date:, before:, after:
    sets: list[IdSet] = field(default_factory=list)  # top-level tag:, person:, org:...
    leaves: list[str] = field(default_factory=list)  # the expression of each positive word

    @property
    def filtered(self) -> bool:
        """Whether the query has conditions on ids (filters other than dates)."""
        return bool(self.where or self.sets)

    def as_lists(self) -> Compiled:
        """The query with every set filter checked as a list (for a walk of every match)."""
        return replace(self, sets=[replace(s, large=False) for s in self.sets])

    def _conditions(self) -> tuple[list[str], list[object]]:
        conds, params = list(self.where), list(self.params)
        for id_set in self.sets:
            sql, set_params = id_set.condition()
            conds.append(sql)
            params += set_params
        return conds, params

    def filters(self, id_column: str) -> tuple[str, list[object]]:
        """Every condition on a row of documents (`id_column`: its id, e.g. "+id"), and
        its parameters; the date filters on DATE_EXPR (a range of documents_newest)."""
        conds, params = self._conditions()
        for low, high in self.dates:
            sql, date_params = _date_bounds(low, high)
            conds.append(sql)
            params += date_params
        return _joined(conds).replace(ID, id_column), params

    def fts_filters(self, table: str = FTS_TABLE) -> tuple[str, list[object]]:
        """Every condition on a row of an index `table` (documents_fts, titles_fts): the
        date filters as one range of its rowid (the date key: FTS5 seeks to it), the others
        on its document id."""
        conds, params = self._conditions()
        if self.dates:
            conds.append(f"{table}.rowid >= ? AND {table}.rowid < ?")
            params += list(key_range(self.dates))
        return _joined(conds).replace(ID, fts_doc_id(table)), params


def _joined(conds: list[str]) -> str:
    return " AND ".join(f"({c})" for c in conds) if conds else "1"


def compile_query(conn: sqlite3.Connection, node: Node | None) -> Compiled:
    """Split the top-level AND into one MATCH expression and SQL conditions on ids."""
    out = Compiled()
    if node is None:
        return out
    keep = _IndexHas(conn)
    children = node.children if isinstance(node, And) else (node,)
    pos: list[str] = []
    neg: list[str] = []
    rest: list[Node | _NegFts] = []
    for child in children:
        if isinstance(child, Not) and (inner := fts_expr(child.child, keep)) is not None:
            neg.append(inner)
        elif not isinstance(child, Not) and (expr := fts_expr(child, keep)) is not None:
            pos.append(expr)
        else:
            rest.append(child)
    if pos:
        out.match = " AND ".join(pos) + "".join(f" NOT {n}" for n in neg)
        leaves = positive_terms(And(tuple(c for c in children if not isinstance(c, Not))))
        out.title_match = " OR ".join(fts_leaf(leaf, title_only=True, keep=keep) for leaf in leaves)
        out.title_within_match = len(pos) == 1 and not neg and len(leaves) == 1
        out.leaves = [fts_leaf(leaf, keep=keep) for leaf in leaves]
    else:
        rest.extend(_NegFts(n) for n in neg)
    for item in rest:
        if isinstance(item, Filter) and item.field in DATE_FIELDS:
            out.dates.append(_date_range(item))
            continue
        if isinstance(item, Filter) and (id_set := _filter_set(conn, item)) is not None:
            out.sets.append(id_set)
            continue
        sql, params = _sql(conn, item, keep)
        out.where.append(sql)
        out.params.extend(params)
    return out


@dataclass(frozen=True, slots=True)
class _NegFts:
    """A compiled exclusion with no positive words beside it (`-word tag:x`)."""

    expr: str


# the documents whose index row matches an FTS5 expression (bound as ?)
IN_FTS = f"{ID} IN (SELECT {FTS_DOC_ID} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)"


def _sql(conn: sqlite3.Connection, node: object, keep: Keep) -> tuple[str, list[object]]:
    if isinstance(node, _NegFts):
        return f"NOT {IN_FTS}", [node.expr]
    if (
        isinstance(node, Term | Phrase | And | Or | Not)
        and (expr := fts_expr(node, keep)) is not None
    ):
        return IN_FTS, [expr]
    if isinstance(node, Term | Phrase):
        return IN_FTS, [fts_leaf(node, keep=keep)]
    if isinstance(node, Not):
        sql, params = _sql(conn, node.child, keep)
        return f"NOT ({sql})", params
    if isinstance(node, And | Or):
        parts = [_sql(conn, c, keep) for c in node.children]
        joiner = " AND " if isinstance(node, And) else " OR "
        return joiner.join(f"({s})" for s, _ in parts), [p for _, ps in parts for p in ps]
    if isinstance(node, Filter):
        return _filter_sql(conn, node)
    raise TypeError(f"unknown query node {node!r}")


# -- filters ----------------------------------------------------------------------------------
# The date of a document is coalesce(date, date_inferred). Filters select ids through the
# index on documents(date) (rows hold whole bodies: reading them per match is slow).
DATE_EXPR = "coalesce(date, date_inferred)"
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_date(value: str, query_field: str) -> str:
    """'2023', '2023-1', '2023/01/05', '٢٠٢٣' → ISO prefix; QueryError otherwise."""
    text = "-".join(words(value))
    m = _DATE_RE.match(text)
    if not m:
        raise QueryError(f"{query_field}:{value} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
        raise QueryError(f"{query_field}:{value} is not a date (month 1–12, day 1–31)")
    return year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")


DATE_FIELDS = ("date", "before", "after")


def _date_range(f: Filter) -> DateRange:
    """[low, high) bounds on the ISO date string; None = open."""
    value = f.value.strip()
    if f.field == "before":
        return None, parse_date(value, f.field)
    if f.field == "after":
        # '~' sorts after digits and '-': '2023-06~' is above every day of June 2023
        return parse_date(value, f.field) + "~", None
    lo_text, sep, hi_text = value.partition("..")
    if not sep:
        lo_text = hi_text = value
    lo = parse_date(lo_text, f.field) if lo_text.strip() else None
    hi = parse_date(hi_text, f.field) + "~" if hi_text.strip() else None
    if lo is None and hi is None:
        raise QueryError(f"date:{value} needs a date, e.g. date:2023 or date:2023-01..2023-06")
    return lo, hi


def _date_bounds(lo: str | None, hi: str | None) -> tuple[str, list[object]]:
    """The condition on a documents row for a date (DATE_EXPR) in [lo, hi): a range of the
    index documents_newest."""
    conds: list[str] = []
    params: list[object] = []
    if lo is not None:
        conds.append(f"{DATE_EXPR} >= ?")
        params.append(lo)
    if hi is not None:
        conds.append(f"{DATE_EXPR} < ?")
        params.append(hi)
    return " AND ".join(conds), params


def _date_sql(f: Filter) -> tuple[str, list[object]]:
    """A date filter inside OR or NOT: the condition on @id."""
    cond, params = _date_bounds(*_date_range(f))
    return f"{ID} IN (SELECT id FROM documents WHERE {cond})", params


_NO_DATE_ABOVE = 10**8  # above every YYYYMMDD


def _bound_number(bound: str) -> int:
    """A bound of _date_range as the number of archive.search.index.date_number: 'YYYY',
    'YYYY-MM', 'YYYY-MM-DD' as YYYY0000, YYYYMM00, YYYYMMDD; a trailing '~' (above every
    date the bound starts) adds one to its last part: '2023-06~' → 20230700."""
    above = bound.endswith("~")
    parts = [int(p) for p in bound.rstrip("~").split("-")]
    if above:
        parts[-1] += 1
    year, month, day = (*parts, 0, 0)[:3]
    return year * 10_000 + month * 100 + day


def key_range(dates: list[DateRange]) -> tuple[int, int]:
    """[low, high) of the index rowids (date keys) of the documents dated in every range
    of `dates`. Undated documents (key date UNDATED) are outside every range, as NULL is;
    bounds are held in the keys' window as dates are (archive.search.index.key_date)."""
    low, high = 1, _NO_DATE_ABOVE
    for lo, hi in dates:
        if lo is not None:
            low = max(low, _bound_number(lo))
        if hi is not None:
            high = min(high, _bound_number(hi))
    low, high = (min(max(b, UNDATED + 1), LAST_DATE + 1) for b in (low, high))
    return low << ID_BITS, max(low, high) << ID_BITS


def _names_matching(names: list[str], value: str, *, partial: bool) -> list[str]:
    prefix = value.rstrip().endswith("*")
    want = normalised(value)
    if not want:
        return []
    out = []
    for name in names:
        key = normalised(name)
        if key == want or (prefix and key.startswith(want)):
            out.append(name)
        elif partial and want.replace(" ", "") in key.replace(" ", ""):
            out.append(name)
    return out


# The distinct sources, one index seek each (a loose index scan): a million documents hold
# a few hundred sources, and SELECT DISTINCT would read every entry of the index (48 ms).
_DISTINCT_SOURCES = (
    "WITH RECURSIVE s(source) AS ("
    "SELECT min(source) FROM documents "
    "UNION ALL SELECT (SELECT min(source) FROM documents WHERE source > s.source) "
    "FROM s WHERE s.source IS NOT NULL) SELECT source FROM s"
)


@lru_cache(maxsize=1)
def _agency_codes() -> dict[str, tuple[str, ...]]:
    """A wire agency's canonical name -> the codes its datelines use (كونا، وأج، واس…):
    source:كونا is the agency the importer stored as وكالة الأنباء الكويتية."""
    out: dict[str, tuple[str, ...]] = {}
    for code, name in AGENCY_CODES.items():
        out[name] = (*out.get(name, ()), code)
    return out


def _sources_by_alias(conn: sqlite3.Connection, sources: list[str], value: str) -> list[str]:
    """The sources that are organisations known under another name matching `value`: the
    extractor and the importer store a listed outlet under its canonical name ("لندن - بي بي
    سي عربي" and a dump's "bbc.com" give هيئة الإذاعة البريطانية), and source:"بي بي سي"
    means it. The names the organisation table lists, then those the archive's entities were
    written under (corrections included): one seek per source."""
    keys = {normalised(s): s for s in sources}
    if not keys:
        return []
    table, codes = org_names(), _agency_codes()
    listed = [
        s
        for s in sources
        if _names_matching([*table.get(key_of(s), ()), *codes.get(s, ())], value, partial=True)
    ]
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        "SELECT e.key, a.alias FROM entities e JOIN entity_aliases a ON a.entity_id = e.id "
        f"WHERE e.kind = 'org' AND e.key IN ({marks})",
        list(keys),
    ).fetchall()
    return list(
        dict.fromkeys(
            [
                *listed,
                *(keys[k] for k, alias in rows if _names_matching([alias], value, partial=True)),
            ]
        )
    )


_ENTITY_IDS = (  # {marks}: the keys' placeholders
    "SELECT id FROM entities WHERE kind = ? AND (key IN ({marks}) OR id IN ("
    "SELECT entity_id FROM entity_aliases WHERE key IN ({marks})))"
)
_ENTITY_IDS_MARKED = "SELECT id FROM entities WHERE kind = ? AND key IN ({marks})"
# a partial name: a whole-word part of the name or of a former name ({names}: the keys'
# conditions, once on entities and once on entity_aliases)
_ENTITY_IDS_PARTIAL = (
    "SELECT id FROM entities WHERE kind = ? AND ({names} OR id IN ("
    "SELECT entity_id FROM entity_aliases WHERE {names}))"
)


def _partial_names(kind: str, key: str, others: list[str]) -> tuple[str, list[str]]:
    """The SQL condition (on a `key` column) and its parameters of a partial entity filter:
    `key` as a whole name or whole words of one (also with its compounds written the other
    way: عبد العزيز, عبدالعزيز), the same with the article when it has none
    (person:بيطار is طارق البيطار, place:فاشر الفاشر), and as whole names: `others` (a
    homograph's readings) and every name the alias table lists beside `key` (org:الناتو is
    حلف شمال الأطلسي even where a document never writes الناتو)."""
    # and a compound name written the other way: عبد العزيز for عبدالعزيز and back
    parts = [" ".join(v) for v in compound_variants(tuple(key.split()))]
    if " " not in key and not key.startswith("ال") and len(key) > 2:
        parts.append("ال" + key)
    whole = [*others, *(key_of(n) for n in listed_names(kind).get(key, ()))]
    whole = [k for k in dict.fromkeys(whole) if k not in parts]
    conditions = ["key = ? OR ' ' || key || ' ' LIKE ?"] * len(parts) + ["key = ?"] * len(whole)
    params = [v for p in parts for v in (p, f"% {p} %")] + whole
    return "(" + " OR ".join(conditions) + ")", params


def _filter_set(conn: sqlite3.Connection, f: Filter) -> IdSet | None:
    """The documents of a tag:, source:, person:, org:, place:, resolution:, note: or has:
    filter, as the keys they are listed under (the tags' or entities' ids, the sources'
    names, the noted documents' ids, looked up once here); None for a filter of another
    field."""
    exact = f.value.startswith(EXACT) and f.field in EXACT_FIELDS
    value = f.value[len(EXACT) :] if exact else f.value
    if f.field == "tag":
        tags = conn.execute("SELECT id, name FROM tags").fetchall()
        if exact:  # the tag's own name: "a|b" and "a--b" normalise alike, "x*" is no prefix
            wanted = {n for _, n in tags if n == value}
        else:
            wanted = set(_names_matching([n for _, n in tags], value, partial=False))
        return IdSet("document_tags", "tag_id", tuple(i for i, n in tags if n in wanted))
    if f.field in ENTITY_KINDS:
        key = normalised(value.rstrip("*"))
        if not key:
            return IdSet("document_entities", "entity_id", ())
        kind = ENTITY_KINDS[f.field]
        # a homograph's reading by its marks: place:عمّان is Amman, a bare عمان both
        keys = query_keys(value, key)
        marks = ",".join("?" * len(keys))
        if exact:  # the whole name (key) or a whole former name (alias key)
            rows = conn.execute(_ENTITY_IDS.format(marks=marks), [kind, *keys, *keys])
        elif key not in keys:  # a marked reading (عمّان): its entity, whole
            rows = conn.execute(_ENTITY_IDS_MARKED.format(marks=marks), [kind, *keys])
        else:  # a bare homograph: its marked readings too
            names, params = _partial_names(kind, key, [k for k in keys if k != key])
            rows = conn.execute(_ENTITY_IDS_PARTIAL.format(names=names), [kind, *params, *params])
        return IdSet("document_entities", "entity_id", tuple(r[0] for r in rows))
    if f.field == "source":
        sources = [r[0] for r in conn.execute(_DISTINCT_SOURCES) if r[0] is not None]
        # exact: the whole name, normalised (الاهرام finds الأهرام), as the facet counts it
        matched = _names_matching(sources, value, partial=not exact)
        if not exact:
            matched += [s for s in _sources_by_alias(conn, sources, value) if s not in matched]
        return IdSet(
            "documents", "source", tuple(matched), id_column="id", per_document_cheap=False
        )
    if f.field == "resolution":
        digits = "".join(words(f.value))
        if not digits.isdecimal():  # not isdigit(): int() refuses '²'
            raise QueryError(
                f"resolution:{f.value} is not a resolution number (e.g. resolution:2254)"
            )
        number = int(digits)
        # beyond SQLite's INTEGER: no resolution has it
        return IdSet("document_resolutions", "number", (number,) if number < 2**63 else ())
    if f.field == "note":
        return _note_set(conn, value)
    if f.field == "has":
        if normalised(value) != "note":
            raise QueryError(f"has:{f.value}: only has:note is known (documents with a note)")
        # every row of notes (one per document): its key is the constant 1
        return IdSet("notes", "1", (1,))
    return None


# More documents than this in one note: filter would pass SQLite's limit of bound values.
MAX_NOTED = 30_000


def _note_set(conn: sqlite3.Connection, value: str) -> IdSet:
    """The documents whose note holds the words of `value`, found by reading the notes
    (archive.notes.noted_documents): a set keyed by the documents' own ids."""
    ids = noted_documents(conn, value)
    if len(ids) > MAX_NOTED:
        raise QueryError(
            f"note:{value} matches {len(ids):,} notes (at most {MAX_NOTED:,}); add a word"
        )
    return IdSet("notes", "document_id", tuple(ids))


def _filter_sql(conn: sqlite3.Connection, f: Filter) -> tuple[str, list[object]]:
    if f.field in DATE_FIELDS:
        return _date_sql(f)
    id_set = _filter_set(conn, f)
    if id_set is not None:
        return id_set.listed()
    raise QueryError(f"unknown filter {f.field}:")
