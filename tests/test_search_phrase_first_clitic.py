"""A phrase's first word is found behind a clitic written on it as it stands, not only by
its light stem: light10 takes و off وكالة (كال) but not off لوكالة (لوكال), so "وكالة الطاقة
الدولية" missed "لوكالة الطاقة الدولية". A name that opens with أل (ألمانيا، ألبير) takes ل
as written (لألمانيا), not as لل."""

from __future__ import annotations

import pytest

from archive.search.engine import search
from tests.archive_factory import Doc, found, named_archive

DOCS = {
    "iea": Doc("الطاقة", "وحذّر المدير التنفيذي لوكالة الطاقة الدولية من تخمة في المعروض."),
    "irrigation": Doc("الملاريا", "بالتعاون بين وزارة الصحة ووزارة الموارد المائية والري."),
    "poet": Doc("أمسية", "أمسية شعرية احتفاءً بأبي الطيب المتنبي في بغداد."),
    "germany": Doc("زيارة", "وصل الوزير لألمانيا في زيارة رسمية، ثم عاد منها."),
    "other": Doc("خبر", "قالت الوكالة إن الطاقة الدولية متاحة."),
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    yield from named_archive(tmp_path_factory, DOCS)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"وكالة الطاقة الدولية"', {"iea"}),
        ('"وزارة الموارد المائية والري"', {"irrigation"}),
        ('"أبي الطيب المتنبي"', {"poet"}),
        ('"أبو الطيب المتنبي"', {"poet"}),
        ("ألمانيا", {"germany"}),
    ],
)
def test_a_phrase_or_name_is_found_behind_a_clitic_on_its_first_word(archive, query, expected):
    assert found(archive, query) == expected


def test_the_phrase_is_highlighted_with_its_clitic(archive):
    arch, names = archive
    hit = next(h for h in search(arch, '"وكالة الطاقة الدولية"').hits if names[h.id] == "iea")
    body = DOCS["iea"].body
    assert [body[s.start : s.end] for s in hit.body_spans] == ["لوكالة", "الطاقة", "الدولية"]
