"""Names after a title: which words end a title ("الرئيس"، "الفريق أول"، "رجل الأعمال"), which
may stand between it and the name (where the person is from, "السابق"), and whether a word
that is no listed given name may open a name there ("تييري بروتون" may, "عقب اللقاء"،
"ضرورة التعاون"، "لشركة OpenAI" may not). The rules that find people
(archive.metadata.people) are built on these."""

from __future__ import annotations

from archive.metadata.lexicon import PERSON_TITLES, RANK_TAILS, TITLE_MODIFIERS, TITLE_PAIRS
from archive.metadata.namewords import NameWords
from archive.metadata.triggers import org_heads


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
        if (
            (k.startswith("است") and len(k) >= 6)
            or (  # a verbal noun مفعل before an indefinite word: "مقتل جنديين" (not ملحم الرياشي)
                len(k) == 4
                and k[0] == "م"
                and not set(k[1:]) & set("اوي")
                and not (i + 1 < self.n and self.keys[i + 1].startswith("ال"))
            )
            or (len(k) == 5 and k[0] == "ا" and k[3] == "ا" and k[1] != "ي")  # أفعال, not إيلان
            or (len(k) == 6 and k[0] == "ا" and k[4] == "ا" and "ت" in (k[2], k[1]))  # افتعال
        ):
            return False
        woman = self.keys[gender].endswith("ه")
        if k[0] == "ي" or (woman and k[0] == "ت"):  # a verb: "ولي العهد يرأس جلسة …"
            if 4 <= len(k) <= 6 and k[1] not in "اوي":
                return False
        return not (self._feminine(i) and not woman)

    def _feminine(self, i: int) -> bool:
        """Token i as written ends with ة."""
        return self.text[self.folded.orig(self.toks.ends[i] - 1)] == "ة"

    def _unlisted_second(self, j: int) -> bool:
        """The word after an unlisted first name may go on with it: a family name with the
        article is a nisba or a given name's (الرياشي، الأحمد), not a common noun ("سبل
        التعاون"، "دور المملكة"); a word without it has no possessive pronoun ("استعداد
        بلاده")."""
        k = self.keys[j]
        if k.startswith("ال"):
            return (
                (k.endswith("ي") and len(k) >= 5)
                or k[2:] in self.gaz.given
                or k[2:] in self.gaz.ambiguous_given
                or self._allah(j)
            )
        return not self._pronoun_suffix(j)

    def _pronoun_suffix(self, j: int) -> bool:
        """Token j ends with a possessive pronoun: a written ه (not ة) after a word of four
        letters or more ("بلاده"، "اعتزاله"), but not ـيه, which ends French names ("إيلان
        بابيه"، "ميشيل بارنييه")."""
        k = self.keys[j]
        written_h = self.text[self.folded.orig(self.toks.ends[j] - 1)] == "ه"
        return len(k) >= 4 and written_h and k[-2] != "ي"
