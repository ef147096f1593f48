"""The Arabic terms of the full-text index, listed in a table of their own (schema v8).

A prefix query (`سوري*`) costs FTS5 a merge of every posting list of every term with the
prefix, for every statement, before the first row comes out: at 1 000 000 documents a
page of `نظام*` took 63 ms and its count 102 ms, where the one term `نظام` takes 0.6 and
26 ms (FTS5 reads a term's list lazily, newest first, and stops after the page). With
the terms listed, a prefix with few terms is searched as those terms (compile.fts_leaf):
the same documents, found at the cost of words.

`index_terms` holds each term of documents_fts (every column) that opens with an Arabic
letter, written with the index rows (index._write) and never taken out: a term left by a
deleted document matches nothing, which changes no result. unicode61 indexes a run of
Arabic letters (U+0621-U+064A) and ASCII digits as it is (no case, no diacritic to fold:
tests/test_search_terms.py checks each letter), and normalise() leaves little else in a
word. For a word with anything else the table cannot be sure what FTS5 made of it, so it
holds the word's sure head followed by UNSURE: a prefix that reaches such an entry is
left to FTS5 (terms_with_prefix says None).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable

TERMS_TABLE = "index_terms"
UNSURE = "*"  # after a term's sure head: FTS5's own term there is not known
ARABIC_LETTERS = "\u0621-\u064a"
# A term as unicode61 indexes it: Arabic letters and ASCII digits, opening with a letter.
_FILL_CHUNK = 50_000
_SURE = re.compile(f"[{ARABIC_LETTERS}][{ARABIC_LETTERS}0-9]*")


def _unicode61_parts(word: str) -> list[str]:
    """What unicode61 (categories L* N* Co) keeps of a word as separate tokens: runs of
    letters, numbers and private-use characters; anything else separates."""
    parts, run = [], []
    for ch in word:
        category = unicodedata.category(ch)
        if category[0] in "LN" or category == "Co":
            run.append(ch)
        elif run:
            parts.append("".join(run))
            run = []
    if run:
        parts.append("".join(run))
    return parts


def table_terms(words: Iterable[str]) -> set[str]:
    """The index_terms entries of these distinct words (of the index's columns): a sure
    word as it is, another one's sure head + UNSURE; words that open otherwise (Latin,
    digits) have none."""
    out: set[str] = set()
    for word in words:
        if _SURE.fullmatch(word):
            out.add(word)
            continue
        for part in _unicode61_parts(word):
            head = _SURE.match(part)
            if head is not None:
                out.add(part if head.end() == len(part) else head.group() + UNSURE)
    return out


def record_terms(conn: sqlite3.Connection, columns: Iterable[Iterable[str]]) -> None:
    """Add the terms of index column values (each a string of words) to index_terms."""
    words: set[str] = set()
    for values in columns:
        for value in values:
            words.update(value.split())
    conn.executemany(
        f"INSERT OR IGNORE INTO {TERMS_TABLE} (term) VALUES (?)",
        [(t,) for t in table_terms(words)],
    )


def fill_terms(conn: sqlite3.Connection, fts_table: str) -> int:
    """Fill index_terms from the terms the index holds (fts5vocab reads every posting
    list: ~85 s for 1 000 000 documents); the number of entries written."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.arshif_fill_terms "
        f"USING fts5vocab(main, {fts_table}, row)"
    )
    written = 0
    try:
        cursor = conn.execute(
            "SELECT term FROM temp.arshif_fill_terms WHERE term >= ? AND term < ?",
            ("\u0621", "\u064b"),
        )
        while chunk := cursor.fetchmany(_FILL_CHUNK):
            rows = [(t,) for t in table_terms(term for (term,) in chunk)]
            conn.executemany(f"INSERT OR IGNORE INTO {TERMS_TABLE} (term) VALUES (?)", rows)
            written += len(rows)
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.arshif_fill_terms")
    return written


def terms_with_prefix(conn: sqlite3.Connection, prefix: str, most: int) -> tuple[str, ...] | None:
    """The index's terms that start with `prefix` (Arabic letters and digits, opening with
    a letter), at most `most` of them; None when there are more, or when one of them is
    unsure (FTS5 is then asked for the prefix itself)."""
    rows = conn.execute(
        f"SELECT term FROM {TERMS_TABLE} WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
        (prefix, prefix + "\U0010ffff", most + 1),
    ).fetchall()
    if len(rows) > most or any(term.endswith(UNSURE) for (term,) in rows):
        return None
    return tuple(term for (term,) in rows)


def is_sure_prefix(form: str) -> bool:
    """A prefix the table can answer for: Arabic letters and digits, opening with a letter."""
    return _SURE.fullmatch(form) is not None
