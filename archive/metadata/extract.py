"""The extraction pipeline (first cut: title from the first line, word count)."""

from __future__ import annotations

import re

from archive.metadata import Metadata

_WORD = re.compile(r"\w+")


def extract(body: str, fields: dict[str, str]) -> Metadata:
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    title = fields.get("title") or (lines[0] if lines else "")
    return Metadata(
        title=title,
        date=fields.get("date") or None,
        source=fields.get("source") or None,
        word_count=len(_WORD.findall(body)),
    )
