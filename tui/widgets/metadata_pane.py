"""The metadata pane: date, source, length, people / organisations / places, resolutions,
tags, the reader's note and path of the current document, from
`archive.details.document_details`.

Values are laid out by `archive.layout.visual_line` (shaped, reordered, ellipsis at the
logical end) at the pane's width, and re-laid out when the pane is resized.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget

from archive.layout import is_rtl, layout_body, visual_line

LABEL_WIDTH = 13
MAX_NAMES = 8


class LaidOut(str):
    """A value row already in screen order and `width` cells wide (a line of a wrapped
    paragraph: its direction is the paragraph's, not that of the words it happens to hold)."""


def _wrapped(text: str, width: int, mode: str) -> list[str]:
    """`text` laid out as paragraphs `width` cells wide, one direction per paragraph (a line
    of an Arabic note that opens with a Latin word stays right-aligned, in RTL order)."""
    return [
        LaidOut(line.text) for line in layout_body(text, width, mode=mode) if line.end > line.start
    ]


def _names(items: list[dict[str, Any]]) -> list[str]:
    # "name (count)" is one logical string, laid out as a whole: a count glued on in visual
    # order would sit on the wrong side of the name for a bidi-aware reader.
    return [f"{item['name']} ({item['count']})" for item in items[:MAX_NAMES]]


def _source(d: dict[str, Any]) -> list[str]:
    """The source, and below it the dump's field as written when it was stored under the
    outlet's canonical name ("الجزيرة نت" under قناة الجزيرة; docs/metadata.md)."""
    source = d.get("source") or "—"
    extra = d.get("extra") or {}
    written = extra.get("source") if isinstance(extra, dict) else None
    if isinstance(written, str) and written and written != source:
        return [source, f"as written: {written}"]
    return [source]


class MetadataText(Widget):
    """The rendered lines; its parent scrolls."""

    DEFAULT_CSS = "MetadataText { height: auto; }"

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.details: dict[str, Any] | None = None
        self.tag_colors: dict[str, str] = {}
        self.bidi_mode = "app"

    def rows(self, value_width: int = 80) -> list[tuple[str, list[str]]]:
        d = self.details
        if d is None:
            return []
        date = d.get("date") or (
            f"{d['date_inferred']} (inferred)" if d.get("date_inferred") else "—"
        )
        words = d.get("words") or 0
        rows: list[tuple[str, list[str]]] = [
            ("date", [date]),
            ("source", _source(d)),
            ("length", [f"{words:,} words · {d.get('reading_minutes', 0)} min read"]),
        ]
        if d.get("author"):
            rows.append(("author", [d["author"]]))
        for label, key in (("people", "people"), ("orgs", "organisations"), ("places", "places")):
            if d.get(key):
                rows.append((label, _names(d[key])))
        if d.get("resolutions"):
            rows.append(("resolutions", [", ".join(str(n) for n in d["resolutions"])]))
        rows.append(("tags", list(d.get("tags") or []) or ["—"]))
        if d.get("note"):
            rows.append(("note", _wrapped(d["note"], value_width, self.bidi_mode)))
        rows.append(("path", [d.get("path") or ""]))
        if d.get("url"):
            rows.append(("url", [d["url"]]))
        return rows

    def render(self) -> Text:
        width = max(1, self.size.width)
        value_w = max(1, width - LABEL_WIDTH)
        label_style = Style(bold=True, dim=True)
        out = Text(no_wrap=True, overflow="crop")
        for label, values in self.rows(value_w):
            for n, value in enumerate(values):
                out.append(
                    (label if n == 0 else "")[: LABEL_WIDTH - 2].ljust(LABEL_WIDTH), label_style
                )
                if isinstance(value, LaidOut):
                    out.append(str(value))
                    out.append("\n")
                    continue
                shown = visual_line(value, value_w, mode=self.bidi_mode)
                pad = " " * max(0, value_w - cell_len(shown))
                if label == "tags" and value in self.tag_colors:
                    style = Style(color=self.tag_colors[value], bold=True)
                else:
                    style = Style()
                out.append(pad + shown if is_rtl(value) else shown, style)
                out.append("\n")
        out.rstrip()
        return out

    def get_content_height(self, container, viewport, width: int) -> int:
        value_w = max(1, width - LABEL_WIDTH)
        return max(1, sum(len(values) for _label, values in self.rows(value_w)))


class MetadataPane(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    MetadataPane { padding: 0 1; }
    """

    def compose(self):
        yield MetadataText(id="metadata-text")

    def show(
        self, details: dict[str, Any] | None, tag_colors: dict[str, str] | None = None
    ) -> None:
        text = self.query_one(MetadataText)
        text.details = details
        if tag_colors is not None:
            text.tag_colors = tag_colors
        text.refresh(layout=True)
        self.scroll_home(animate=False)

    @property
    def details(self) -> dict[str, Any] | None:
        return self.query_one(MetadataText).details
