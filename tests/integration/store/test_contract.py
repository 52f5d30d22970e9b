"""The library's contract: every public operation, the same on both backends (SQLite and a
real PostgreSQL server). Each test runs twice, as `[sqlite]` and `[postgresql]`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from assets_desktop.store import secrets
from assets_desktop.store.errors import (
    ConcurrentChangeError,
    ImportRejectedError,
    NotFoundError,
    TamperedDataError,
)
from assets_desktop.store.library import Library
from assets_desktop.store.records import Activity
from tests.unit.store.factories import MINIMAL_PDF, report_json

from .conftest import RawSql

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _loan(library: Library) -> str:
    return library.loan_files.create(["Alberta Charleson"], "purchase", "8250.00").id


def test_loan_files_are_created_changed_listed_and_logged(library: Library) -> None:
    first = library.loan_files.create(
        ["Alberta Charleson", "Bob Charleson"], "purchase", "8250.00", notes="Gift funds",
        cash_to_close="42000.00",
    )  # fmt: skip
    second = library.loan_files.create(["Carla Diaz"], "refinance")
    changed = library.loan_files.update(first.id, monthly_income="9100.50", notes="Checked")
    assert changed.monthly_income == Decimal("9100.50") and changed.notes == "Checked"
    assert changed.borrower_names == ("Alberta Charleson", "Bob Charleson")
    assert changed.terms.cash_to_close == Decimal("42000.00")
    assert {loan.id for loan in library.loan_files.all()} == {first.id, second.id}
    assert library.loan_files.get(second.id).purpose == "refinance"
    logged = [(e.what, e.detail) for e in library.activity.entries(loan_file_id=first.id)]
    assert logged[0] == (Activity.LOAN_FILE_CREATED, "")
    assert logged[1][0] == Activity.LOAN_FILE_UPDATED
    assert "monthly income: 8250.00 → 9100.50; notes changed" in logged[1][1]
    with pytest.raises(NotFoundError):
        library.loan_files.get("no-such-id")


def test_a_report_is_requested_filled_read_and_refreshed(library: Library) -> None:
    loan = _loan(library)
    record = library.reports.add(loan, "rep-1", asset_report_token="assets-sandbox-1")
    assert record.state == "building"
    assert library.secrets.get(secrets.ASSET_REPORT_TOKEN, "rep-1") == "assets-sandbox-1"
    library.reports.save_content(record.id, report_json("rep-1", transactions=7))
    ready = library.reports.save_pdf(record.id, MINIMAL_PDF)
    assert ready.state == "ready" and ready.date_generated is not None
    assert library.reports.json(record.id) == report_json("rep-1", transactions=7)
    assert library.reports.pdf(record.id) == MINIMAL_PDF
    opened = library.reports.open(record.id)
    assert opened.report.asset_report_id == "rep-1"
    assert sum(len(a.transactions) for a in opened.report.accounts()) == 7

    refresh = library.reports.save(
        loan, report_json("rep-2"), source="plaid:local", parent_id=record.id, relation="refresh"
    )
    assert (refresh.parent_id, refresh.relation) == (record.id, "refresh")
    assert [r.id for r in library.reports.all(loan)] == [record.id, refresh.id]
    assert library.reports.by_asset_report_id("rep-2") == refresh
    assert library.reports.by_asset_report_id("rep-404") is None
    assert library.reports.set_notes(refresh.id, "Payroll checked").notes == "Payroll checked"
    assert library.reports.save_pdf(refresh.id, MINIMAL_PDF).pdf_size == len(MINIMAL_PDF)
    removed = library.reports.set_state(record.id, "removed", "removed at Plaid")
    assert removed.state == "removed"
    assert library.secrets.get(secrets.ASSET_REPORT_TOKEN, "rep-1") is None
    with pytest.raises(ImportRejectedError, match="already in the library"):
        library.reports.save(loan, report_json("rep-2"), source="import")


def test_items_keep_their_tokens_out_of_the_database(library: Library, raw_sql: RawSql) -> None:
    loan = _loan(library)
    item = library.items.save(
        "item-1", "ins_1", "First Platypus Bank", loan_file_id=loan, access_token="access-SECRET"
    )
    assert item.institution_name == "First Platypus Bank"
    assert library.items.set_status("item-1", "login_required").status == "login_required"
    assert [i.item_id for i in library.items.all(loan)] == ["item-1"]
    assert library.secrets.get(secrets.ACCESS_TOKEN, "item-1") == "access-SECRET"
    assert all("access-SECRET" not in repr(row) for row in raw_sql("SELECT * FROM items", ()))
    library.items.delete("item-1")
    assert library.items.all() == []
    assert library.secrets.get(secrets.ACCESS_TOKEN, "item-1") is None


def test_documents_are_sealed_typed_and_listed(library: Library) -> None:
    loan = _loan(library)
    letter = library.attachments.add(loan, "gift letter.pdf", MINIMAL_PDF)
    photo = library.attachments.add(loan, "proof of sale.png", PNG)
    assert (letter.name, letter.media_type) == ("gift letter.pdf", "application/pdf")
    assert library.attachments.content(photo.id) == PNG
    assert [a.id for a in library.attachments.of_loan_file(loan)] == [letter.id, photo.id]
    assert library.attachments.get(letter.id).size == len(MINIMAL_PDF)
    with pytest.raises(ImportRejectedError, match="not a PDF, PNG or JPEG"):
        library.attachments.add(loan, "notes.txt", b"plain text")


def test_audit_copies_and_shared_tokens(library: Library) -> None:
    loan = _loan(library)
    first = library.reports.save(loan, report_json("rep-1"), source="plaid:local")
    second = library.reports.save(loan, report_json("rep-2"), source="plaid:local")
    copy = library.audit_copies.add(first.id, "Fannie Mae", "audit-copy-1")
    assert library.audit_copies.of_report(first.id) == [copy]
    assert not library.audit_copies.mark_removed(copy.id).active
    gse = library.tokens.add_gse(first.id, "a-sandbox-GSE")
    assert library.tokens.move_gse(gse.id, second.id).report_id == second.id
    assert library.tokens.gse(loan) == library.audit_copies.get(gse.id)
    relay = library.tokens.add_relay(second.id, "partner-1", "credit-relay-1")
    assert library.tokens.mark_removed(relay.id).active is False


def test_deleting_a_loan_file_removes_everything_in_it(library: Library) -> None:
    loan = _loan(library)
    kept = _loan(library)
    record = library.reports.save(loan, report_json("rep-1"), MINIMAL_PDF, source="import")
    library.attachments.add(loan, "letter.pdf", MINIMAL_PDF)
    library.items.save("item-1", "ins_1", "Bank", loan_file_id=loan, access_token="tok")
    library.loan_files.delete(loan)
    assert [f.id for f in library.loan_files.all()] == [kept]
    assert library.reports.all() == [] and library.items.all() == []
    assert library.activity.entries(report_id=record.id) == []
    assert library.activity.entries()[-1].what == Activity.LOAN_FILE_DELETED


def test_purge_keeps_recent_reports(location: str) -> None:
    now = dt.datetime(2027, 3, 1, tzinfo=dt.UTC)
    with Library(location, clock=lambda: now) as library:
        loan = _loan(library)
        old = library.reports.save(loan, report_json("rep-old"), source="import")
        fresh = library.reports.save(
            loan, report_json("rep-new", generated="2027-02-20T00:00:00Z"), source="import"
        )
        assert [r.id for r in library.reports.purge_older_than(30)] == [old.id]
        assert [r.id for r in library.reports.all()] == [fresh.id]


def test_a_group_of_saves_lands_whole_or_not_at_all(library: Library) -> None:
    with pytest.raises(RuntimeError), library.database.atomic():
        _loan(library)
        raise RuntimeError("interrupted")
    assert library.loan_files.all() == []


def test_everything_is_there_after_reopening(location: str) -> None:
    with Library(location) as library:
        loan = _loan(library)
        record = library.reports.save(loan, report_json("rep-1"), MINIMAL_PDF, source="import")
    with Library(location) as again:
        assert again.loan_files.get(loan).borrower_names == ("Alberta Charleson",)
        assert again.reports.json(record.id) == report_json("rep-1")


def test_review_bundles_round_trip(library: Library, tmp_path: Path) -> None:
    loan = _loan(library)
    record = library.reports.save(loan, report_json("rep-1"), MINIMAL_PDF, source="import")
    library.activity.log("note", f"report {record.id}", detail="checked", report_id=record.id)
    bundle = library.files.export_bundle(record.id, tmp_path / "review.zip")
    library.reports.delete(record.id)
    imported = library.files.import_bundle(bundle, loan)
    assert library.reports.json(imported.id) == report_json("rep-1")
    assert "checked" in [e.detail for e in library.activity.entries(report_id=imported.id)]


def test_the_activity_log_is_append_only(library: Library, raw_sql: RawSql) -> None:
    _loan(library)
    with pytest.raises(Exception, match="append-only"):
        raw_sql("UPDATE activity SET what = 'nothing happened'", ())
    with pytest.raises(Exception, match="append-only"):
        raw_sql("DELETE FROM activity", ())
    assert [e.what for e in library.activity.entries()] == [Activity.LOAN_FILE_CREATED]


def test_tampering_is_reported_never_shown(library: Library, raw_sql: RawSql) -> None:
    loan = _loan(library)
    record = library.reports.save(loan, report_json("rep-1"), MINIMAL_PDF, source="import")
    other = _loan(library)
    raw_sql("UPDATE reports SET loan_file_id = ? WHERE id = ?", (other, record.id))
    with pytest.raises(TamperedDataError, match="changed outside Assets Desktop"):
        library.reports.get(record.id)
    raw_sql("UPDATE reports SET loan_file_id = ? WHERE id = ?", (loan, record.id))
    sealed = bytearray(bytes(raw_sql("SELECT pdf_sealed FROM reports", ())[0][0]))  # type: ignore[arg-type]
    sealed[40] ^= 0x01
    raw_sql("UPDATE reports SET pdf_sealed = ?", (bytes(sealed),))
    with pytest.raises(TamperedDataError):
        library.reports.pdf(record.id)


def test_the_database_holds_no_borrower_data_in_clear(library: Library, raw_sql: RawSql) -> None:
    """Read as the database's owner (on PostgreSQL: the superuser), every table of the library
    holds no borrower name, SSN, income, balance or transaction in clear."""
    loan = library.loan_files.create(
        ["Alberta Charleson"], "purchase", "8250.00", notes="SSN 123-45-6789"
    )
    library.reports.save(loan.id, report_json("rep-1"), MINIMAL_PDF, source="import")
    library.attachments.add(loan.id, "Charleson gift letter.pdf", MINIMAL_PDF)
    dump = b"".join(
        bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode()
        for table in ("loan_files", "reports", "attachments", "activity", "meta")
        for row in raw_sql(f"SELECT * FROM {table}", ())  # noqa: S608
        for value in row
    )
    assert b"Charleson" not in dump and b"8250" not in dump and b"123-45-6789" not in dump
    assert b"1200.5" not in dump and b"1300.0" not in dump  # the account's balances
    assert b"PAYROLL" not in dump and b"Platypus" not in dump  # transactions, institution


def test_two_writers_never_lose_an_update(location: str) -> None:
    with Library(location) as first, Library(location) as second:
        loan = _loan(first)
        mine, theirs = first.loan_files.get(loan), second.loan_files.get(loan)
        assert mine.version == theirs.version
        saved = first.loan_files.update(loan, notes="first", expected_version=mine.version)
        with pytest.raises(ConcurrentChangeError, match=r"changed by .* since you opened it"):
            second.loan_files.update(loan, notes="second", expected_version=theirs.version)
        assert second.loan_files.get(loan).notes == "first"  # nothing of the refused one
        reloaded = second.loan_files.get(loan)
        assert reloaded.version == saved.version
        second.loan_files.update(loan, notes="second", expected_version=reloaded.version)
        assert first.loan_files.get(loan).notes == "second"
        report = first.reports.save(loan, report_json("rep-1"), source="import")
        first.reports.set_notes(report.id, "mine", expected_version=report.version)
        with pytest.raises(ConcurrentChangeError):
            second.reports.set_notes(report.id, "theirs", expected_version=report.version)
