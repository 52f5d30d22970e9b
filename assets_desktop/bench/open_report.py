"""Opening the largest report from the library into the workspace, end to end, and the memory
it takes with its PDF open, beside the empty window.

A child process (clean numbers: nothing of the benchmark run shares its heap) starts the
workspace as the app does (offscreen, 1400×900, an empty library in a temporary folder, session
keyring), reads its resident memory, then imports the largest report and its PDF into a loan
file and selects the report, as an underwriter clicking it in the navigation tree: the library
decrypts, decodes and analyses it in a worker thread, the pane builds the report view, swaps it
in, lays it out and paints it. The clock stops when the window has painted the populated views.
A 5 ms QTimer records the UI thread's longest stall meanwhile. Then the PDF tab is shown until
its first page is rendered (timed, beside raw PyMuPDF), and the resident memory is read again.
The peak (VmHWM) is reset after the import (`clear_refs`), so the opens' peak stands apart
from the import's. The first open is compared with the later ones (median).
Peers, in the same child: msgspec decode alone of the same bytes (the floor of any open), the
idle window's longest gap, and the empty window's memory. The child prints its figures as JSON.

`ASSETS_BENCH_PROFILE=FILE` writes a pyinstrument profile (`pip install -e .[bench]`) of the UI
thread during the last open to FILE.
"""

from __future__ import annotations

import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from assets_desktop.bench import fixtures
from assets_desktop.bench.figures import Figure, child_outcome

TICK_MS = 5
SETTLE_SECONDS = 0.4
STEP_TIMEOUT = 120.0


def run(quick: bool) -> list[Figure]:
    """Quick: user_good, 1 open. Full: user_heavy_spender (~14,500 txns, 731 days), 5 opens."""
    username = fixtures.persona(quick)
    repeat = 1 if quick else 5
    with tempfile.TemporaryDirectory(prefix="assets-bench-open-") as folder:
        json_path, pdf_path = Path(folder) / "report.json", Path(folder) / "report.pdf"
        json_path.write_bytes(fixtures.report_bytes(username))
        pdf_path.write_bytes(fixtures.pdf_bytes(username))
        data = _run_child(json_path, pdf_path, repeat)
    label = f"{username}, {data['transactions']:,} txns, {data['pdf_pages']} PDF pages"
    decode = f"msgspec decode alone of the same {data['megabytes']:.1f} MB"
    empty = "empty main window (same process, before opening)"
    later = data["open_ms"][1:] or data["open_ms"]
    return [
        Figure(
            f"open from library to populated, painted views ({label})",
            statistics.median(data["open_ms"]), "ms", peer=decode, peer_value=data["decode_ms"],
            target="well under 1,000 ms",
        ),
        Figure(
            "  the same, first open after start", data["open_ms"][0], "ms",
            peer="a later open (median)", peer_value=statistics.median(later),
            target="≤ 1.20x",
        ),
        Figure(
            "  longest UI stall while opening it (views, then PDF load)",
            max(data["stall_ms"]), "ms", peer="idle window (same timer)",
            peer_value=data["idle_stall_ms"], target="< 50 ms",
        ),
        Figure(
            "  p99 gap of the UI thread's 5 ms timer while opening it",
            data["p99_gap_ms"], "ms", peer="idle window's longest gap",
            peer_value=data["idle_stall_ms"], target="< 16 ms",
        ),
        Figure(
            f"PDF tab of that report: click → page 1 rendered ({data['pdf_pages']} pages)",
            data["pdf_tab_ms"], "ms", peer="raw PyMuPDF open + render page 1, same scale",
            peer_value=data["raw_page_ms"],
        ),
        Figure(
            "resident memory, report in the views (PDF not shown)", data["rss_views_mb"], "MB",
            peer=empty, peer_value=data["rss_empty_mb"],
        ),
        Figure(
            "resident memory, report in the views + its PDF open (page 1 shown)",
            data["rss_pdf_mb"], "MB", peer=empty, peer_value=data["rss_empty_mb"],
            target="≤ 1.50x",
        ),
        Figure(
            "peak resident memory (VmHWM) over the opens and the PDF", data["hwm_mb"], "MB",
            peer=empty, peer_value=data["rss_empty_mb"], target="≤ 2.00x",
        ),
        Figure(
            "  peak over start and importing the report file (JSON + PDF)",
            data["hwm_import_mb"], "MB", peer=empty, peer_value=data["rss_empty_mb"],
        ),
    ]  # fmt: skip


