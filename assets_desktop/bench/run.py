"""Run every benchmark module and print a table of figures beside their peers."""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

from assets_desktop.bench.figures import Figure, format_table
from assets_desktop.bench.markdown import format_markdown

# Each module exposes `run(quick: bool) -> list[Figure]`. Add new ones here.
MODULES = [
    "assets_desktop.bench.startup",
    "assets_desktop.bench.frozen",
    "assets_desktop.bench.pdf_viewer",
    "assets_desktop.bench.library",
    "assets_desktop.bench.unlock",
    "assets_desktop.bench.sandbox",
    "assets_desktop.bench.analysis",
    "assets_desktop.bench.views",
    "assets_desktop.bench.decode",
    "assets_desktop.bench.open_report",
    "assets_desktop.bench.event_loop",
    "assets_desktop.bench.workspace",
    "assets_desktop.bench.growth",
    "assets_desktop.bench.team_load",
]


def run_benchmarks(
    quick: bool = False, json_path: str | None = None, markdown_path: str | None = None
) -> int:
    """Run all benchmarks; exit code 1 if any crashed (the figures of the others still print).

    `json_path` and `markdown_path` also write the figures as JSON / a README-ready table.
    """
    figures: list[Figure] = []
    failures: list[str] = []
    load_before = _load_average()
    started = time.perf_counter()
    seconds: dict[str, float] = {}
    for name in MODULES:
        print(f"… {name}", file=sys.stderr, flush=True)
        module_start = time.perf_counter()
        try:
            module = importlib.import_module(name)
            figures.extend(module.run(quick))
        except Exception:
            failures.append(name)
            traceback.print_exc()
        seconds[name.rsplit(".", 1)[-1]] = round(time.perf_counter() - module_start, 1)
    machine = (
        f"{platform.node()} · {_cpu_model()} · {os.cpu_count()} CPUs · "
        f"Python {platform.python_version()} · {'quick' if quick else 'full'} mode · "
        f"load average {load_before} at start, {_load_average()} at end · "
        f"{time.perf_counter() - started:.0f} s"
    )
    print(f"\nAssets Desktop benchmarks — {machine}\n")
    print(format_table(figures))
    missed = [f.name.strip() for f in figures if f.met is False]
    if missed:
        print(f"\ntargets missed ({len(missed)}): " + "; ".join(missed))
    if json_path:
        report = {
            "machine": machine,
            "seconds_per_module": seconds,
            "figures": [f.as_dict() for f in figures],
        }
        Path(json_path).write_text(json.dumps(report, indent=2), encoding="utf-8")
    if markdown_path:
        Path(markdown_path).write_text(format_markdown(figures, machine), encoding="utf-8")
    if failures:
        print(f"\nbenchmarks that crashed: {', '.join(failures)}", file=sys.stderr)
        return 1
    return 0


def _cpu_model() -> str:
    """The CPU model from /proc/cpuinfo (Linux), else what platform knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _load_average() -> str:
    """1/5/15-minute load averages (other work on a shared machine skews the figures)."""
    try:
        return "/".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "n/a"
