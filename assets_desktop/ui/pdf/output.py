"""Getting a document out of the viewer: save the original bytes, print rendered pages."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter

from assets_desktop.ui.pdf.document import PdfSource
from assets_desktop.ui.pdf.render import RenderedPage, RenderService, render_page

MAX_PRINT_DPI = 300


def save_bytes(data: bytes, path: str | Path) -> None:
    """Write the original PDF bytes (unchanged) to `path`, via a temporary file."""
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    partial.replace(target)


def print_range(printer: QPrinter, page_count: int) -> range:
    """The pages to print: the printer's from/to (1-based, 0 = all) clamped to the document."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0:
        return range(page_count)
    return range(first - 1, min(max(last, first), page_count))


class PagePrinter:
    """Paints rendered pages onto a printer, one at a time, each centred and fitted."""

    def __init__(self, source: PdfSource, printer: QPrinter) -> None:
        self.source, self.printer = source, printer
        self.pages = print_range(printer, source.page_count)
        self.scale = min(printer.resolution(), MAX_PRINT_DPI) / 72
        self.printed = 0
        self._painter = QPainter()
        if not self._painter.begin(printer):
            raise OSError("the printer did not accept the job")
        self._paint = printer.pageLayout().paintRectPixels(printer.resolution())

    def render(self, page: int) -> RenderedPage:
        with self.source.locked() as doc:
            return render_page(doc, page, self.scale, 1.0)

    def paint(self, page: int, rendered: RenderedPage) -> None:
        if self.printed:
            self.printer.newPage()
        w, h = self.source.page_sizes[page]
        fit = min(self._paint.width() / w, self._paint.height() / h)
        tw, th = w * fit, h * fit
        target = QRectF((self._paint.width() - tw) / 2, (self._paint.height() - th) / 2, tw, th)
        self._painter.drawImage(target, rendered.image)
        self.printed += 1

    def finish(self) -> None:
        if self._painter.isActive():
            self._painter.end()


def print_document(source: PdfSource, printer: QPrinter) -> int:
    """Render and print every page on this thread; returns the pages printed."""
    job = PagePrinter(source, printer)
    try:
        for page in job.pages:
            job.paint(page, job.render(page))
    finally:
        job.finish()
    return job.printed


class PrintJob(QObject):
    """Prints page by page without blocking: each page renders on the viewer's worker, then is
    painted onto the printer here (the printer's painter belongs to the UI thread).

    Signals: `progressed(printed, total)`, `finished(printed, error)` (error "" on success).
    """

    progressed = Signal(int, int)
    finished = Signal(int, str)

    def __init__(self, service: RenderService, printer: QPrinter) -> None:
        super().__init__()
        self._service = service
        self._job = PagePrinter(service.source, printer)  # raises OSError if refused
        self._queue = list(self._job.pages)
        self._service.finished.connect(self._arrived)

    def start(self) -> None:
        self._next()

    def cancel(self, reason: str) -> None:
        """Stop after the pages already sent; `finished` says why."""
        self._queue.clear()
        self._done(reason)

    def _next(self) -> None:
        if not self._queue:
            self._done("")
            return
        page = self._queue[0]
        self._service.submit(("print", id(self), page), -2, partial(self._job.render, page))

    def _arrived(self, key: object, result: object, error: str | None) -> None:
        if not (isinstance(key, tuple) and key[:2] == ("print", id(self))):
            return
        if error is not None:
            self._done(f"page {key[2] + 1} could not be rendered ({error})")
            return
        self._job.paint(self._queue.pop(0), result)  # type: ignore[arg-type]
        self.progressed.emit(self._job.printed, len(self._job.pages))
        self._next()

    def _done(self, error: str) -> None:
        self._service.finished.disconnect(self._arrived)
        self._job.finish()
        self.finished.emit(self._job.printed, error)