def _run_child(json_path: Path, pdf_path: Path, repeat: int) -> dict[str, Any]:
    command = [sys.executable, "-m", __name__, str(json_path), str(pdf_path), str(repeat)]
    return child_outcome(command, "open-report", timeout=600)


def _raw_first_page_ms(pdf_path: Path, scale: float, repeat: int) -> float:
    """Peer: raw PyMuPDF opening the same PDF and rendering page 1 at the viewer's scale."""
    from importlib import import_module

    pymupdf = import_module("pymupdf")
    data = pdf_path.read_bytes()
    samples = []
    for _ in range(max(3, repeat)):
        start = time.perf_counter()
        doc = pymupdf.open(stream=data, filetype="pdf")
        doc.load_page(0).get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
        samples.append((time.perf_counter() - start) * 1000)
        doc.close()
    return statistics.median(samples)


def _profiler() -> Any:
    """A started pyinstrument profiler when ASSETS_BENCH_PROFILE names a file, else None."""
    if not os.environ.get("ASSETS_BENCH_PROFILE"):
        return None
    from importlib import import_module

    profiler = import_module("pyinstrument").Profiler(interval=0.0005)
    profiler.start()
    return profiler


def _save_profile(profiler: Any) -> None:
    profiler.stop()
    text = profiler.output_text(unicode=True, color=False)
    Path(os.environ["ASSETS_BENCH_PROFILE"]).write_text(text, encoding="utf-8")


def resident_mb(field: str = "VmRSS") -> float:
    """This process's resident memory (or its peak, `VmHWM`) in MB, from /proc/self/status."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status (Linux only)")


def reset_peak() -> None:
    """Reset this process's VmHWM to its current RSS (Linux: clear_refs 5)."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
        refs.write("5")


