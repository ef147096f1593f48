"""How the app writes numbers: thousands apart by a space (1 000 000), as the status line,
the tag-all question and the facets dialog show them."""

from __future__ import annotations


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")
