"""The report PDF is a real, readable, multi-page document built from the report JSON."""

from __future__ import annotations

from typing import Any

import pymupdf as _pymupdf

from assets_desktop.sandbox.pdf import money, render_report_pdf
from tests.unit.sandbox.conftest import REPORT_ID, report_for

pymupdf: Any = _pymupdf


def _pages(data: bytes) -> list[str]:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return [page.get_text() for page in doc]


def test_pdf_opens_with_pages_ids_accounts_and_page_numbers() -> None:
    report, warnings = report_for("user_good", 90)
    data = render_report_pdf(report, warnings)
    assert data.startswith(b"%PDF-")
    pages = _pages(data)
    assert len(pages) >= 8  # a cover and at least one page per account
    text = "\n".join(pages)
    assert REPORT_ID in pages[0] and "loan-2291-A" in pages[0]
    assert "Alberta Charleson" in pages[0] and "•••-••-6789" in pages[0]
    assert "123-45-6789" not in text
    for name in ("Plaid Checking", "Plaid Saving", "Plaid Credit Card", "Plaid Mortgage"):
        assert name in text
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert "Alberta Bobbeth Charleson" in text and "2992 Cameron Road" in text
    assert "Balance history (90 days" in text
    assert "+$5,850.00" in text  # payroll shown as money in


def test_long_transaction_lists_continue_over_pages() -> None:
    report, warnings = report_for("user_nsf_overdraft", 365)
    pages = _pages(render_report_pdf(report, warnings))
    continued = [p for p in pages if "Basic Checking ••3094: transactions (continued)" in p]
    assert len(continued) >= 5
    assert "OVERDRAFT FEE" in "\n".join(pages)


def test_warnings_and_missing_owners_are_shown() -> None:
    report, warnings = report_for("user_good", 30, institution="ins_109512")
    pages = _pages(render_report_pdf(report, warnings))
    assert "Warnings (1)" in pages[0] and "OWNERS_UNAVAILABLE" in pages[0]
    assert "Owner information is not available" in pages[1]


def test_same_report_gives_the_same_pdf_bytes() -> None:
    report, warnings = report_for("user_joint_account", 60)
    assert render_report_pdf(report, warnings) == render_report_pdf(report, warnings)


def test_money_formatting() -> None:
    assert money(1234.5) == "$1,234.50"
    assert money(-12) == "-$12.00"
    assert money(None) == "n/a"
