"""Where an import's time goes, stage by stage, in one process (CPU time per document).

    python -m bench.import_profile [--docs 2000] [--profile]

Reads the first documents of the bench corpus (bench/out, made by `python -m bench.corpus`)
and times, one after the other: parsing the JSONL records, metadata extraction, index
columns (normalise + stem), the pickling a worker's result costs on both sides, and the
writes (documents, index, metadata) into a fresh archive in batches of 1000. `--profile`
adds cProfile's top functions of extraction. It is the split behind docs/benchmarks.md's
import paragraph; `make bench` measures the whole import against the baseline.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pickle
import pstats
import tempfile
import time
from pathlib import Path

from archive.importing.formats import Record, read_records
from archive.importing.run import prepare
from archive.importing.write import Prepared, Writer
from archive.metadata import extract_metadata
from archive.models import ImportSummary
from archive.search.index import index_columns
from archive.store import Archive

OUT = Path(__file__).resolve().parent / "out"


def _corpus_lines(n: int) -> bytes:
    dumps = sorted(OUT.glob("corpus-*.jsonl"))
    if not dumps:
        raise SystemExit("no corpus in bench/out: run `python -m bench.corpus` first")
    lines = []
    with dumps[0].open("rb") as f:
        for line in f:
            lines.append(line)
            if len(lines) >= n:
                break
    return b"".join(lines)


def _cpu(label: str, docs: int, seconds: float) -> None:
    print(f"  {label:<34} {1000 * seconds / docs:7.3f} ms/doc")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    data = _corpus_lines(args.docs)

    t = time.process_time()
    records = [r for r in read_records(data, "dump.jsonl", ".jsonl") if isinstance(r, Record)]
    parse = time.process_time() - t
    n = len(records)
    print(f"{n} documents, CPU time per document:")
    _cpu("parse (decode, JSON, clean)", n, parse)

    t = time.process_time()
    metas = [extract_metadata(r.body, r.fields) for r in records]
    _cpu("metadata extraction", n, time.process_time() - t)

    t = time.process_time()
    for m, r in zip(metas, records, strict=True):
        index_columns(m.title, m.indexable_text(r.body))
    _cpu("index columns (normalise + stem)", n, time.process_time() - t)

    results = [prepare(r.body, r.fields) for r in records]
    t = time.process_time()
    blobs = [pickle.dumps(x, pickle.HIGHEST_PROTOCOL) for x in results]
    for b in blobs:
        pickle.loads(b)
    _cpu("pickling a result, both sides", n, time.process_time() - t)

    with tempfile.TemporaryDirectory() as tmp, Archive(Path(tmp) / "p.db") as archive:
        writer = Writer(archive.conn, 1, ImportSummary())
        archive.conn.execute("INSERT INTO imports (id, started_at, paths) VALUES (1, '', '[]')")
        archive.conn.commit()
        items = []
        for k, (r, (meta, cols, _)) in enumerate(zip(records, results, strict=True)):
            sha = hashlib.sha256(r.body.encode()).hexdigest()
            items.append(Prepared(f"d{k}", f"d{k}", Path(tmp), r, sha, meta=meta, cols=cols))
        t0, t = time.perf_counter(), time.process_time()
        for start in range(0, n, 1000):
            writer.write_batch(items[start : start + 1000], [], "")
        _cpu("writes (documents, index, metadata)", n, time.process_time() - t)
        print(f"  (writes wall {1000 * (time.perf_counter() - t0) / n:.3f} ms/doc)")

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for r in records:
            extract_metadata(r.body, r.fields)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
