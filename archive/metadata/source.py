"""Where an article comes from: a "المصدر:" line, "الموقع الرسمي لـ…", or an attribution
phrase (نقلا عن، وفق ما نقل موقع/وكالة/قناة …، بحسب وكالة …). A dump's source field wins."""

from __future__ import annotations

import re

from archive.metadata.boilerplate import Line
from archive.metadata.gazetteer import key_of, load
from archive.metadata.textmap import Folded, fold

_QUOTED = r"[\"“”«»'‘’]"
_LABEL_RE = re.compile(
    r"^\W*(?:المصدر|مصدر الخبر|المصدر والصور|نقلا عن|عن)\s*[:：\-–]\s*(?P<v>.+)$"
)
_OFFICIAL_RE = re.compile(r"^\W*(?P<v>الموقع\s+الرسمي\s+(?:ل|لـ\s*|ل\s+).{3,80}?)\W*$")
_OUTLET = r"(?:موقع|وكاله|قناه|صحيفه|جريده|مجله|اذاعه|تلفزيون|شبكه|منصه|مركز)"
# An attribution: the outlet's name follows, quoted or up to a stop word / punctuation.
# A reporting verb, bare or with its pronouns: نقل، نقلت، نقله، نقلته، نقلتها (never a part of
# one: "نقلته وكالة بلومبرغ" must not leave "ه وكالة بلومبرغ" as the outlet).
_VERB = r"(?:نقل|ذكر|اورد|افاد|نشر)(?:تها|ته|ها|ت|ه)?(?!\w)"
_ATTRIB_RE = re.compile(
    r"(?:نقلا\s+عن|نقلاً\s+عن|وفق(?:ا|ً)?\s+ما\s+" + _VERB + r"(?:\s+بها?)?|"
    r"بحسب\s+ما\s+" + _VERB + r"|حسبما\s+" + _VERB + r"|"
    r"(?:بحسب|حسب|وفق|وفقا\s+ل)\s*(?=" + _OUTLET + r")|"
    r"(?:ذكرت|افادت|اوردت|نقلت|قالت|نقلته|نقلتها|اوردته|اوردتها|نشرته|نشرتها)\s+(?="
    + _OUTLET
    + r")|"
    r"(?:وفقا|طبقا|استنادا)\s+(?:لما|الي\s+ما)\s+" + _VERB + r"\s+)\s*"
    r"(?P<v>(?:"
    + _OUTLET
    + r"\s+){0,2}(?:"
    + _QUOTED
    + r"[^\"“”«»'‘’\n]{2,40}"
    + _QUOTED
    + r"|[^\s.,،:؛\"“”«»()]+(?:\s+[^\s.,،:؛\"“”«»()]+){0,4}))"
)
_STOP_WORDS = {
    "ان", "انه", "بان", "في", "من", "على", "علي", "عن", "الي", "مع", "التي", "الذي", "اليوم",
    "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "يوم",
    "مساء", "صباح", "فقد", "وقد", "حيث", "بعد", "قبل", "خلال", "ضمن", "وذلك", "عبر", "الرسمي",
    "الالكتروني", "قوله", "قولها", "مصادر", "مصدر", "و",
}  # fmt: skip
_OUTLET_PREFIX_RE = re.compile(r"^(?:(?:موقع|قناه|شبكه|منصه|مجله|صحيفه|جريده)\s+)+")


# Agency codes that Arab wires put in the dateline: "الجزائر-14 جانفي 2024 (وأج)", "… م واس".
AGENCY_CODES = {
    "واس": "وكالة الأنباء السعودية",
    "وام": "وكالة أنباء الإمارات",
    "قنا": "وكالة الأنباء القطرية",
    "كونا": "وكالة الأنباء الكويتية",
    "العمانيه": "وكالة الأنباء العمانية",
    "بترا": "وكالة الأنباء الأردنية",
    "واع": "وكالة الأنباء العراقية",
    "سانا": "وكالة الأنباء السورية",
    "ومع": "وكالة المغرب العربي للأنباء",
    "واج": "وكالة الأنباء الجزائرية",
    "وات": "وكالة تونس أفريقيا للأنباء",
    "سونا": "وكالة السودان للأنباء",
    "وفا": "وكالة الأنباء الفلسطينية",
    "سبا": "وكالة الأنباء اليمنية",
    "ا ش ا": "وكالة أنباء الشرق الأوسط",
    "ا ف ب": "وكالة فرانس برس",
    "د ب ا": "وكالة الأنباء الألمانية",
    "رويترز": "رويترز",
}
DATELINE_LINES = 4
_AGENCY_CODE_RE = re.compile(
    r"(?:\(\s*|(?<![^\s\-–]))(?P<code>"
    + "|".join(
        re.escape(c).replace(r"\ ", r"\s*") for c in sorted(AGENCY_CODES, key=len, reverse=True)
    )
    + r")(?:\s*\)|\s*$|\s*[-–—])"
)


