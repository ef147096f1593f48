"""The title: the first line that reads like a headline, or one derived from the lead."""

from __future__ import annotations

import re

from archive.metadata.boilerplate import Line, is_breadcrumb
from archive.metadata.dates import FoundDate
from archive.metadata.gazetteer import key_of
from archive.metadata.source import BRAND_WORDS, HEAD_WORDS, is_dateline, listed_outlet

MIN_WORDS, MAX_WORDS = 3, 30
MAX_TITLE_CHARS = 220
DERIVED_MAX_WORDS = 30
LEAD_MIN_WORDS = 16  # a line this long that ends with a full stop is a lead, not a headline
_WORD_RE = re.compile(r"\w+")
_SENTENCE_END_RE = re.compile(r"[.!?؟]+(?=\s|$)|[:؛]\s")
_LABEL_RE = re.compile(r"^\W*(?:المصدر|نشر|تاريخ النشر|بتاريخ|اخر تحديث|كتب|بقلم)\b")


def is_date_line(line: Line, dates: list[FoundDate]) -> bool:
    """A line that is (nearly) only a date, a weekday or a time."""
    rest = line.text
    for d in sorted(dates, key=lambda d: -d.start):
        if line.start <= d.start and d.end <= line.end:
            rest = rest[: d.start - line.start] + rest[d.end - line.start :]
    if rest == line.text:  # no date in it (a paragraph, most often): its words are not needed
        return False
    words = [w for w in _WORD_RE.findall(rest) if w not in DATELINE_FILLERS]
    return len(words) <= 3 and not any(len(w) > 8 for w in words)


# Words a dateline carries besides its dates: "جدة 15 رمضان 1445 هـ الموافق 25 مارس 2024 م واس"
DATELINE_FILLERS = frozenset(
    "الموافق م ه هـ الساعة الساعه ص مساء صباحا بتوقيت غرينتش".split()
) | frozenset(
    a
    for a in (
        "واس",
        "وام",
        "قنا",
        "كونا",
        "بترا",
        "واع",
        "ومع",
        "وات",
        "سانا",
        "وأج",
        "أ",
        "ش",
        "ف",
        "ب",
        "د",
        "ا",
    )
)


def choose_title(lines: list[Line], skip: set[int], dates: list[FoundDate]) -> tuple[str, bool]:
    """(title, derived). `skip` holds indexes of lines inside boilerplate. Date lines,
    labels and datelines ("بيروت – من نذير رضا", a dump's text with no title) are passed."""
    for index, line in enumerate(lines[:8]):
        if index in skip or is_breadcrumb(line) or is_date_line(line, dates):
            continue
        if _LABEL_RE.match(line.folded) or is_dateline(line):
            continue
        if index < SITE_LINES and is_site_name(line.text):
            continue  # "سكاي نيوز عربية" above the headline
        words = _WORD_RE.findall(line.text)
        if len(words) < MIN_WORDS:
            continue
        is_lead = len(words) >= LEAD_MIN_WORDS and line.text.rstrip().endswith((".", "。"))
        if len(words) <= MAX_WORDS and len(line.text) <= MAX_TITLE_CHARS and not is_lead:
            return line.text.rstrip(" .:؛،"), False
        return derive_title(line.text), True
    return "", False


def derive_title(paragraph: str) -> str:
    """The first sentence of a lead paragraph, cut at a clause boundary when it runs long."""
    m = _SENTENCE_END_RE.search(paragraph)
    sentence = paragraph[: m.start()] if m else paragraph
    words = sentence.split()
    if len(words) > DERIVED_MAX_WORDS:
        cut = sentence.find("،", len(" ".join(words[:6])))
        if 0 < cut and len(sentence[:cut].split()) <= DERIVED_MAX_WORDS:
            sentence = sentence[:cut]
        else:
            sentence = " ".join(words[:DERIVED_MAX_WORDS]) + "…"
    return sentence.strip().rstrip(" .:؛،")


