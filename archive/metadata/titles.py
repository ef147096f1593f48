"""Names after a title: which words end a title ("الرئيس"، "الفريق أول"، "رجل الأعمال"), which
may stand between it and the name (where the person is from, "السابق"), and whether a word
that is no listed given name may open a name there ("تييري بروتون" may, "عقب اللقاء"،
"ضرورة التعاون"، "لشركة OpenAI" may not). The rules that find people
(archive.metadata.people) are built on these."""

from __future__ import annotations

from itertools import compress

from archive.metadata.gazetteer import key_of
from archive.metadata.lexicon import (
    CHAIN_WORDS,
    PERSON_TITLES,
    RANK_TAILS,
    TITLE_MODIFIERS,
    TITLE_PAIRS,
)
from archive.metadata.namewords import NameWords, verbal_noun
from archive.metadata.triggers import org_heads

# Role nouns that head "role + body + name" (with و/ف before them): "ووزيرة المالية طيف سامي".
_ROLE_FORMS = frozenset(
    form
    for w in (
        "رئيس رئيسة نائب نائبة وزير وزيرة المتحدث المتحدثة الناطق الناطقة المدير المديرة مدير "
        "مديرة الأمين أمين مستشار مستشارة مندوب مندوبة سفير سفيرة قائد محافظ حاكم"
    ).split()
    for form in (key_of(w), "و" + key_of(w), "ف" + key_of(w))
)


# What may follow a name that ends its clause: "… طيف سامي إن"، "… قوباد طالباني إلى بغداد".
_CLAUSE_AFTER = frozenset({"ان", "انه", "انها", "بان", "الي"})


def nisba(key: str) -> bool:
    """An adjective of origin after a title ("المندوب الروسي"، "المندوبة الأمريكية")."""
    return key.startswith("ال") and len(key) >= 5 and key.endswith(("ي", "يه"))


