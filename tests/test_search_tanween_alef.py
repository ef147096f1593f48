"""The indefinite accusative is written with an alef (اتفاقاً، مشروعاً، وقفاً): the word is
found, and highlighted, by its bare form (اتفاق، مشروع، وقف), as a researcher types it."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.search.engine import search
from archive.store import Archive
from tests.archive_factory import Doc, add_documents

DOCS = {
    "deal": Doc("سوناطراك توقّع اتفاقاً بقيمة مليار دولار", "وقّعت الشركة عقداً جديداً مع شريكها."),
    "truce": Doc("خريطة الطريق", "التزم الطرفان وقفاً لإطلاق النار في عموم البلاد ومشروعاً للسلام."),
    "plain": Doc("خبر", "قال المتحدث إن الاتفاق صامد وإن المشروع مستمر."),
    "syria": Doc("سوريا", "زار الوفد سوريا والتقى مسؤولين سوريين."),
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    path: Path = tmp_path_factory.mktemp("tanween") / "archive.db"
    with Archive(path) as arch:
        ids = add_documents(arch, list(DOCS.values()))
        yield arch, dict(zip(ids, DOCS, strict=True))


def found(archive, query: str) -> set[str]:
    arch, names = archive
    result = search(arch, query)
    assert result.error is None, result.error
    return {names[h.id] for h in result.hits}


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
