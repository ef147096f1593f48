"""Writing a document's metadata: entities, dates mentioned, resolutions."""

from __future__ import annotations

import json
import sqlite3

from archive.metadata import Metadata
from archive.text.normalize import normalize


def save_metadata(conn: sqlite3.Connection, doc_id: int, meta: Metadata) -> None:
    """Replace the stored entities, dates and resolutions of one document. Caller commits."""
    conn.execute("DELETE FROM document_entities WHERE document_id = ?", (doc_id,))
    conn.execute("DELETE FROM document_dates WHERE document_id = ?", (doc_id,))
    conn.execute("DELETE FROM document_resolutions WHERE document_id = ?", (doc_id,))
    for ent in meta.entities:
        key = normalize(ent.name)
        conn.execute(
            "INSERT INTO entities (kind, name, key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (ent.kind, ent.name, key),
        )
        (entity_id,) = conn.execute(
            "SELECT id FROM entities WHERE kind = ? AND key = ?", (ent.kind, key)
        ).fetchone()
        for alias in ent.aliases:
            conn.execute(
                "INSERT OR IGNORE INTO entity_aliases (entity_id, alias, key) VALUES (?, ?, ?)",
                (entity_id, alias, normalize(alias)),
            )
        conn.execute(
            "INSERT INTO document_entities (document_id, entity_id, count, surfaces) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET count = count + excluded.count",
            (doc_id, entity_id, ent.count, json.dumps(list(ent.surfaces), ensure_ascii=False)),
        )
    conn.executemany(
        "INSERT INTO document_dates (document_id, iso, text, start, end) VALUES (?, ?, ?, ?, ?)",
        [(doc_id, d.iso, d.text, d.start, d.end) for d in meta.dates],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO document_resolutions (document_id, number) VALUES (?, ?)",
        [(doc_id, n) for n in meta.resolutions],
    )
