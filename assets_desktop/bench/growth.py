"""How each cost grows with the report: decode, analysis with qualification, views built,
library open, worksheet PDF and sandbox generation at ~1k, ~4k and ~15k transactions, with
the exponent k of a least-squares fit of time ∝ nᵏ (k = 1: linear; target k ≤ 1.1).

The sizes are `user_heavy_spender` over fewer or more days (its transactions per day are
steady), so one persona's mix of accounts and flags holds at every size. Times are the best of
a few runs (growth is about the shape, and the best run is the one least disturbed by the rest
of a shared machine). In full mode, with valgrind on the PATH, the decode is also counted in
instructions (callgrind, msgspec's decoder only): the work itself, apart from the memory effects
that bend its wall time at 11.9 MB.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring

from assets_desktop.bench import fixtures
from assets_desktop.bench.analysis import PARAMETERS, TERMS
from assets_desktop.bench.figures import Figure
from assets_desktop.bench.library import _MemoryKeyring
from assets_desktop.domain.analysis import Disposition, analyze, qualify
from assets_desktop.domain.report import AssetReportResponse, decode_report_response, encode

INSTRUCTIONS = "decode, instructions (callgrind)"
FULL_DAYS = (50, 200, 731)  # ~1k, ~4k, ~14.5k transactions
QUICK_DAYS = (20, 50, 100)


def fitted_exponent(sizes: list[int], times: list[float]) -> float:
    """k of the least-squares line through (log n, log t)."""
    xs = [math.log(n) for n in sizes]
    ys = [math.log(max(t, 1e-6)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def _best_ms(work: Callable[[], object], repeat: int) -> float:
    work()  # warm
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def _generate(days: int) -> Callable[[], bytes]:
    """The sandbox's build + render + encode of a report over `days` (the persona's Item is
    generated once: its 740 days of history do not depend on the report asked for)."""
    from assets_desktop.sandbox.data import generate_item
    from assets_desktop.sandbox.reportgen import build_report, render_report_json

    item = generate_item(
        fixtures.LARGEST_PERSONA, "ins_109508", item_id="b" * 37, seed=0,
        now=fixtures.NOW, created=fixtures.NOW,
    )  # fmt: skip

    def generate() -> bytes:
        stored = build_report(
            [item], asset_report_id=f"growth-{days}", client_report_id="bench",
            days_requested=days, user=fixtures.USER, date_generated=fixtures.NOW,
        )  # fmt: skip
        report, warnings = render_report_json(
            stored, include_insights=True, days_to_include=None, fast=False
        )
        return encode({"report": report, "warnings": warnings, "request_id": "bench"})

    return generate


def _views_ms(response: AssetReportResponse, analysis: Any, repeat: int) -> float:
    from assets_desktop.bench.views import _app
    from assets_desktop.services.workspace_model import OpenedReport
    from assets_desktop.ui.report import ReportView

    app = _app()

    def build() -> None:
        view = ReportView(OpenedReport(response, analysis))
        view.resize(1400, 900)
        view.show()
        view.ensure_all_built()
        app.processEvents()
        view.close()
        view.deleteLater()
        app.processEvents()

    return _best_ms(build, repeat)


def _library_ms(raw: bytes, folder: str, repeat: int) -> float:
    from assets_desktop.store.library import Library

    with Library(Path(folder)) as library:
        loan = library.loan_files.create(["Alberta Charleson"], "purchase", "8250")
        record = library.reports.save(loan.id, raw, source="bench")
        return _best_ms(lambda: library.reports.open(record.id), repeat)


def decode_instructions(raw: bytes) -> int | None:
    """Instructions msgspec's JSON decoder runs to decode `raw` into a report, counted by
    callgrind (the machine's load does not change them); None without valgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    with tempfile.TemporaryDirectory(prefix="assets-callgrind-") as folder:
        path = Path(folder) / "report.json"
        path.write_bytes(raw)
        code = (
            "from pathlib import Path\n"
            "from assets_desktop.domain.report import decode_report_response\n"
            f"decode_report_response(Path({str(path)!r}).read_bytes())\n"
        )
        command = [
            valgrind, "--tool=callgrind", "--collect-atstart=no",
            "--toggle-collect=JSONDecoder_decode", f"--callgrind-out-file={folder}/out",
            sys.executable, "-c", code,
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    found = re.search(r"Collected : (\d+)", result.stderr)
    return int(found.group(1)) if result.returncode == 0 and found else None


def _measure(days: int, repeat: int) -> tuple[int, dict[str, float]]:
    from assets_desktop.services.worksheet import build_worksheet

    generate = _generate(days)
    raw = generate()
    response = decode_report_response(raw)
    analysis = analyze(response, PARAMETERS)
    decisions = [Disposition(f.key, "sourced", "bench") for f in analysis.flags]
    with tempfile.TemporaryDirectory(prefix="assets-growth-") as folder:
        library_ms = _library_ms(raw, folder, repeat)
    times = {
        "decode (msgspec, typed)": _best_ms(lambda: decode_report_response(raw), repeat),
        "analysis with qualification": _best_ms(
            lambda: qualify(analyze(response, PARAMETERS), TERMS, decisions, response), repeat
        ),
        "views built (every tab, shown)": _views_ms(response, analysis, max(2, repeat // 2)),
        "library open (decrypt + check + decode)": library_ms,
        "worksheet PDF": _best_ms(lambda: build_worksheet(response, analysis), repeat),
        "sandbox generation (build + render + encode)": _best_ms(generate, repeat),
    }
    if repeat > 2 and (count := decode_instructions(raw)) is not None:  # full mode
        times[INSTRUCTIONS] = count / 1e6
    return response.report.transaction_count(), times


def run(quick: bool) -> list[Figure]:
    """One figure per cost: k, with the times at each size in its name."""
    repeat = 2 if quick else 5
    previous = keyring.get_keyring()
    keyring.set_keyring(_MemoryKeyring())
    try:
        measured = [_measure(days, repeat) for days in (QUICK_DAYS if quick else FULL_DAYS)]
    finally:
        keyring.set_keyring(previous)
    sizes = [count for count, _ in measured]
    figures = []
    for name in measured[0][1]:
        if not all(name in row for _, row in measured):
            continue
        times = [row[name] for _, row in measured]
        shown = " / ".join(f"{t:,.1f}" for t in times)
        counts = " / ".join(f"{n:,}" for n in sizes)
        unit = "M instructions" if name == INSTRUCTIONS else "ms"
        figures.append(
            Figure(
                f"growth k: {name} ({shown} {unit} at {counts} txns)",
                fitted_exponent(sizes, times),
                "k",
                peer="linear growth (time ∝ n)",
                peer_value=1.0,
                target="≤ 1.1",
            )
        )
    return figures
