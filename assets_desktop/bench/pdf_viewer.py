"""PDF viewer: ms per page at 150 dpi through the viewer's render path, against raw PyMuPDF,
QtPdf and pdftoppm, and the time from load_bytes to the first visible page of a 50-page PDF."""

from __future__ import annotations

import importlib
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from assets_desktop.bench.figures import Figure

DPI = 150


def _pymupdf() -> Any:
    """PyMuPDF, untyped (its hints are partial; mypy --strict covers this module)."""
    return importlib.import_module("pymupdf")


def _app() -> Any:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _per_page_ms(renders: dict[str, Any], pages: range, repeat: int) -> dict[str, float]:
    """Median over pages of the best-of-`repeat` time to render one page, for each renderer.

    The renderers take turns page by page, so load from other processes on this shared
    machine hits them alike.
    """
    for render in renders.values():
        render(pages[0])  # warm fonts and caches
    best: dict[str, list[float]] = {name: [] for name in renders}
    for page in pages:
        samples: dict[str, list[float]] = {name: [] for name in renders}
        for _ in range(repeat):
            for name, render in renders.items():
                start = time.perf_counter()
                render(page)
                samples[name].append((time.perf_counter() - start) * 1000)
        for name in renders:
            best[name].append(min(samples[name]))
    return {name: statistics.median(values) for name, values in best.items()}


def _raw_pymupdf(data: bytes) -> Any:
    pymupdf = _pymupdf()

    doc = pymupdf.open(stream=data, filetype="pdf")
    matrix = pymupdf.Matrix(DPI / 72, DPI / 72)
    return lambda i: doc.load_page(i).get_pixmap(matrix=matrix, alpha=False)


def _viewer_path(service: Any) -> Any:
    """Submit the viewer's page job to its RenderService; done when the UI thread has it."""
    from PySide6.QtCore import QEventLoop

    from assets_desktop.ui.pdf.render import page_job

    loop = QEventLoop()
    service.finished.connect(lambda *_: loop.quit())

    def render(page: int) -> None:
        service.submit(("bench", page), 0, page_job(service.source, page, DPI / 72, 1.0))
        loop.exec()

    return render


def _batch_ms(service: Any, data: bytes, pages: range, repeat: int) -> tuple[float, float]:
    """Per-page ms for a screenful of pages: the viewer queues them together (as it does for
    the visible pages) and the UI thread receives each; raw PyMuPDF renders them in a loop.

    Both keep the batch's renders until the batch is done, as a viewer must to show them
    (freeing each pixmap at once lets malloc hand the same warm 6 MB back, and skips the
    page faults any kept render pays).
    """
    pymupdf = _pymupdf()
    from PySide6.QtCore import QEventLoop

    from assets_desktop.ui.pdf.render import page_job

    loop, received = QEventLoop(), []

    def arrived(_key: object, result: object, _error: object) -> None:
        received.append(result)
        if len(received) == len(pages):
            loop.quit()

    service.finished.connect(arrived)
    doc = pymupdf.open(stream=data, filetype="pdf")
    matrix = pymupdf.Matrix(DPI / 72, DPI / 72)
    viewer, raw, kept = [], [], []
    for _ in range(repeat):
        received.clear()
        jobs = {("batch", p): (p, page_job(service.source, p, DPI / 72, 1.0)) for p in pages}
        start = time.perf_counter()
        service.want("batch", jobs)
        loop.exec()
        viewer.append((time.perf_counter() - start) * 1000 / len(pages))
        received.clear()
        start = time.perf_counter()
        for page in pages:
            kept.append(doc.load_page(page).get_pixmap(matrix=matrix, alpha=False))
        raw.append((time.perf_counter() - start) * 1000 / len(pages))
        kept.clear()
    service.finished.disconnect(arrived)
    return min(viewer), min(raw)


def _wait_for_pool(seconds: float = 30) -> None:
    """Let the render processes start (the viewer renders in-thread until they are up)."""
    from PySide6.QtCore import QEventLoop, QTimer

    from assets_desktop.ui.pdf.pool import POOL

    deadline = time.perf_counter() + seconds
    while POOL.running and not POOL.ready and time.perf_counter() < deadline:
        loop = QEventLoop()
        QTimer.singleShot(10, loop.quit)
        loop.exec()


def _qtpdf(path: Path) -> Any:
    """QtPdf's renderer, or None where PySide6-Addons (QtPdf) is not installed."""
    from PySide6.QtCore import QSize

    try:
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        return None

    doc = QPdfDocument()
    doc.load(str(path))
    if doc.status() != QPdfDocument.Status.Ready:
        raise RuntimeError(f"QtPdf could not load the sample: {doc.error()}")

    def render(page: int) -> None:
        size = doc.pagePointSize(page)
        pixels = QSize(round(size.width() * DPI / 72), round(size.height() * DPI / 72))
        if doc.render(page, pixels).isNull():
            raise RuntimeError("QtPdf rendered nothing")

    render.doc = doc  # type: ignore[attr-defined]  # keep the document alive
    return render


