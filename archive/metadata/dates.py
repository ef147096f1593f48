"""Dates in Arabic news text: numeric (D/M/Y, ISO), month names of the three calendars in use
(Levantine/Iraqi, Egyptian/Gulf, Maghrebi), double forms, عام/سنة + year, years alone, and Hijri
dates marked هـ (converted with hijridate). Everything matches on the folded text
(archive.metadata.textmap), so أ/ا, ة/ه, ى/ي and Arabic-Indic digits need no variants here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from archive.metadata.textmap import Folded, fold, fold_char_text

# Gregorian months by the names each region writes (folded spellings are derived below).
GREGORIAN_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("كانون الثاني", "يناير", "جانفي", "جانفييه", "ينايِر"),
    2: ("شباط", "فبراير", "فيفري", "فبرير", "فبرايِر"),
    3: ("آذار", "مارس", "مارث"),
    4: ("نيسان", "أبريل", "إبريل", "ابريل", "أفريل", "افريل", "أبرِيل"),
    5: ("أيار", "مايو", "ماي", "مايس"),
    6: ("حزيران", "يونيو", "يونيه", "يونية", "جوان"),
    7: ("تموز", "يوليو", "يوليه", "يولية", "جويلية", "جويلييه", "يوليوز"),
    8: ("آب", "أغسطس", "اغسطس", "أغسطوس", "أوت", "غشت"),
    9: ("أيلول", "سبتمبر", "شتنبر"),
    10: ("تشرين الأول", "أكتوبر", "اكتوبر", "أوكتوبر"),
    11: ("تشرين الثاني", "نوفمبر", "نونبر", "نوڤمبر"),
    12: ("كانون الأول", "ديسمبر", "دجنبر", "دیسمبر"),
}
HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("محرم", "المحرم"),
    2: ("صفر",),
    3: ("ربيع الأول", "ربيع الاول"),
    4: ("ربيع الآخر", "ربيع الثاني", "ربيع الاخر"),
    5: ("جمادى الأولى", "جمادى الأول", "جمادي الاولى"),
    6: ("جمادى الآخرة", "جمادى الثانية", "جمادى الآخر"),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة"),
    12: ("ذو الحجة", "ذي الحجة"),
}


def _month_table(table: dict[int, tuple[str, ...]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for number, names in table.items():
        for name in names:
            out[fold_char_text(name)] = number
    return out


G_MONTH = _month_table(GREGORIAN_MONTHS)
H_MONTH = _month_table(HIJRI_MONTHS)


def _alternation(keys: dict[str, int]) -> str:
    return "|".join(
        re.escape(k).replace(r"\ ", r"\s+") for k in sorted(keys, key=len, reverse=True)
    )


_B = r"(?<![\w])"  # word start (Arabic letters are \w)
_E = r"(?![\w])"
_CLITIC = r"(?:[وفبل]|في\s+)?"  # وفي 10 أيار، ب10 أيار
_GM = f"(?:{_alternation(G_MONTH)})"
GM_PATTERN = _GM  # Gregorian month names, folded (for datelines elsewhere)
_HM = f"(?:{_alternation(H_MONTH)})"
_DAY = r"(?:[0-2]?[0-9]|3[01])"
_YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2}|21[0-4][0-9])"
_HYEAR = r"(?:1[34][0-9]{2})"
_SEP = r"\s*[/\-–—.,،]?\s*"
_HIJRI_MARK = r"\s*(?:ه\s*ـ|هـ|ه\b|هجري(?:ه|ا)?|للهجر[هي])"

# A Gregorian date with a month name: [day] month [/ second month] [عام] year; the month may be
# doubled ("6/أغسطس – آب /2017", "10 كانون الثاني/يناير 2023", "12 مارس (آذار) 2024").
_UNITS = ("الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")
ORDINAL_DAYS: dict[str, int] = {w: i + 1 for i, w in enumerate(_UNITS)}
ORDINAL_DAYS.update({"العاشر": 10, "الحادي عشر": 11, "العشرين": 20, "الثلاثين": 30})
ORDINAL_DAYS.update({f"{w} عشر": i + 1 + 10 for i, w in enumerate(_UNITS) if i >= 1})
ORDINAL_DAYS.update({f"{w} والعشرين": i + 21 for i, w in enumerate(("الحادي", *_UNITS[1:]))})
ORDINAL_DAYS["الحادي والثلاثين"] = 31
_ORD = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(ORDINAL_DAYS, key=len, reverse=True)
)
NAMED_RE = re.compile(
    rf"{_B}(?:(?:(?P<day>{_DAY})|(?P<dayw>{_ORD})\s+من){_SEP}(?:من\s+(?:شهر\s+)?|شهر\s+)?)?"
    rf"{_CLITIC}(?P<m1>{_GM}){_E}"
    rf"(?:(?:{_SEP}|\s*\(\s*)(?P<m2>{_GM}){_E}(?:\s*\))?)?"  # "مارس (آذار) 2024"
    rf"(?:{_SEP}(?:(?:من\s+)?(?:عام|سنه|العام)\s+)?(?P<year>{_YEAR}))?(?!\s*م?\s*ه\s*ـ)(?![0-9])"
)
HIJRI_RE = re.compile(
    rf"{_B}(?:(?P<day>{_DAY})\s*)?(?:من\s+)?{_CLITIC}(?P<month>{_HM}){_E}\s*(?:(?:عام|سنه)\s+)?"
    rf"(?P<year>{_HYEAR}){_HIJRI_MARK}"
    rf"|{_B}(?:عام|سنه|العام)?\s*(?P<yonly>{_HYEAR}){_HIJRI_MARK}"
    # a day, a Hijri month and a Hijri year need no mark: "١٤ رجب ١٤٤٥" (a dateline)
    rf"|{_B}(?P<dday>{_DAY})\s*(?:من\s+)?{_CLITIC}(?P<dmonth>{_HM}){_E}\s*(?P<dyear>{_HYEAR})"
    r"(?![0-9])"
)
NUMERIC_RE = re.compile(
    rf"(?<![0-9/.\-])(?:(?P<d>{_DAY})(?P<s>\s?[/.\-]\s?)(?P<m>0?[1-9]|1[0-2])(?P=s)(?P<y>{_YEAR})"
    rf"|(?P<iy>{_YEAR})(?P<s2>[-/.])(?P<im>0?[1-9]|1[0-2])(?P=s2)(?P<id>0?[1-9]|[12][0-9]|3[01]))(?![0-9/])"
)
# "من" makes a year a time after a period's ordinal: "الربع الأول من 2025"، "النصف الثاني من".
_ORDINAL_MIN = (
    "(?:"
    + "|".join(
        f"(?<={w}\\s)"
        for w in ("الاول", "الاولي", "الثاني", "الثانيه", "الثالث", "الرابع", "الاخير", "الاخيره")
    )
    + ")من"
)
# A year on its own only after a word that makes it a time: عام 2018, منذ 2011, في 2023.
YEAR_RE = re.compile(
    rf"{_B}(?P<lead>(?:[وفبل]?(?:عام|العام|سنه|السنه|لعام|لسنه|منذ|مطلع|اوائل|اواخر|اواسط|منتصف|"
    rf"نهايه|بدايه|حتي|خلال|قبل|بعد|في|الي|صيف|شتاء|ربيع|خريف|صاءفه|موسم)|{_ORDINAL_MIN}))"
    rf"\s+(?P<y>{_YEAR})(?![0-9])"
    rf"(?!\s*(?:م?\s*ه\s*ـ|هـ|شخص|مواطن|دولار|يورو|جنيه|ريال|درهم|دينار|ليره|طن|كيلو|متر|قتيل|جريح))"
)


# Where a match can start, so the patterns are tried there only and not at every position of
# the text: a pattern that opens with a lookbehind gets no fast scan from the regex engine,
# one that opens with a literal does (the hints below, and the year's digits).
_HIJRI_HINT_RE = re.compile(
    rf"1[34][0-9]{{2}}(?![0-9])\s*(?:ه|هجري|للهجر)|{_HM}{_E}\s*1[34][0-9]{{2}}(?![0-9])"
)
_MONTH_HINT_RE = re.compile(f"{_GM}{_E}")  # named dates in a text given without windows
# A named date's month is a word of its own, or carries one clitic letter or the من of an
# ordinal day ("الأول منمارس" is read as one): MONTH_WORD_FORMS are those words. Before the
# month's word come at most NAMED_PREFIX_WORDS words (الحادي والعشرين من شهر في) and the day's
# digits; a match starts at the beginning of one of them.
MONTH_WORD_FORMS = frozenset(
    form
    for month in G_MONTH
    for first in (month.split()[0],)
    for form in (
        first,
        *(c + first for c in ("و", "ف", "ب", "ل", "من", "منو", "منف", "منب", "منل")),
    )
)
NAMED_PREFIX_WORDS = 6
_RUN_START_RE = re.compile(r"(?<!\w)\w")
# A year: four digits (then the lead word before it, or the day and month of a numeric date).
_YEAR_DIGITS_RE = re.compile(f"{_YEAR}(?![0-9])")
_DIGITS = frozenset("0123456789")
_NOT_BEFORE_NUMERIC = frozenset("0123456789/.-")  # NUMERIC_RE's lookbehind
NUMERIC_BEFORE_YEAR = 10  # a day, a separator, a month, a separator: 2 + 3 + 2 + 3


@dataclass(frozen=True, slots=True)
class FoundDate:
    iso: str
    start: int  # offsets in the ORIGINAL text
    end: int
    hijri: bool = False  # written in the Hijri calendar (iso is the Gregorian equivalent)

    @property
    def full(self) -> bool:
        return len(self.iso) == 10


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    import datetime as _dt

    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _hijri(y: int, m: int | None = None, d: int | None = None) -> str | None:
    from hijridate import Hijri

    try:
        g = Hijri(y, m or 1, d or 1).to_gregorian()
    except (ValueError, OverflowError):
        return None
    if m is None:
        return f"{g.year:04d}"
    if d is None:
        return f"{g.year:04d}-{g.month:02d}"
    return g.isoformat()


def find_dates(
    text: str, folded: Folded | None = None, month_windows: list[tuple[int, int]] | None = None
) -> list[FoundDate]:
    """Every date in `text`, in order, non-overlapping (most specific form wins).

    `month_windows`, when given, holds for every word of the folded text in MONTH_WORD_FORMS
    (lo, start): its folded offset and that of the NAMED_PREFIX_WORDS-th word before it (or 0).
    Named dates are then tried only there."""
    f = folded or fold(text)
    t = f.text
    starts: list[int] = []  # the spans taken: disjoint, kept sorted by start
    ends: list[int] = []
    found: list[tuple[int, int, str, bool]] = []

    def add(s: int, e: int, iso: str | None, hijri: bool = False) -> None:
        # a span can only overlap its neighbours in start order (the spans are disjoint):
        # a text of 30 000 dates no longer compares each with all the others
        i = bisect_left(starts, s)
        if iso is None or (i and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
            return
        starts.insert(i, s)
        ends.insert(i, e)
        found.append((s, e, iso, hijri))

    for m in HIJRI_RE.finditer(t) if _HIJRI_HINT_RE.search(t) else ():
        if m.group("yonly"):
            add(m.start("yonly"), m.end(), _hijri(int(m.group("yonly"))), True)
        elif m.group("dmonth"):
            month = H_MONTH[_key(m.group("dmonth"))]
            add(
                m.start(), m.end(), _hijri(int(m.group("dyear")), month, int(m.group("dday"))), True
            )
        else:
            day = int(m.group("day")) if m.group("day") else None
            add(
                m.start(),
                m.end(),
                _hijri(int(m.group("year")), H_MONTH[_key(m.group("month"))], day),
                True,
            )
    years = _year_runs(t)
    if not years:  # every form below needs a Gregorian year
        return _found_dates(text, f, found)
    for m in _numeric_matches(t, years):
        if m.group("iy"):
            add(
                m.start(), m.end(), _iso(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
            )
        else:
            add(m.start(), m.end(), _iso(int(m.group("y")), int(m.group("m")), int(m.group("d"))))
    for m in _named_matches(t, month_windows):
        if not m.group("year"):
            continue  # a month name alone (or a day and month) is not a date we can place
        month = G_MONTH[_key(m.group("m1"))]
        day = int(m.group("day")) if m.group("day") else None
        if m.group("dayw"):
            day = ORDINAL_DAYS[re.sub(r"\s+", " ", m.group("dayw"))]
        start = m.start() if day is not None else m.start("m1")
        add(start, m.end(), _iso(int(m.group("year")), month, day))
    for m in _year_matches(t, years):
        lead = m.group("lead")
        keep_lead = lead.lstrip("وفبل") in {"عام", "العام", "سنه", "السنه"} or lead in {
            "لعام",
            "لسنه",
        }
        add(m.start() if keep_lead else m.start("y"), m.end("y"), _iso(int(m.group("y"))))
    return _found_dates(text, f, found)


def _named_matches(t: str, windows: list[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
    """NAMED_RE.finditer(t), trying only the starts of the words in the windows (in order, as
    finditer would: leftmost, each match past the end of the one before)."""
    if windows is None:
        yield from NAMED_RE.finditer(t) if _MONTH_HINT_RE.search(t) else ()
        return
    starts: set[int] = set()
    for lo, start in windows:
        starts.update(m.start() for m in _RUN_START_RE.finditer(t, lo, start + 1))
    yield from _leftmost(NAMED_RE, t, starts)


def _leftmost(pattern: re.Pattern[str], t: str, starts: set[int]) -> Iterator[re.Match[str]]:
    """What pattern.finditer(t) finds, when it can only start at `starts`: tried in order,
    each match past the end of the one before."""
    last = 0
    for s in sorted(starts):
        m = pattern.match(t, s) if s >= last else None
        if m:
            yield m
            last = m.end()


def _year_runs(t: str) -> list[int]:
    """Where the four-digit runs that can be a year start. Every form but the Hijri holds
    one, with no digit on either side (and no pattern below needs a lookbehind to find it)."""
    return [
        m.start()
        for m in _YEAR_DIGITS_RE.finditer(t)
        if not m.start() or t[m.start() - 1] not in _DIGITS
    ]


def _numeric_matches(t: str, years: list[int]) -> Iterator[re.Match[str]]:
    """NUMERIC_RE.finditer(t), tried only where it can start: at a year (2024-04-22) or at
    most NUMERIC_BEFORE_YEAR characters before one (22/4/2024), at a digit that follows no
    digit or separator. In order, as finditer: leftmost first, each past the one before."""
    starts = {
        s
        for year in years
        for s in range(max(year - NUMERIC_BEFORE_YEAR, 0), year + 1)
        if t[s] in _DIGITS and (not s or t[s - 1] not in _NOT_BEFORE_NUMERIC)
    }
    yield from _leftmost(NUMERIC_RE, t, starts)


def _year_matches(t: str, years: list[int]) -> Iterator[re.Match[str]]:
    """YEAR_RE.finditer(t), tried only where it can start: a year is preceded by whitespace and
    that by the lead word, whose start (after a character that is not \\w) is the match's."""
    last = 0
    for year in years:
        end = year  # of the whitespace before the year, then of the lead word
        while end > 0 and t[end - 1].isspace():
            end -= 1
        start = end
        while start > 0 and (t[start - 1].isalnum() or t[start - 1] == "_"):
            start -= 1
        if start == end or start < last or end == year:
            continue
        m = YEAR_RE.match(t, start)
        if m:
            yield m
            last = m.end()


