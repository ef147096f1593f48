"""A query made only of a clitic or the article (ال، و، ب، ل، ف، ك، بال، لل…) is searched as
that exact word standing alone: not as a stem (إلى stems to ال) nor with more clitics."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.search.engine import matching_ids, search
from archive.store import Archive
from tests.archive_factory import Doc, add_documents

DOCS = {
    "ila": Doc("رحلة", "ذهب الوفد إلى السوق ثم عاد إلى الفندق"),
    "raqqa": Doc("الرقة", "الرقة مدينة على الفرات وللرقة تاريخ طويل"),
    "wa": Doc("حديث", "قال و هو يبتسم إن الأمر بسيط"),  # و written apart, as old sites did
    "grammar": Doc("أداة ال التعريف", "تدخل ال على الاسم فتعرفه، وكذلك لل في بعض المواضع"),
    "bi": Doc("نحو", "حروف الجر مثل ب و ل و ك تتصل بالاسم"),
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    path: Path = tmp_path_factory.mktemp("clitics") / "archive.db"
    with Archive(path) as arch:
        ids = add_documents(arch, list(DOCS.values()))
        names = dict(zip(ids, DOCS, strict=True))
        yield arch, names


def found(archive, query: str) -> set[str]:
    arch, names = archive
    result = search(arch, query)
    assert result.error is None
    assert {names[i] for i in matching_ids(arch, query)} == {names[h.id] for h in result.hits}
    return {names[h.id] for h in result.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ال", {"grammar"}),  # not every document with إلى or an article
        ("و", {"wa", "bi"}),  # only where و stands alone
        ("ب", {"bi"}),
        ("لل", {"grammar"}),
        ("title:ال", {"grammar"}),
        ("بال", set()),
    ],
)
def test_a_bare_clitic_finds_only_itself_standing_alone(archive, query, expected) -> None:
    assert found(archive, query) == expected


def test_words_and_their_clitic_forms_still_match_as_before(archive) -> None:
    assert found(archive, "رقة") == {"raqqa"}  # الرقة، للرقة
    assert "ila" in found(archive, "إلى")
    assert found(archive, "ال*") >= {"ila", "raqqa", "grammar", "bi"}  # a prefix is a prefix


def test_the_highlight_of_a_bare_clitic_is_the_word_alone(archive) -> None:
    arch, names = archive
    [hit] = [h for h in search(arch, "و").hits if names[h.id] == "wa"]
    body = DOCS["wa"].body
    assert [body[s.start : s.end] for s in hit.body_spans] == ["و"]
