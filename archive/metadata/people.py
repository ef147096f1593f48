"""People: given names, titles and roles before a name, quoted names before a role word,
بن/آل chains, regnal ordinals; surnames standing alone linked to the full name."""

from __future__ import annotations

from bisect import bisect_right
from itertools import compress

from archive.metadata.clitics import clitic_forms, clitic_variants
from archive.metadata.gazetteer import key_of
from archive.metadata.lexicon import (
    NOT_NAME,
    ORG_HEADS,
    ORG_STOP,
    PERSON_TITLES,
    PLACE_NOUNS,
    RANK_TAILS,
    REGNAL,
    ROLE_WORDS,
)
from archive.metadata.tokens import RuleBase
from archive.metadata.triggers import GIVEN, RANK_TAIL, TITLE, may_be_given

# What follows a speaker's name: "... يوسف الخليل إن الخطة ضرورية"
SAID_THAT = frozenset({"ان", "انه", "انها", "بان"})


# What a participle after a name governs ("سليمان فرنجية المدعوم من …"، "المعروف بـ…").
_GOVERNED = frozenset({"من", "ب", "به", "بها", "لدي", "عليه", "عليها"})


def _nisba(key: str) -> bool:
    """An adjective of origin after a title ("المندوب الروسي"، "المندوبة الأمريكية")."""
    return key.startswith("ال") and len(key) >= 5 and key.endswith(("ي", "يه"))