# A dateline of a place and an agency's code that opens the lead on the same line, with no
# date: "الكويت (كونا) -- أعلنت …", "الرياض (واس) - أكد …" (on the folded text).
_CODE_DATELINE_RE = re.compile(
    r"^\W*(?P<place>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})\s*(?:[،,]\s*)?"
    r"\(\s*(?P<code>[^()\n]{2,12}?)\s*\)\s*[-–—:]+\s*"
)


def agency_dateline_end(folded: str) -> int | None:
    """Where "الكويت (كونا) -- " ends at the start of a line (folded), or None: a listed
    place, an agency code in brackets and a dash."""
    m = _CODE_DATELINE_RE.match(folded)
    if m is None or re.sub(r"\s+", " ", m.group("code")) not in AGENCY_CODES:
        return None
    return m.end() if _listed_places(m.group("place")) else None


def find_source(lines: list[Line], skip: set[int]) -> str | None:
    """The source, under its canonical name when the organisation table knows it."""
    found = _find_source(lines, skip)
    return None if found is None else canonical_source(found)


def canonical_source(name: str) -> str:
    """An outlet's name as the organisation table lists it ("الجزيرة نت" → قناة الجزيرة),
    also when written as its web address ("https://www.aljazeera.net/news" → قناة الجزيرة,
    "arabic.rt.com" → روسيا اليوم); any other name as it is."""
    names = load().names
    entry = names.get(key_of(name.replace(".", " ")))
    if entry is None:
        entry = names.get(key_of(name))
    if entry is None and (m := _DOMAIN_RE.match(name.strip().lower())):
        labels = m.group("host").split(".")
        hosts = (".".join(labels[k:]) for k in range(len(labels) - 1))
        entry = next((names[h] for h in hosts if h in names), None)
    return entry[1] if entry and entry[0] == "org" else name


# A web address or a bare domain, as news-please's source_domain gives it.
_DOMAIN_RE = re.compile(
    r"^(?:https?://)?(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/?#:]\S*)?$"
)


def _find_source(lines: list[Line], skip: set[int]) -> str | None:
    for index in range(len(lines) - 1, -1, -1):
        if index in skip:
            continue
        line = lines[index]
        if not (_LABEL_RE.match(line.folded) or _OFFICIAL_RE.match(line.folded)):
            continue
        f = fold(line.text)
        m = _LABEL_RE.match(f.text)
        if m and len(line.text) < 120:
            return _clean(line.text[f.orig(m.start("v")) :])
        m = _OFFICIAL_RE.match(f.text)
        if m and len(line.text) < 100:
            return _clean(line.text[f.orig(m.start("v")) : f.orig_end(m.end("v"))])
    for index, line in enumerate(lines[:DATELINE_LINES]):
        if index in skip:
            continue
        m = _AGENCY_CODE_RE.search(line.folded[:90])
        if m:
            return AGENCY_CODES[re.sub(r"\s+", " ", m.group("code"))]
    for index, line in enumerate(lines[:DATELINE_LINES]):
        if index not in skip and (outlet := _dateline_outlet(line)):
            return outlet
    for index, line in enumerate(lines):
        if index in skip or not attribution(line.folded):
            continue
        f = fold(line.text)
        m = attribution(f.text)
        if m:
            name = _outlet_name(line.text, f, m.start("v"), m.end("v"))
            if name:
                return name
    return None


# A dateline line of its own, "القاهرة - الأهرام": a listed place (or two, "طرابلس، ليبيا"),
# then a dash and a definite name of one or two words that is not a place ("العربية.نت" with
# its domain) or one word that is neither a place nor a given name ("الرباط - هسبريس"), or a quoted or bracketed name after the dash or instead of it ("بغداد -
# «الشرق الأوسط»"، "طرابلس، ليبيا (سي إن إن)"). A reporter's name, "بيروت - محمد صالح",
# opens with a given name, not with ال; "بيروت - من نذير رضا" is a byline. A name that opens
# with the kind of outlet ("تونس - وكالة تونس أفريقيا للأنباء", "صحيفة السوداني") is one too,
# and so is a name of two to four words with an outlet's word or listed as one ("أبوظبي - سكاي
# نيوز عربية", "لندن - بي بي سي عربي").
_PLACE = r"[^\W\d_]+(?:\s+[^\W\d_]+){0,2}"
_DATELINE_OUTLET_RE = re.compile(
    rf"^\W*(?P<place>{_PLACE})(?:\s*[،,]\s*(?P<place2>{_PLACE}))?\s*(?:"
    r"[-–—]\s*(?:(?P<o>(?:وكاله|صحيفه|جريده|قناه|اذاعه|موقع|شبكه)(?:\s+[^\W\d_]+){1,4})"
    r"|(?P<v>ال[^\W\d_]{2,}(?:\s+[^\W\d_]+)?(?:\.(?:نت|كوم|net|com))?)"
    r"|(?P<w>[^\W\d_]{3,}(?:\.(?:نت|كوم|net|com))?)"
    r"|[«\"“(]\s*(?P<q>[^«»\"“”()\n]{2,30}?)\s*[»\"”)]"
    r"|(?P<k>[^\W\d_]+(?:\s+[^\W\d_]+){1,3}))"
    r"|\(\s*(?P<b>[^()\n]{2,30}?)\s*\))\W*$"
)