def _found_dates(text: str, f: Folded, found: list[tuple[int, int, str, bool]]) -> list[FoundDate]:
    found.sort()
    out = []
    for s, e, iso, hijri in found:
        end = f.orig_end(e)
        while end < len(text) and text[end] == "\u0640":  # the tatweel of هـ
            end += 1
        out.append(FoundDate(iso, f.orig(s), end, hijri))
    return out


def _key(month_text: str) -> str:
    return re.sub(r"\s+", " ", month_text)


# A numeric date in a dump's date field whose year lies here is Hijri (1300 AH = 1882 AD):
# Saudi and Gulf sites date records "1445/06/10"; no news record is of the year 1445 AD.
HIJRI_FIELD_YEARS = range(1300, 1501)
_HIJRI_MARK_RE = re.compile(r"\s*(?:هـ|ه)\.?$")
_FIELD_DMY_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def _field_iso(y: int, m: int, d: int, hijri: bool = False) -> str | None:
    return _hijri(y, m, d) if hijri or y in HIJRI_FIELD_YEARS else _iso(y, m, d)


def parse_date_field(value: str) -> str | None:
    """ISO form of a dump's date field: ISO timestamps, D/M/Y, or Arabic text with a date.
    A numeric date with a Hijri year (or marked هـ) is converted from the Hijri calendar."""
    value = value.strip()
    if not value:
        return None
    marked = _HIJRI_MARK_RE.search(value)
    hijri = marked is not None and value[: marked.start()][-1:].isdigit()
    numeric = value[: marked.start()] if hijri and marked else value
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$", numeric)
    if m:
        return _field_iso(int(m[1]), int(m[2]), int(m[3]), hijri)
    m = re.match(r"^(\d{4})/(\d{1,2})/(\d{1,2})$", numeric)
    if m:
        return _field_iso(int(m[1]), int(m[2]), int(m[3]), hijri)
    m = _FIELD_DMY_RE.match(numeric)
    if m and (hijri or int(m[3]) in HIJRI_FIELD_YEARS):
        return _hijri(int(m[3]), int(m[2]), int(m[1]))
    m = re.match(r"^(\d{4})(?:-(\d{2}))?$", numeric)
    if m:
        month = int(m[2]) if m[2] else None
        if hijri or int(m[1]) in HIJRI_FIELD_YEARS:
            return _hijri(int(m[1]), month)
        return _iso(int(m[1]), month)
    latin = _latin_date_field(value)
    if latin:
        return latin
    dates = find_dates(value)
    if dates:
        return max(dates, key=lambda d: len(d.iso)).iso
    return None


