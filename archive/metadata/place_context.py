"""Towns whose names are also common words (aliases.json `_ambiguous.places`: الباب "the
door", العيون "the eyes", الطبقة "the class", مالي "financial", دوما "always"): the gazetteer
finds them everywhere, and only a place's context keeps one a place. That is a place noun or a
direction before it ("مدينة الباب"، "ريف الباب"، "شمال الباب"، "مجلس الطبقة"), a state's
noun before a name without the article ("جمهورية مالي"), a preposition of place before
it with no definite word describing it after ("في الباب" but not "إلى العيون الحزينة"), or
another place beside it in a list ("منبج، الباب، وجرابلس"، "جرابلس والباب"). A one-word
town read through the clitic ك ("كبيرا": كـ + Beira) is taken back everywhere."""

from __future__ import annotations

from archive.metadata.clitics import clitic_variants
from archive.metadata.gazetteer import key_of
from archive.metadata.lexicon import PLACE_NOUNS
from archive.metadata.tokens import Found, RuleBase

_PLACE_WORDS = PLACE_NOUNS | frozenset(
    key_of(w)
    for w in (
        "مدينة مدينتي بلدة بلدتي قرية منطقة محافظة ولاية إقليم قضاء ناحية ريف مدن بلدات "
        "ضواحي أطراف أهالي سكان شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي"
        # a town's local bodies: "مجلس الطبقة"، "بلدية الباب"
        " مجلس بلدية"
    ).split()
)
# Heads that take a country's name in construct ("جمهورية مالي"، "رئيس بنين"): only before
# a name without the article ("رئيس المنشأة" is the facility's head).
_STATE_WORDS = frozenset(key_of(w) for w in "دولة جمهورية حكومة جيش رئيس عاصمة شعب".split())
_PREPOSITIONS = frozenset(key_of(w) for w in "في من إلى الى على حتى نحو قرب باتجاه".split())


def drop_places_out_of_context(ex: RuleBase) -> None:
    """Take back the one-word places of ex.found whose name is a common word and that stand
    in no place's context (their token is free again for the later rules)."""
    ambiguous = ex.gaz.ambiguous_places
    doubtful = [
        f
        for f in ex.found
        if f.kind == "place"
        and f.last == f.first + 1
        and (key_of(f.surface) in ambiguous or _behind_kaf(ex, f))
    ]
    for f in doubtful:
        if _behind_kaf(ex, f) or not _in_context(ex, f):
            ex.found.remove(f)
            ex.starts[f.first].remove(f)
            ex.used[f.first] = False


def _behind_kaf(ex: RuleBase, f: Found) -> bool:
    """A one-word town read through the clitic ك ("like"): news compares with a town's name
    rarely, and a word that opens with ك reads as one ("جزءاً كبيراً": كـ + بيرا, Beira)."""
    key = ex.keys[f.first]
    return key[: len(key) - len(key_of(f.surface))] in ("ك", "وك", "فك")


def _in_context(ex: RuleBase, f: Found) -> bool:
    i, keys = f.first, ex.keys
    with_wa = keys[i].startswith("و") and keys[i] != key_of(f.surface)
    if i > 0 and ex._joined(i - 1, i + 1):
        before = {v for v, _ in clitic_variants(keys[i - 1])}
        if before & _PLACE_WORDS or (
            before & _STATE_WORDS and not f.surface.startswith(("ال", "لل"))
        ):
            return True
        if before & _PREPOSITIONS and keys[i] == key_of(f.surface) and not _described(ex, i):
            return True
    return _listed(ex, i, i - 1, with_wa) or _listed(ex, i + 1, i + 1, _wa(ex, i + 1))


def _wa(ex: RuleBase, j: int) -> bool:
    return j < ex.n and ex.keys[j].startswith("و")


def _listed(ex: RuleBase, later: int, neighbour: int, with_wa: bool) -> bool:
    """Token `neighbour` is (the end or the start of) another place, and the later of the
    two is joined to the other by و or follows a comma."""
    if neighbour < 0 or neighbour >= ex.n or not ex.used[neighbour]:
        return False
    if not any(
        g.kind == "place" and g.first <= neighbour < g.last and g.last - g.first <= 3
        for g in ex.found[-64:]
    ):
        return False
    if ex._joined(later - 1, later + 1):
        return with_wa
    gap = ex.folded.text[ex.toks.ends[later - 1] : ex.toks.starts[later]]
    return "،" in gap or "," in gap


def _described(ex: RuleBase, i: int) -> bool:
    """A definite word follows the name, describing it as a noun: "إلى العيون الحزينة"،
    "من الباب الخلفي". A feminine nisba agrees with a town ("في العيون المغربية" stays a
    place)."""
    j = i + 1
    if j >= ex.n or ex.used[j] or not ex._joined(i, j + 1):
        return False
    k = ex.keys[j]
    return k.startswith("ال") and not k.endswith("يه")
