"""The byline: who wrote the article, from a credit line near its top or bottom.

"بقلم: محمد الأحمد"، "كتب - محمد عبد العزيز"، "بقلم الكاتب زياد الرحباني"، "حاوره: سامر أبو
هواش"، "إعداد: نضال قسوم"، "كتبت: منى الشاذلي وهبة جمعة". Looked for among the first
`TOP_LINES` lines and the last `BOTTOM_LINES` (boilerplate left out), the top first.

A line is a byline when it opens with a credit word (بقلم، كتب/كتبت/كتبه، حاوره/حاورته،
إعداد/أعده/أعدته، and تقرير، متابعة before a listed given name only, as they also label
headlines) and then either a separator (: - – / …) or, for بقلم and كتب with no separator, a name that ends the line or is followed only by a separator and a
few words ("كتب محمد الأحمد - القاهرة"); "كتب الرئيس ترامب على منصة …" is a sentence.
Byline titles after the credit word (الكاتب، الدكتور، د.، الأستاذ، الصحفي…) are dropped.

The name runs to the end of its line or to the first punctuation mark or digit, never
further: a sentence glued to a name cannot be told from more of the name, so a run of more
than four name words (بن، آل، عبد، أبو، ولد … do not count: "محمد بن عبد الرحمن آل ثاني"
is four) is no byline at all rather than a guess. Several authors are split at "و" before a
listed given name and at a comma before one ("محمد الأحمد وأحمد سعيد"). A name that is a
role, an organisation or a place in the tables, or a collective credit (فريق التحرير، قسم
الأخبار، مراسلنا، وكالات), is no author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.metadata.boilerplate import Line
from archive.metadata.gazetteer import Gazetteer, key_of
from archive.metadata.lexicon import NOT_NAME, ORG_HEADS, ORG_STOP, PERSON_TITLES, ROLE_WORDS
from archive.metadata.textmap import Folded
from archive.models import Span

TOP_LINES = 6
BOTTOM_LINES = 3
MAX_NAME_WORDS = 4

# On the folded line (أ/إ/آ → ا, ة → ه, ى → ي, no harakat).
_CREDIT_RE = re.compile(
    r"^[^\w]*(?P<credit>بقلم|كتبت|كتبه|كتبته|كتب|حاورته|حاورها|حاورهم|حاوره|حاورتها"
    r"|اعداد|اعدته|اعدها|اعده|تقرير|متابعه)(?![\w])"
)
_SEPARATOR_RE = re.compile(r"\s*(?:[:：/|\-–—]+|\s(?=\S))\s*")
# Credit words that make a byline without a separator when the name ends the line.
_BARE_CREDITS = frozenset({"بقلم", "كتب", "كتبت"})
# Credit words that also label a headline ("تقرير: ارتفاع أسعار النفط"): the name after them
# must open with a listed given name.
_LABEL_CREDITS = frozenset({"تقرير", "متابعه"})
# Where a name ends: punctuation, brackets, quotes, digits (a date), a bar.
_NAME_END_RE = re.compile(r"[^\w\s]|[\d_]")
# A byline's own titles, dropped before the name ("بقلم الكاتب …"، "كتب د. …").
_BYLINE_TITLES = frozenset(
    key_of(w)
    for w in (
        "الكاتب الكاتبة الدكتور الدكتورة د أ الأستاذ الأستاذة الصحفي الصحفية الصحافي "
        "الصحافية الزميل الزميلة الإعلامي الإعلامية الباحث الباحثة المحامي المحامية المهندس "
        "المهندسة السفير السفيرة الشاعر الشاعرة الروائي الروائية المحلل المحللة الخبير الخبيرة "
        "الأديب الأديبة المفكر الشيخ"
    ).split()
)
# Credits of a desk, not of a person.
_COLLECTIVE = frozenset(
    key_of(w)
    for w in (
        "فريق قسم وحدة محرر المحرر محررو المحررين التحرير هيئة أسرة مكتب مراسل مراسلة مراسلنا "
        "مراسلتنا مراسلو مراسلي المراسل الموقع موقع وكالات وكالة الوكالات قناة صحيفة خدمة "
        "غرفة نشرة إدارة القسم الأخبار بوابة مجلة شبكة مركز مصادر المصدر خاص"
    ).split()
)
# Words inside a name that join its parts and are not counted as name words.
_PARTICLES = frozenset(key_of(w) for w in "بن ابن بنت آل ال أبو ابو أم عبد ولد ولد".split())


@dataclass(frozen=True, slots=True)
class Byline:
    names: tuple[str, ...]  # as written
    spans: tuple[Span, ...]  # of each name in the original text
    line: int  # index of the byline among the lines

    @property
    def author(self) -> str:
        return "، ".join(self.names)


def find_byline(lines: list[Line], skip: set[int], folded: Folded, gaz: Gazetteer) -> Byline | None:
    kept = [i for i in range(len(lines)) if i not in skip]
    top = kept[:TOP_LINES]
    bottom = [i for i in kept[-BOTTOM_LINES:] if i not in top]
    for index in top + bottom[::-1]:
        names = _names(lines[index], folded, gaz)
        if names:
            return Byline(
                tuple(folded_name for folded_name, _ in names),
                tuple(span for _, span in names),
                index,
            )
    return None


def _names(line: Line, folded: Folded, gaz: Gazetteer) -> list[tuple[str, Span]]:
    """The authors a line credits, as written with their original spans, or []."""
    text = line.folded
    m = _CREDIT_RE.match(text)
    if m is None:
        return []
    sep = _SEPARATOR_RE.match(text, m.end())
    if sep is None:
        return []
    bare = not sep.group().strip()
    if bare and m.group("credit") not in _BARE_CREDITS:
        return []
    pos = sep.end()
    # the byline's own titles: "بقلم الكاتب …"، "كتب د. …"
    while True:
        word = re.match(r"(\w+)\.?\s+", text[pos:])
        if word is None or key_of(word.group(1)) not in _BYLINE_TITLES:
            break
        pos += word.end()
    stop = _NAME_END_RE.search(text, pos)
    end = stop.start() if stop else len(text)
    if bare and stop is not None:
        # no separator after the credit word: only a name that ends the line, or is followed
        # by a separator and a few words (a place, a date), is one
        tail = text[stop.start() :]
        if not re.match(r"[\-–—|/،,(]", tail) or len(re.findall(r"\w+", tail)) > 4:
            return []
    if m.group("credit") in _LABEL_CREDITS:
        first = re.match(r"\w+", text[pos:])
        if first is None or not _starts_name(first.group(), gaz):
            return []
    parts = _split_authors(text, pos, end, gaz)
    if not parts:
        return []
    if bare and any(_not_a_name_word(key_of(w), gaz) for a, b in parts for w in text[a:b].split()):
        return []  # "كتب الشاعر محمود درويش قصيدته": a sentence
    base = folded.folded_index(line.start)  # the line's offset in the folded text
    out = []
    for a, b in parts:
        start, end_ = folded.orig_span(base + a, base + b)
        written = line.text[start - line.start : end_ - line.start]
        out.append((" ".join(written.split()), Span(start, end_)))
    return out


def _split_authors(text: str, pos: int, end: int, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Name spans (offsets in the folded line) between pos and end; [] when the run is not
    a list of names."""
    words = [(w.start(), w.end(), w.group()) for w in re.finditer(r"\w+", text[:end])]
    words = [w for w in words if w[0] >= pos]
    if not words:
        return []
    names: list[list[tuple[int, int, str]]] = [[]]
    for start, stop, word in words:
        if names[-1] and word.startswith("و") and _starts_name(word[1:], gaz):
            if word not in gaz.given:  # وليد، وائل are names, not و + a name
                names.append([(start + 1, stop, word[1:])])
                continue
        names[-1].append((start, stop, word))
    # a comma list: "محمد الأحمد، أحمد سعيد" (only when the next part opens with a given name)
    if end < len(text) and text[end] in "،," and len(names) == 1:
        more = re.match(r"[،,]\s*", text[end:])
        rest = end + more.end() if more else end
        nxt = re.match(r"(\w+)", text[rest:])
        if nxt and _starts_name(nxt.group(1), gaz):
            stop_at = _NAME_END_RE.search(text, rest)
            extra = _split_authors(text, rest, stop_at.start() if stop_at else len(text), gaz)
            if extra:
                return [*_spans(names, gaz), *extra] if _spans(names, gaz) else []
    return _spans(names, gaz)


