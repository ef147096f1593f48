"""Layout: ms to lay out a 5 000-word article at width 100 with `archive.layout.layout_body`.

Articles are built from the corpus generator (recombined real paragraphs) and cut to exactly
5 000 words. "cold" clears the engine's per-paragraph caches (`archive.layout.clear_caches()`, or else
the bounded lru_caches; letter tables stay warm, as they are in a running app) before each
call: the cost of opening a new document. "resize" is a second layout of the same article
at width 80 (paragraphs cached, only re-wrapped). Beside them, what the body pane waits for
before it paints (tui.widgets.body_lines.BodyLines, caches cleared the same way): the first
screen (SCREEN rows) of a new document, and the screen at a reading position two thirds
down the article laid out before the paragraphs above it (what a resize or a harakat switch
does first). Median of RUNS articles.
"""

from __future__ import annotations

import importlib
import pkgutil
import statistics
import time

from bench.corpus import CorpusGenerator, Pool
from bench.report import Row, echo, skipped

WORDS = 5_000
WIDTH = 100
RUNS = 7
TARGET_MS = 20.0
SCREEN = 50  # rows of a tall terminal


def article(gen: CorpusGenerator, words: int = WORDS) -> str:
    paragraphs: list[str] = []
    count = 0
    while count < words:
        for paragraph in gen.document().body.split("\n"):
            if not paragraph.strip():
                continue
            take = paragraph.split(" ")[: words - count]
            paragraphs.append(" ".join(take))
            count += len(take)
            if count >= words:
                break
    return "\n".join(paragraphs)


def _clear_paragraph_caches() -> int:
    import archive.layout

    clear = getattr(archive.layout, "clear_caches", None)
    if clear is not None:  # the engine's own list of per-document caches
        clear()
        return 1
    cleared = 0
    for info in pkgutil.iter_modules(archive.layout.__path__, "archive.layout."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            cache_info = getattr(value, "cache_info", None)
            if cache_info is not None and cache_info().maxsize is not None:
                value.cache_clear()
                cleared += 1
    return cleared


def bench_layout(pool: Pool, seed: int) -> list[Row]:
    echo("[layout] 5 000-word article at width 100")
    try:
        from archive.layout import layout_body
    except ImportError as exc:
        return [skipped("layout", f"archive.layout.layout_body: {exc}")]
    gen = CorpusGenerator(pool, seed=seed + 1, vocabulary=20_000)
    texts = [article(gen) for _ in range(RUNS + 1)]
    layout_body(texts[0], WIDTH)  # import-time work and letter tables
    cold, resize, lines = [], [], 0
    first, deep = [], []
    for text in texts[1:]:
        _clear_paragraph_caches()
        t0 = time.perf_counter()
        result = layout_body(text, WIDTH)
        cold.append((time.perf_counter() - t0) * 1000)
        lines = len(result)
        t0 = time.perf_counter()
        layout_body(text, 80)
        resize.append((time.perf_counter() - t0) * 1000)
        screens = _first_screens(text)
        if screens is not None:
            first.append(screens[0])
            deep.append(screens[1])
    echo(f"  cold {statistics.median(cold):.1f} ms, resize {statistics.median(resize):.1f} ms")
    rows = [
        Row("layout", "5 000 words at width 100 (cold)", statistics.median(cold), "ms", TARGET_MS,
            note=f"{lines} lines; median of {RUNS}"),
        Row("layout", "re-layout at width 80 (cached paragraphs)", statistics.median(resize), "ms"),
    ]  # fmt: skip
    if first:
        echo(f"  first screen {statistics.median(first):.1f} ms, "
             f"at the reading position {statistics.median(deep):.1f} ms")  # fmt: skip
        rows += [
            Row("layout", f"body pane: first screen ({SCREEN} rows, cold)",
                statistics.median(first), "ms"),
            Row("layout", "body pane: screen at the reading position first (cold)",
                statistics.median(deep), "ms", note="2/3 down; the rest follows in slices"),
        ]  # fmt: skip
    return rows


def _first_screens(text: str) -> tuple[float, float] | None:
    """ms until the body pane can paint: the first screen of a new document, and the screen
    two thirds down laid out before the paragraphs above it (both with cold caches)."""
    try:
        from tui.widgets.body_lines import BodyLines
    except ImportError:
        return None
    _clear_paragraph_caches()
    t0 = time.perf_counter()
    BodyLines(text, WIDTH, True, "app").ensure_rows(SCREEN)
    first = (time.perf_counter() - t0) * 1000
    _clear_paragraph_caches()
    t0 = time.perf_counter()
    BodyLines(text, WIDTH, True, "app").open_window(len(text) * 2 // 3, SCREEN)
    deep = (time.perf_counter() - t0) * 1000
    return first, deep


def bench_metadata(pool: Pool, seed: int, n: int = 300) -> list[Row]:
    """Issue 5's figure: extract_metadata per article (target ≤ 5 ms on average)."""
    echo(f"[metadata] extract_metadata on {n} articles")
    try:
        from archive.metadata import extract_metadata

        extract_metadata("تجربة")
    except (ImportError, ModuleNotFoundError, NotImplementedError) as exc:
        return [skipped("metadata", f"archive.metadata.extract_metadata: {exc}")]
    gen = CorpusGenerator(pool, seed=seed + 2, vocabulary=20_000)
    docs = [gen.document() for _ in range(n)]
    t0 = time.perf_counter()
    for doc in docs:
        fields = {"title": doc.title, "source": doc.source, "date": doc.date}
        extract_metadata(doc.body, {k: v for k, v in fields.items() if v})
    per = (time.perf_counter() - t0) * 1000 / n
    echo(f"  {per:.2f} ms per article")
    return [Row("metadata", "extract_metadata per article", per, "ms", 5.0, note=f"mean of {n}")]