# Words only an outlet's name has (سكاي نيوز عربية، العربية نت) and nouns that head one (قناة
# الجزيرة، صحيفة الرياض); a head noun alone also opens headlines ("قناة السويس تسجل …"), so it
# counts after a dash or in the name the organisation table lists, not on a line of its own.
BRAND_WORDS = frozenset(key_of(w) for w in "نيوز نت أونلاين الإخبارية".split())
HEAD_WORDS = frozenset(
    key_of(w) for w in "قناة صحيفة جريدة وكالة مجلة شبكة تلفزيون إذاعة موقع بوابة".split()
)


def listed_outlet(key: str) -> bool:
    """Whether the organisation table lists the name `key` (key_of) under an outlet's name:
    one with a head noun, also after its first word with the article ("بي بي سي عربي":
    هيئة الإذاعة البريطانية; "الجزيرة نت": قناة الجزيرة)."""
    names = load().names
    entry = names.get(key)
    if entry is None or entry[0] != "org":
        return False
    first, *rest = key_of(entry[1]).split()
    if {first, *(w[2:] if w.startswith("ال") else w for w in rest)} & HEAD_WORDS:
        return True
    # listed under its name and also with its head noun: "روسيا اليوم", "قناة روسيا اليوم"
    return any(names.get(f"{head} {key}") == entry for head in HEAD_WORDS)


# Newspapers named after a region no story is filed from: after a dateline's dash
# ("بغداد - الشرق الأوسط", "دبي - الخليج") the name is the outlet, quoted or not.
OUTLETS_NAMED_AS_REGIONS = frozenset(key_of(w) for w in ("الشرق الأوسط", "الخليج"))

_NOT_OUTLETS = frozenset(
    key_of(w)
    for w in (
        "فيديو صور بالصور تقرير خاص محدث تحديث مباشر عاجل حصري وكالات متابعات متابعة ترجمة "
        "مراسلنا مراسلون مكاتب"
    ).split()
)


def _a_name(word: str) -> bool:
    """A given name or a listed person: a reporter's name, not an outlet's."""
    gaz = load()
    k = key_of(word)
    entry = gaz.names.get(k)
    return (
        k in gaz.given or k in gaz.ambiguous_given or (entry is not None and entry[0] == "person")
    )


def _dateline_outlet(line: Line) -> str | None:
    found = _dateline_outlet_at(line)
    return found[0] if found else None


def _dateline_outlet_at(line: Line) -> tuple[str, int, int] | None:
    """(the outlet a dateline line names, its start and end offsets in the line's text)."""
    if len(line.text) > 60 or not _DATELINE_OUTLET_RE.match(line.folded):
        return None
    f = fold(line.text)  # (again, for the offsets of the outlet's original text)
    m = _DATELINE_OUTLET_RE.match(f.text)
    if m is None:
        return None
    if not _listed_places(m.group("place"), m.group("place2")):
        return None
    names = load().names
    group = next(g for g in ("o", "v", "w", "q", "b", "k") if m.group(g) is not None)
    if group == "k" and not (
        set(key_of(m.group("k")).split()) & BRAND_WORDS or listed_outlet(key_of(m.group("k")))
    ):
        return None  # "بيروت - محمد علي صالح": a reporter; "أبوظبي - سكاي نيوز عربية" is not
    if group != "v" and key_of(m.group(group)) in _NOT_OUTLETS:
        return None  # "غزة (فيديو)": a headline's label
    if group == "w" and _a_name(m.group("w")):
        return None  # "بيروت - جورج": a reporter
    outlet = names.get(key_of(m.group(group)))
    if (
        group != "q"
        and outlet is not None
        and outlet[0] == "place"
        and key_of(m.group(group)) not in OUTLETS_NAMED_AS_REGIONS
    ):
        return None  # "الرقة - الحسكة", "دمشق (سوريا)": places, not outlets
    start, end = f.orig(m.start(group)), f.orig_end(m.end(group))
    name = _clean(line.text[start:end])
    return (name, start, end) if name else None


