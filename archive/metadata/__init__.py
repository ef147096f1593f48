"""Metadata from Arabic news text, extracted at import time with rules and shipped tables.

`extract_metadata` is pure (no database) so the importer can run it in worker processes;
`archive.metadata.store.save_metadata` writes its result for one document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.models import DateMention, Span, pickled_by_fields


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class EntityMention:
    kind: str  # "person" | "org" | "place"
    name: str  # canonical name
    aliases: tuple[str, ...] = ()  # other names seen for it in this text
    count: int = 1
    surfaces: tuple[str, ...] = ()  # forms as written


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Metadata:
    title: str
    title_derived: bool = False
    date: str | None = None  # publication date, ISO
    date_text: str | None = None  # its surface text
    date_inferred: str | None = None  # first full date of the lead, when no publication date
    source: str | None = None
    boilerplate: tuple[Span, ...] = ()  # spans of the text to leave out of index and counts
    dates: tuple[DateMention, ...] = ()  # dates mentioned in the body
    entities: tuple[EntityMention, ...] = ()
    resolutions: tuple[int, ...] = ()
    word_count: int = 0
    extra: dict[str, str] = field(default_factory=dict)
    author: str | None = None  # the byline's names ("، " between several), or a dump's field

    def indexable_text(self, body: str) -> str:
        """The body with boilerplate spans cut out."""
        if not self.boilerplate:
            return body
        parts, pos = [], 0
        for span in sorted(self.boilerplate, key=lambda s: s.start):
            parts.append(body[pos : span.start])
            pos = max(pos, span.end)
        parts.append(body[pos:])
        return "\n".join(parts)


def extract_metadata(body: str, fields: dict[str, str] | None = None) -> Metadata:
    """Metadata of an article. `fields` holds what a dump record gave (title, date, source,
    author, url); a dump's own field wins over what the text suggests."""
    from archive.metadata.extract import extract

    return extract(body, fields or {})
