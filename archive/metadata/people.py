"""People: given names, titles and roles before a name, quoted names before a role word,
بن/آل/ولد chains, regnal ordinals, European names with particles; surnames standing alone
linked to the full name. What a name is made of is in archive.metadata.namewords."""

from __future__ import annotations

from bisect import bisect_right
from itertools import compress

from archive.metadata.clitics import clitic_forms, clitic_variants
from archive.metadata.gazetteer import countries, key_of
from archive.metadata.lexicon import (
    CHAIN_WORDS,
    DIN_SECOND,
    NAMED_AFTER_HEADS,
    NOT_NAME,
    ORG_STOP,
    PERSON_TITLES,
    ROLE_WORDS,
)
from archive.metadata.titles import TitledNames
from archive.metadata.triggers import GIVEN, RANK_TAIL, TITLE, may_be_given

# What follows a speaker's name: "... يوسف الخليل إن الخطة ضرورية"
SAID_THAT = frozenset({"ان", "انه", "انها", "بان"})
# Words before a province's name: "محافظة صلاح الدين".
_PROVINCE_WORDS = frozenset({"محافظه", "لمحافظه", "بمحافظه", "ومحافظه", "قضاء", "ولايه"})
# Particles that open a European family name standing alone ("دي ميستورا"); دير and ديل
# only follow one ("فان دير لاين").
_PARTICLE_STARTS = frozenset({"دي", "دو", "فون", "فان"})