class TitledNames(NameWords):
    def _title_gender(self, t: int) -> int | None:
        """Token t ends a title ("الرئيس"، "الفريق أول"، "رجل الأعمال"): the index of the
        word that shows its gender (the first of a two-word title), or None."""
        k = self.keys[t]
        if k in PERSON_TITLES:
            return t
        if t == 0 or not self._joined(t - 1, t + 1):
            return None
        before = self.keys[t - 1]
        if (k in RANK_TAILS and before in PERSON_TITLES) or before in TITLE_PAIRS.get(k, ()):
            return t - 1
        return None

    def _title_word_between(self, k: int) -> bool:
        """A word that may stand between a title and the name: where the person is from, or
        "السابق"، "الراحلة" … ("الرئيس الأمريكي السابق دونالد ترامب")."""
        key = self.keys[k]
        return nisba(key) or key in TITLE_MODIFIERS

    def _after_title(self, i: int) -> int | None:
        """The name at i follows a title, directly or after one or two words saying where the
        person is from or what they were ("رجل الأعمال الأمريكي إيلون ماسك"): the index of
        the title's gender word, or None."""
        for t in range(i - 1, max(-1, i - 4), -1):
            if not self._joined(t, i + 1):
                return None
            gender = self._title_gender(t)
            if gender is not None:
                if t < i - 1 and self.keys[i].startswith("و"):
                    return None  # "المبعوث الأمريكي ويبحث": a new clause
                return gender
            if not self._title_word_between(t):
                return None
        return None

    def _opens_unlisted_name(self, i: int, gender: int) -> bool:
        """Token i, no listed given name, right after a title, may open a name: an Arabic
        word that is no preposition with a noun ("لشركة"، "بالدور"), no verbal noun or broken
        plural ("استعداد"، "اعتماد"، "أوراق") and, after a man's title, no feminine noun
        ("وأكد الوزير ضرورة التعاون")."""
        k = self.keys[i]
        if not self._name_word(i) or not any("\u0621" <= c <= "\u064a" for c in k):
            return False
        if org_heads(k) or (len(k) >= 5 and k[0] in "بكفل" and k[1:3] == "ال"):
            return False
        if self._pronoun_suffix(i):
            return False  # "وأعلن اللاعب اعتزاله كرة القدم"
        if verbal_noun(k) or self._short_verbal_noun(i):
            return False  # "وأعلن الرئيس سقوط …"، "تشكيل …"، "منع …"، "وقف …"
        if (  # a verbal noun مفعل before an indefinite word: "مقتل جنديين" (not ملحم الرياشي)
            len(k) == 4
            and k[0] == "م"
            and not set(k[1:]) & set("اوي")
            and not (i + 1 < self.n and self.keys[i + 1].startswith("ال"))
        ):
            return False
        woman = self.keys[gender].endswith("ه")
        if k[0] == "ي" or (woman and k[0] == "ت"):  # a verb: "ولي العهد يرأس جلسة …"
            if 4 <= len(k) <= 6 and k[1] not in "اوي":
                return False
        return not (self._feminine(i) and not woman)

    def _short_verbal_noun(self, i: int) -> bool:
        """Token i is a verbal noun of three letters (فعل: منع، بدء، وقف) before a word that
        is no name: no long vowel after its first letter (جون، زيد، بان), no alif first
        (آمد), no ة (حنة), no listed name (بدر), and no بن or given name after it."""
        k = self.keys[i]
        if len(k) != 3 or k[0] == "ا" or set(k[1:]) & set("اوي") or self._feminine(i):
            return False
        if k in self.gaz.ambiguous_given:
            return False
        nxt = self.keys[i + 1] if i + 1 < self.n else ""
        return not (nxt in CHAIN_WORDS or nxt in self.gaz.given)

    def _feminine(self, i: int) -> bool:
        """Token i as written ends with ة."""
        return self.text[self.folded.orig(self.toks.ends[i] - 1)] == "ة"

    def _unlisted_second(self, j: int) -> bool:
        """The word after an unlisted first name may go on with it: a family name with the
        article is a nisba or a given name's (الرياشي، الأحمد), not a common noun ("سبل
        التعاون"، "دور المملكة"); a word without it has no possessive pronoun ("استعداد
        بلاده"); neither is a plural in ات/ين or an organisation's head noun."""
        k = self.keys[j]
        if (len(k) >= 5 and k.endswith(("ات", "ين"))) or org_heads(k) or verbal_noun(k):
            return False  # a plural, a head noun: "ونفى الوزير وجود خلافات"، "نشر قوات"
        if not k.startswith("ال") and self._feminine(j) and not self._nisba_name(j):
            return False  # a feminine noun: "سقوط طائرة"، "نجاح عملية الإنقاذ"
        if k.startswith("ال"):
            return (
                (k.endswith("ي") and len(k) >= 5)
                or k[2:] in self.gaz.given
                or k[2:] in self.gaz.ambiguous_given
                or self._allah(j)
            )
        return not self._pronoun_suffix(j)

    def _nisba_name(self, j: int) -> bool:
        """Token j ends with ية and ends the name (طوني فرنجية), not a noun in construct with
        the definite word after it ("عملية الإنقاذ")."""
        return self.keys[j].endswith("يه") and not (
            j + 1 < self.n and self._joined(j, j + 2) and self.keys[j + 1].startswith("ال")
        )

    def _pronoun_suffix(self, j: int) -> bool:
        """Token j ends with a possessive pronoun: a written ه (not ة) after a word of four
        letters or more ("بلاده"، "اعتزاله"), but not ـيه, which ends French names ("إيلان
        بابيه"، "ميشيل بارنييه")."""
        k = self.keys[j]
        written_h = self.text[self.folded.orig(self.toks.ends[j] - 1)] == "ه"
        return len(k) >= 4 and written_h and k[-2] != "ي"

    def role_body_starts(self) -> dict[int, int]:
        """Tokens after a role and the body it serves ("نائب رئيس الحكومة قوباد طالباني"،
        "ووزيرة المالية طيف سامي"، "المدير العام للوكالة الدولية للطاقة الذرية رافائيل
        غروسي"): token -> the role word (its gender). The body is one to six definite words,
        لل-phrases, names found before (إقليم كردستان) or باسم."""
        keys, used, n = self.keys, self.used, self.n
        out: dict[int, int] = {}
        roles = compress(range(n), map(_ROLE_FORMS.__contains__, keys))
        for r in roles:
            k = r + 1
            while (
                k < n
                and k - r <= 6
                and self._joined(k - 1, k + 1)
                and (used[k] or keys[k].startswith(("ال", "لل")) or keys[k] == "باسم")
            ):
                k += 1
            if r + 1 < k < n and not used[k]:
                out.setdefault(k, r)
        return out

    def after_role_body(self, i: int, j: int) -> bool:
        """Whether tokens i..j-1, no listed given name, after a role and its body, are a
        name rather than the object of the sentence ("وأعلن وزير الدفاع سقوط طائرة في …"،
        "حظر تجول"): two words, the second no feminine noun (طائرة), ending the clause
        (punctuation or a line break, إن/أن or إلى after them), and no dual or plural in
        ين or ات ("وفاة مريضين"، "نشر قوات"، "وجود مفاوضات")."""
        if j != i + 2 or self._feminine(i + 1) or self.keys[i + 1].endswith(("ين", "ات")):
            return False
        return j >= self.n or not self._joined(j - 1, j + 1) or self.keys[j] in _CLAUSE_AFTER
