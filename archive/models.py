"""The value objects the core hands to the app and the CLI.

The repository (`archive.store.Archive`) returns these, never raw rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

WORDS_PER_MINUTE = 180  # Arabic news prose, silent reading
_T = TypeVar("_T")


def pickled_by_fields(cls: type[_T]) -> type[_T]:
    """Pickle a (slots) dataclass as a call of its constructor with its fields in order.
    An import's workers send each document's metadata (some 25 small objects) to the
    writing process: this takes 0.09 ms a document where the slots' default state took
    0.12 (bench corpus)."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]

    def __reduce__(self: _T) -> tuple[type[_T], tuple[Any, ...]]:
        return cls, tuple(getattr(self, name) for name in names)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range [start, end) of character offsets into a stored text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    id: int
    path: str
    title: str
    body: str
    url: str | None = None
    title_derived: bool = False
    date: str | None = None  # publication date, ISO (YYYY, YYYY-MM or YYYY-MM-DD)
    date_text: str | None = None  # the surface text the publication date came from
    date_inferred: str | None = None  # first full date of the lead, when no publication date
    source: str | None = None
    author: str | None = None
    sha256: str = ""
    word_count: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    duplicate_of: int | None = None
    boilerplate: tuple[Span, ...] = ()
    imported_at: str = ""
    updated_at: str = ""
    tags: tuple[str, ...] = ()

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / WORDS_PER_MINUTE)) if self.word_count else 0


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    count: int = 0
    color: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: int
    kind: str  # "person" | "org" | "place"
    name: str  # canonical name
    aliases: tuple[str, ...] = ()
    count: int = 0  # mentions (in one document, or across the archive)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DateMention:
    iso: str  # YYYY, YYYY-MM or YYYY-MM-DD
    text: str  # surface text as written
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: int
    path: str
    title: str
    date: str | None
    source: str | None
    tags: tuple[str, ...]
    score: float
    snippet: str  # keyword-in-context, original text
    snippet_spans: tuple[Span, ...] = ()  # matches inside `snippet`
    title_spans: tuple[Span, ...] = ()  # matches inside `title`
    body_spans: tuple[Span, ...] = ()  # matches inside the stored body


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    hits: tuple[SearchHit, ...]
    total: int
    elapsed_ms: float
    error: str | None = None  # a message for the user when the query was rejected
    # total is a lower bound: counting stopped at search(count_limit=...); count() has it all
    total_capped: bool = False
    # search(quick=True) listed a group newest first where bm25 would have been dear; the
    # same search without quick gives the ranked page
    provisional: bool = False


@dataclass(slots=True)
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: int = 0
    rejections: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def line(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"duplicates {self.duplicates}, rejected {self.rejected}"
        )