class PeopleRules(TitledNames):
    def extend_table_people(self) -> None:
        """A listed person followed by more of the name: "محمد بن سلمان بن عبدالعزيز آل سعود"."""
        for f in self.found:
            if f.kind != "person":
                continue
            j = f.last
            while (
                j + 1 < self.n
                and self.keys[j] in CHAIN_WORDS
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
            if flag & (TITLE | RANK_TAIL) and self._title_gender(i) is not None:  # type: ignore[operator]
                k = i + 1
                starts.add(k)
                while k < n and k - i <= 2 and self._title_word_between(k):
                    k += 1
                    starts.add(k)
        self.after_role = self.role_body_starts()
        starts.update(self.after_role)
        return sorted(i for i in starts if i < n)

    def people(self) -> None:
        nxt = 0
        self.titled = set()
        for i in self._person_starts():
            if i < nxt or (self.used[i] and not self._din_over_place(i)):
                continue
            if i > 0 and self._joined(i - 1, i + 1) and self._place_noun(i - 1):
                continue  # "مخيم أبو شوك": the camp's name
            given = self._given(i) or self._given_after_role(i)
            # a title, a rank, or a title and where the person is from: "المندوب الروسي
            # فاسيلي نيبينزيا"، "رجل الأعمال الأمريكي إيلون ماسك"
            gender = self._after_title(i)
            triggered = gender is not None
            role = self.after_role.get(i) if gender is None else None
            if triggered:
                self.titled.add(i)
            if given is None and not triggered and role is None and i not in self.quote_before:
                continue
            quoted = i in self.quote_before and self._quoted_person(i)
            unlisted = False
            if given is None and quoted and self._name_word(i):
                given = (0, 1)
            elif given is None and gender is not None and self._opens_unlisted_name(i, gender):
                given, unlisted = (0, 1), True
            elif given is None and role is not None and self._opens_unlisted_name(i, role):
                given, unlisted = (0, 1), True
            if given is None:
                continue
            strip, first_len = given
            if quoted and strip == 0:
                strip = next(
                    (s for v, s in clitic_variants(self.keys[i]) if v in self.gaz.given), 0
                )
                strip = self._as_written(self.keys[i], strip)
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
                if j == i + 2 and first_len == 1 and not unlisted:
                    j = self._list_item_end(i, j)
                if j == i + first_len:
                    titled = triggered or role is not None
                    j = self._surname_over_place(i, j, titled, listed=not unlisted)
                if unlisted and j > i + 1 and not self._unlisted_second(i + 1):
                    continue
                if unlisted and gender is None and not self.after_role_body(i, j):
                    continue
            if j - i >= 2 or (
                triggered and j - i >= 1 and self.keys[i] not in NOT_NAME and j - i > 1
            ):
                head = self._named_after(i, strip)
                if head is not None:  # "كتائب عز الدين القسام": named after a person
                    surface = self.surface(i - 1, j, head)
                    entry = self.gaz.names.get(key_of(surface))
                    kind, canonical = entry if entry else ("org", surface)
                    self.add(kind, canonical, i - 1, j, head, bool(entry))
                    nxt = j
                    continue
                surface = self.surface(i, j, strip)
                entry = self.gaz.names.get(key_of(surface))
                kind, canonical = entry if entry and entry[0] == "person" else ("person", surface)
                self.add(kind, canonical, i, j, strip, bool(entry))
                nxt = j

    def _list_item_end(self, i: int, j: int) -> int:
        """A two-word name i..j-1 that is an item of a list of names ("سمير فوزي جرجس وماري
        عادل حنا ونبيل صبحي فرج"، "…، عماد نبيل بطرس، …") takes a third word without the
        article when the item ends after it: the next item (a given name after و or a
        comma) or the end of the clause follows. The list is there when a name item follows
        or one found right before ends where this one opens with و or after a comma."""
        if j >= self.n or not self._joined(j - 1, j + 1) or not self._name_word(j):
            return j
        k = self.keys[j]
        if (
            len(k) < 3
            or k.startswith(("ال", "و", "بال", "كال"))
            or (k[0] in "يت" and len(k) >= 4 and k not in self.gaz.given)
            or key_of(k) in self.gaz.names
            or self._pronoun_suffix(j)
        ):
            return j
        follows = self._next_item(j + 1)
        if follows is None:
            return j
        if k.endswith("ا") and len(k) >= 4 and k not in self.gaz.given:
            return j  # an indefinite object or role: "ومحمد منير حفلا."، "أحمد فتحي محافظا،"
        if not follows and not self._after_item(i):
            return j  # the clause ends, and no name came before: no list
        return j + 1

    def _next_item(self, t: int) -> bool | None:
        """What follows a list item ending before token t: True when another name item
        opens there (و + a given name, or a comma then a given name) or brackets do, False
        when the clause ends (punctuation, a line break, the end), None when the sentence
        goes on."""
        if t >= self.n:
            return False
        if self._joined(t - 1, t + 1):
            k = self.keys[t]
            return True if k.startswith("و") and self._opens_item(k[1:]) else None
        gap = self.folded.text[self.toks.ends[t - 1] : self.toks.starts[t]]
        if "(" in gap:
            return True  # an item's age or town in brackets: "سمير فوزي جرجس (35 عاما)، …"
        if "،" in gap or "," in gap:
            k = self.keys[t]
            return self._opens_item(k) or (k.startswith("و") and self._opens_item(k[1:]))
        return False

    def _opens_item(self, key: str) -> bool:
        return key in self.gaz.given or key in self.gaz.ambiguous_given

    def _after_item(self, i: int) -> bool:
        """A person found before token i ends right before it, and i opens with و or
        follows a comma: the name at i goes on a list."""
        if i == 0 or not any(f.last == i and f.kind == "person" for f in self.found[-3:]):
            return False
        if self._joined(i - 1, i + 1):
            return self.keys[i].startswith("و")
        gap = self.folded.text[self.toks.ends[i - 1] : self.toks.starts[i]]
        return "،" in gap or "," in gap

    def _named_after(self, i: int, strip: int) -> int | None:
        """An organisation head noun in construct right before the name at i ("كتائب عز
        الدين القسام"، "جامعة محمد الخامس"、"مؤسسة محمد بن راشد"): the clitic length to strip
        from the head, or None."""
        if i == 0 or strip or self.used[i - 1] or not self._joined(i - 1, i + 1):
            return None
        return next(
            (s for v, s in clitic_variants(self.keys[i - 1]) if v in NAMED_AFTER_HEADS),
            None,
        )

    def _din_over_place(self, i: int) -> bool:
        """ "صلاح الدين الجورشي" is a person, though صلاح الدين alone is an Iraqi province:
        the place found at i gives way when a family name follows it (not after a place
        noun, and not a feminine adjective: "محافظة صلاح الدين العراقية")."""
        if i + 2 >= self.n or self.keys[i + 1] not in DIN_SECOND:
            return False
        place = next((f for f in self.starts.get(i, ()) if f.kind == "place"), None)
        if place is None or place.last != i + 2 or not self._joined(i, i + 3):
            return False
        if self.keys[i + 2].endswith("يه") or not self._surname_like(i + 2):
            return False
        if i > 0 and (self._place_noun(i - 1) or self.keys[i - 1] in _PROVINCE_WORDS):
            return False
        self.found.remove(place)
        self.starts[i].remove(place)
        self.used[i : i + 2] = [False, False]
        return True

    def particle_names(self) -> None:
        """A European name with a particle and no listed given name: "دي ميستورا"، "فان دير
        لاين" after a verb of saying, "ستافان دي ميستورا" (a word before the particle)."""
        keys = self.keys
        for p in compress(range(self.n), map(_PARTICLE_STARTS.__contains__, keys)):
            if self.used[p]:
                continue
            end = self._particles(p)
            if end == p:
                continue
            start = p
            if (
                p > 0
                and self._joined(p - 1, p + 1)
                and not keys[p - 1].startswith("ال")
                and len(keys[p - 1]) >= 3
                and self._name_word(p - 1)
            ):
                start = p - 1
            elif p > 0 and keys[p - 1] not in NOT_NAME and keys[p - 1] not in PERSON_TITLES:
                continue  # "البلد دي …": colloquial "this", not a name
            surface = self.surface(start, end, 0)
            entry = self.gaz.names.get(key_of(surface))
            kind, canonical = entry if entry and entry[0] == "person" else ("person", surface)
            tail = " " + key_of(surface)  # "دي ميستورا" after "ستافان دي ميستورا": the same man
            owners = {
                f.canonical
                for f in self.found
                if f.kind == "person" and key_of(f.canonical).endswith(tail)
            }
            if len(owners) == 1:
                canonical = owners.pop()
            self.add(kind, canonical, start, end, 0, bool(entry))

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

    def _surname_over_place(self, i: int, j: int, titled: bool, *, listed: bool) -> int:
        """A given name, then a town's name, is a person: "وزير المالية يوسف الخليل" names the
        minister, not Hebron; "وزير الدفاع الأمريكي لويد أوستن" is no Austin. A town with ال
        gives way after a title or a role when the name ends a clause or "إن" follows ("وصل
        الرئيس محمد القاهرة أمس": the town is where he went); a town without it (as written,
        no country) after a listed given name that follows a title or a role or ends the
        clause with it. Returns the name's new end (j when nothing changed)."""
        if j >= self.n or not self._joined(j - 1, j + 1):
            return j
        town = next(
            (f for f in self.starts.get(j, ()) if f.kind == "place" and f.last == j + 1), None
        )
        if town is None:
            return j
        after = j + 1 < self.n and self._joined(j, j + 2)
        ends = not after or self.keys[j + 1] in SAID_THAT
        if self.keys[j].startswith("ال"):
            before = {self.keys[k] for k in range(max(0, i - 2), i)}
            if not (before & PERSON_TITLES or before & ROLE_WORDS) or not ends:
                return j
        elif (
            not listed
            or not (titled or ends)
            or key_of(town.surface) != self.keys[j]  # a clitic: "بباريس"
            or town.canonical in countries()
        ):
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
