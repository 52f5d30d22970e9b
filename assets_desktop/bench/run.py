"""Run every benchmark module and print a table of figures beside their peers."""

from __future__ import annotations

import importlib
import json
import platform
import sys
import traceback
from pathlib import Path

from assets_desktop.bench.figures import Figure, format_table

# Each module exposes `run(quick: bool) -> list[Figure]`. Add new ones here.
MODULES = [
    "assets_desktop.bench.startup",
    "assets_desktop.bench.frozen",
    "assets_desktop.bench.pdf_viewer",
    "assets_desktop.bench.library",
    "assets_desktop.bench.sandbox",
    "assets_desktop.bench.analysis",
    "assets_desktop.bench.views",
    "assets_desktop.bench.decode",
    "assets_desktop.bench.open_report",
]


def run_benchmarks(quick: bool = False, json_path: str | None = None) -> int:
    """Run all benchmarks; exit code 1 if any crashed (the figures of the others still print)."""
    figures: list[Figure] = []
    failures: list[str] = []
    for name in MODULES:
        print(f"… {name}", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(name)
            figures.extend(module.run(quick))
        except Exception:
            failures.append(name)
            traceback.print_exc()
    machine = (
        f"{platform.node()} · {platform.processor() or platform.machine()} · "
        f"Python {platform.python_version()} · {'quick' if quick else 'full'} mode"
    )
    print(f"\nAssets Desktop benchmarks — {machine}\n")
    print(format_table(figures))
    if json_path:
        Path(json_path).write_text(
            json.dumps({"machine": machine, "figures": [f.as_dict() for f in figures]}, indent=2),
            encoding="utf-8",
        )
    if failures:
        print(f"\nbenchmarks that crashed: {', '.join(failures)}", file=sys.stderr)
        return 1
    return 0
