"""Terminal escape sequences and control characters in stored text.

Text pasted from a terminal, a log or a scraper's console output carries ANSI/VT escape
sequences ("\\x1b[31mعاجل\\x1b[0m"). Removing only the ESC byte leaves their text behind
("[31mعاجل[0m"), so whole sequences go, as ECMA-48 and xterm delimit them:

- CSI: ESC [ (or the C1 byte U+009B), parameter bytes 0x30-0x3F, intermediate bytes
  0x20-0x2F, one final byte 0x40-0x7E (SGR colours, cursor moves, erase…). A CSI cut off
  before its final byte loses only its introducer and parameters;
- control strings: OSC ESC ] (U+009D), DCS ESC P (U+0090), SOS ESC X (U+0098), PM ESC ^
  (U+009E), APC ESC _ (U+009F), up to BEL or ST (ESC \\ or U+009C): window titles, OSC 52
  clipboard writes, OSC 8 links. One never terminated ends at the end of its line, so a
  stray introducer cannot swallow the rest of an article;
- every other escape: ESC, intermediate bytes 0x20-0x2F, one final byte 0x30-0x7E
  (ESC 7, ESC c, ESC ( B…).

Then every remaining C0 control but tab and newline, DEL and every C1 control.
"""

from __future__ import annotations

import re

ESCAPE_SEQUENCE_RE = re.compile(
    "(?:\x1b\\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"  # CSI
    "|(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[\x20-\x2f]*[\x30-\x7e]"  # other escapes (and a lone ST)
)
# C0 (but \t and \n), DEL and C1.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_INTRODUCER_RE = re.compile("[\x1b\x90\x98\x9b\x9d\x9e\x9f]")


def has_escape(text: str) -> bool:
    """True when `text` holds something that may introduce an escape sequence."""
    return _INTRODUCER_RE.search(text) is not None


def strip_controls(text: str) -> str:
    """`text` without escape sequences (whole) and without control characters except
    tab and newline. A carriage return is a control here: convert line ends first."""
    if has_escape(text):
        text = ESCAPE_SEQUENCE_RE.sub("", text)
    return CONTROL_RE.sub("", text)
