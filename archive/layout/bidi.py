"""The Unicode Bidirectional Algorithm (UAX #9) for one paragraph, written for speed.

Bidi classes are coded as one character each so that the weak and neutral rules run as
regular-expression passes over a string instead of Python loops:

    L 'L'  R 'R'  AL 'A'  EN '1'  AN '2'  ES '+'  ET '$'  CS ','  NSM 'm'
    B 'B'  S 'S'  WS ' '  ON 'o'  LRI/RLI/FSI 'i'  PDI 'p'
    BN and LRE/RLE/LRO/RLO/PDF 'b' (removed by the caller before resolution, as X9 does;
    embeddings and overrides are thus ignored — see `archive.layout.paragraph`)

Isolates (LRI, RLI, FSI ... PDI) are resolved as UAX #9 says: their content is its own
isolating run sequence one or two levels up, and the outer sequence sees the isolate as one
neutral (X5a–X6a, BD13). Levels are kept to one digit: isolates nested deeper than level 9
are resolved at their parent's level.

`resolve_levels(classes, base, chars)` applies W1–W7, N0 (bracket pairs, BD16), N1–N2 and
I1–I2 to a paragraph whose explicit level is `base` (0 or 1) and returns the levels as a string
of digits. `line_order(levels, whitespace, base)` applies L1 (trailing whitespace to the
paragraph level) and L2 (reverse runs from the highest level down to the lowest odd one) to one
line, using the levels resolved on the whole paragraph — that is how UAX #9 treats line breaks,
and why a line that starts with a number gets the context of the line before.
"""

from __future__ import annotations

import re
import unicodedata

from bidi.mirror import MIRRORED

_CODES = {
    "L": "L",
    "R": "R",
    "AL": "A",
    "EN": "1",
    "AN": "2",
    "ES": "+",
    "ET": "$",
    "CS": ",",
    "NSM": "m",
    "B": "B",
    "S": "S",
    "WS": " ",
    "ON": "o",
}


_ISOLATE_CODES = {"LRI": "i", "RLI": "i", "FSI": "i", "PDI": "p"}


class _ClassTable(dict[int, str]):
    """str.translate table: code point -> one-letter bidi class, filled on demand."""

    def __missing__(self, code: int) -> str:
        name = unicodedata.bidirectional(chr(code))
        value = _CODES.get(name, _ISOLATE_CODES.get(name, "b"))
        if not name:  # unassigned: L, except the blocks UAX #9 defaults to R / AL
            value = "A" if 0x0600 <= code <= 0x08FF or 0xFB50 <= code <= 0xFDFF else "L"
            if 0x0590 <= code <= 0x05FF or 0x07C0 <= code <= 0x085F:
                value = "R"
        self[code] = value
        return value


CLASS_TABLE = _ClassTable()


def classes(text: str) -> str:
    """One-letter bidi class of each character of `text`."""
    return text.translate(CLASS_TABLE)


def first_strong(text: str) -> str | None:
    """'L' or 'R' for the first strong character of `text` outside isolates (P2), or None."""
    return strong_direction(classes(text))


def strong_direction(cls: str) -> str | None:
    """`first_strong` on classes already computed."""
    if "i" not in cls:
        m = _STRONG.search(cls)
        return None if m is None else ("L" if m.group() == "L" else "R")
    depth = 0
    for m in _STRONG_OR_ISOLATE.finditer(cls):
        t = m.group()
        if t == "i":
            depth += 1
        elif t == "p":
            depth = max(depth - 1, 0)
        elif depth == 0:
            return "L" if t == "L" else "R"
    return None


def paragraph_direction(cls: str, prefer_rtl: bool = True) -> str | None:
    """The base direction of a paragraph: its first strong character (P2-P3), except that a
    paragraph opening with a left-to-right letter but holding more right-to-left letters
    than left-to-right ones is right-to-left. A higher-level protocol may set the direction
    (HL1); in an Arabic archive "«OpenAI» تطلق نسخة عربية من ChatGPT …" is an Arabic
    sentence, and laid out left-to-right its Arabic words read in the wrong order. With
    `prefer_rtl=False` (the app's own English words quoting Arabic) the first strong
    character alone decides."""
    direction = strong_direction(cls)
    if prefer_rtl and direction == "L" and cls.count("A") + cls.count("R") > cls.count("L"):
        return "R"
    return direction


_STRONG = re.compile("[LRA]")
_STRONG_OR_ISOLATE = re.compile("[LRAip]")
# What can give a right-to-left paragraph a level other than 1: left-to-right letters, numbers
# (and with them ES/ET/CS, which W4-W5 may turn into numbers), isolates, anything unremoved.
# Without these every character resolves to R (W1-W7, N0-N2), i.e. level 1.
_NOT_RTL = re.compile("[L12ib]")
_W4_EN = re.compile("(?<=1)[+,](?=1)")
_W4_AN = re.compile("(?<=2),(?=2)")
_W5 = re.compile(r"\$+(?=1)|(?<=1)\$+")
_W6 = str.maketrans("+$,", "ooo")
_N1_OPPOSITE = {
    "L": re.compile("(?<=[R12])[o SBip]+(?=[R12])"),
    "R": re.compile("(?<=L)[o SBip]+(?=L)"),
}
_N2 = {"L": str.maketrans("o SBip", "LLLLLL"), "R": str.maketrans("o SBip", "RRRRRR")}
_AS_STRONG = {"L": "L", "R": "R", "1": "R", "2": "R"}
_I1 = str.maketrans("LR12", "0122")  # base level 0
_I2 = str.maketrans("LR12", "2122")  # base level 1

