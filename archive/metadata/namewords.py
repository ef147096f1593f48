"""What a person's name is made of, word by word: given names (compound ones too: "نور
الدين"، "سيف الإسلام"), name words, family names with or without the article, بن/آل/ولد
chains, European particles (دي، فون دير) and regnal ordinals. The rules that find people
(archive.metadata.people) are built on these."""

from __future__ import annotations

from functools import lru_cache

from archive.metadata.clitics import clitic_variants
from archive.metadata.gazetteer import key_of, load
from archive.metadata.lexicon import (
    CHAIN_WORDS,
    DIN_FIRST,
    DIN_SECOND,
    NAME_PARTICLES,
    NOT_NAME,
    NOUN_ADJECTIVES,
    ORG_HEADS,
    ORG_STOP,
    PERSON_TITLES,
    PLACE_NOUNS,
    REGNAL,
    ROLE_WORDS,
)
from archive.metadata.tokens import RuleBase

# What a participle after a name governs ("سليمان فرنجية المدعوم من …"، "المعروف بـ…").
_GOVERNED = frozenset({"من", "ب", "به", "بها", "لدي", "عليه", "عليها"})


class NameWords(RuleBase):
    # tokens where a name starts right after a title (PeopleRules.people fills it): there a
    # third word may follow two that are no listed given names ("إيفانا فلادكوفا هولار")
    titled: set[int] | frozenset[int] = frozenset()

    def _name_word(self, j: int, *, definite_ok: bool = False, quoted: bool = False) -> bool:
        if j >= self.n or self.used[j]:
            return False
        k = self.keys[j]
        if k in CHAIN_WORDS or k in NAME_PARTICLES:
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
        kept = _least_strip(k)  # كريم، وكريم: the name (or word) كريم, never ك + the name ريم
        for variant, strip in clitic_variants(k):
            if strip > kept:
                continue
            if (
                variant in DIN_FIRST
                and j + 1 < self.n
                and self.keys[j + 1] in DIN_SECOND
                and not self.used[j + 1]
                and self._joined(j, j + 2)
            ):
                return strip, 2  # "نور الدين"، "سيف الإسلام"، "زين العابدين"
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
        j = self._particles(self._extend_words(i, first_len))
        # "محمد بن سلمان بن عبدالعزيز آل سعود": بن/ابن/بنت/آل/ولد + a name word, repeated
        # ("بن عبد الرحمن آل ثاني": a compound name word takes its second word; "ولد الشيخ
        # أحمد"، "آل الشيخ": الشيخ is part of a family name there, and so is what follows
        # "ولد الشيخ")
        while (
            j + 1 < self.n
            and self.keys[j] in CHAIN_WORDS
            and self._joined(j - 1, j + 2)
            and (self._name_word(j + 1, definite_ok=True) or self._sheikh(j + 1))
        ):
            sheikh = self.keys[j] == "ولد" and self._sheikh(j + 1)
            compound = self.keys[j + 1] in ("عبد", "ابو") and self._joined(j, j + 3)
            j += 3 if compound and j + 2 < self.n else 2
            if sheikh and self._joined(j - 1, j + 1) and self._name_word(j, definite_ok=True):
                j += 1
        if j > i + first_len + 1 and j < self.n and self._joined(j - 1, j + 1):
            if self._surname_like(j) and self._goes_on(j):
                j += 1  # "سلمان بن يوسف الدوسري"
        return j

    def _goes_on(self, j: int) -> bool:
        """A definite word j after a name's family name is more of the name, not the object
        of the sentence ("سجل حسين الشحات الهدف الثاني"): not a noun before its adjective
        (الهدف الثاني، الأسبوع الماضي), and after a definite family name only a nisba or a
        patronymic (الجابر الصباح: جابر and صباح are given names)."""
        if self._before_adjective(j):
            return False
        before = self.keys[j - 1]
        if not (before.startswith("ال") and self.keys[j].startswith("ال")):
            return True
        return self._patronymic(j - 1) or self._patronymic(j) or self._nisba_surname(j)

    def _before_adjective(self, j: int) -> bool:
        """A definite word j followed by an adjective that only follows nouns ("الهدف
        الثاني"، "الأسبوع الماضي")."""
        return (
            self.keys[j].startswith("ال")
            and j + 1 < self.n
            and self.keys[j + 1] in NOUN_ADJECTIVES
            and self._joined(j, j + 2)
        )

    def _patronymic(self, j: int) -> bool:
        """A family name that is a given name with the article: "الأحمد"، "الجابر"."""
        core = self.keys[j][2:]
        return core in self.gaz.given or core in self.gaz.ambiguous_given

    def _sheikh(self, j: int) -> bool:
        return j < self.n and self.keys[j] == "الشيخ" and not self.used[j]

    def _particles(self, j: int) -> int:
        """A European name's particles and the word after them: "ستافان دي ميستورا"،
        "أورسولا فون دير لاين". j is the end of the name so far; returns its new end."""
        k = j
        while k < self.n and self.keys[k] in NAME_PARTICLES and k - j < 2 and not self.used[k]:
            k += 1
        if k == j or not self._joined(j - 1, k + 1) or not self._name_word(k, definite_ok=True):
            return j
        return k + 1

    def _extend_words(self, i: int, first_len: int) -> int:
        j = i + first_len
        if (
            j < self.n
            and self.keys[j] in REGNAL
            and not self.used[j]
            and self._joined(j - 1, j + 1)
        ):
            return j + 1  # "عبدالله الثاني"
        if (
            self._joined(j - 1, j + 1)
            and self._name_word(j, definite_ok=True)
            and not self._before_adjective(j)
        ):
            if j not in self.quote_before or i in self.quote_before:
                compound = self.keys[j] in ("عبد", "ابو") and self._joined(j, j + 2)
                j += 2 if compound and j + 1 < self.n else 1  # "حسن عبد الله"
                if (
                    self._joined(j - 1, j + 1)
                    and j < self.n
                    and j not in self.quote_before
                    and (
                        self._given_word(j)
                        or (self._surname_like(j) and (compound or self._goes_on(j)))
                        or self._allah(j)
                        or (j == i + 2 and first_len == 1 and self._third_word(j))
                        # "علي عبد الله صالح": after a compound, a given name that is a word
                        or (
                            compound
                            and self._name_word(j)
                            and self.keys[j] in self.gaz.ambiguous_given
                        )
                    )
                ):
                    j += 1
        return j

    def _third_word(self, j: int) -> bool:
        """A family name without the article after two given names: "جان إيف لودريان"،
        "جان مارك أيرولت"، "محمد علي كلاي", or after two words that follow a title ("برئاسة
        إيفانا فلادكوفا هولار"، "المندوبة الأمريكية ليندا توماس غرينفيلد"). Not a conjunction or a preposition with the
        article (وفدا، بالقاهرة), a pronoun-suffixed noun (نظيره، نظيرها), a verb of the
        present (يزور، تستقبل) or a short noun in the accusative ("محمد منير حفلا")."""
        k = self.keys[j]
        return (
            (self._given_word(j - 1) or j - 2 in self.titled)
            and not self.keys[j - 1].startswith("ال")
            and not k.startswith(("ال", "و", "ف", "بال", "كال", "لل"))
            and not k.endswith(("ه", "ها", "هم", "هما"))
            and not (k[0] in "يت" and len(k) >= 4)
            and not (k.endswith("ا") and len(k) <= 5)  # an indefinite object: حفلا، وفدا
            and len(k) >= 3
            and self._name_word(j)
            and (key_of(k) not in self.gaz.names)
        )

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

    def _place_noun(self, j: int) -> bool:
        return any(v in PLACE_NOUNS for v, _ in clitic_variants(self.keys[j]))


@lru_cache(maxsize=65536)
def _least_strip(key: str) -> int:
    """The fewest clitic letters whose removal leaves a given name that is also a word
    (كريم in كريم، وكريم): no more than that is stripped to look for a name (9: none)."""
    ambiguous = load().ambiguous_given
    return min((s for v, s in clitic_variants(key) if s >= 0 and v in ambiguous), default=9)
