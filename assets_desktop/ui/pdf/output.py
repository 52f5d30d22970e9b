"""Getting a document out of the viewer: save the original bytes, print rendered pages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter

from assets_desktop.ui.pdf.document import PdfSource
from assets_desktop.ui.pdf.render import render_page

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


def print_document(source: PdfSource, printer: QPrinter) -> int:
    """Render each page at the printer's resolution (≤ 300 dpi) onto it; returns pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer did not accept the job")
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    printed = 0
    try:
        paint = printer.pageLayout().paintRectPixels(printer.resolution())
        for page in print_range(printer, source.page_count):
            if printed:
                printer.newPage()
            w, h = source.page_sizes[page]
            with source.locked() as doc:
                rendered = render_page(doc, page, dpi / 72, 1.0)
            fit = min(paint.width() / w, paint.height() / h)
            tw, th = w * fit, h * fit
            target = QRectF((paint.width() - tw) / 2, (paint.height() - th) / 2, tw, th)
            painter.drawImage(target, rendered.image)
            printed += 1
    finally:
        painter.end()
    return printed
