"""The indefinite accusative is written with an alef (اتفاقاً، مشروعاً، وقفاً): the word is
found, and highlighted, by its bare form (اتفاق، مشروع، وقف), as a researcher types it."""

from __future__ import annotations

import pytest

from archive.search.engine import search
from tests.archive_factory import Doc, found, named_archive

DOCS = {
    "deal": Doc("سوناطراك توقّع اتفاقاً بقيمة مليار دولار", "وقّعت الشركة عقداً جديداً مع شريكها."),
    "truce": Doc("خريطة الطريق", "التزم الطرفان وقفاً لإطلاق النار في عموم البلاد ومشروعاً للسلام."),
    "plain": Doc("خبر", "قال المتحدث إن الاتفاق صامد وإن المشروع مستمر."),
    "syria": Doc("سوريا", "زار الوفد سوريا والتقى مسؤولين سوريين."),
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    yield from named_archive(tmp_path_factory, DOCS)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("اتفاق", {"deal", "plain"}),
        ("الاتفاق", {"deal", "plain"}),
        ("مشروع", {"truce", "plain"}),
        ("عقد", {"deal"}),
        ("وقف إطلاق النار", {"truce"}),
        ("سوري", {"syria"}),
    ],
)
def test_a_word_finds_its_indefinite_accusative_with_alef(archive, query, expected):
    assert found(archive, query) == expected


def test_the_accusative_is_highlighted(archive):
    arch, names = archive
    hit = next(h for h in search(arch, "اتفاق").hits if names[h.id] == "deal")
    title = DOCS["deal"].title
    assert [title[s.start : s.end] for s in hit.title_spans] == ["اتفاقاً"]
    hit = next(h for h in search(arch, "وقف").hits if names[h.id] == "truce")
    body = DOCS["truce"].body
    assert [body[s.start : s.end] for s in hit.body_spans] == ["وقفاً"]
