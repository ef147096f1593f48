"""People, organisations and places: gazetteer n-grams first (longest match, clitics stripped),
then organisation head nouns with their modifiers, then people from given names, titles and
roles, then surnames standing alone linked to the full name found in the same article.

Works on the folded text (textmap) tokenised once; reports canonical names with the surface
forms seen. Tokens inside boilerplate spans are ignored.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from archive.metadata import EntityMention
from archive.metadata.gazetteer import Gazetteer, key_of, load
from archive.metadata.textmap import Folded
from archive.models import Span

_TOKEN_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_CLITICS_1 = ("و", "ف", "ب", "ل", "ك")
_CLITICS_2 = ("وب", "ول", "فب", "فل", "وك", "فك")
_QUOTES = "\"“”«»'‘’"

# Organisation head nouns (folded): a head plus at least one modifier makes a name.
ORG_HEADS = frozenset(
    key_of(w)
    for w in (
        "مجلس المجلس قوات القوات قوى الإدارة إدارة التحالف تحالف الائتلاف ائتلاف مفوضية المفوضية "
        "وزارة اللجنة لجنة حزب الحزب حركة الحركة منظمة المنظمة وكالة هيئة الهيئة جبهة الجبهة "
        "الجيش جيش جامعة الجامعة مركز اتحاد الاتحاد البنك بنك صندوق محكمة المحكمة جمعية الجمعية "
        "شركة برلمان البرلمان الدائرة دائرة مكتب رابطة نقابة مؤسسة المؤسسة المرصد مرصد تنظيم "
        "التنظيم الخارجية حكومة الحكومة وحدات فرقة الفرقة لواء كتائب فيلق الفيلق غرفة بلدية "
        "مديرية المديرية مجموعة المجموعة المنتدى منتدى الهلال الصليب الأمانة أمانة"
    ).split()
)
# Modifiers that end an organisation name (time words, generic adjectives, relative pronouns).
ORG_STOP = frozenset(
    key_of(w)
    for w in (
        "الجديد الجديدة الحالي الحالية السابق السابقة المقبل المقبلة الماضي الماضية المذكور "
        "المذكورة المختلفة كافة جميع الأخير الأخيرة اليوم الأمس الذي التي الذين اللذين اللتين الآن "
        "التابع التابعة المعنية المشاركة المشاركين المجتمعون المشاركون الاجتماع العام الحوار الأطراف الطرفين "
        "الجانبين الحاكم الضيف الموسع المشترك المشتركة الأول الثاني نفسه ذاته خلال "
        "السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة إلى إلا الآن"
    ).split()
)
# Words that stand before a person's name.
PERSON_TITLES = frozenset(
    key_of(w)
    for w in (
        "السيد السيدة السادة الكولونيل العقيد العميد اللواء الجنرال الدكتور الدكتورة د الشيخ "
        "المهندس الأستاذ الأستاذة المحامي الصحفي الصحفية الناشط الناشطة الملك الأمير الأميرة "
        "الرئيس الرئيسة المستشار المستشارة النائب النائبة السفير السفيرة القاضي الرائد النقيب "
        "الملازم المقدم الفريق المشير برئاسة بقيادة الشهيد الكاتب الكاتبة الباحث الباحثة "
        "المبعوث الوزير الوزيرة معالي سمو فخامة جلالة سماحة دولة الحاج الأمين المطران البطريرك"
    ).split()
)
# Second words of two-word ranks: "الفريق أول"، "اللواء الركن".
RANK_TAILS = frozenset(key_of(w) for w in "أول الركن ركن طيار بحري".split())
# Role nouns: after a quoted name ("أليكس ستار" ممثل …) or before one after an organisation.
ROLE_WORDS = frozenset(
    key_of(w)
    for w in (
        "ممثل ممثلة المستشار المستشارة الرئيس الرئيسة الرئيسان الرئيستان رئيس رئيسة قيادي قيادية "
        "قياديان قياديون ناطق ناطقة ناطقان الناطق الناطقة المتحدث المتحدثة متحدث قائد القائد "
        "عضو عضوة مسؤول مسؤولة مدير مديرة وزير وزيرة السفير سفير المبعوث مبعوث نائب نائبة الأمين "
        "أمين السكرتير سكرتير الرئيسان المشتركان القياديان"
    ).split()
)
# Words that are never part of a name (pronouns, particles, frequent verbs and nouns).
NOT_NAME = frozenset(
    key_of(w)
    for w in (
        "في من على إلى عن مع أن إن أنه إنه أنها بأن كان كانت قد لقد هذا هذه ذلك تلك الذي التي "
        "هو هي هم نحن أنا كل بعض بين حول خلال عبر ضد لدى عند بعد قبل منذ حتى ثم أو أم لا لم لن "
        "ما ماذا كيف أين متى قال قالت وقال وقالت أكد أكدت وأكد وأكدت أضاف أضافت أشار أشارت "
        "أوضح أوضحت تابع تابعت ذكر ذكرت أعلن أعلنت دعا دعت يوم اليوم أمس غدا عام سنة شهر "
        "رئيس وزير مدير قائد ممثل عضو ناطق حيث كما وقد وكان لها له لهم بها به بهم فيها فيه "
        "الذين أيضا أيضاً جدا ضمن نحو وفق وفقا بحسب حسب مثل غير دون سوى إلا بل لكن ولكن "
        "المجلس الوفد وفد الاجتماع المؤتمر بيان البيان كلمة كلمته مقر مدينة منطقة بلدة قرية "
        "شمال جنوب شرق غرب وسط ريف رحبت رحب شكر أول الركن ركن"
    ).split()
)


@dataclass(slots=True)
class Tok:
    start: int  # folded offsets
    end: int
    key: str  # normalised
    quote_before: bool = False
    quote_after: bool = False
    gap_before: str = ""  # folded text between the previous token and this one


@dataclass(slots=True)
class Found:
    kind: str
    canonical: str
    first: int  # token index range [first, last)
    last: int
    surface: str
    from_table: bool = False


@dataclass(slots=True)
class _Acc:
    count: int = 0
    surfaces: list[str] = field(default_factory=list)


AL_SHORT, AL_LONG = -10, -20  # "لل" read as ل + ال (two ways); minus one more for a leading و/ف


@lru_cache(maxsize=65536)
def _variants(key: str) -> tuple[tuple[str, int], ...]:
    """The token key with clitics stripped, with how many letters were removed."""
    out = [(key, 0)]
    if len(key) > 3 and key.startswith("لل"):
        out.append(("ال" + key[2:], AL_SHORT))  # للامم → الامم
        out.append(("ال" + key[1:], AL_LONG))  # للجنه → اللجنه (the noun's own ل)
    if len(key) > 4 and key[:3] in ("ولل", "فلل"):
        out.append(("ال" + key[3:], AL_SHORT - 1))
        out.append(("ال" + key[2:], AL_LONG - 1))
    if len(key) > 4 and key[:2] in _CLITICS_2:
        out.append((key[2:], 2))
    if len(key) > 3 and key[0] in _CLITICS_1:
        out.append((key[1:], 1))
    return tuple(out)


def tokenize(folded: Folded, spans: list[Span]) -> list[Tok]:
    text = folded.text
    toks: list[Tok] = []
    prev_end = 0
    # boilerplate spans in folded offsets (the offset map is increasing)
    cut = [(_folded_index(folded, s.start), _folded_index(folded, s.end)) for s in spans]
    for m in _TOKEN_RE.finditer(text):
        start, end = m.span()
        gap = text[prev_end:start]
        prev_end = end
        quote = bool(gap.strip()) and any(q in gap for q in _QUOTES)
        if quote and toks:
            toks[-1].quote_after = True
        if cut and any(a <= start < b for a, b in cut):
            continue
        toks.append(Tok(start, end, key_of(m.group()), quote, False, gap))
    if toks and any(q in text[prev_end:] for q in _QUOTES):
        toks[-1].quote_after = True
    return toks


def _folded_index(folded: Folded, original: int) -> int:
    if folded.offsets is None:
        return original
    return bisect_left(folded.offsets, original)


def _joined(toks: list[Tok], i: int, j: int) -> bool:
    """Tokens i..j-1 follow each other with only spaces (or a hyphen) between them."""
    return all(toks[k].gap_before.strip() in ("", "-", "ـ") for k in range(i + 1, j))


def _surface(text: str, folded: Folded, toks: list[Tok], i: int, j: int, strip: int) -> str:
    start = folded.orig(toks[i].start)
    s = text[start : folded.orig_end(toks[j - 1].end)]
    if strip >= 0:
        s = s[strip:]
    else:
        base = AL_SHORT if strip > AL_LONG + 5 else AL_LONG
        s = s[base - strip :]  # drop a leading و/ف
        s = "ا" + s[1:] if base == AL_SHORT else "ال" + s[1:]
    return " ".join(s.split()).strip(_QUOTES + "ـ")


class _Extractor:
    def __init__(self, text: str, folded: Folded, toks: list[Tok], gaz: Gazetteer) -> None:
        self.text, self.folded, self.toks, self.gaz = text, folded, toks, gaz
        self.used = [False] * len(toks)
        self.found: list[Found] = []

    def add(self, kind: str, canonical: str, i: int, j: int, strip: int, table: bool) -> None:
        surface = _surface(self.text, self.folded, self.toks, i, j, strip)
        self.found.append(Found(kind, canonical, i, j, surface, table))
        for k in range(i, j):
            self.used[k] = True

    # 1. the gazetteer: longest n-gram first
    def gazetteer(self) -> None:
        toks, names, firsts = self.toks, self.gaz.names, self.gaz.first_words
        # run[i]: index of the first token after i's run of tokens joined by spaces only
        run = [len(toks)] * len(toks)
        for i in range(len(toks) - 2, -1, -1):
            run[i] = run[i + 1] if toks[i + 1].gap_before.strip() in ("", "-") else i + 1
        i = 0
        while i < len(toks):
            hit = None
            for variant, strip in _variants(toks[i].key):
                longest = min(firsts.get(variant, 0), run[i] - i)
                for n in range(longest, 0, -1):
                    if n == 1 and len(variant) < 3:
                        continue
                    key = " ".join([variant, *(t.key for t in toks[i + 1 : i + n])])
                    entry = names.get(key)
                    if entry and (hit is None or n > hit[1]):
                        hit = (entry, n, strip)
                        break
            if hit:
                (kind, canonical), n, strip = hit
                self.add(kind, canonical, i, i + n, strip, True)
                i += n
            else:
                i += 1

    # 2. organisations: head noun + modifiers
    def organisations(self) -> None:
        toks = self.toks
        i = 0
        while i < len(toks):
            if self.used[i]:
                i += 1
                continue
            heads = [(v, s) for v, s in _variants(toks[i].key) if v in ORG_HEADS]
            if len(heads) > 1 and i + 1 < len(toks) and toks[i + 1].key.startswith("ال"):
                heads.sort(key=lambda h: h[0].startswith("ال"))  # construct state: لجنة الصياغة
            head = heads[0] if heads else None
            if head is None:
                i += 1
                continue
            j = i + 1
            while j < len(toks) and j - i <= 6 and _joined(toks, j - 1, j + 1):
                if toks[j].quote_before:
                    break
                k = toks[j].key
                if self.used[j]:
                    found = next(f for f in self.found if f.first <= j < f.last)
                    after_li = toks[j - 1].key.startswith("ل") and j - 1 > i
                    if (
                        found.kind != "place"
                        or found.first != j
                        or (head[0].startswith("ال") and not after_li)
                    ):
                        break  # only a construct head takes a place: مجلس الرقة, not الخارجية دمشق
                    j = found.last
                    continue
                if k in ORG_STOP or k.startswith("وال") or k in PERSON_TITLES or k in ROLE_WORDS:
                    break
                if k.startswith("ال") or k.startswith("لل"):
                    j += 1
                    continue
                if k.startswith("ل") and j + 1 < len(toks) and toks[j + 1].key.startswith("ال"):
                    j += 1
                    continue
                break
            if j > i + 1:
                # a trailing "و…" or "ل…" joins nothing
                while (
                    j > i + 1
                    and toks[j - 1].key[:1] in ("و", "ل")
                    and not toks[j - 1].key.startswith("ال")
                ):
                    j -= 1
                if j > i + 1:
                    surface = _surface(self.text, self.folded, toks, i, j, head[1])
                    entry = self.gaz.names.get(key_of(surface))
                    kind, canonical = entry if entry else ("org", surface)
                    self.add(kind, canonical, i, j, head[1], bool(entry))
                    for f in self.found:  # places swallowed by the name are not places here
                        if f.kind == "place" and i < f.first < j and f.last <= j:
                            f.kind = ""
                    i = j
                    continue
            i += 1

    def _name_word(self, j: int, *, definite_ok: bool = False, quoted: bool = False) -> bool:
        if j >= len(self.toks) or self.used[j]:
            return False
        k = self.toks[j].key
        if k in ("بن", "ابن", "بنت", "ال"):
            return False
        if k in NOT_NAME or k in ROLE_WORDS or k in PERSON_TITLES or len(k) < 2:
            return False
        if (
            k.endswith("ي")
            and self._original(j).endswith("ى")
            and k.lstrip("وفل") in ("علي", "الي")
        ):
            return False
        if k.startswith("ال"):
            # a family name with the article (البرهان، الدوسري), not a generic word
            return quoted or (definite_ok and k not in ORG_STOP and k not in ORG_HEADS)
        return not (k.startswith("و") and k[1:] in NOT_NAME)

    def _original(self, j: int) -> str:
        tok = self.toks[j]
        return self.text[self.folded.orig(tok.start) : self.folded.orig_end(tok.end)]

    def _given(self, j: int) -> tuple[int, int] | None:
        """(strip, length in tokens) when a given name starts at token j."""
        if j >= len(self.toks) or self.used[j]:
            return None
        k = self.toks[j].key
        if (
            k.endswith("ي")
            and self._original(j).endswith("ى")
            and k.lstrip("وفل") in ("علي", "الي")
        ):
            return None  # على / إلى, folded like the name علي
        for variant, strip in _variants(k):
            if variant in ("عبد", "ابو", "بن", "ابن") and (
                self._name_word(j + 1, definite_ok=True)
                or (j + 1 < len(self.toks) and self.toks[j + 1].key.startswith("ال"))
            ):
                return strip, 2
            if variant.startswith("عبد") and len(variant) > 4 and variant in self.gaz.given:
                return strip, 1
            if variant in self.gaz.given:
                return strip, 1
            if variant in self.gaz.ambiguous_given and self._name_word(j + 1):
                nxt = self.toks[j + 1].key
                if nxt in self.gaz.given or nxt in self.gaz.ambiguous_given:
                    return strip, 1
        return None

    def _extend(self, i: int, first_len: int) -> int:
        """End of a name starting at i whose first name covers first_len tokens."""
        j = self._extend_words(i, first_len)
        # "محمد بن سلمان بن عبدالعزيز آل سعود": بن/ابن/بنت/آل + a name word, repeated
        while (
            j + 1 < len(self.toks)
            and self.toks[j].key in ("بن", "ابن", "بنت", "ال")
            and _joined(self.toks, j - 1, j + 2)
            and self._name_word(j + 1, definite_ok=True)
        ):
            j += 2
        if j > i + first_len + 1 and j < len(self.toks) and _joined(self.toks, j - 1, j + 1):
            if self._surname_like(j):
                j += 1  # "سلمان بن يوسف الدوسري"
        return j

    def _extend_words(self, i: int, first_len: int) -> int:
        j = i + first_len
        if _joined(self.toks, j - 1, j + 1) and self._name_word(j, definite_ok=True):
            if not self.toks[j].quote_before or self.toks[i].quote_before:
                j += 1
                if (
                    _joined(self.toks, j - 1, j + 1)
                    and j < len(self.toks)
                    and not self.toks[j].quote_before
                    and (self.toks[j].key in self.gaz.given or self._surname_like(j))
                ):
                    j += 1
        return j

    def _surname_like(self, j: int) -> bool:
        k = self.toks[j].key
        return (
            not self.used[j]
            and k.startswith("ال")
            and len(k) > 4
            and k not in ORG_STOP
            and k not in NOT_NAME
            and k not in ORG_HEADS
        )

    def extend_table_people(self) -> None:
        """A listed person followed by more of the name: "محمد بن سلمان بن عبدالعزيز آل سعود"."""
        for f in self.found:
            if f.kind != "person":
                continue
            j = f.last
            while (
                j + 1 < len(self.toks)
                and self.toks[j].key in ("بن", "ابن", "بنت", "ال")
                and not self.used[j]
                and _joined(self.toks, j - 1, j + 2)
                and self._name_word(j + 1, definite_ok=True)
            ):
                self.used[j] = self.used[j + 1] = True
                j += 2
            if j > f.last:
                f.surface = _surface(self.text, self.folded, self.toks, f.first, j, 0)
                f.last = j

    # 3. people
    def people(self) -> None:
        toks = self.toks
        i = 0
        while i < len(toks):
            if self.used[i]:
                i += 1
                continue
            given = self._given(i)
            triggered = (
                i > 0
                and _joined(toks, i - 1, i + 1)
                and (
                    toks[i - 1].key in PERSON_TITLES
                    or (
                        i > 1 and toks[i - 1].key in RANK_TAILS and toks[i - 2].key in PERSON_TITLES
                    )
                )
            )
            quoted = toks[i].quote_before and self._quoted_person(i)
            if given is None and (triggered or quoted) and self._name_word(i):
                given = (0, 1)
            if given is None:
                i += 1
                continue
            strip, first_len = given
            if quoted and strip == 0:
                strip = next((s for v, s in _variants(toks[i].key) if v in self.gaz.given), 0)
            if quoted:
                j = i + first_len
                while (
                    j < len(toks)
                    and j - i < 4
                    and not toks[j].quote_before
                    and self._name_word(j, quoted=True)
                ):
                    j += 1
                    if toks[j - 1].quote_after:
                        break
            else:
                j = self._extend(i, first_len)
            if j - i >= 2 or (
                triggered and j - i >= 1 and toks[i].key not in NOT_NAME and j - i > 1
            ):
                surface = _surface(self.text, self.folded, toks, i, j, strip)
                entry = self.gaz.names.get(key_of(surface))
                kind, canonical = entry if entry and entry[0] == "person" else ("person", surface)
                self.add(kind, canonical, i, j, strip, bool(entry))
                i = j
                continue
            i += 1

    def _quoted_person(self, i: int) -> bool:
        """A quoted 2–3 word name after a title or before a role word."""
        toks = self.toks
        j = i
        while j < len(toks) and j - i < 4 and not toks[j].quote_after:
            j += 1
        if j >= len(toks) or not toks[j].quote_after or j - i + 1 < 2:
            return False
        before = {toks[k].key for k in range(max(0, i - 2), i)}
        after = toks[j + 1].key if j + 1 < len(toks) else ""
        return (
            bool(before & PERSON_TITLES) or after in ROLE_WORDS or after.lstrip("و") in ROLE_WORDS
        )

    # 4. surnames alone → the full name in this article
    def surnames(self) -> None:
        owners: dict[str, set[str]] = {}
        for f in self.found:
            if f.kind == "person" and f.last - f.first >= 2:
                owners.setdefault(self.toks[f.last - 1].key, set()).add(f.canonical)
        for surname, names in owners.items():
            if len(names) != 1 or len(surname) < 3:
                continue
            (canonical,) = names
            for i, tok in enumerate(self.toks):
                if self.used[i]:
                    continue
                for variant, strip in _variants(tok.key):
                    if variant == surname:
                        self.add("person", canonical, i, i + 1, strip, False)
                        break

    def merge_short_forms(self) -> None:
        """A rule-found name that opens a longer one found in the same article is that one:
        "مجلس الرقة" beside "مجلس الرقة المدني"."""
        longer = [f for f in self.found if f.kind in ("org", "person") and not f.from_table]
        keys = {id(f): key_of(f.canonical).split() for f in longer}
        for f in longer:
            words = keys[id(f)]
            for g in longer:
                other = keys[id(g)]
                if g.kind == f.kind and len(other) > len(words) and other[: len(words)] == words:
                    f.canonical = g.canonical
                    break

    def mentions(self) -> tuple[EntityMention, ...]:
        acc: dict[tuple[str, str], _Acc] = {}
        names: dict[tuple[str, str], str] = {}
        for f in self.found:
            if not f.kind:
                continue
            key = (f.kind, key_of(f.canonical))
            names.setdefault(key, f.canonical)
            a = acc.setdefault(key, _Acc())
            a.count += 1
            if f.surface not in a.surfaces:
                a.surfaces.append(f.surface)
        out = []
        for key, a in acc.items():
            canonical = names[key]
            ck = key_of(canonical)
            aliases = tuple(s for s in a.surfaces if key_of(s) != ck)
            out.append(EntityMention(key[0], canonical, aliases, a.count, tuple(a.surfaces)))
        out.sort(key=lambda e: (-e.count, e.kind, e.name))
        return tuple(out)


def find_entities(text: str, folded: Folded, boilerplate: list[Span]) -> tuple[EntityMention, ...]:
    gaz = load()
    ex = _Extractor(text, folded, tokenize(folded, boilerplate), gaz)
    ex.gazetteer()
    ex.organisations()
    ex.extend_table_people()
    ex.people()
    ex.surnames()
    ex.merge_short_forms()
    return ex.mentions()