class PeopleRules(RuleBase):
    def _name_word(self, j: int, *, definite_ok: bool = False, quoted: bool = False) -> bool:
        if j >= self.n or self.used[j]:
            return False
        k = self.keys[j]
        if k in ("بن", "ابن", "بنت", "ال"):
            return False
        if k in NOT_NAME or k in ROLE_WORDS or k in PERSON_TITLES or len(k) < 2:
            return False
        if k.endswith("ي") and k.lstrip("وفل") in ("علي", "الي") and self.maqsura(j):
            return False
        if k.startswith("ال"):
            # a family name with the article (البرهان، الدوسري), not a generic word
            return quoted or (
                definite_ok and k not in ORG_STOP and k not in ORG_HEADS and not self._plural(j)
            )
        if k.startswith("لل"):
            return False  # "للنازحين": a preposition and an article, never in a name
        return not (k.startswith("و") and k[1:] in NOT_NAME)

    def _allah(self, j: int) -> bool:
        """الله closing a family name: "حسن نصر الله"، "محمد فضل الله"."""
        return self.keys[j] == "الله" and not self.used[j]

    def _given_word(self, j: int) -> bool:
        """Token j is a listed given name (على and إلى, folded like علي, are not)."""
        k = self.keys[j]
        if k.endswith("ي") and k.lstrip("وفل") in ("علي", "الي") and self.maqsura(j):
            return False
        return k in self.gaz.given

    def _nisba_surname(self, j: int) -> bool:
        """A family name of the nisba form after a given name that is also a word: "سالم
        العيساوي"، "إحسان الشمري"، "مسرور بارزاني"، "وسيم منصوري". Not a verb (يمشي، تأتي)."""
        k = self.keys[j]
        if not k.endswith("ي") or k in NOT_NAME or k.startswith(("ي", "ت")):
            return False
        if k.startswith("ال"):
            return len(k) >= 6 and self._surname_like(j)
        return len(k) >= 5 and not k.startswith(("و", "ف"))  # (not a conjunction)

    def _plural(self, j: int) -> bool:
        """A feminine plural, no family name: "محمد عبد السلام الغارات"."""
        k = self.keys[j]
        return len(k) >= 7 and k.endswith("ات")

    def _common(self, j: int) -> bool:
        """A definite word after a two-word name that is no family name: a feminine plural,
        or a passive participle governing what follows ("سليمان فرنجية المدعوم من …"،
        "المعروف بـ…"). (Right after a given name the same shape is a surname: "محمد
        المرزوق من الكويت".)"""
        k = self.keys[j]
        if self._plural(j):
            return True
        return (
            len(k) == 7
            and k.startswith("الم")
            and k[5] == "و"
            and j + 1 < self.n
            and self._joined(j, j + 2)
            and self.keys[j + 1] in _GOVERNED
        )

    def _given(self, j: int) -> tuple[int, int] | None:
        """(strip, length in tokens) when a given name starts at token j."""
        if j >= self.n or self.used[j]:
            return None
        k = self.keys[j]
        if k.endswith("ي") and k.lstrip("وفل") in ("علي", "الي") and self.maqsura(j):
            return None  # على / إلى, folded like the name علي
        for variant, strip in clitic_variants(k):
            if variant in ("عبد", "ابو", "بن", "ابن") and (
                self._name_word(j + 1, definite_ok=True)
                or (j + 1 < self.n and self.keys[j + 1].startswith("ال"))
            ):
                return strip, 2
            if variant.startswith("عبد") and len(variant) > 4 and variant in self.gaz.given:
                return strip, 1
            if variant in self.gaz.given:
                return strip, 1
            if variant in self.gaz.ambiguous_given and self._name_word(j + 1, definite_ok=True):
                nxt = self.keys[j + 1]
                if (
                    nxt in self.gaz.given
                    or nxt in self.gaz.ambiguous_given
                    or nxt in ("عبد", "ابو")
                    or self._nisba_surname(j + 1)
                ):
                    return strip, 1
        return None

    def _extend(self, i: int, first_len: int) -> int:
        """End of a name starting at i whose first name covers first_len tokens."""
        j = self._extend_words(i, first_len)
        # "محمد بن سلمان بن عبدالعزيز آل سعود": بن/ابن/بنت/آل + a name word, repeated
        # ("بن عبد الرحمن آل ثاني": a compound name word takes its second word)
        while (
            j + 1 < self.n
            and self.keys[j] in ("بن", "ابن", "بنت", "ال")
            and self._joined(j - 1, j + 2)
            and self._name_word(j + 1, definite_ok=True)
        ):
            compound = self.keys[j + 1] in ("عبد", "ابو") and self._joined(j, j + 3)
            j += 3 if compound and j + 2 < self.n else 2
        if j > i + first_len + 1 and j < self.n and self._joined(j - 1, j + 1):
            if self._surname_like(j):
                j += 1  # "سلمان بن يوسف الدوسري"
        return j

    def _extend_words(self, i: int, first_len: int) -> int:
        j = i + first_len
        if (
            j < self.n
            and self.keys[j] in REGNAL
            and not self.used[j]
            and self._joined(j - 1, j + 1)
        ):
            return j + 1  # "عبدالله الثاني"
        if self._joined(j - 1, j + 1) and self._name_word(j, definite_ok=True):
            if j not in self.quote_before or i in self.quote_before:
                compound = self.keys[j] in ("عبد", "ابو") and self._joined(j, j + 2)
                j += 2 if compound and j + 1 < self.n else 1  # "حسن عبد الله"
                if (
                    self._joined(j - 1, j + 1)
                    and j < self.n
                    and j not in self.quote_before
                    and (self._given_word(j) or self._surname_like(j) or self._allah(j))
                ):
                    j += 1
        return j

    def _surname_like(self, j: int) -> bool:
        k = self.keys[j]
        return (
            not self.used[j]
            and k.startswith("ال")
            and len(k) > 4
            and not self._common(j)
            and k not in ORG_STOP
            and k not in NOT_NAME
            and k not in ORG_HEADS
            and k not in PERSON_TITLES
            and k not in ROLE_WORDS
        ) or (k in REGNAL and not self.used[j])

    def extend_table_people(self) -> None:
        """A listed person followed by more of the name: "محمد بن سلمان بن عبدالعزيز آل سعود"."""
        for f in self.found:
            if f.kind != "person":
                continue
            j = f.last
            while (
                j + 1 < self.n
                and self.keys[j] in ("بن", "ابن", "بنت", "ال")
                and not self.used[j]
                and self._joined(j - 1, j + 2)
                and self._name_word(j + 1, definite_ok=True)
            ):
                self.used[j] = self.used[j + 1] = True
                j += 2
            if j > f.last:
                f.surface = self.surface(f.first, j, 0)
                f.last = j

    # 3. people
    def _person_starts(self) -> list[int]:
        """Tokens where a person's name may start: a possible given name (word-level cache),
        the word after a title (or after a two-word rank), a quoted word. Elsewhere people()
        finds nothing, so only these are tried."""
        keys, n, flags = self.keys, self.n, self.flags
        starts = set(self.quote_before)
        for i in self.candidates:
            flag = flags[i]
            if flag & GIVEN and may_be_given(keys[i]):  # type: ignore[operator]
                starts.add(i)
            if flag & (TITLE | RANK_TAIL):  # type: ignore[operator]
                starts.add(i + 1)
                if i + 1 < n and keys[i] in PERSON_TITLES and _nisba(keys[i + 1]):
                    starts.add(i + 2)
        return sorted(i for i in starts if i < n)

    def people(self) -> None:
        nxt = 0
        for i in self._person_starts():
            if i < nxt or self.used[i]:
                continue
            if i > 0 and self._joined(i - 1, i + 1) and self._place_noun(i - 1):
                continue  # "مخيم أبو شوك": the camp's name
            given = self._given(i) or self._given_after_role(i)
            if given is None and not (  # what a title, a rank or a quote below needs
                (i > 0 and (self.keys[i - 1] in PERSON_TITLES or self.keys[i - 1] in RANK_TAILS))
                or (i > 1 and self.keys[i - 2] in PERSON_TITLES)
                or i in self.quote_before
            ):
                continue
            triggered = (
                i > 0
                and self._joined(i - 1, i + 1)
                and (
                    self.keys[i - 1] in PERSON_TITLES
                    or (
                        i > 1
                        and self.keys[i - 1] in RANK_TAILS
                        and self.keys[i - 2] in PERSON_TITLES
                    )
                )
            ) or (  # a title, then where the person is from: "المندوب الروسي فاسيلي نيبينزيا"
                i > 1
                and self._joined(i - 2, i + 1)
                and self.keys[i - 2] in PERSON_TITLES
                and _nisba(self.keys[i - 1])
                and not self.keys[i].startswith("و")  # "المبعوث الأمريكي ويبحث": a new clause
            )
            quoted = i in self.quote_before and self._quoted_person(i)
            if given is None and (triggered or quoted) and self._name_word(i):
                given = (0, 1)
            if given is None:
                continue
            strip, first_len = given
            if quoted and strip == 0:
                strip = next(
                    (s for v, s in clitic_variants(self.keys[i]) if v in self.gaz.given), 0
                )
            if quoted:
                j = i + first_len
                while (
                    j < self.n
                    and j - i < 4
                    and j not in self.quote_before
                    and self._name_word(j, quoted=True)
                ):
                    j += 1
                    if j - 1 in self.quote_after:
                        break
            else:
                j = self._extend(i, first_len)
                if j == i + first_len:
                    j = self._surname_over_place(i, j)
            if j - i >= 2 or (
                triggered and j - i >= 1 and self.keys[i] not in NOT_NAME and j - i > 1
            ):
                surface = self.surface(i, j, strip)
                entry = self.gaz.names.get(key_of(surface))
                kind, canonical = entry if entry and entry[0] == "person" else ("person", surface)
                self.add(kind, canonical, i, j, strip, bool(entry))
                nxt = j

    def _given_after_role(self, i: int) -> tuple[int, int] | None:
        """A given name that is also a word, after a role and the body it serves: "رئيس
        الحكومة عزيز أخنوش"، "الرئيس التنفيذي للشركة أمين الناصر". (strip, 1) or None."""
        if i < 2 or not self._name_word(i + 1, definite_ok=True):
            return None
        for back in (2, 3):  # the role, then one or two words of its body
            if i < back or not self._joined(i - back, i + 1):
                return None
            role, body = self.keys[i - back], self.keys[i - back + 1 : i]
            if any(k in ORG_STOP or not k.startswith(("ال", "لل")) for k in body):
                return None
            if role in ROLE_WORDS or role in PERSON_TITLES:
                break
        else:
            return None
        if self.keys[i + 1].startswith("ال") and not self._surname_like(i + 1):
            return None
        return next(
            (
                (strip, 1)
                for variant, strip in clitic_variants(self.keys[i])
                if variant in self.gaz.ambiguous_given
            ),
            None,
        )

    def _place_noun(self, j: int) -> bool:
        return any(v in PLACE_NOUNS for v, _ in clitic_variants(self.keys[j]))

    def _surname_over_place(self, i: int, j: int) -> int:
        """A given name after a title or a role, then a town's name with ال, is a person:
        "وزير المالية يوسف الخليل" names the minister, not Hebron. The town found by the
        gazetteer at j gives way when the name ends a clause or "إن" follows; returns the
        name's new end (j when nothing changed)."""
        if j >= self.n or not self.keys[j].startswith("ال") or not self._joined(j - 1, j + 1):
            return j
        before = {self.keys[k] for k in range(max(0, i - 2), i)}
        if not (before & PERSON_TITLES or before & ROLE_WORDS):
            return j
        after = j + 1 < self.n and self._joined(j, j + 2)
        if after and self.keys[j + 1] not in SAID_THAT:
            return j  # "وصل الرئيس محمد القاهرة أمس": the town is where he went
        town = next(
            (f for f in self.starts.get(j, ()) if f.kind == "place" and f.last == j + 1), None
        )
        if town is None:
            return j
        self.found.remove(town)
        self.starts[j].remove(town)
        self.used[j] = False
        return j + 1

    def _quoted_person(self, i: int) -> bool:
        """A quoted 2–3 word name after a title or before a role word."""
        j = i
        while j < self.n and j - i < 4 and j not in self.quote_after:
            j += 1
        if j >= self.n or j not in self.quote_after or j - i + 1 < 2:
            return False
        before = {self.keys[k] for k in range(max(0, i - 2), i)}
        after = self.keys[j + 1] if j + 1 < self.n else ""
        return (
            bool(before & PERSON_TITLES) or after in ROLE_WORDS or after.lstrip("و") in ROLE_WORDS
        )

    # 4. surnames alone → the full name in this article
    def surnames(self) -> None:
        """A surname standing alone is the one person of the article whose name ends with it
        ("وأوضح الدوماني" → آرام الدوماني); surnames shared by two people link nowhere."""
        owners: dict[str, set[str]] = {}
        maqsura: dict[str, bool] = {}  # the surname as written ends with ى (مصطفى)
        for f in self.found:
            if f.kind == "person" and f.last - f.first >= 2:
                if self.keys[f.last - 1] == "الله" or self.keys[f.last - 2] in ("عبد", "ابو"):
                    continue  # "عبد السلام"، "نصر الله": alone, السلام and الله are words
                owners.setdefault(self.keys[f.last - 1], set()).add(f.canonical)
                maqsura[self.keys[f.last - 1]] = self.maqsura(f.last - 1)
        linked = {k: next(iter(v)) for k, v in owners.items() if len(v) == 1 and len(k) >= 3}
        if not linked:
            return
        for i in self._surname_candidates(linked):
            if self.used[i]:
                continue
            for variant, strip in clitic_variants(self.keys[i]):
                if variant in linked and self.maqsura(i) == maqsura[variant]:
                    self.add("person", linked[variant], i, i + 1, strip, False)  # على ≠ علي
                    break

    def _surname_candidates(self, linked: dict[str, str]) -> list[int]:
        """The tokens that may be a surname with clitics (للدوماني, ودوماني …), in order: those
        holding the surname (less its ال, which a clitic can replace)."""
        toks = self.toks
        cores = {k[2:] if k.startswith("ال") else k for k in linked}
        if not toks.written or min(map(len, cores)) < 3:  # a short core is found too often
            forms = {form for k in linked for form in clitic_forms(k)}
            return list(compress(range(self.n), map(forms.__contains__, self.keys)))
        text, starts, ends = self.folded.text, toks.starts, toks.ends
        at: set[int] = set()
        for core in cores:
            pos = text.find(core)
            while pos >= 0:
                i = bisect_right(starts, pos) - 1
                if i >= 0 and pos < ends[i]:
                    at.add(i)
                pos = text.find(core, pos + 1)
        return sorted(at)
