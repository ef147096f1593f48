"""App: time to first paint and keystroke-to-updated-list, headless, and the app's memory.

Runs in its own process (`python -m bench.app_bench DB`) so that its peak RSS is the app's
alone; prints one JSON object. What is measured:

- **first paint**: from just before `make_app(...)` and `App.run_test(size=(160, 48))` until
  the document list holds the first page of the empty query (newest first) AND has rendered
  at least one row of it (its `painted_generation` is the current result set's),
  i.e. the first frame in which a user sees documents.
- **keystroke**: with the search bar focused, for each character of a few typed queries:
  from the character entering the search bar (`insert_text_at_cursor`, what a key press
  does, without Pilot's waits) until the list's `query_text` equals the text typed so far and
  a row of that result has been rendered (or the result is empty). Keys are spaced past the
  app's 100 ms search throttle, so the figure is the app's own latency (input echo, search
  in the worker, list reset, repaint), not the throttle's wait.
- **keystroke CPU**: the CPU time of the whole app process (every thread) over the same
  interval; on a shared machine the wall time includes waiting for a core, this does not.
- **exact count**: the list is shown first with a count that stops at the app's
  COUNT_LIMIT ("1 000+ documents (counting…)"); the exact count follows from another
  worker once the typing pauses (FOLLOW_UP_PAUSE_S). Measured from the last key of each
  typed text until the status line holds its exact count (no target: the user is already
  reading the list). The keys themselves follow each other as a quick typist's do (the
  list's latency + 120 ms), never waiting for a count.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import sys
import time
from pathlib import Path

from bench.proc import run
from bench.report import Row, echo, skipped

TYPED = ("الادارة الذاتية", "مجلس سور", "قسد")
FIRST_PAINT_TARGET = {30_000: 1000.0, 1_000_000: 1500.0}
KEYSTROKE_TARGET_MS = 50.0
APP_RSS_TARGET_MB = 200.0
POLL_S = 0.002
TIMEOUT_S = 10.0


def _rendered(doc_list: object) -> bool:
    """A row of the list's current result set has been rendered."""
    painted = getattr(doc_list, "painted_generation", None)
    if painted is not None:
        return painted == getattr(doc_list, "generation", None)
    # an older list without it: its rendered-row cache was cleared on every reset
    rows = getattr(doc_list, "_rows", None)
    data = getattr(rows, "_data", None)
    return bool(data) if data is not None else True


async def _until(check, timeout: float = TIMEOUT_S) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if check():
            return True
        await asyncio.sleep(POLL_S)
    return False


