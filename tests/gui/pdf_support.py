"""Known PDFs and a shown viewer for the PDF viewer tests."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
        # Visible pages render in parallel: wait for the first, not whichever lands first.
        with qtbot.waitSignal(
            viewer.page_rendered, timeout=10_000, check_params_cb=lambda page: page == 0
        ):
            assert viewer.load_bytes(pdf.data, "Asset Report")
    return viewer


def wait_rendered(qtbot: QtBot, viewer: PdfViewer, page: int) -> None:
    """Wait until `page` is in the cache at the current zoom."""
    qtbot.waitUntil(lambda: viewer.canvas.render_key(page) in viewer.cache, timeout=10_000)


SANDBOX_NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
SANDBOX_NEEDLE = "overdraft fee"


@lru_cache(maxsize=1)
def sandbox_report_pdf() -> bytes:
    """The report PDF the local sandbox serves for an NSF/overdraft borrower (60 days)."""
    from assets_desktop.sandbox.data import generate_item
    from assets_desktop.sandbox.pdf import render_report_pdf
    from assets_desktop.sandbox.reportgen import build_report, render_report_json

    item = generate_item(
        "user_nsf_overdraft",
        "ins_109508",
        item_id="item-pdf-viewer",
        seed=11,
        now=SANDBOX_NOW,
        created=SANDBOX_NOW,
    )
    stored = build_report(
        [item],
        asset_report_id="report-pdf-viewer",
        client_report_id="loan-42",
        days_requested=60,
        user={"first_name": "Alberta", "last_name": "Charleson"},
        date_generated=SANDBOX_NOW,
    )
    report, warnings = render_report_json(
        stored, include_insights=True, days_to_include=None, fast=False
    )
    return render_report_pdf(report, warnings)


def pdftotext_counts(data: bytes, needle: str, pages: int) -> dict[int, int] | None:
    """Occurrences of `needle` per page (0-based) as poppler's pdftotext reads them, or None
    without poppler-utils: an extraction independent of MuPDF."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(data)
        counts = {}
        for page in range(pages):
            text = subprocess.run(
                [exe, "-f", str(page + 1), "-l", str(page + 1), str(path), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            found = " ".join(text.split()).lower().count(needle.lower())
            if found:
                counts[page] = found
        return counts
