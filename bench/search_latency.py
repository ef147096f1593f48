"""Search latency and recall at scale: `python -m bench.search_latency [N] [--db FILE]`.

Builds (once, cached at --db) an archive of N synthetic documents recombined from the
sample paragraphs, with dates, sources and tags, inserted directly with index_columns;
then times `search(..., limit=50)` (count + top 50 + snippets and spans) per query type
and prints p50/p95, and the recall gap of a plain unicode61 index on the same texts.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import time
from pathlib import Path

from archive.search.engine import search
from archive.search.index import index_columns, index_documents
from archive.store import Archive

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["عنب بلدي", "هاوار", "سانا", "الجزيرة", "Reuters", "BBC عربي", "المدن", "العربي الجديد"]
TAGS = ["مفاوضات", "الرقة", "لاجئون", "اقتصاد", "حقوق الإنسان"]
# Variants the samples do not spell this way; a few documents get them so recall is visible.
VARIANT_SENTENCES = [
    "عُقِدَ الاجتماعُ في مدينه الرقه.",
    "أعلنت ٱلإدارة الذاتية عن آليات جديدة في ٢٠٢٣.",
    "صرّح مسئول في الحكـــومة السورية لوكالة Reuters.",
    "وصلت المساعدات بالقنصلية وللقنصلية.",
]

QUERIES: dict[str, list[str]] = {
    "term (common)": ["سوريا", "الحكومة", "الاجتماع", "الإدارة"],
    "term (rare)": ["أستانا", "الكازاخستانية", "قنصلية", "مسؤول"],
    "two words": ["الإدارة الذاتية", "مجلس سوريا", "عقد اجتماع"],
    "prefix": ["سوري*", "اجتم*", "الديمقراط*", "مفاوض*"],
    "phrase": ['"مجلس سوريا الديمقراطية"', '"الإدارة الذاتية"', '"العملية السياسية"'],
    "OR / NOT": ["أستانا OR جنيف", "سوريا -روسيا", "(الرقة | دمشق) -tag:اقتصاد"],
    "filtered": ["سوريا date:2020", "الإدارة source:هاوار", "tag:الرقة", "اجتماع after:2022-06"],
    "filters only": ["date:2019-01..2019-06", "source:عنب", "-tag:اقتصاد"],
    "empty (all, newest first)": [""],
}
RECALL_QUERIES = ["عقد", "الادارة", "رقة", "مسؤول", "الحكومة", "قنصلية", "2023", "اليات"]


def _paragraphs() -> list[str]:
    paras: list[str] = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        paras += [p.strip() for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
    return paras


def build(path: Path, n: int, seed: int = 7) -> Archive:
    archive = Archive(path)
    have = archive.count()
    if have >= n:
        return archive
    rng = random.Random(seed)
    paras = _paragraphs()
    long_paras = [p for p in paras if len(p.split()) > 12] or paras
    conn = archive.conn
    batch: list[tuple[int, tuple[str, str, str, str]]] = []
    tag_ids = []
    for name in TAGS:
        conn.execute(
            "INSERT OR IGNORE INTO tags (name, created_at) VALUES (?, '2024-01-01')", (name,)
        )
        tag_ids.append(conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()[0])
    for i in range(have, n):
        words = rng.choice(long_paras).split()
        start = rng.randrange(max(1, len(words) - 8))
        title = " ".join(words[start : start + rng.randint(5, 11)])
        body_paras = rng.sample(paras, k=min(len(paras), rng.randint(4, 10)))
        if rng.random() < 0.02:
            body_paras.insert(rng.randrange(len(body_paras) + 1), rng.choice(VARIANT_SENTENCES))
        body = "\n".join(body_paras)
        date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        undated = rng.random() < 0.05
        cur = conn.execute(
            "INSERT INTO documents (source_key, path, title, body, sha256, date, source, "
            "word_count, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (f"synthetic/{i}", f"synthetic/{i:06d}.txt", title, body,
             hashlib.sha256(f"{i}{body}".encode()).hexdigest(), None if undated else date,
             rng.choice(SOURCES), len(body.split()), "2024-01-01T00:00:00",
             "2024-01-01T00:00:00"),
        )  # fmt: skip
        doc_id = int(cur.lastrowid or 0)
        batch.append((doc_id, None if undated else date, index_columns(title, body)))
        if rng.random() < 0.1:
            conn.execute(
                "INSERT INTO document_tags (document_id, tag_id, tagged_at) VALUES (?, ?, 'x')",
                (doc_id, rng.choice(tag_ids)),
            )
        if len(batch) == 1000:
            index_documents(conn, batch)
            conn.commit()
            batch = []
            print(f"  built {i + 1}/{n}", file=sys.stderr, end="\r")
    index_documents(conn, batch)
    conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")
    conn.commit()
    return archive


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def latency(archive: Archive, repeats: int) -> list[tuple[str, float, float, float, float, int]]:
    """Per query type: wall p50/p95 and CPU p50/p95 (ms) of search(limit=50), mean hits.
    CPU time is what the query costs on an idle machine; wall time includes waiting for a
    core when the machine is shared."""
    rows = []
    for kind, queries in QUERIES.items():
        wall: list[float] = []
        cpu: list[float] = []
        totals = 0
        for query in queries:
            search(archive, query, limit=50)  # warm the page cache
            for _ in range(repeats):
                t0, c0 = time.perf_counter(), time.process_time()
                result = search(archive, query, limit=50)
                wall.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                assert result.error is None, result.error
            totals += result.total
        rows.append(
            (kind, statistics.median(wall), _pct(wall, 0.95), statistics.median(cpu),
             _pct(cpu, 0.95), totals // len(queries))
        )  # fmt: skip
    return rows


def recall_gap(archive: Archive) -> list[tuple[str, int, int]]:
    """Documents found by a plain unicode61 index of the raw text vs by ours."""
    conn = archive.conn
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.plain USING fts5(title, body)")
    if not conn.execute("SELECT count(*) FROM temp.plain").fetchone()[0]:
        conn.execute(
            "INSERT INTO temp.plain (rowid, title, body) SELECT id, title, body FROM documents"
        )
    out = []
    for query in RECALL_QUERIES:
        plain = conn.execute("SELECT count(*) FROM temp.plain WHERE plain MATCH ?", (f'"{query}"',))
        out.append((query, plain.fetchone()[0], search(archive, query, limit=1).total))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int, nargs="?", default=30_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/arshif-bench-search.db"))
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    archive = build(args.db, args.n)
    print(f"archive: {archive.count()} documents ({time.perf_counter() - t0:.1f} s to open/build)")
    head = ("query type", "wall p50", "wall p95", "cpu p50", "cpu p95", "hits")
    print(f"{head[0]:28} " + " ".join(f"{h:>8}" for h in head[1:]) + "   (ms; target p95 ≤ 20)")
    for kind, *ms, hits in latency(archive, args.repeats):
        print(f"{kind:28} " + " ".join(f"{v:8.1f}" for v in ms) + f" {hits:8d}")
    print(f"\n{'variant query':14} {'unicode61':>10} {'arshif':>8}")
    for query, plain, ours in recall_gap(archive):
        print(f"{query:14} {plain:10d} {ours:8d}")


if __name__ == "__main__":
    main()
