"""`make bench`: every figure of issue 7 beside its target, printed and appended to the docs.

    python -m bench.run                      # 30 000 documents (about 5-10 minutes here)
    python -m bench.run --size 1m            # the million-document run (long; see docs)
    python -m bench.run --size 30k --size 1m --only search,app --reuse

Corpora and databases are cached under bench/out/ (git-ignored). `--reuse` keeps an
existing imported archive of the right size instead of importing again (the import rows
then say "reused"). Sections whose piece is missing on this branch print
"not available: <reason>" instead of a figure.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.app_bench import bench_app
from bench.corpus import OUT, SAMPLES, ensure_corpus, load_pool, parse_size
from bench.import_bench import bench_import
from bench.layout_bench import bench_layout, bench_metadata
from bench.report import Row, append, echo, machine, render, table
from bench.search_bench import bench_search

SECTIONS = ("import", "search", "recall", "app", "layout", "metadata")


REPLICATED_NOTE = (
    "rows marked (replicated) ran on an archive made of copies of the 30 000-document import "
    "(bench/scale.py), not on an import of that many distinct documents"
)


def _replicated(args: argparse.Namespace, pool, sources, only: set[str], n: int) -> list[Row]:
    """Search and app figures on an n-document archive replicated from the 30k import."""
    from bench.scale import replicate

    corpus = ensure_corpus(30_000, seed=args.seed, sources=sources)
    base = bench_import(corpus, args.work, reuse=True)
    if base.archive_db is None:
        return [Row(f"search {n:,}", "not available", None, "", note="no 30k archive to replicate")]
    echo(f"[scale] replicating {base.archive_db.name} to {n:,} documents")
    db = replicate(base.archive_db, args.work / f"replicated-{n}.arshif.db", n)
    rows: list[Row] = []
    if "search" in only:
        rows += bench_search(
            db, args.work, pool, args.seed, n, with_recall=False, label=" (replicated)"
        )
    if "app" in only:
        rows += bench_app(db, n, label=" (replicated)")
    return rows


def main(argv: list[str] | None = None) -> list[Row]:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--size", action="append", help="30k (default), 1m, or a number; repeatable"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--source", type=Path, action="append", help="folder of .txt articles (default: samples)"
    )
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help=f"comma list of {', '.join(SECTIONS)}"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="reuse an imported archive of the right size"
    )
    parser.add_argument(
        "--no-record", action="store_true", help="print only; do not append to docs/benchmarks.md"
    )
    parser.add_argument(
        "--replicate",
        action="store_true",
        help="build archives larger than 30k by replicating the 30k import in SQL (bench/scale.py)",
    )
    parser.add_argument("--work", type=Path, default=OUT / "db", help="where the databases go")
    args = parser.parse_args(argv)

    only = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = only - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    sizes = [parse_size(s) for s in (args.size or ["30k"])]
    sources = args.source or [SAMPLES]
    pool = load_pool(sources)
    rows: list[Row] = []
    started = time.perf_counter()

    if "layout" in only:
        rows += bench_layout(pool, args.seed)
    if "metadata" in only:
        rows += bench_metadata(pool, args.seed)
    for n in sizes:
        if args.replicate and n > 30_000:
            rows += _replicated(args, pool, sources, only, n)
            continue
        t0 = time.perf_counter()
        corpus = ensure_corpus(n, seed=args.seed, sources=sources)
        echo(f"[corpus] {corpus.jsonl.name}: {n:,} documents ({time.perf_counter() - t0:.0f} s)")
        imported = bench_import(corpus, args.work, reuse=args.reuse or "import" not in only)
        if "import" in only:
            rows += imported.rows
        if "search" in only or "recall" in only:
            rows += bench_search(
                imported.archive_db, args.work, pool, args.seed, n,
                latency_too="search" in only, with_recall="recall" in only and n <= 100_000,
            )  # fmt: skip
        if "app" in only:
            rows += bench_app(imported.archive_db, n)

    info = machine()
    if args.replicate:
        rows.append(Row("note", "replicated archives", None, "", note=REPLICATED_NOTE))
    title = f"make bench ({', '.join(f'{n:,}' for n in sizes)} documents)"
    echo()
    echo(f"{title}: {time.perf_counter() - started:.0f} s on {info['cpu']}, {info['cores']} cores")
    for line in table(rows):
        echo(line)
    if not args.no_record:
        append(render(rows, info, title))
        echo("\nappended to docs/benchmarks.md")
    return rows


if __name__ == "__main__":
    main()
