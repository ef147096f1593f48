"""Search: latency of term, prefix, phrase, filtered and entity queries, and recall of variants.

Latency: each query goes through `archive.search.engine.search(archive, q, limit=50)`,
which counts the matches, fetches the top 50 and builds their snippets and highlight spans
(what `arshif search` shows; the app's list asks for less, see bench/app_bench.py). One
warm-up pass over every query, then ROUNDS timed passes; p50/p95 are over all timed calls of
a kind. The note gives the same calls' CPU time (time.process_time: every thread, since a
large count runs on two, archive.search.split): on a shared machine the wall time includes
waiting for a core; the CPU time is the work, which two cores share on an idle machine.

Recall: a plain FTS5 unicode61 index of the same stored titles and bodies (rowid =
documents.id) is built beside the archive. For a real word w of the corpus, the relevant
documents are those whose text holds w exactly (plain index, phrase "w"). A variant v of w
(alef form, ة/ه, ى/ي, harakat added or dropped, tatweel, clitics) is searched in both: the
plain index, and Arshif (`matching_ids`). Recall = |found ∩ relevant| / |relevant|.
Boilerplate (e.g. a "شاهد أيضًا" block) is in the plain index but not in Arshif's, so
Arshif's recall can fall a little below 1 without a real miss.
"""

from __future__ import annotations

import re
import sqlite3
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bench.corpus import SOURCES, CorpusGenerator, Pool
from bench.report import Row, echo, skipped

ROUNDS = 5
CAP_S = 5.0  # a query still running after this is interrupted and counted as CAP_S
P95_TARGET_MS = {30_000: 20.0, 1_000_000: 60.0}
_WORD = re.compile(r"^[\u0621-\u064a\u064b-\u0652\u0670]{4,}$")
HARAKAT = re.compile("[\u064b-\u0652\u0670]")
FATHA, KASRA, TATWEEL = "\u064e", "\u0650", "\u0640"


def _target(n: int) -> float:
    return P95_TARGET_MS[30_000] if n <= 30_000 else P95_TARGET_MS[1_000_000]


def _pool_words(pool: Pool) -> list[str]:
    counts = Counter(
        w.strip('،,.:؛“”"()') for p in pool.paragraphs + pool.titles for w in p.split()
    )
    return [w for w, _ in counts.most_common() if _WORD.match(w)]


