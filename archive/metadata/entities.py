"""People, organisations and places: gazetteer n-grams first (longest match, clitics stripped),
then organisation head nouns with their modifiers, then people from given names, titles and
roles, then surnames standing alone linked to the full name found in the same article.

Works on the folded text (textmap) tokenised once; reports canonical names with the surface
forms seen. Tokens inside boilerplate spans are ignored.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from archive.metadata import EntityMention
from archive.metadata.clitics import clitic_variants
from archive.metadata.gazetteer import MAX_NGRAM, key_of, load
from archive.metadata.homographs import HOMOGRAPHS, choose_reading, entity_key
from archive.metadata.lexicon import (
    MINISTER_WORDS,
    MINISTRY_NOUNS,
    MOTION_NOUNS,
    NOT_NAME,
    ORG_HEADS,
    ORG_STOP,
    PERSON_TITLES,
    PORTFOLIOS,
    ROLE_WORDS,
)
from archive.metadata.people import PeopleRules
from archive.metadata.place_context import drop_places_out_of_context
from archive.metadata.textmap import Folded
from archive.metadata.tokens import Found, tokenize
from archive.metadata.triggers import GAZETTEER, ORG_HEAD, gazetteer_heads, org_heads
from archive.metadata.words import Words, split_words
from archive.models import Span

MINISTRY = key_of("وزارة")
_HARAKA = (key_of("حركة"), key_of("الحركة"))
_AL_BAB = key_of("الباب")
_DOOR_VERBS = frozenset(
    key_of(w)
    for w in (
        "فتح يفتح تفتح فتحت يفتحان افتح أغلق يغلق تغلق أغلقت يغلقان أوصد يوصد أوصدت طرق يطرق "
        "تطرق طرقت يبقي تبقي أبقى أبقت إبقاء فتحه إغلاق وفتح وأغلق ويفتح ويغلق لفتح"
    ).split()
)
_TANWEEN_RE = re.compile("[\u064b-\u064d]")

# Prepositions with a pronoun: after a definite participle they make a clause
# ("المعترف بها"، "المكلف به"), which no organisation's name holds.
_PRONOUN_PREPS = frozenset(
    "بها به بهم لها له لهم عليها عليه عليهم فيها فيه منها منه عنها عنه".split()
)

# What an adjective after a definite feminine head ends with (folded: ة→ه, ى→ي): feminines
# (الذاتية، العليا), nisbas, feminine plurals. "المحكمة الطعن" ("the court [rejected] the
# appeal") is a subject and its object: a definite head is followed by adjectives only. A
# masculine plural (-ين، -ون) agrees with no feminine singular head: "ودعت الدائرة المواطنين"
# is the department and its object.
_ADJECTIVE_ENDS = ("ي", "ه", "ا", "ات")


def _verbal_noun(key: str) -> bool:
    """A definite verbal noun of the pattern التفعيل (الترتيب، التمديد، التحقيق): what a
    verb does to its object, never an adjective, so never part of a name after a definite
    head ("يتصدر الاتحاد الترتيب", "وقرر المجلس التمديد"). Most adjectives of that look are
    longer (التنفيذي، التشريعي); a feminine nisba of seven letters (التركية, folded التركيه)
    ends in يه, which the few verbal nouns of roots ending in ه (التوجيه) give up."""
    return len(key) == 7 and key.startswith("الت") and key[5] == "ي" and key[6] != "ه"


# Towns named like a feminine colour adjective: after a definite feminine noun they are the
# adjective ("المدينة الزرقاء" the blue city, "الراية الزرقاء"), not the town (الزرقاء).
_COLOUR_TOWNS = frozenset(key_of(w) for w in ("الزرقاء", "البيضاء", "الحمراء", "الخضراء"))


class _Extractor(PeopleRules):
    nunation: bool | None = None  # whether the text has a tanween (see _nunated)

    def _common_word(self, i: int) -> bool:
        """Token i, found as a one-word place, is a common word here: a colour adjective
        after a definite feminine noun ("المدينة الزرقاء"), the door of an idiom ("يفتح الباب
        أمام"، "يبقي الباب مفتوحاً"), or a noun with tanween ("درعاً بشرياً": a name takes no
        nunation). Cheap string tests first: this runs for every one-word place."""
        k = self.keys[i]
        if k in _COLOUR_TOWNS:
            return self._adjective_after_noun(i)
        if k == _AL_BAB:
            return self._door_idiom(i)
        # the accusative's alef carries the tanween or follows it ("درعاً"، "درعًا")
        return k.endswith("ا") and self._nunated(i)

    def _adjective_after_noun(self, i: int) -> bool:
        if i == 0 or not self._joined(i - 1, i + 1):
            return False
        before = self.keys[i - 1]
        return before.startswith("ال") and before.endswith("ه") and len(before) > 3

    def _door_idiom(self, i: int) -> bool:
        before = self.keys[max(0, i - 2) : i]  # "أغلقت الحكومة الباب": its subject between
        after = self.keys[i + 1] if i + 1 < self.n else ""
        if after.startswith(("مفتوح", "موصد")):
            return True
        return any(v in _DOOR_VERBS for k in before for v, _ in clitic_variants(k))

    def _nunated(self, i: int) -> bool:
        if self.nunation is None:  # whether the text has a tanween at all, read once
            self.nunation = _TANWEEN_RE.search(self.text) is not None
        if not self.nunation:
            return False
        end = self.folded.orig_end(self.toks.ends[i])
        return _TANWEEN_RE.search(self.text, max(0, end - 2), end + 1) is not None

    def gazetteer(self) -> None:
        """The longest listed name at each token (clitics stripped), left to right."""
        keys, flags, breaks, n = self.keys, self.flags, self.breaks, self.n
        nxt = 0  # tokens before this are inside a name already found
        b = 0  # breaks[b] is the first break after the token (candidates come in order)
        for i in self.candidates:
            if i < nxt or not flags[i] & GAZETTEER:  # type: ignore[operator]
                continue
            heads = gazetteer_heads(keys[i])  # word-level cache
            hit, room = None, 0
            for variant, strip, node in heads:
                entry, length = (node.entry, 1) if len(variant) >= 3 else (None, 0)
                if node.next:  # longer names open with it: follow the tokens
                    if not room:  # the most words a name here can have (to the next break)
                        while b < len(breaks) and breaks[b] <= i:
                            b += 1
                        room = min(breaks[b] if b < len(breaks) else n, i + MAX_NGRAM) - i
                    for d in range(1, room):
                        node = node.next.get(keys[i + d])  # type: ignore[assignment]
                        if node is None:
                            break
                        if node.entry:
                            entry, length = node.entry, d + 1
                if entry and (hit is None or length > hit[1]):
                    hit = (entry, length, strip)
            if hit and not (hit[1] == 1 and hit[0][0] == "place" and self._common_word(i)):
                (kind, canonical), length, strip = hit
                self.add(kind, canonical, i, i + length, strip, True)
                nxt = i + length

    # 2. organisations: head noun + modifiers
    def organisations(self) -> None:
        self.widest = max((f.last - f.first for f in self.found), default=1)
        nxt = 0
        for i in self.candidates_with(ORG_HEAD):
            heads = list(org_heads(self.keys[i]))  # word-level cache
            if i < nxt or self.used[i] or not heads:
                continue
            if len(heads) > 1 and i + 1 < self.n and self.keys[i + 1].startswith("ال"):
                heads.sort(key=lambda h: h[0].startswith("ال"))  # construct state: لجنة الصياغة
            head = heads[0] if heads else None
            if head is None or (
                head[0] in MINISTRY_NOUNS and i > 0 and self.keys[i - 1] in MINISTER_WORDS
            ):
                continue  # "وزير الخارجية الإيراني" is a role, not the ministry
            if head[0] in _HARAKA and i + 1 < self.n and self.keys[i + 1] in MOTION_NOUNS:
                continue  # "حركة الملاحة": traffic, not a movement
            after = self._quoted_org(i, head)
            if after:
                nxt = after
                continue
            j = i + 1
            # a definite feminine head (المحكمة، الهيئة) is followed by its adjectives, which
            # agree with it: feminine (الدستورية), a plural or an elative (العليا)
            agrees = head[0].startswith("ال") and head[0].endswith("ه")
            while j < self.n and j - i <= 6 and self._joined(j - 1, j + 1):
                if j in self.quote_before:
                    break
                k = self.keys[j]
                if self.used[j]:
                    found = self._covering(j)
                    after_li = self.keys[j - 1].startswith("ل") and j - 1 > i
                    if (
                        found.kind not in ("place", "org")
                        or found.first != j
                        or (head[0].startswith("ال") and not after_li)
                    ):
                        break  # only a construct head takes a name: مجلس الرقة, بعثة الأمم المتحدة
                    j = found.last
                    continue
                if k.startswith("وال") and head[0] == MINISTRY and k[1:] in PORTFOLIOS:
                    agrees = False
                    j += 1  # "وزارة الصحة والسكان": one ministry of two portfolios
                    continue
                if k in ORG_STOP or k.startswith("وال") or k in PERSON_TITLES or k in ROLE_WORDS:
                    break
                if k.startswith("ال") and j + 1 < self.n and self.keys[j + 1] in _PRONOUN_PREPS:
                    break  # "الحكومة المعترف بها": a participle and its object, not a name
                if agrees and k.startswith("ال") and not k.endswith(_ADJECTIVE_ENDS):
                    break  # "رفضت المحكمة الطعن": a definite head takes adjectives, not a noun
                if head[0].startswith("ال") and _verbal_noun(k):
                    break  # "يتصدر الاتحاد الترتيب": the head's verb's object
                if k.startswith("ل"):
                    agrees = False  # what follows "للحركة" may describe it instead
                if k.startswith("ال") or k.startswith("لل"):
                    j += 1
                    continue
                if k.startswith("ل") and j + 1 < self.n and self.keys[j + 1].startswith("ال"):
                    j += 1
                    continue
                break
            if j > i + 1:
                # a trailing "و…" or "ل…" joins nothing
                while (
                    j > i + 1
                    and self.keys[j - 1][:1] in ("و", "ل")
                    and not self.keys[j - 1].startswith(("ال", "لل"))
                    and not (head[0] == MINISTRY and self.keys[j - 1][1:] in PORTFOLIOS)
                ):
                    j -= 1
                if j > i + 1:
                    surface = self.surface(i, j, head[1])
                    entry = self.gaz.names.get(key_of(surface))
                    kind, canonical = entry if entry else ("org", surface)
                    self.add(kind, canonical, i, j, head[1], bool(entry))
                    self.widest = max(self.widest, j - i)
                    for start in range(i + 1, j):  # names swallowed by this one go unreported
                        for f in self.starts.get(start, []):
                            if f.kind in ("place", "org") and f.last <= j:
                                f.kind = ""
                    nxt = j

    def _quoted_org(self, i: int, head: tuple[str, int]) -> int:
        """A head noun in construct, then a quoted name of one to three words: "حركة «أمل»"،
        "حزب «تقدم»"، "تحالف «السيادة»". Adds "head name" (listed names under their canonical form) and
        returns the token after it, or 0 when there is none."""
        j = i + 1
        if j >= self.n or j not in self.quote_before:
            return 0
        word, strip = head
        if word.startswith("ال"):
            return 0  # "التحالف «سيبقى …»": a subject and what it says, not a name
        gap = self.folded.text[self.toks.ends[i] : self.toks.starts[j]]
        if gap.strip() not in ("«", "“", '"', "'"):
            return 0  # only spaces and the opening mark between the head and the name
        end = next((e for e in range(j, min(j + 3, self.n)) if e in self.quote_after), None)
        if end is None or not self._joined(j, end + 1):
            return 0
        if any(self.keys[k] in NOT_NAME or self.keys[k] in ORG_STOP for k in range(j, end + 1)):
            return 0
        surface = f"{self.surface(i, i + 1, strip)} {self.surface(j, end + 1, 0)}"
        entry = self.gaz.names.get(key_of(surface))
        if entry is not None and entry[0] != "org":
            return 0
        for k in range(j, end + 1):  # a name inside the quotes is this one's
            for f in self.starts.get(k, []):
                f.kind = ""
        kind, canonical = entry if entry else ("org", surface)
        found = Found(kind, canonical, i, end + 1, surface, bool(entry))
        self.found.append(found)
        self.starts.setdefault(i, []).append(found)
        self.used[i : end + 1] = [True] * (end + 1 - i)
        return end + 1

    def _covering(self, j: int) -> Found:
        """The first name found (in finding order) whose tokens include token j."""
        near = [
            f
            for k in range(max(0, j - self.widest + 1), j + 1)
            for f in self.starts.get(k, ())
            if j < f.last
        ]
        if len(near) == 1:
            return near[0]
        return next(f for f in self.found if f.first <= j < f.last)

    def extend_table_orgs(self) -> None:
        """A listed organisation with a head noun, followed by a nisba: "مجلس النواب الليبي",
        or a listed ministry by its other portfolios: "وزارة الصحة والسكان"."""
        for f in self.found:
            if f.kind != "org" or f.last - f.first < 2 or f.last >= self.n:
                continue
            heads = [v for v, _ in clitic_variants(self.keys[f.first]) if v in ORG_HEADS]
            if not heads:
                continue
            j = f.last
            k = self.keys[j]
            if self.used[j] or not self._joined(j - 1, j + 1) or k in ORG_STOP:
                continue
            if MINISTRY in heads and k.startswith("وال") and k[1:] in PORTFOLIOS:
                end = self._portfolios_end(j)
            elif k.startswith("ال") and k.endswith(("ي", "يه")):
                end = j + 1
            else:
                continue
            strip = next((s for v, s in clitic_variants(self.keys[f.first]) if v in ORG_HEADS), 0)
            surface = self.surface(f.first, end, strip)
            entry = self.gaz.names.get(key_of(surface))
            if entry and entry[0] != "org":
                continue
            f.canonical = entry[1] if entry else surface
            f.surface, f.last, f.from_table = surface, end, bool(entry)
            for t in range(j, end):
                for other in self.starts.get(t, []):
                    other.kind = ""  # a name inside the ministry's is its own no more
            self.used[j:end] = [True] * (end - j)

    def _portfolios_end(self, j: int) -> int:
        """After a ministry's name, the end of its further portfolios from token j ("والسكان"،
        "والشؤون الإسلامية"، "والثقافة والتواصل"): each a و + portfolio and its adjectives."""
        while j < self.n and self.keys[j].startswith("وال") and self.keys[j][1:] in PORTFOLIOS:
            j += 1
            while (
                j < self.n
                and self._joined(j - 1, j + 1)
                and self.keys[j].startswith("ال")
                and self.keys[j].endswith(_ADJECTIVE_ENDS)
                and self.keys[j] not in ORG_STOP
            ):
                j += 1
            if j < self.n and not self._joined(j - 1, j + 1):
                break
        return j

    def known_people(self, spans: Sequence[Span]) -> None:
        """Each span is one person's name (a byline's): it is taken whole, and a place or an
        organisation the gazetteer found inside it gives way ("كتب: محمد المصري")."""
        starts = self.toks.starts
        for span in spans:
            # the token holding the name's first letter ("وأحمد": the name opens after و)
            i = max(0, bisect_right(starts, self.folded.folded_index(span.start)) - 1)
            j = bisect_left(starts, self.folded.folded_index(span.end))
            if i >= j or self.toks.ends[i] <= self.folded.folded_index(span.start):
                continue
            strip = max(0, span.start - self.folded.orig(starts[i]))
            for f in self.found:
                if f.first < j and i < f.last:
                    f.kind = ""  # swallowed by the name
                    self.used[f.first : f.last] = [False] * (f.last - f.first)
            surface = self.surface(i, j, strip)
            entry = self.gaz.names.get(key_of(surface))
            canonical = entry[1] if entry and entry[0] == "person" else surface
            self.add("person", canonical, i, j, strip, bool(entry))

    def merge_short_forms(self) -> None:
        """A rule-found name that opens a longer one found in the same article is that one:
        "مجلس الرقة" beside "مجلس الرقة المدني"."""
        longer = [f for f in self.found if f.kind in ("org", "person") and not f.from_table]
        keys = [tuple(key_of(f.canonical).split()) for f in longer]
        # (kind, a proper prefix of a name's words) -> the first name that extends it
        extends: dict[tuple[str, tuple[str, ...]], Found] = {}
        for g, other in zip(longer, keys, strict=True):
            for n in range(len(other)):
                extends.setdefault((g.kind, other[:n]), g)
        for f, words in zip(longer, keys, strict=True):
            extended = extends.get((f.kind, words))
            if extended is not None:
                f.canonical = extended.canonical

    def homographs(self) -> None:
        """A place whose folded name has two readings (عمان: عمّان or عُمان) gets the one its
        marks, the words before it or the article point to (archive.metadata.homographs)."""
        for f in self.found:
            if f.kind != "place" or key_of(f.canonical) not in HOMOGRAPHS:
                continue
            before = self.keys[max(0, f.first - 2) : f.first]
            reading = choose_reading(key_of(f.canonical), f.surface, before, self.keys)
            if reading is not None:
                f.canonical = reading.canonical

    def mentions(self) -> tuple[EntityMention, ...]:
        # (kind, entity key of the name) -> [the first canonical name, count, surfaces]
        groups: dict[tuple[str, str], list] = {}  # type: ignore[type-arg]
        for f in self.found:
            if not f.kind:
                continue
            key = (f.kind, entity_key(f.canonical))
            group = groups.get(key)
            if group is None:
                groups[key] = [f.canonical, 1, [f.surface]]
                continue
            group[1] += 1
            if f.surface not in group[2]:
                group[2].append(f.surface)
        out = []
        ambiguous = self.gaz.ambiguous_aliases
        for (kind, _), (canonical, count, surfaces) in groups.items():
            if all(key_of(s) in ambiguous for s in surfaces):
                continue  # only a word that is also a name (فتح): not named here
            name_key = key_of(canonical)  # (a bare عمان is no alias of عمّان: the same letters)
            aliases = tuple(s for s in surfaces if key_of(s) != name_key)
            out.append(EntityMention(kind, canonical, aliases, count, tuple(surfaces)))
        out.sort(key=lambda e: (-e.count, e.kind, e.name))
        return tuple(out)


def find_entities(
    text: str,
    folded: Folded,
    boilerplate: list[Span],
    words: Words | None = None,
    people: Sequence[Span] = (),
) -> tuple[EntityMention, ...]:
    """`people`: spans known to be one person's name each (a byline's authors)."""
    gaz = load()
    words = words or split_words(folded.text)
    ex = _Extractor(text, folded, tokenize(folded, words, boilerplate), gaz)
    ex.gazetteer()
    drop_places_out_of_context(ex)
    if people:
        ex.known_people(people)
    ex.extend_table_orgs()
    ex.organisations()
    ex.extend_table_people()
    ex.people()
    ex.particle_names()
    ex.surnames()
    ex.merge_short_forms()
    ex.homographs()
    return ex.mentions()
