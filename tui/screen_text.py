"""Short texts that mix English and Arabic (prompts, questions, notifications), made drawable.

The app's own words are English; what they quote (a tag name, a query, a document title) is
often Arabic. In the app's bidi mode the terminal neither shapes nor reorders, so such a text
is wrapped in logical order at the width it will be shown in, then each line shaped and put in
visual order, exactly like the body. In "terminal" mode, or without Arabic, it is unchanged.
"""

from __future__ import annotations

import re

from archive.layout import layout_body

ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def has_arabic(text: str) -> bool:
    return ARABIC_RE.search(text) is not None


def for_screen(text: str, width: int, mode: str = "app") -> str:
    """`text` as lines of at most `width` cells, in visual order when `mode` is "app"."""
    if mode != "app" or not has_arabic(text):
        return text
    # (the app's words: the first strong character sets the direction, as UAX #9 says;
    # document text prefers right-to-left when it is mostly Arabic)
    lines = layout_body(text, max(8, width), prefer_rtl=False)
    return "\n".join(line.text.rstrip() if not line.rtl else line.text.strip() for line in lines)