async def measure(db: Path) -> dict[str, object]:
    from tui.app import make_app

    started = time.perf_counter()
    app = make_app(db_path=db, query="")
    out: dict[str, object] = {}
    async with app.run_test(size=(160, 48)) as pilot:
        lst = app.document_list

        def first_rows() -> bool:
            return lst.total > 0 and lst.hit_at(0) is not None and _rendered(lst)

        ok = await _until(first_rows)
        out["first_paint_ms"] = (time.perf_counter() - started) * 1000 if ok else None
        out["total"] = lst.total
        await pilot.press("slash")
        await pilot.pause()
        times: list[float] = []
        count_times: list[float] = []
        cpu_times: list[float] = []
        search_ms: list[float] = []
        pilot_times: list[float] = []
        for via_pilot, text in [(False, t) for t in TYPED] + [(True, t) for t in TYPED]:
            app.search_bar.value = ""
            await _until(lambda: not app.busy and lst.query_text == "")
            await asyncio.sleep(0.15)
            typed = ""
            for char in text:
                typed += char
                t0, c0 = time.perf_counter(), time.process_time()
                if via_pilot:
                    await pilot.press("space" if char == " " else char)
                else:  # the character arrives as a key would, without Pilot's own waits
                    app.search_bar.insert_text_at_cursor(char)
                want = typed

                def updated(want: str = want) -> bool:
                    return lst.query_text == want and (lst.total == 0 or _rendered(lst))

                if not await _until(updated):
                    out.setdefault("timeouts", []).append(want)  # type: ignore[union-attr]
                    break  # the worker is stuck on this query; the next text resets it
                (pilot_times if via_pilot else times).append((time.perf_counter() - t0) * 1000)
                if not via_pilot:
                    cpu_times.append((time.process_time() - c0) * 1000)
                if via_pilot:
                    continue
                if app.last_result is not None:
                    search_ms.append(app.last_result.elapsed_ms)

                def counted(want: str = want) -> bool:
                    last = app.last_result
                    return (
                        last is not None
                        and last.query == want
                        and not getattr(last, "total_capped", False)
                    )

                if typed == text and await _until(counted):  # the typing has stopped
                    count_times.append((time.perf_counter() - t0) * 1000)
                await asyncio.sleep(0.12)  # past the 100 ms throttle
        out["keystroke_ms"] = times
        out["count_ms"] = count_times
        out["keystroke_cpu_ms"] = cpu_times
        out["pilot_keystroke_ms"] = pilot_times
        out["search_ms"] = search_ms
    out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_app(db: Path | None, n: int, label: str = "") -> list[Row]:
    section = f"app {n:,}{label}"
    echo(f"[app] {n:,} documents")
    if db is None:
        return [skipped(section, "no Arshif archive (importer missing)")]
    try:
        import tui.app  # noqa: F401
    except ImportError as exc:
        return [skipped(section, f"tui.app: {exc}")]
    done = run([sys.executable, "-m", "bench.app_bench", str(db)])
    if done.returncode:
        return [skipped(section, f"app bench failed: {done.stderr.strip()[-300:]}")]
    data = json.loads(done.stdout.strip().splitlines()[-1])
    target = FIRST_PAINT_TARGET[30_000] if n <= 30_000 else FIRST_PAINT_TARGET[1_000_000]
    keys: list[float] = data["keystroke_ms"]
    rows = [
        Row(section, "first paint", data["first_paint_ms"], "ms", target,
            note=f"list shows the newest of {data['total']:,}"),
    ]  # fmt: skip
    if keys:
        searches = data["search_ms"] or [0.0]
        rows += [
            Row(section, "keystroke → list p50", statistics.median(keys), "ms", KEYSTROKE_TARGET_MS),
            Row(section, "keystroke → list p95", _p(keys, 0.95), "ms", KEYSTROKE_TARGET_MS,
                note=f"{len(keys)} keys; engine.search p50 {statistics.median(searches):.0f} ms, "
                f"max {max(searches):.0f} ms"),
        ]  # fmt: skip
        cpu: list[float] = data.get("keystroke_cpu_ms") or []
        if cpu:
            rows.append(
                Row(section, "keystroke CPU p95", _p(cpu, 0.95), "ms", None,
                    note="CPU time of the app process (all threads) per keystroke: "
                    "what it costs on an idle machine, whatever the load")
            )  # fmt: skip
        counts: list[float] = data.get("count_ms") or []
        if counts:
            rows.append(
                Row(section, "keystroke → exact count p95", _p(counts, 0.95), "ms", None,
                    note="the list comes first with a capped count; the exact one follows")
            )  # fmt: skip
        pilot_keys: list[float] = data.get("pilot_keystroke_ms") or []
        if pilot_keys:
            rows.append(
                Row(section, "keystroke via Pilot.press p50", statistics.median(pilot_keys), "ms",
                    None, note="includes Pilot's own waits for the screen to settle")
            )  # fmt: skip
    if data.get("timeouts"):
        rows.append(
            Row(
                section,
                "keystrokes timed out",
                len(data["timeouts"]),
                "",
                note=", ".join(data["timeouts"][:5]),
            )
        )
    rss_target = APP_RSS_TARGET_MB if n >= 1_000_000 else None
    rows.append(Row(section, "app peak RSS", done.maxrss_mb, "MB", rss_target))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    args = parser.parse_args()
    from tui.latency import ask_for_prompt_frames

    ask_for_prompt_frames()  # as `arshif` does before importing Textual
    print(json.dumps(asyncio.run(measure(args.db))))


if __name__ == "__main__":
    main()
