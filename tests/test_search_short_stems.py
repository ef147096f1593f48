"""A word whose light stem is shorter than three letters is searched as written: فيه (in it)
and منها (of it) are not the prepositions في and من that every article holds. Without its
clitic letters it is still found: والتي and بالتي find التي, وفيه finds فيه."""

from __future__ import annotations

import pytest

from archive.search.engine import search
from tests.archive_factory import Doc, found, named_archive

DOCS = {
    "verse": Doc("رمضان", "شهر رمضان الذي أُنزِلَ فِيهِ الْقُرْآنُ هدى للناس."),
    "plain": Doc("خبر", "وقال الوزير في مؤتمر صحفي إن الحكومة من أجل الناس."),
    "minha": Doc("خبر آخر", "وخرج منها الوفد بعد ساعة، وعاد إليها مساء."),
    "allati": Doc("بيان", "الخطة التي أعلنتها الوزارة أمس."),
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    yield from named_archive(tmp_path_factory, DOCS)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("فيه", {"verse"}),
        ("منها", {"minha"}),
        ("أنزل فيه القرآن", {"verse"}),
        ("والتي", {"allati"}),
        ("بالتي", {"allati"}),
        ("وفيه", {"verse"}),
    ],
)
def test_a_suffixed_preposition_is_not_the_bare_preposition(archive, query, expected):
    assert found(archive, query) == expected


def test_the_bare_preposition_is_not_highlighted_for_its_suffixed_form(archive):
    arch, names = archive
    hit = next(h for h in search(arch, "أنزل فيه القرآن").hits if names[h.id] == "verse")
    body = DOCS["verse"].body
    assert [body[s.start : s.end] for s in hit.body_spans] == ["أُنزِلَ", "فِيهِ", "الْقُرْآنُ"]


def test_the_word_without_its_clitic_is_highlighted(archive):
    arch, names = archive
    hit = next(h for h in search(arch, "والتي").hits if names[h.id] == "allati")
    body = DOCS["allati"].body
    assert [body[s.start : s.end] for s in hit.body_spans] == ["التي"]