# Bidi_Paired_Bracket for the brackets UAX #9 pairs (BidiBrackets.txt), opening -> closing.
_OPENING = dict(
    zip(
        "([{\u0f3a\u0f3c\u169b\u2045\u207d\u208d\u2308\u230a\u2329\u2768\u276a\u276c\u276e"
        "\u2770\u2772\u2774\u27c5\u27e6\u27e8\u27ea\u27ec\u27ee\u2983\u2985\u2987\u2989\u298b"
        "\u298d\u298f\u2991\u2993\u2995\u2997\u29d8\u29da\u29fc\u2e22\u2e24\u2e26\u2e28\u3008"
        "\u300a\u300c\u300e\u3010\u3014\u3016\u3018\u301a\ufe59\ufe5b\ufe5d\uff08\uff3b\uff5b"
        "\uff5f\uff62",
        ")]}\u0f3b\u0f3d\u169c\u2046\u207e\u208e\u2309\u230b\u232a\u2769\u276b\u276d\u276f"
        "\u2771\u2773\u2775\u27c6\u27e7\u27e9\u27eb\u27ed\u27ef\u2984\u2986\u2988\u298a\u298c"
        "\u2990\u298e\u2992\u2994\u2996\u2998\u29d9\u29db\u29fd\u2e23\u2e25\u2e27\u2e29\u3009"
        "\u300b\u300d\u300f\u3011\u3015\u3017\u3019\u301b\ufe5a\ufe5c\ufe5e\uff09\uff3d\uff5d"
        "\uff60\uff63",
        strict=True,
    )
)
_CLOSING = {c: o for o, c in _OPENING.items()}
_CANONICAL = {"\u2329": "\u3008", "\u232a": "\u3009"}
_BRACKET = re.compile("[" + re.escape("".join(_OPENING) + "".join(_CLOSING)) + "]")
_MAX_BRACKET_DEPTH = 63


def _numbers_after_strong(cls: str, sos: str, strong: str, after: str, new: str) -> str:
    """A W2/W7 pass: each run of EN ('1') whose last preceding strong type (one of `strong`,
    `sos` if none) is `after` becomes `new`. Only the number runs are visited: the last strong
    type before each is found by C-level rfind in the stretch since the previous run."""
    pieces: list[str] = []
    last, done, scanned = sos, 0, 0
    for m in _EN_RUN.finditer(cls):
        a, b = m.span()
        found = max(cls.rfind(t, scanned, a) for t in strong)
        if found >= 0:
            last = cls[found]
        scanned = b
        if last == after:
            pieces.append(cls[done:a])
            pieces.append(new * (b - a))
            done = b
    if not pieces:
        return cls
    pieces.append(cls[done:])
    return "".join(pieces)


_EN_RUN = re.compile("1+")


def bracket_pairs(chars: str, cls: str) -> list[tuple[int, int]]:
    """BD16: the bracket pairs of a paragraph, sorted by the opening bracket's position."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for m in _BRACKET.finditer(chars):
        i = m.start()
        if cls[i] != "o":
            continue
        ch = _CANONICAL.get(m.group(), m.group())
        if ch in _OPENING:
            if len(stack) == _MAX_BRACKET_DEPTH:
                break
            stack.append((_CANONICAL.get(_OPENING[ch], _OPENING[ch]), i))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == ch:
                pairs.append((stack[depth][1], i))
                del stack[depth:]
                break
    pairs.sort()
    return pairs


def _resolve_brackets(cls: str, pairs: list[tuple[int, int]], embedding: str, sos: str) -> str:
    """N0: each bracket pair takes the direction its content and context give it."""
    types = list(cls)
    opposite = "R" if embedding == "L" else "L"
    for open_, close in pairs:
        inside = {_AS_STRONG.get(t) for t in types[open_ + 1 : close]}
        if embedding in inside:
            direction = embedding
        elif opposite in inside:
            before = sos
            for k in range(open_ - 1, -1, -1):
                strong = _AS_STRONG.get(types[k])
                if strong:
                    before = strong
                    break
            direction = opposite if before == opposite else embedding
        else:
            continue
        types[open_] = types[close] = direction
    return "".join(types)


def resolve_levels(cls: str, base: int, chars: str) -> str:
    """Embedding levels (one digit per character) of a paragraph at level `base`.

    `cls` is `classes(chars)` with BN and embedding characters already removed; combining
    marks may be folded into their base character (W1 gives them its type anyway).
    """
    if "i" in cls:
        return _resolve_isolates(cls, base, chars)
    levels = _resolve_sequence(cls, base % 2, chars)
    if base > 1:
        levels = levels.translate(_RAISE[base - base % 2])
    return levels


_RAISE = {k: str.maketrans("012", "".join(str(d + k) for d in range(3))) for k in range(2, 8, 2)}


def _resolve_isolates(cls: str, level: int, chars: str) -> str:
    """Resolve the text outside the top-level isolates, then each isolate's content."""
    spans: list[tuple[int, int]] = []
    depth, opened = 0, 0
    for m in re.finditer("[ip]", cls):
        if m.group() == "i":
            if depth == 0:
                opened = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, m.start()))
    if depth:
        spans.append((opened, len(cls)))  # no matching PDI: the isolate runs to the end
    outer_cls, outer_chars, pos = [], [], 0
    for a, b in spans:
        outer_cls.append(cls[pos : a + 1])
        outer_chars.append(chars[pos : a + 1])
        pos = b
    outer_cls.append(cls[pos:])
    outer_chars.append(chars[pos:])
    parity = level % 2
    outer = _resolve_sequence("".join(outer_cls), parity, "".join(outer_chars))
    if level > 1:
        outer = outer.translate(_RAISE[level - parity])
    pieces, pos, done = [], 0, 0
    for a, b in spans:
        pieces.append(outer[done : done + a + 1 - pos])
        done += a + 1 - pos
        pos = b
        initiator = chars[a]
        rtl = initiator == "\u2067" or (
            initiator == "\u2068" and first_strong(chars[a + 1 : b]) == "R"
        )
        inner = level + 1 if (level % 2 == 0) == rtl else level + 2
        if inner > 7:
            inner = level
        pieces.append(resolve_levels(cls[a + 1 : b], inner, chars[a + 1 : b]))
    pieces.append(outer[done:])
    return "".join(pieces)