def _starts_name(word: str, gaz: Gazetteer) -> bool:
    k = key_of(word)
    return k in gaz.given or k in gaz.ambiguous_given or k in ("عبد", "ابو")


def _spans(names: list[list[tuple[int, int, str]]], gaz: Gazetteer) -> list[tuple[int, int]]:
    out = []
    for name in names:
        keys = [key_of(w) for _, _, w in name]
        if not _is_name(keys, gaz):
            return []
        out.append((name[0][0], name[-1][1]))
    return out


def _is_name(keys: list[str], gaz: Gazetteer) -> bool:
    counted = [k for k in keys if k not in _PARTICLES]
    if not counted or len(counted) > MAX_NAME_WORDS:
        return False
    if len(keys) == 1 and keys[0] not in gaz.given and keys[0] not in gaz.ambiguous_given:
        return False  # one word: only a listed given name ("كتبت: منى")
    if keys[0] in _COLLECTIVE or keys[-1] in ("التحرير", "الاخبار"):
        return False
    for k in keys:
        if k in NOT_NAME or k in ROLE_WORDS or k in PERSON_TITLES or len(k) < 2:
            return False
        if k in ORG_HEADS or k in ORG_STOP:
            return False
    entry = gaz.names.get(key_of(" ".join(keys)))
    return entry is None or entry[0] == "person"


def _not_a_name_word(key: str, gaz: Gazetteer) -> bool:
    """A noun with a pronoun ("قصيدته"، "مقالها") or an indefinite accusative ("مقالا"،
    "تقريرا"): after كتب with no separator, the verb's object in a sentence ("كتب الشاعر
    محمود درويش قصيدته"). Listed given names that look so (مها، رضا) are names; after a
    separator the name is taken as it is (أوباما)."""
    if key.startswith("ال") or len(key) < 4 or key in gaz.given or key in gaz.ambiguous_given:
        return False
    return key.endswith(("ته", "تها", "ها", "هم", "هما")) or (
        key.endswith("ا") and not key.endswith(("ئا", "يا"))
    )