def _child(json_path: Path, pdf_path: Path, repeat: int) -> int:  # pragma: no cover - subprocess
    import asyncio
    import gc

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from assets_desktop.bench.drive import child_loop, finish, run_flow, workspace_window
    from assets_desktop.store.keys import Access
    from assets_desktop.store.library import Library
    from assets_desktop.store.secrets import SecretStore
    from assets_desktop.ui.workspace.navigation import LOAN_FILE, REPORT

    raw = json_path.read_bytes()
    app, loop = child_loop()
    scratch = tempfile.TemporaryDirectory(prefix="bench-open-report-")
    secrets = SecretStore()
    library = Library(Path(scratch.name) / "library", secrets, access=Access(session_only=True))
    window = workspace_window(library, secrets)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    outcome: dict[str, Any] = {}

    all_gaps: list[float] = []  # every gap of the timer during the opens (for the p99)

    def longest_gap_ms(start: float, end: float) -> float:
        inside = [t for t in ticks if start <= t <= end]
        return max((b - a for a, b in itertools.pairwise(inside)), default=0) * 1000

    def gaps_ms(start: float, end: float) -> list[float]:
        inside = [t for t in ticks if start <= t <= end]
        return [(b - a) * 1000 for a, b in itertools.pairwise(inside)]

    async def open_once(report_id: str) -> tuple[float, float]:
        """Select the report; (ms to painted views, longest stall ms incl. the PDF load)."""
        painted: asyncio.Future[float] = loop.create_future()

        def stamp() -> None:
            QApplication.sendPostedEvents()  # pending layouts and update requests
            window.repaint()
            if not painted.done():
                painted.set_result(time.perf_counter())

        def on_page(index: int) -> None:
            if window.pane.currentWidget() is window.pane.tabs and window.pane._pending:
                QTimer.singleShot(0, stamp)

        window.pane.currentChanged.connect(on_page)
        profiler = _profiler()
        try:
            start = time.perf_counter()
            window.select(REPORT, report_id)
            end = await asyncio.wait_for(painted, STEP_TIMEOUT)
        finally:
            window.pane.currentChanged.disconnect(on_page)
        await asyncio.sleep(SETTLE_SECONDS)  # the PDF loads in a later turn of the loop
        if profiler is not None:
            _save_profile(profiler)
        all_gaps.extend(gaps_ms(start, time.perf_counter()))
        return (end - start) * 1000, longest_gap_ms(start, time.perf_counter())

    async def flow() -> None:
        from assets_desktop.domain.report import decode_report_response

        window.show()
        await asyncio.sleep(0.5)  # first paint and settling
        timer.start()
        idle_start = time.perf_counter()
        await asyncio.sleep(1.0)
        outcome["idle_stall_ms"] = longest_gap_ms(idle_start, time.perf_counter())
        gc.collect()
        outcome["rss_empty_mb"] = resident_mb()
        loan = library.loan_files.create(["Alberta Charleson"], "purchase", "6000")
        record = library.files.import_report(json_path, pdf_path, loan_file_id=loan.id)
        outcome["hwm_import_mb"] = resident_mb("VmHWM")
        reset_peak()  # from here VmHWM is the peak of the opens alone
        await window.reload()
        window.select(LOAN_FILE, loan.id)
        await asyncio.sleep(0.2)
        opens, stalls = [], []
        ms, stall = await open_once(record.id)
        opens.append(ms)
        stalls.append(stall)
        gc.collect()
        outcome["rss_views_mb"] = resident_mb()
        first_page: asyncio.Future[float] = loop.create_future()

        def on_rendered(_page: int) -> None:
            if not first_page.done():
                first_page.set_result(time.perf_counter())

        window.pane.pdf.page_rendered.connect(on_rendered)
        start = time.perf_counter()
        window.pane.tabs.setCurrentIndex(1)
        outcome["pdf_tab_ms"] = (await asyncio.wait_for(first_page, STEP_TIMEOUT) - start) * 1000
        outcome["pdf_scale"] = window.pane.pdf.canvas.render_scale(0)
        await asyncio.sleep(SETTLE_SECONDS)
        gc.collect()
        outcome["rss_pdf_mb"] = resident_mb()
        outcome["pdf_pages"] = window.pane.pdf.page_count
        window.pane.tabs.setCurrentIndex(0)
        for _ in range(repeat - 1):
            window.select(LOAN_FILE, loan.id)
            await asyncio.sleep(0.2)
            ms, stall = await open_once(record.id)
            opens.append(ms)
            stalls.append(stall)
        timer.stop()
        outcome["hwm_mb"] = resident_mb("VmHWM")
        outcome["raw_page_ms"] = _raw_first_page_ms(pdf_path, outcome["pdf_scale"], repeat)
        samples = []
        for _ in range(max(3, repeat)):
            start = time.perf_counter()
            decoded = decode_report_response(raw)
            samples.append((time.perf_counter() - start) * 1000)
        ranked = sorted(all_gaps)
        outcome.update(
            p99_gap_ms=ranked[min(len(ranked) - 1, int(len(ranked) * 0.99))] if ranked else 0,
            open_ms=opens,
            stall_ms=stalls,
            decode_ms=statistics.median(samples),
            transactions=decoded.report.transaction_count(),
            megabytes=len(raw) / 1e6,
        )

    def done() -> None:
        window.runner.cancel_all()
        window._closing = True
        window.close()
        app.quit()

    code = run_flow(loop, flow(), done)
    library.close()
    scratch.cleanup()
    return finish(code, outcome)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_child(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])))