def _resolve_sequence(cls: str, base: int, chars: str, shortcut: bool = True) -> str:
    """W1–I2 on one isolating run sequence at level `base` (0 or 1); digits 0–2.

    `shortcut=False` runs every rule even where the answer is known (tests compare the two)."""
    sos = "R" if base else "L"
    if shortcut and base and _NOT_RTL.search(cls) is None:
        return "1" * len(cls)  # right-to-left letters and neutrals only
    if cls[:1] == "m":  # W1 at the start of the paragraph
        lead = len(cls) - len(cls.lstrip("m"))
        cls = sos * lead + cls[lead:]
    cls = cls.replace("m", "o") if "m" in cls else cls  # marks left after a removed char
    has_numbers = "1" in cls or "2" in cls
    if has_numbers and "A" in cls:  # W2
        cls = _numbers_after_strong(cls, sos, "LRA", "A", "2")
    cls = cls.replace("A", "R")  # W3
    if has_numbers:
        cls = _W4_EN.sub("1", cls)  # W4
        cls = _W4_AN.sub("2", cls)
        cls = _W5.sub(lambda m: "1" * len(m.group()), cls)  # W5
    cls = cls.translate(_W6)  # W6
    if "1" in cls and (sos == "L" or "L" in cls):  # W7
        cls = _numbers_after_strong(cls, sos, "LR", "L", "L")
    embedding = sos
    if "o" in cls:
        pairs = bracket_pairs(chars, cls)
        if pairs:
            cls = _resolve_brackets(cls, pairs, embedding, sos)

    # N1/N2: a neutral run takes the direction of its neighbours when they agree (numbers
    # count as R), else the embedding direction. Only runs with the opposite direction on
    # both sides differ from the embedding direction, so only those are visited.
    def n1(m: re.Match[str]) -> str:
        return opposite * (m.end() - m.start())

    opposite = "R" if embedding == "L" else "L"
    cls = _N1_OPPOSITE[embedding].sub(n1, cls)
    cls = cls.translate(_N2[embedding])
    return cls.translate(_I2 if base else _I1)


_AT_LEAST = [re.compile(f"[{level}-9]+") for level in range(10)]


def line_order(levels: str, whitespace: str, base: int) -> list[int]:
    """Visual order (indices into the line) of one line of a paragraph.

    `levels` are the paragraph's resolved levels for the line's characters; `whitespace` marks
    with 'w' the characters that are whitespace or segment separators (original class WS/S),
    whose trailing run L1 resets to the paragraph level.
    """
    n = len(levels)
    trail = n - len(whitespace.rstrip("w"))
    if trail:
        levels = levels[: n - trail] + str(base) * trail
    top = max(levels) if levels else "0"
    if top == "0":
        return list(range(n))
    if top == "1" and "0" not in levels:
        return list(range(n - 1, -1, -1))
    order = list(range(n))
    low = int(min(levels))
    lowest_odd = low if low % 2 else low + 1
    for level in range(int(top), lowest_odd - 1, -1):
        for m in _AT_LEAST[level].finditer(levels):
            a, b = m.span()
            order[a:b] = order[a:b][::-1]
    return order


def mirror(ch: str) -> str:
    """Bidi_Mirroring_Glyph of `ch` (L4), or `ch` itself."""
    return MIRRORED.get(ch, ch)
