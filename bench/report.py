"""Rows of figures, each beside its target; the table printed and appended to docs."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"


@dataclass(frozen=True, slots=True)
class Row:
    """One measured figure. `target` is an upper bound unless `higher_is_better`."""

    section: str
    metric: str
    value: float | None
    unit: str
    target: float | None = None
    higher_is_better: bool = False
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "n/a"
        if self.target is None:
            return ""
        ok = self.value >= self.target if self.higher_is_better else self.value <= self.target
        if ok:
            return "ok"
        if self.higher_is_better:
            return f"MISS ({self.target / self.value:.2f}x short)" if self.value else "MISS"
        return f"MISS ({self.value / self.target:.2f}x over)"


def skipped(section: str, reason: str) -> Row:
    return Row(section, "not available", None, "", note=reason)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip()


def _target(row: Row) -> str:
    if row.target is None:
        return ""
    return ("≥ " if row.higher_is_better else "≤ ") + _fmt(row.target, row.unit)


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": ram,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "os": f"{platform.system()} {platform.release()}",
        "commit": commit,
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def table(rows: list[Row]) -> list[str]:
    """A Markdown table (readable as plain text too)."""
    lines = [
        "| section | metric | value | target | verdict | note |",
        "|---|---|---:|---:|---|---|",
    ]
    for r in rows:
        note = " ".join(r.note.split()).replace("|", "/")
        lines.append(
            f"| {r.section} | {r.metric} | {_fmt(r.value, r.unit)} | {_target(r)} "
            f"| {r.verdict} | {note} |"
        )
    return lines


def render(rows: list[Row], info: dict[str, str], title: str) -> str:
    header = (
        f"## {title} — {info['date']}\n\n"
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM, {info['os']}; "
        f"Python {info['python']}, SQLite {info['sqlite']}; commit {info['commit']}; "
        f"load average at the end {info['load']}.\n"
    )
    return header + "\n" + "\n".join(table(rows)) + "\n"


def append(text: str, doc: Path = DOC) -> None:
    doc.parent.mkdir(parents=True, exist_ok=True)
    if not doc.exists():
        doc.write_text(
            "# Benchmarks\n\nAppended by `make bench` (python -m bench.run); "
            "see the notes at the top for what each figure measures.\n\n",
            encoding="utf-8",
        )
    with doc.open("a", encoding="utf-8") as out:
        out.write("\n" + text)


def echo(line: str = "") -> None:
    print(line, flush=True)
    sys.stdout.flush()
