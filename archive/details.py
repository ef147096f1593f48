"""Everything stored about one document, as plain data (for `arshif show` and exports)."""

from __future__ import annotations

from typing import Any

from archive.store import Archive


def document_details(archive: Archive, doc_id: int) -> dict[str, Any]:
    doc = archive.get(doc_id)
    q = archive.conn.execute
    entities: dict[str, list[dict[str, Any]]] = {"people": [], "organisations": [], "places": []}
    plural = {"person": "people", "org": "organisations", "place": "places"}
    for kind, name, count in q(
        "SELECT e.kind, e.name, de.count FROM document_entities de "
        "JOIN entities e ON e.id = de.entity_id WHERE de.document_id = ? "
        "ORDER BY de.count DESC, e.name",
        (doc_id,),
    ):
        entities.setdefault(plural.get(kind, kind), []).append({"name": name, "count": count})
    dates = [
        {"date": iso, "text": text}
        for iso, text in q(
            "SELECT iso, text FROM document_dates WHERE document_id = ? ORDER BY start", (doc_id,)
        )
    ]
    resolutions = [
        r[0]
        for r in q(
            "SELECT number FROM document_resolutions WHERE document_id = ? ORDER BY number",
            (doc_id,),
        )
    ]
    note = q("SELECT text FROM notes WHERE document_id = ?", (doc_id,)).fetchone()
    return {
        "id": doc.id,
        "path": doc.path,
        "url": doc.url,
        "title": doc.title,
        "title_derived": doc.title_derived,
        "date": doc.date,
        "date_text": doc.date_text,
        "date_inferred": doc.date_inferred,
        "source": doc.source,
        "author": doc.author,
        "words": doc.word_count,
        "reading_minutes": doc.reading_minutes,
        "tags": list(doc.tags),
        **entities,
        "resolutions": resolutions,
        "dates_mentioned": dates,
        "duplicate_of": doc.duplicate_of,
        "sha256": doc.sha256,
        "imported_at": doc.imported_at,
        "updated_at": doc.updated_at,
        "extra": doc.extra,
        "note": note[0] if note else None,
        "boilerplate": [[s.start, s.end] for s in doc.boilerplate],
        "body": doc.body,
    }
