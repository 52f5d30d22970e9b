"""Known PDFs and a shown viewer for the PDF viewer tests."""

from __future__ import annotations

from dataclasses import dataclass

from pytestqt.qtbot import QtBot

from assets_desktop.ui.pdf import PdfViewer
from assets_desktop.ui.pdf.sample import NEEDLE, sample_pdf


@dataclass(frozen=True)
class KnownPdf:
    """PDF bytes with a search text whose hits are known in advance."""

    data: bytes
    pages: int
    needle: str
    hits_per_page: dict[int, int]  # 0-based page → occurrences of `needle`
    first_page_text: str

    @property
    def hit_count(self) -> int:
        return sum(self.hits_per_page.values())


def known_sample(pages: int = 8) -> KnownPdf:
    """The viewer's sample PDF: `NEEDLE` twice on pages 1, 4, 7, … (1-based)."""
    hits = {index: 2 for index in range(pages) if (index + 1) % 3 == 1}
    return KnownPdf(sample_pdf(pages), pages, NEEDLE, hits, "Asset Report - sample page 1")


def shown_viewer(
    qtbot: QtBot, pdf: KnownPdf | None = None, size: tuple[int, int] = (1000, 700)
) -> PdfViewer:
    """A shown viewer with `pdf` loaded and its first visible page rendered."""
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    viewer.resize(*size)
    viewer.show()
    qtbot.waitExposed(viewer)
    if pdf is not None:
        with qtbot.waitSignal(viewer.page_rendered, timeout=10_000):
            assert viewer.load_bytes(pdf.data, "Asset Report")
    return viewer


def wait_rendered(qtbot: QtBot, viewer: PdfViewer, page: int) -> None:
    """Wait until `page` is in the cache at the current zoom."""
    qtbot.waitUntil(lambda: viewer.canvas.render_key(page) in viewer.cache, timeout=10_000)
