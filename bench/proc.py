"""Run a command, timing it and tracking its memory without psutil.

Two memory figures: `maxrss` is the kernel's peak RSS of the largest single process of the
tree (os.wait4 on the child includes its reaped descendants, as `/usr/bin/time -v` does);
`tree_peak` is the largest sum of RSS over the child and all its descendants, sampled from
/proc every 50 ms (what a multi-process importer costs the machine at once).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True, slots=True)
class Completed:
    argv: list[str]
    returncode: int
    seconds: float
    maxrss_mb: float
    tree_peak_mb: float
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0  # user + system of the child and its reaped descendants


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_rss(pid: int) -> int:
    """Sum of resident bytes of `pid` and its descendants."""
    tree = _children()
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(tree.get(current, ()))
        try:
            fields = Path(f"/proc/{current}/statm").read_text().split()
        except OSError:
            continue
        total += int(fields[1]) * PAGE
    return total


def run(
    argv: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Completed:
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out: list[str] = []
    err: list[str] = []
    readers = [
        threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True),  # type: ignore[union-attr]
        threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True),  # type: ignore[union-attr]
    ]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    for reader in readers:
        reader.join()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Completed(
        argv=argv,
        returncode=proc.returncode,
        seconds=seconds,
        maxrss_mb=usage.ru_maxrss / 1024,
        tree_peak_mb=peak / 2**20,
        stdout="".join(out),
        stderr="".join(err),
        cpu_seconds=usage.ru_utime + usage.ru_stime,
    )
