"""Loan files hold what the decision needs; documents attached to decisions stay sealed."""

from __future__ import annotations

import datetime as dt
import getpass
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from assets_desktop.store.errors import ImportRejectedError, TamperedDataError
from assets_desktop.store.library import DATABASE_NAME, Library
from assets_desktop.store.records import Activity, PersonName

from .factories import MINIMAL_PDF

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_terms_and_borrower_parts_round_trip(library: Library) -> None:
    loan = library.loan_files.create(
        [PersonName("John", "Q.", "Smith"), "Mary Ann Smith"],
        "purchase",
        "6000",
        cash_to_close="41,000",
        monthly_housing_payment=Decimal("3000"),
        reserve_months="2.5",
        earnest_money=5000,
        earnest_money_date=dt.date(2026, 11, 2),
    )
    again = library.loan_files.get(loan.id)
    assert again.borrowers == (
        PersonName("John", "Q.", "Smith"),
        PersonName("Mary", "Ann", "Smith"),
    )
    assert again.borrower_names == ("John Q. Smith", "Mary Ann Smith")
    terms = again.terms
    assert terms.cash_to_close == Decimal("41000.00")
    assert terms.monthly_housing_payment == Decimal("3000.00")
    assert terms.reserve_months == Decimal("2.5")
    assert (terms.earnest_money, terms.earnest_money_date) == (
        Decimal("5000.00"),
        dt.date(2026, 11, 2),
    )
    assert again.title == "John Q. Smith & Mary Ann Smith — purchase"


def test_every_change_is_logged_old_to_new(library: Library, loan: str) -> None:
    library.loan_files.update(loan, cash_to_close="41000", name="Smith purchase, 12 Elm St")
    library.loan_files.update(loan, cash_to_close="42500.5", purpose="refinance")
    updated = library.loan_files.get(loan)
    assert updated.title == "Smith purchase, 12 Elm St"
    assert updated.terms.cash_to_close == Decimal("42500.50")
    details = [e.detail for e in library.activity.entries(loan_file_id=loan)
               if e.what == Activity.LOAN_FILE_UPDATED]  # fmt: skip
    who = getpass.getuser()
    assert details == [
        f"name: — → Smith purchase, 12 Elm St; cash to close: — → 41000.00 (by {who})",
        f"purpose: purchase → refinance; cash to close: 41000.00 → 42500.50 (by {who})",
    ]
    library.loan_files.update(loan, cash_to_close=None)  # None clears a term
    assert library.loan_files.get(loan).terms.cash_to_close is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("cash_to_close", "-1", "cash to close must be an amount from 0"),
        ("cash_to_close", "1e400", "cash to close must be an amount from 0"),
        ("monthly_housing_payment", "0", "must be more than 0"),
        ("reserve_months", "121", "reserve months must be a number from 0 to 120"),
        ("reserve_months", "NaN", "reserve months must be a number from 0 to 120"),
        ("earnest_money_date", "yesterday", "earnest money date must be a date"),
    ],
)
def test_bad_terms_are_refused_and_nothing_changes(
    library: Library, loan: str, field: str, value: str, message: str
) -> None:
    before = library.loan_files.get(loan)
    with pytest.raises(ValueError, match=message):
        library.loan_files.update(loan, **{field: value})
    assert library.loan_files.get(loan) == before


def test_a_borrower_needs_a_last_name(library: Library) -> None:
    with pytest.raises(ValueError, match="needs a last name"):
        library.loan_files.create([PersonName("John", "", "")], "purchase")


def test_documents_are_sealed_checked_and_deleted_with_their_loan_file(
    library: Library, loan: str, tmp_path: Path
) -> None:
    letter = library.attachments.add(loan, "gift-letter.pdf", MINIMAL_PDF)
    scan = library.attachments.add(loan, "wire.png", PNG)
    assert (letter.media_type, scan.media_type) == ("application/pdf", "image/png")
    assert library.attachments.content(letter.id) == MINIMAL_PDF
    assert [a.name for a in library.attachments.of_loan_file(loan)] == [
        "gift-letter.pdf",
        "wire.png",
    ]
    raw = (tmp_path / "data" / DATABASE_NAME).read_bytes()
    assert b"gift-letter" not in raw and b"%PDF-" not in raw
    with pytest.raises(ImportRejectedError, match="not a PDF, PNG or JPEG"):
        library.attachments.add(loan, "letter.docx", b"PK\x03\x04 word document")
    with pytest.raises(ImportRejectedError, match="is empty"):
        library.attachments.add(loan, "empty.pdf", b"")
    library.loan_files.delete(loan)
    assert library.database.all("SELECT id FROM attachments", ()) == []


def test_a_swapped_document_is_reported_as_tampered(library: Library, loan: str) -> None:
    first = library.attachments.add(loan, "a.pdf", MINIMAL_PDF)
    second = library.attachments.add(loan, "b.png", PNG)
    connection = sqlite3.connect(library.path)
    sealed = connection.execute(
        "SELECT content_sealed FROM attachments WHERE id = ?", (second.id,)
    ).fetchone()[0]
    connection.execute("UPDATE attachments SET content_sealed = ? WHERE id = ?", (sealed, first.id))
    connection.commit()
    connection.close()
    with pytest.raises(TamperedDataError):
        library.attachments.content(first.id)
