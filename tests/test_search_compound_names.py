"""Compound names are written in one word or in two: Gulf outlets write عبدالعزيز, عبدالله and
أبوظبي, Levantine and Egyptian ones عبد العزيز, عبد الله and أبو ظبي. A researcher finds both
whichever way the query is typed, in the text and in the person:/place: filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.metadata import extract_metadata
from archive.metadata.store import save_metadata
from archive.search.engine import matching_ids, search
from archive.store import Archive
from tests.archive_factory import Doc, add_documents, found

DOCS = {
    "joined": Doc(
        "أوبك+ تمدد الخفض",
        "قال وزير الطاقة السعودي الأمير عبدالعزيز بن سلمان إن الخفض مستمر، فيما ارتفع مؤشر "
        "سوق أبوظبي للأوراق المالية.",
    ),
    "spaced": Doc(
        "زيارة رسمية",
        "استقبل الرئيس المصري عبد الفتاح السيسي الشيخ عبد الله بن زايد في القاهرة، قبل "
        "توجهه إلى أبو ظبي.",
    ),
    "other": Doc("خبر", "قال عبد ربه إن أبو محمد وصل إلى المدينة قبل الظهر."),
    "kunya": Doc("بيان", "ونقلت القناة عن أبي عبيدة قوله إن المفاوضات متوقفة، وأبيات شعر."),
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    path: Path = tmp_path_factory.mktemp("compound") / "archive.db"
    with Archive(path) as arch:
        ids = add_documents(arch, list(DOCS.values()))
        with arch.conn:
            for doc_id, doc in zip(ids, DOCS.values(), strict=True):
                save_metadata(arch.conn, doc_id, extract_metadata(f"{doc.title}\n\n{doc.body}"))
        yield arch, dict(zip(ids, DOCS, strict=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("عبد العزيز بن سلمان", {"joined"}),
        ('"عبد العزيز بن سلمان"', {"joined"}),
        ("عبدالله بن زايد", {"spaced"}),
        ('"عبدالله بن زايد"', {"spaced"}),
        ("عبدالفتاح", {"spaced"}),
        ("أبو ظبي", {"joined", "spaced"}),
        ("أبوظبي", {"joined", "spaced"}),
        ('"أبو ظبي"', {"joined", "spaced"}),
        ("أبو محمد", {"other"}),
        ("أبو عبيدة", {"kunya"}),
        ('"أبو عبيدة"', {"kunya"}),
        ("أبي محمد", {"other"}),
    ],
)
def test_a_compound_name_is_found_written_in_one_word_or_two(archive, query, expected):
    assert found(archive, query) == expected


def test_the_joined_name_is_highlighted_for_a_spaced_query(archive):
    arch, names = archive
    hit = next(h for h in search(arch, "عبد العزيز").hits if names[h.id] == "joined")
    body = DOCS["joined"].body
    assert [body[s.start : s.end] for s in hit.body_spans] == ["عبدالعزيز"]


@pytest.mark.parametrize(
    ("query", "key"),
    [('person:"عبد العزيز بن سلمان"', "joined"), ("person:عبدالفتاح", "spaced")],
)
def test_a_person_filter_finds_the_name_written_the_other_way(archive, query, key):
    arch, names = archive
    assert {names[i] for i in matching_ids(arch, query)} == {key}


def test_a_kunya_in_another_case_is_highlighted_not_words_sharing_its_letters(archive):
    arch, names = archive
    hit = next(h for h in search(arch, "أبو عبيدة").hits if names[h.id] == "kunya")
    body = DOCS["kunya"].body
    assert [body[s.start : s.end] for s in hit.body_spans] == ["أبي", "عبيدة"]
