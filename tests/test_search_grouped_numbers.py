"""A number is found however its thousands are written: markets pages write 12,630 and
١٢٬٥٠٠, a researcher types 12630 or 12500; a number typed with a separator finds it written
without one. (words() drops the separators, in the index and in queries: index format 6,
tests/test_search_thousands_separators.py.)"""

from __future__ import annotations

import pytest

from archive.search.engine import search
from tests.archive_factory import Doc, found, named_archive

DOCS = {
    "tasi": Doc("الأسهم", "أغلق مؤشر «تاسي» عند 12,630.45 نقطة مرتفعاً بنسبة 0.8%."),
    "homes": Doc("إسكان", "خطط لبناء ١٢٬٥٠٠ وحدة سكنية جديدة في دبي."),
    "plain": Doc("ميزانية", "رصدت الوزارة 48000 دينار للمشروع و12 مدرسة بـ630 معلماً."),
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    yield from named_archive(tmp_path_factory, DOCS)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("12630", {"tasi"}),
        ("١٢٦٣٠", {"tasi"}),
        ("12,630", {"tasi"}),
        ("12500", {"homes"}),
        ("12,500", {"homes"}),
        ("48000", {"plain"}),
        ("48,000", {"plain"}),
        ("٤٨٬٠٠٠", {"plain"}),
        ('"12,630" نقطة', {"tasi"}),
    ],
)
def test_a_number_is_found_with_or_without_its_thousands_separator(archive, query, expected):
    assert found(archive, query) == expected


def test_a_number_written_with_separators_is_highlighted_whole(archive):
    arch, names = archive
    hit = next(h for h in search(arch, "12500").hits if names[h.id] == "homes")
    body = DOCS["homes"].body
    assert [body[s.start : s.end] for s in hit.body_spans] == ["١٢٬٥٠٠"]


def test_a_group_of_a_number_is_not_a_number_and_decimals_stay_apart(archive):
    assert found(archive, "630") == {"plain"}  # 12,630 is 12630, not 12 and 630
    assert found(archive, "0.8") == {"tasi"}