def _pdftoppm(path: Path, pages: range) -> float | None:
    """Whole-range pdftoppm run divided by the page count (one process start amortised)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as out:
        args = [exe, "-r", str(DPI), "-f", str(pages[0] + 1), "-l", str(pages[-1] + 1)]
        start = time.perf_counter()
        subprocess.run([*args, "-png", str(path), f"{out}/p"], check=True, capture_output=True)
        png = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        subprocess.run([*args, str(path), f"{out}/q"], check=True, capture_output=True)  # PPM
        ppm = (time.perf_counter() - start) * 1000
    return min(png, ppm) / len(pages)


def _first_visible_page_ms(data: bytes, repeat: int) -> tuple[float, float]:
    """load_bytes → the first page painted-ready in a shown viewer; and raw open + render."""
    pymupdf = _pymupdf()
    from PySide6.QtCore import QEventLoop, QTimer

    from assets_desktop.ui.pdf import PdfViewer

    viewer_ms, raw_ms = [], []
    for _ in range(repeat):
        viewer = PdfViewer()
        viewer.resize(1200, 850)
        viewer.show()
        loop = QEventLoop()
        viewer.page_rendered.connect(lambda page, loop=loop: loop.quit() if page == 0 else None)
        QTimer.singleShot(10_000, loop.quit)
        start = time.perf_counter()
        viewer.load_bytes(data, "benchmark")
        loop.exec()
        viewer_ms.append((time.perf_counter() - start) * 1000)
        scale = viewer.canvas.render_scale(0)
        viewer.close()
        viewer.deleteLater()
        start = time.perf_counter()
        doc = pymupdf.open(stream=data, filetype="pdf")
        doc.load_page(0).get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
        raw_ms.append((time.perf_counter() - start) * 1000)
        doc.close()
    return statistics.median(viewer_ms), statistics.median(raw_ms)


def _longest_stall_ms(data: bytes, zoom: float | None, jumps: int) -> tuple[float, float]:
    """Longest gap of a 5 ms QTimer while the viewer jumps page by page (rendering as it
    goes), and the same timer's longest gap on an idle event loop."""
    from PySide6.QtCore import QEventLoop, QTimer

    from assets_desktop.ui.pdf import PdfViewer

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    last[0] = time.perf_counter()
    timer.start()
    spin(40 * jumps // 2)
    idle = max(gaps)
    viewer = PdfViewer()
    viewer.resize(1200, 850)
    viewer.show()
    viewer.load_bytes(data, "benchmark")
    _wait_for_pool()
    if zoom is not None:
        viewer.set_zoom_percent(zoom)
    spin(200)
    gaps.clear()
    for step in range(jumps):
        viewer.go_to_page(step * 2 % viewer.page_count)
        spin(40)
    timer.stop()
    viewer.close()
    viewer.deleteLater()
    return max(gaps) * 1000, idle * 1000


def run(quick: bool) -> list[Figure]:
    """Figures for the PDF viewer (quick: 4 pages, best of 2; full: 20 pages, best of 5)."""
    _app()
    from assets_desktop.ui.pdf.document import PdfSource
    from assets_desktop.ui.pdf.render import RenderService
    from assets_desktop.ui.pdf.sample import sample_pdf

    data = sample_pdf(50)
    pages = range(4) if quick else range(20)
    repeat = 2 if quick else 5
    name = f"PDF page at {DPI} dpi, viewer (one page, round trip)"
    service = RenderService(PdfSource(data))
    _wait_for_pool()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.pdf"
        path.write_bytes(data)
        try:
            renders = {"viewer": _viewer_path(service), "raw": _raw_pymupdf(data)}
            qtpdf = _qtpdf(path)
            if qtpdf is not None:
                renders["qtpdf"] = qtpdf
            ms = _per_page_ms(renders, pages, repeat)
            batch, raw_batch = _batch_ms(service, data, range(6), 10 if quick else 20)
        finally:
            service.close()
        poppler = _pdftoppm(path, pages)
    figures = [
        Figure(
            f"PDF page at {DPI} dpi, viewer (6 visible pages queued)",
            batch,
            "ms",
            "raw PyMuPDF get_pixmap loop, kept",
            raw_batch,
            "≤ 1.00x",
        ),
        Figure(name, ms["viewer"], "ms", "raw PyMuPDF get_pixmap", ms["raw"]),
    ]
    if "qtpdf" in ms:
        figures.append(Figure(name, ms["viewer"], "ms", "QtPdf QPdfDocument.render", ms["qtpdf"]))
    if poppler is not None:
        figures.append(Figure(name, ms["viewer"], "ms", "pdftoppm -r 150 (per page)", poppler))
    first, raw_first = _first_visible_page_ms(data, 2 if quick else 5)
    figures.append(
        Figure(
            "PDF first visible page, 50 pages (load_bytes → page 1)",
            first,
            "ms",
            "raw PyMuPDF open + render page 1",
            raw_first,
            "< 150 ms",
        )
    )
    jumps = 6 if quick else 25
    for zoom, label, target in ((None, "fit width", "< 50 ms"), (400.0, "400 %", "< 16 ms")):
        stall, idle = _longest_stall_ms(data, zoom, jumps)
        figures.append(
            Figure(
                f"PDF longest UI stall paging at {label}",
                stall,
                "ms",
                "idle event loop (same timer)",
                idle,
                target,
            )
        )
    return figures
