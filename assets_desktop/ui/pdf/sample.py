"""A multi-page, report-like PDF with known text, for the benchmark and tests (PyMuPDF only)."""

from __future__ import annotations

from typing import Any

from assets_desktop.ui.pdf.pymupdf_any import pymupdf

NEEDLE = "Overdraft fee"  # appears on every third page (pages 1, 4, 7, …), twice per page


def _table(doc: Any, with_needle: bool) -> Any:
    """A page with the transaction table; pages are copied from two of these (fast)."""
    page = doc.new_page(width=612, height=792)
    font = pymupdf.Font("helv")
    writer = pymupdf.TextWriter(page.rect)
    y = 112.0
    for row in range(40):
        label = NEEDLE if with_needle and row in (5, 25) else f"Deposit {row + 1}"
        writer.append((54, y), f"2026-0{1 + row % 9}-{10 + row % 18}", font=font, fontsize=9)
        writer.append((160, y), label, font=font, fontsize=9)
        writer.append((460, y), f"${(97 + row * 13) % 5000:,}.00", font=font, fontsize=9)
        y += 14
    writer.write_text(page)
    shape = page.new_shape()
    shape.draw_rect(pymupdf.Rect(50, 96, 562, y - 4))
    shape.finish(color=(0.2, 0.3, 0.6), width=0.8)
    shape.draw_rect(pymupdf.Rect(380, 40, 562, 86))
    shape.finish(color=None, fill=(0.85, 0.9, 1.0))
    shape.commit(overlay=False)
    return page


def sample_pdf(pages: int = 5) -> bytes:
    """A Letter-size PDF of `pages` pages: a heading, a table of amounts, a box, page numbers."""
    doc = pymupdf.open()
    _table(doc, with_needle=True)
    _table(doc, with_needle=False)
    for number in range(3, pages + 1):
        doc.fullcopy_page(0 if number % 3 == 1 else 1)
    if pages < 2:
        doc.delete_page(1)
    font, bold = pymupdf.Font("helv"), pymupdf.Font("hebo")
    for number, page in enumerate(doc, start=1):
        writer = pymupdf.TextWriter(page.rect)
        writer.append((54, 60), f"Asset Report - sample page {number}", font=bold, fontsize=16)
        writer.append(
            (54, 80), "First Platypus Bank · Plaid Checking ****0000", font=font, fontsize=10
        )
        writer.append((54, 760), f"Page {number} of {pages}", font=font, fontsize=8)
        writer.write_text(page)
    data: bytes = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data