# A web page's title often ends with its site: "العنوان | الجزيرة نت", "العنوان - سكاي نيوز
# عربية". After "|" any short part is the site (the longest part is the headline, parts
# between are sections); after a dash only a name with an outlet's word (نيوز، نت، عربية،
# قناة، صحيفة…, in it or in the name the organisation table lists it under) or Latin
# letters (CNN, BBC).
_PIPE_RE = re.compile(r"\s+[|｜]\s+")
_DASH_SITE_RE = re.compile(r"^(?P<t>.+?)\s+[-–—]\s+(?P<s>[^-–—|]+)$")
# Outlets' words (BRAND_WORDS, HEAD_WORDS) and the listed outlets: archive.metadata.source.
SITE_MAX_WORDS = 4
_LATIN_NAME_RE = re.compile(r"[a-z][a-z0-9.]*$")  # (key_of lower-cases)
_IN_ARABIC = frozenset(key_of(w) for w in "بالعربية بالعربي عربي عربية العربية".split())
SITE_LINES = 3  # a site's name on a line of its own, among the first lines


def site_line(lines: list[Line], skip: set[int]) -> str | None:
    """The site named on a line of its own among the first lines ("سكاي نيوز عربية")."""
    for index, line in enumerate(lines[:SITE_LINES]):
        if index not in skip and is_site_name(line.text):
            return line.text.strip()
    return None


def split_site(title: str) -> tuple[str, str | None]:
    """(the headline, the site named after it or None)."""
    parts = _PIPE_RE.split(title)
    if len(parts) > 1:
        headline = max(parts, key=len)
        rest = [p for p in parts if p is not headline]
        site = parts[-1] if parts[-1] is not headline else parts[0]
        if len(headline.split()) >= MIN_WORDS and all(
            len(p.split()) <= SITE_MAX_WORDS for p in rest
        ):
            return headline.strip(), _site_part(site, leading=site is parts[0])
        return title, None
    m = _DASH_SITE_RE.match(title)
    if m is None or len(m.group("t").split()) < MIN_WORDS:
        return title, None
    site = m.group("s").strip()
    if is_site_name(site, heads=True):
        return m.group("t").strip(), site
    return title, None  # "… - الأمم المتحدة": who said it, not where it was published


# Words that open or close a headline as its kind, not its outlet: "حوار | …", "… | فيديو".
_KICKERS = frozenset(
    key_of(w)
    for w in (
        "حوار", "مقابلة", "تقرير", "تحقيق", "تحليل", "رأي", "مقال", "خاص", "حصري", "عاجل",
        "فيديو", "بالفيديو", "صور", "بالصور", "شاهد", "إنفوغراف", "انفوجراف", "متابعة",
    )
)  # fmt: skip


def _site_part(part: str, *, leading: bool) -> str | None:
    """The outlet a short part beside the headline names, or None: a kicker ("حوار | …")
    names none, and a part before the headline is an outlet only by its name (a site is
    written after the headline; before it, "حوار" or a section is more likely)."""
    part = part.strip()
    if not part or key_of(part) in _KICKERS:
        return None
    if leading and not is_site_name(part, heads=True):
        return None
    return part


def is_site_name(text: str, *, heads: bool = False) -> bool:
    """A short outlet's name: with a word only outlets have ("سكاي نيوز عربية"), a name the
    organisation table lists under one with a head noun ("الجزيرة نت": قناة الجزيرة), with a
    head noun itself when `heads` ("… - صحيفة الرياض"), or a Latin name ("CNN بالعربية")."""
    words = key_of(text).split()
    if not words or len(words) > SITE_MAX_WORDS:
        return False
    if set(words) & BRAND_WORDS:
        return True
    if heads and (set(words) & HEAD_WORDS or (len(words) > 1 and words[-1] in _IN_ARABIC)):
        return True  # "… - صحيفة الرياض", "… - اندبندنت عربية"
    if listed_outlet(" ".join(words)):
        return True
    # "CNN بالعربية", "BBC News عربي", "France 24": a Latin name, then Latin or "in Arabic"
    # (one Latin word alone, "UNRWA", is more often a topic than a site)
    return (
        len(words) > 1
        and _LATIN_NAME_RE.match(words[0]) is not None
        and all(w.isascii() or w in _IN_ARABIC for w in words)
    )
