"""The benchmark corpus generator: deterministic, the size asked, realistic."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from bench.corpus import (
    CorpusGenerator,
    arabic_date_line,
    ensure_corpus,
    load_pool,
    parse_size,
    read_jsonl,
    write_jsonl,
    write_txt_folder,
)


@pytest.fixture(scope="module")
def pool(request: pytest.FixtureRequest):
    return load_pool([Path(__file__).resolve().parent.parent / "samples"])


def test_pool_cuts_samples_into_titles_paragraphs_and_sentences(pool) -> None:
    assert len(pool.titles) == 5
    assert "مسد والتحالف الوطني السوري يعدان خطة عمل مشتركة" in pool.titles
    assert "11/01/2023" not in pool.titles  # a date-only line is not a title
    assert len(pool.paragraphs) > 40
    assert len(pool.sentences) > len(pool.paragraphs)
    assert not any(p.startswith("زر الذهاب") for p in pool.paragraphs)


def test_same_seed_gives_the_same_documents(pool) -> None:
    first = list(CorpusGenerator(pool, seed=3, vocabulary=2000).documents(50))
    again = list(CorpusGenerator(pool, seed=3, vocabulary=2000).documents(50))
    other = list(CorpusGenerator(pool, seed=4, vocabulary=2000).documents(50))
    assert first == again
    assert first != other


def test_documents_are_the_number_asked_and_distinct(pool) -> None:
    docs = list(CorpusGenerator(pool, seed=1, vocabulary=2000).documents(300))
    assert len(docs) == 300
    assert len({d.body for d in docs}) == 300


def test_documents_recombine_real_sentences(pool) -> None:
    docs = list(CorpusGenerator(pool, seed=2, vocabulary=2000).documents(200))
    real_words = {w for p in pool.paragraphs + pool.headings + pool.titles for w in p.split()}
    words = [w for doc in docs for w in doc.body.split()]
    known = sum(w in real_words for w in words)
    assert 0.85 < known / len(words) < 0.995  # real text, with a few long-tail words


def test_dates_sources_and_titles_vary(pool) -> None:
    docs = list(CorpusGenerator(pool, seed=5, vocabulary=2000).documents(400))
    years = Counter(d.date[:4] for d in docs if d.date)
    assert len(years) >= 10
    assert len({d.source for d in docs}) >= 10
    assert len({d.title for d in docs}) > 300
    assert any(d.date is None for d in docs)
    dated_first_lines = [
        d for d in docs if re.search(r"[0-9\u0660-\u0669]{4}", d.body.split("\n", 1)[0])
    ]
    assert 40 < len(dated_first_lines) < 250


def test_date_lines_use_several_arabic_formats() -> None:
    import random
    from datetime import date

    rng = random.Random(0)
    lines = {arabic_date_line(date(2023, 1, 11), rng) for _ in range(200)}
    assert "11/01/2023" in lines
    assert "١١/١/٢٠٢٣" in lines
    assert "11 كانون الثاني 2023" in lines
    assert "11 كانون الثاني/يناير 2023" in lines
    assert "نُشر في 11 جانفي 2023" in lines


def test_long_tail_vocabulary_grows_with_the_corpus(pool) -> None:
    gen = CorpusGenerator(pool, seed=9, vocabulary=20_000)
    small = {w for d in gen.documents(100) for w in d.body.split()}
    large = small | {w for d in gen.documents(900) for w in d.body.split()}
    assert len(large) > 1.5 * len(small)


def test_jsonl_and_txt_outputs_hold_the_documents(pool, tmp_path: Path) -> None:
    docs = list(CorpusGenerator(pool, seed=6, vocabulary=2000).documents(30))
    text_bytes = write_jsonl(docs, tmp_path / "dump.jsonl")
    records = [json.loads(line) for line in (tmp_path / "dump.jsonl").read_text().splitlines()]
    assert [r["title"] for r in records] == [d.title for d in docs]
    assert set(records[0]) == {"title", "body", "date", "source"}
    assert text_bytes == sum(len(d.title.encode()) + len(d.body.encode()) for d in docs)
    assert list(read_jsonl(tmp_path / "dump.jsonl")) == docs
    write_txt_folder(docs, tmp_path / "txt", per_dir=10)
    files = sorted((tmp_path / "txt").rglob("*.txt"))
    assert len(files) == 30
    assert files[0].read_text(encoding="utf-8").startswith(docs[0].title + "\n")


def test_ensure_corpus_caches_by_size_and_seed(tmp_path: Path, samples_dir: Path) -> None:
    first = ensure_corpus(40, seed=2, sources=[samples_dir], out=tmp_path)
    mtime = first.jsonl.stat().st_mtime_ns
    again = ensure_corpus(40, seed=2, sources=[samples_dir], out=tmp_path)
    assert again == first and first.jsonl.stat().st_mtime_ns == mtime
    assert sum(1 for _ in first.jsonl.open()) == 40


@pytest.mark.parametrize(("text", "n"), [("30k", 30_000), ("1m", 1_000_000), ("2500", 2500)])
def test_parse_size_reads_k_and_m(text: str, n: int) -> None:
    assert parse_size(text) == n


def test_parse_size_refuses_zero() -> None:
    with pytest.raises(ValueError):
        parse_size("0")