def outlet_place_spans(lines: list[Line], skip: set[int]) -> list[tuple[int, int]]:
    """Where a dateline names its outlet with a place's name ("بغداد - «الشرق الأوسط»"):
    (start, end) in the text. The name there is the outlet, not a place in the story."""
    spans = []
    names = load().names
    for index, line in enumerate(lines[:DATELINE_LINES]):
        if index in skip:
            continue
        found = _dateline_outlet_at(line)
        if found is None:
            continue
        entry = names.get(key_of(found[0]))
        if entry is not None and entry[0] == "place":
            spans.append((line.start + found[1], line.start + found[2]))
    return spans


# "بيروت – من نذير رضا", "دمشق - كتب محمد صالح": a place and a reporter's byline.
_DATELINE_BYLINE_RE = re.compile(
    rf"^\W*(?P<place>{_PLACE})(?:\s*[،,]\s*(?P<place2>{_PLACE}))?\s*[-–—]\s*"
    r"(?P<by>من|بقلم|كتب|كتبت|مراسل\S*)\s+(?P<name>[^\W\d_]+)(?:\s+[^\W\d_]+){0,3}\W*$"
)


def is_dateline(line: Line) -> bool:
    """A line that only says where the story was filed and by whom: a listed place, then an
    outlet ("القاهرة - الأهرام"، "طرابلس، ليبيا (سي إن إن)"), an agency and its code
    ("صنعاء - وكالة الصحافة الفرنسية (أ ف ب)") or a byline ("بيروت – من نذير رضا")."""
    if len(line.text) > 70:
        return False
    if _dateline_outlet(line):
        return True
    m = _DATELINE_BYLINE_RE.match(line.folded)
    if m is None:
        head = re.match(rf"^\W*({_PLACE})\s*[-–—]\s*\S", line.folded)
        if head is None or len(line.folded.split()) > 9:
            return False
        if not _AGENCY_CODE_RE.search(line.folded):
            return False
        return _listed_places(head.group(1))
    if m.group("by") == "من" and not _a_name(m.group("name")):
        return False  # "دمشق - من المعارضة إلى السلطة": a headline, not "من نذير رضا"
    return _listed_places(m.group("place"), m.group("place2"))


def _listed_places(*names: str | None) -> bool:
    table = load().names
    for name in names:
        if name is not None:
            entry = table.get(key_of(name))
            if entry is None or entry[0] != "place":
                return False
    return True


# Every attribution opens with one of these (بحسب one letter before its حسب): _ATTRIB_RE is
# tried only there, not at every position of every line.
_ATTRIB_WORDS = ("نقل", "وفق", "حسب", "ذكرت", "افادت", "اوردت", "قالت", "نشرت", "طبقا", "استنادا")


def attribution(folded: str) -> re.Match[str] | None:
    """_ATTRIB_RE.search(folded), trying only where an attribution can start."""
    starts: set[int] = set()
    for word in _ATTRIB_WORDS:
        pos = folded.find(word)
        while pos >= 0:
            starts.add(pos)
            if word == "حسب" and pos:
                starts.add(pos - 1)
            pos = folded.find(word, pos + 1)
    for start in sorted(starts):
        m = _ATTRIB_RE.match(folded, start)
        if m:
            return m
    return None


def _outlet_name(text: str, f: Folded, start: int, end: int) -> str | None:
    folded = f.text[start:end]
    quoted = re.search(_QUOTED + r"([^\"“”«»'‘’]+)" + _QUOTED, folded)
    if quoted:
        return text[f.orig(start + quoted.start(1)) : f.orig_end(start + quoted.end(1))].strip()
    words = folded.split()
    kept: list[str] = []
    for word in words:
        if word in _STOP_WORDS or word.startswith("ل") and kept and word[1:] in _STOP_WORDS:
            break
        kept.append(word)
    if len(kept) > 2 and kept[-1] in AGENCY_CODES and any("انباء" in w for w in kept[:-1]):
        kept.pop()  # "وكالة الأنباء اليمنية سبأ": the code repeats the name
    if not kept:
        return None
    length = len(" ".join(kept))
    prefix = _OUTLET_PREFIX_RE.match(folded)
    cut = 0
    if prefix and len(kept) > len(prefix.group().split()):
        cut = prefix.end()
    elif (
        folded.startswith("وكاله ")
        and len(kept) > 1
        and not any(w in ("انباء", "الانباء", "للانباء", "الوطنيه", "الرسميه") for w in kept)
    ):
        cut = len("وكاله ")  # "وكالة رويترز" → رويترز; "وكالة أنباء الشرق الأوسط" stays
    return _clean(text[f.orig(start + cut) : f.orig_end(start + length)]) or None


def _clean(value: str) -> str:
    return value.strip().strip('.،,:؛ "“”«»').strip()