_EN_MONTHS = {
    m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}
# "Tue, 12 Mar 2024 10:00:00 +0300" (RSS pubDate, RFC 822), "12 March 2024"; "March 12, 2024"
_EN_DMY_RE = re.compile(r"^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_EN_MDY_RE = re.compile(r"^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def _latin_date_field(value: str) -> str | None:
    """Dates as feeds and exports write them: an English month name (the day as written,
    whatever the time zone), YYYYMMDD, or Unix time in seconds or milliseconds (UTC)."""
    import datetime as _dt

    if value.isascii() and value.isdigit():
        if len(value) == 8:
            return _iso(int(value[:4]), int(value[4:6]), int(value[6:]))
        if len(value) in (10, 13):
            seconds = int(value) // (1000 if len(value) == 13 else 1)
            when = _dt.datetime.fromtimestamp(seconds, _dt.UTC).date()
            return when.isoformat() if 1990 <= when.year <= 2100 else None
        return None
    m = _EN_DMY_RE.match(value)
    if m:
        day, month, year = m[1], m[2], m[3]
    else:
        m = _EN_MDY_RE.match(value)
        if m is None:
            return None
        month, day, year = m[1], m[2], m[3]
    number = _EN_MONTHS.get(month[:3].lower())
    return _iso(int(year), number, int(day)) if number else None