def query_sets(pool: Pool, seed: int) -> dict[str, list[str]]:
    """Deterministic queries drawn from the corpus's own words, by kind."""
    words = [w for w in _pool_words(pool) if not HARAKAT.search(w)]
    plain = [w for w in words if not w.startswith(("و", "ب", "ل", "ف"))]
    common, middle, rare = plain[:40:8], plain[100:400:60], plain[-200::40]
    vocab = CorpusGenerator(pool, seed=seed, vocabulary=60_000).vocab.words
    tail = [vocab[i] for i in (3, 40, 400, 4_000, 40_000)]
    terms = common + middle + rare + tail + [f"{common[0]} {middle[0]}", f"{middle[1]} {rare[0]}"]
    prefixes = [w.removeprefix("ال")[:4] + "*" for w in (common + middle) if len(w) >= 6][:6]
    phrases: list[str] = []
    for sentence in pool.sentences[::7][:20]:  # two consecutive words of a real sentence
        tokens = sentence.split()
        pairs = [
            (a, b)
            for a, b in zip(tokens, tokens[1:], strict=False)
            if _WORD.match(a) and _WORD.match(b)
        ]
        if pairs and len(phrases) < 10:
            a, b = pairs[len(pairs) // 2]
            phrases.append(f'"{a} {b}"')
    filtered = [
        f"{common[0]} date:2019",
        f"{middle[0]} after:2020-01-01",
        f"{common[1]} before:2015-06-30",
        f'{middle[2]} source:"{SOURCES[0]}"',
        f"{common[2]} date:2016-01..2016-06",
        f"{rare[0]} -{common[0]}",
    ]
    return {"term": terms, "prefix": prefixes, "phrase": phrases, "filtered": filtered}


def entity_queries(conn: sqlite3.Connection, terms: list[str]) -> list[str]:
    """Entity filters as the app's facets write them (`place:="…"`), alone and beside a
    word: the most mentioned place and organisation of the archive (a large set), a person
    of middle rank, and one of the least mentioned (a small set)."""
    ranked = conn.execute(
        "SELECT e.kind, e.name FROM entities e JOIN ("
        "  SELECT entity_id, count(*) AS n FROM document_entities GROUP BY entity_id"
        ") m ON m.entity_id = e.id ORDER BY m.n DESC, e.id"
    ).fetchall()
    if not ranked:
        return []
    by_kind: dict[str, list[str]] = {}
    for kind, name in ranked:
        by_kind.setdefault(kind, []).append(name)
    places, orgs, people = (by_kind.get(k, []) for k in ("place", "org", "person"))
    queries = []
    if places:
        queries += [f'place:="{places[0]}"', f'{terms[0]} place:="{places[0]}"']
    if orgs:
        queries += [f'org:="{orgs[0]}"', f'{terms[-1]} org:="{orgs[0]}"']
    if people:
        queries += [f'person:="{people[len(people) // 2]}"']
    kind, name = ranked[-1]
    return [*queries, f'{kind}:="{name}"']


def timed_search(archive, query: str, cpu: list[float] | None = None) -> tuple[float, object]:
    """(ms, SearchResult) of one search, interrupted after CAP_S (then ms >= CAP_S * 1000).
    The CPU time of the call (all threads) is appended to `cpu` (a shared machine adds
    waiting to the wall time; the CPU time is the work, shared by two cores when idle)."""
    import threading

    from archive.search.engine import search

    timer = threading.Timer(CAP_S, archive.conn.interrupt)
    timer.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        result = search(archive, query, limit=50)
    finally:
        timer.cancel()
    if cpu is not None:
        cpu.append((time.process_time() - cpu_started) * 1000)
    return (time.perf_counter() - started) * 1000, result


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def latency(db: Path, pool: Pool, seed: int, n: int, label: str = "") -> list[Row]:
    from archive.store import Archive

    section = f"search {n:,}{label}"
    rows: list[Row] = []
    sets = query_sets(pool, seed)
    archive = Archive(db)
    try:
        sets["entity"] = entity_queries(archive.conn, sets["term"])
        errors: list[str] = []
        capped: set[str] = set()
        for queries in sets.values():
            for q in queries:  # warm-up: page cache, statement cache
                ms, result = timed_search(archive, q)
                if ms >= CAP_S * 1000:
                    capped.add(q)
                elif result.error:
                    errors.append(f"{q!r}: {result.error}")
        all_times: list[float] = []
        slowest: list[tuple[float, str, int]] = []
        for kind, queries in sets.items():
            times: list[float] = []
            cpu: list[float] = []
            for round_ in range(ROUNDS):
                for q in queries:
                    if q in capped:  # known to run past the cap: count it, do not wait again
                        elapsed, total = CAP_S * 1000, -1
                    else:
                        elapsed, result = timed_search(archive, q, cpu)
                        total = result.total
                    times.append(elapsed)
                    if round_ == 0:
                        slowest.append((elapsed, q, total))
            all_times += times
            cpu_note = (
                f"CPU p50 {statistics.median(cpu):.1f} / p95 {_percentile(cpu, 0.95):.1f} ms"
                if cpu
                else ""
            )
            echo(
                f"  {kind:9} p50 {statistics.median(times):7.1f} ms  p95 {_percentile(times, 0.95):7.1f} ms"
                f"  ({cpu_note})"
            )
            rows.append(Row(section, f"{kind} p50", statistics.median(times), "ms"))
            rows.append(
                Row(section, f"{kind} p95", _percentile(times, 0.95), "ms", _target(n),
                    note=f"{len(queries)} queries x {ROUNDS}; {cpu_note}")
            )  # fmt: skip
        rows.append(Row(section, "all p95", _percentile(all_times, 0.95), "ms", _target(n)))
        worst = sorted(set(slowest), reverse=True)[:3]
        rows.append(
            Row(section, "slowest queries", worst[0][0], "ms",
                note="; ".join(f"{q} ({ms:.0f} ms, {total:,} hits)" for ms, q, total in worst))
        )  # fmt: skip
        if capped:
            rows.append(
                Row(section, f"queries over {CAP_S:.0f} s (interrupted)", len(capped), "",
                    note="; ".join(sorted(capped)[:6]))
            )  # fmt: skip
        if errors:
            rows.append(
                Row(section, "queries rejected", len(errors), "", note="; ".join(errors[:4]))
            )
    finally:
        archive.close()
    return rows


# -- recall --------------------------------------------------------------------------------
def plain_index(archive_db: Path, plain_db: Path) -> sqlite3.Connection:
    """A plain unicode61 FTS5 index of the archive's stored titles and bodies."""
    conn = sqlite3.connect(plain_db)
    conn.execute("ATTACH DATABASE ? AS arc", (f"file:{archive_db}?mode=ro",))
    have = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'plain_fts'").fetchone()[0]
    docs = conn.execute("SELECT count(*), max(id) FROM arc.documents").fetchone()
    if have:
        stamp = conn.execute("SELECT value FROM plain_meta WHERE key = 'docs'").fetchone()
        if stamp and stamp[0] == f"{docs[0]}:{docs[1]}":
            return conn
        conn.executescript("DROP TABLE plain_fts; DROP TABLE plain_meta;")
    started = time.perf_counter()
    with conn:
        conn.execute("CREATE VIRTUAL TABLE plain_fts USING fts5(title, body, tokenize='unicode61')")
        conn.execute(
            "INSERT INTO plain_fts(rowid, title, body) SELECT id, title, body FROM arc.documents"
        )
        conn.execute("CREATE TABLE plain_meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO plain_meta VALUES ('docs', ?)", (f"{docs[0]}:{docs[1]}",))
    echo(f"  plain unicode61 index built in {time.perf_counter() - started:.1f} s")
    return conn


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def variants(pool: Pool) -> dict[str, list[tuple[str, str]]]:
    """(original word, variant query) pairs by kind, from the corpus's own words."""
    words = _pool_words(pool)
    bare = [w for w in words if not HARAKAT.search(w)]

    def pick(
        pred: Callable[[str], bool], make: Callable[[str], str], k: int = 8
    ) -> list[tuple[str, str]]:
        return [(w, make(w)) for w in [w for w in bare if pred(w)][:k]]

    with_harakat = [w for w in words if HARAKAT.search(w)][:8]
    return {
        "alef (أ إ آ → ا)": pick(lambda w: bool(re.search("[أإآ]", w)), lambda w: re.sub("[أإآ]", "ا", w)),
        "ta marbuta (ة → ه)": pick(lambda w: w.endswith("ة"), lambda w: w[:-1] + "ه"),
        "alef maqsura (ى → ي)": pick(lambda w: w.endswith("ى"), lambda w: w[:-1] + "ي", 5),
        "harakat added": pick(lambda w: len(w) >= 5, lambda w: w[:2] + FATHA + w[2:4] + KASRA + w[4:]),
        "harakat dropped": [(w, HARAKAT.sub("", w)) for w in with_harakat],
        "tatweel": pick(lambda w: len(w) >= 5, lambda w: w[:3] + TATWEEL * 3 + w[3:], 5),
        "article dropped (ال)": pick(lambda w: w.startswith("ال") and len(w) >= 6, lambda w: w[2:]),
        "clitic و added": pick(lambda w: w.startswith("ال"), lambda w: "و" + w),
        "clitic بال for ال": pick(lambda w: w.startswith("ال"), lambda w: "ب" + w),
    }  # fmt: skip


def recall(db: Path, work: Path, pool: Pool, n: int) -> list[Row]:
    from archive.search.engine import matching_ids
    from archive.store import Archive

    section = f"recall {n:,}"
    conn = plain_index(db, work / f"{db.stem}.plain.db")
    archive = Archive(db)
    rows: list[Row] = []
    try:

        def plain(q: str) -> set[int]:
            return {
                r[0]
                for r in conn.execute(
                    "SELECT rowid FROM plain_fts WHERE plain_fts MATCH ?", (_phrase(q),)
                )
            }

        for kind, pairs in variants(pool).items():
            ours, theirs, misses = [], [], []
            for word, variant in pairs:
                relevant = plain(word)
                if not relevant:
                    continue
                found = set(matching_ids(archive, variant))
                ours.append(len(found & relevant) / len(relevant))
                theirs.append(len(plain(variant) & relevant) / len(relevant))
                if ours[-1] < 0.95:
                    misses.append(f"{variant}→{word} {ours[-1]:.2f}")
            if not ours:
                continue
            a, b = statistics.mean(ours), statistics.mean(theirs)
            echo(f"  recall {kind:24} arshif {a:.3f}  unicode61 {b:.3f}  ({len(ours)} words)")
            note = f"unicode61 {b:.2f}; {len(ours)} words" + (
                f"; low: {', '.join(misses[:3])}" if misses else ""
            )
            rows.append(
                Row(section, f"recall {kind}", a, "", 0.95, higher_is_better=True, note=note)
            )
    finally:
        archive.close()
        conn.close()
    return rows


def bench_search(
    db: Path | None,
    work: Path,
    pool: Pool,
    seed: int,
    n: int,
    *,
    latency_too: bool = True,
    with_recall: bool = True,
    label: str = "",
) -> list[Row]:
    echo(f"[search] {n:,} documents")
    if db is None:
        return [skipped(f"search {n:,}", "no Arshif archive (importer missing)")]
    try:
        from archive.search.engine import matching_ids, search  # noqa: F401
    except ImportError as exc:
        return [skipped(f"search {n:,}", f"archive.search.engine: {exc}")]
    rows = latency(db, pool, seed, n, label) if latency_too else []
    if with_recall:
        rows += recall(db, work, pool, n)
    return rows
