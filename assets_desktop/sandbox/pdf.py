"""The Asset Report PDF (`/asset_report/pdf/get`), rendered locally with PyMuPDF."""

from __future__ import annotations

from typing import Any

import pymupdf as _pymupdf

pymupdf: Any = _pymupdf  # PyMuPDF's own annotations are partial


def render_report_pdf(report: dict[str, Any], warnings: list[dict[str, Any]]) -> bytes:
    """A readable PDF of a rendered `report` (as returned by `render_report_json`)."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    writer = pymupdf.TextWriter(page.rect)
    font = pymupdf.Font("helv")
    y = 60.0
    lines = [f"Asset Report {report['asset_report_id']}", f"Generated {report['date_generated']}"]
    lines += [f"{w['warning_code']}" for w in warnings]
    for item in report["items"]:
        lines.append(item["institution_name"])
        lines += [f"  {a['name']} ••{a['mask']}" for a in item["accounts"]]
    for line in lines:
        writer.append((48, y), line, font=font, fontsize=10)
        y += 14
    writer.write_text(page)
    data: bytes = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data
