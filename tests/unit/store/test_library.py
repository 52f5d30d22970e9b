"""The library: loan files, Items, reports with lineage, audit copies, activity."""

from __future__ import annotations

import concurrent.futures
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from assets_desktop.store import rows, secrets
from assets_desktop.store.errors import ImportRejectedError, NotFoundError
from assets_desktop.store.library import DATABASE_NAME, Library
from assets_desktop.store.records import Activity

from .factories import MINIMAL_PDF, report_json


def test_a_new_library_is_sqlite_in_wal_mode_at_the_latest_schema(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as library:
        assert library.warning is None
        assert library.path == tmp_path / "lib" / DATABASE_NAME
    raw = sqlite3.connect(tmp_path / "lib" / DATABASE_NAME)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 4
    # Listing reports reads the index alone, never the rows (and their sealed JSON and PDF).
    listing = f"SELECT {rows.REPORT_COLUMNS} FROM reports"  # noqa: S608
    for where in ("ORDER BY created_at, id", "WHERE loan_file_id = ? ORDER BY created_at, id"):
        args = ("x",) if "?" in where else ()
        plan = raw.execute(f"EXPLAIN QUERY PLAN {listing} {where}", args).fetchall()
        assert "COVERING INDEX reports_listed" in " ".join(str(step[-1]) for step in plan)
    raw.close()


def test_loan_files_round_trip_with_exact_income(library: Library) -> None:
    created = library.loan_files.create(
        ["Alberta Charleson", " Bo Charleson "], "refinance", "$12,345.675", notes="Self-employed"
    )
    again = library.loan_files.get(created.id)
    assert again.borrower_names == ("Alberta Charleson", "Bo Charleson")
    assert again.purpose == "refinance"
    assert again.monthly_income == Decimal("12345.68")
    assert again.notes == "Self-employed"
    assert again.title == "Alberta Charleson & Bo Charleson — refinance"
    updated = library.loan_files.update(created.id, notes="Verified W-2", monthly_income=None)
    assert updated.notes == "Verified W-2" and updated.monthly_income is None
    assert updated.borrower_names == again.borrower_names
    assert [f.id for f in library.loan_files.all()] == [created.id]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"borrower_names": [" "], "purpose": "purchase"}, "at least one borrower"),
        ({"borrower_names": ["A"], "purpose": "heloc"}, "purchase or refinance"),
        (
            {"borrower_names": ["A"], "purpose": "purchase", "monthly_income": "lots"},
            "not an amount",
        ),
        ({"borrower_names": ["A"], "purpose": "purchase", "monthly_income": -1}, "zero or more"),
    ],
)
def test_bad_loan_file_fields_are_refused_clearly(library: Library, kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        library.loan_files.create(**kwargs)


def test_items_keep_tokens_in_the_keyring_only(library: Library, loan: str, memory_keyring) -> None:
    item = library.items.save(
        "item-1", "ins_109508", "First Platypus Bank", loan_file_id=loan,
        environment="sandbox", access_token="access-sandbox-SECRET",
    )  # fmt: skip
    assert item.status == "good" and item.loan_file_id == loan
    assert library.items.set_status("item-1", "login_required").status == "login_required"
    assert [i.item_id for i in library.items.all(loan)] == ["item-1"]
    assert library.secrets.get(secrets.ACCESS_TOKEN, "item-1") == "access-sandbox-SECRET"
    library.close()
    assert b"access-sandbox-SECRET" not in _all_bytes(library.path)
    reopened = Library(library.data_dir)
    reopened.items.delete("item-1")
    assert reopened.items.all() == []
    assert reopened.secrets.get(secrets.ACCESS_TOKEN, "item-1") is None
    reopened.close()


def test_a_report_goes_from_building_to_ready_with_exact_bytes(library: Library, loan: str) -> None:
    record = library.reports.add(
        loan, "rep-1", asset_report_token="assets-sandbox-TOKEN", days_requested=60
    )
    assert record.state == "building" and not record.has_json
    assert library.secrets.get(secrets.ASSET_REPORT_TOKEN, "rep-1") == "assets-sandbox-TOKEN"
    with pytest.raises(NotFoundError, match="no JSON for this report yet"):
        library.reports.json(record.id)
    assert library.reports.pdf(record.id) is None
    raw = report_json("rep-1")
    library.reports.save_content(record.id, raw)
    ready = library.reports.save_pdf(record.id, MINIMAL_PDF)
    assert ready.state == "ready" and ready.has_pdf
    assert ready.client_report_id == "loan-42" and ready.days_requested == 60
    assert ready.date_generated is not None and ready.date_generated.year == 2026
    assert library.reports.json(record.id) == raw
    assert library.reports.pdf(record.id) == MINIMAL_PDF
    opened = library.reports.open(record.id)
    assert opened.report.asset_report_id == "rep-1"
    assert opened.report.transaction_count() == 3


def test_content_for_another_report_is_refused(library: Library, loan: str) -> None:
    record = library.reports.add(loan, "rep-1")
    with pytest.raises(ImportRejectedError, match="is report rep-2, not rep-1"):
        library.reports.save_content(record.id, report_json("rep-2"))


def test_lineage_refresh_and_filter(library: Library, loan: str) -> None:
    parent = library.reports.save(loan, report_json("rep-1"), source="plaid:local")
    refresh = library.reports.add(loan, "rep-2", parent_id=parent.id, relation="refresh")
    filtered = library.reports.add(loan, "rep-3", parent_id=parent.id, relation="filter")
    assert (refresh.parent_id, refresh.relation) == (parent.id, "refresh")
    assert (filtered.parent_id, filtered.relation) == (parent.id, "filter")
    whats = [e.what for e in library.activity.entries(loan_file_id=loan)]
    assert Activity.REPORT_REFRESHED in whats and Activity.REPORT_FILTERED in whats
    with pytest.raises(ValueError, match=r"relation \(refresh\|filter\)"):
        library.reports.add(loan, "rep-4", parent_id=parent.id, relation="copy")
    with pytest.raises(ImportRejectedError, match="already in the library"):
        library.reports.add(loan, "rep-1")


def test_removed_reports_forget_their_token(library: Library, loan: str) -> None:
    record = library.reports.add(loan, "rep-1", asset_report_token="assets-sandbox-1")
    removed = library.reports.set_state(record.id, "removed", detail="borrower withdrew")
    assert removed.state == "removed"
    assert library.secrets.get(secrets.ASSET_REPORT_TOKEN, "rep-1") is None
    last = library.activity.entries(report_id=record.id)[-1]
    assert (last.what, last.detail) == (Activity.REPORT_REMOVED, "borrower withdrew")


def test_audit_copies_and_their_tokens(library: Library, loan: str) -> None:
    record = library.reports.save(loan, report_json("rep-1"), source="plaid:local")
    copy = library.audit_copies.add(record.id, "Fannie Mae", "a-sandbox-AUDIT")
    assert copy.active and library.secrets.get(secrets.AUDIT_COPY_TOKEN, copy.id)
    gone = library.audit_copies.mark_removed(copy.id)
    assert not gone.active
    assert library.secrets.get(secrets.AUDIT_COPY_TOKEN, copy.id) is None
    assert [c.auditor for c in library.audit_copies.of_report(record.id)] == ["Fannie Mae"]


def test_activity_is_append_only_and_encrypted(library: Library, loan: str) -> None:
    record = library.reports.save(loan, report_json("rep-1"), source="plaid:local")
    entry = library.activity.log(
        Activity.FLAG_CLEARED, "LARGE_DEPOSIT txn rep-1-t3",
        detail="Gift letter from Grandma Ethel on file", report_id=record.id, loan_file_id=loan,
    )  # fmt: skip
    assert entry.detail.startswith("Gift letter")
    raw = sqlite3.connect(library.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.execute("UPDATE activity SET what = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.execute("DELETE FROM activity")
    raw.close()
    library.close()
    data = _all_bytes(library.path)
    for secret_text in (b"Grandma Ethel", b"Alberta", b"PAYROLL ACME", b"8250"):
        assert secret_text not in data


def test_the_library_serves_worker_threads_while_saving(library: Library, loan: str) -> None:
    first = library.reports.save(loan, report_json("rep-0", transactions=400), source="import")

    def read() -> int:
        return library.reports.open(first.id).report.transaction_count()

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(read) for _ in range(20)]
        for n in range(1, 11):
            library.reports.save(loan, report_json(f"rep-{n}"), source="import")
        assert {f.result() for f in futures} == {400}
    assert len(library.reports.all(loan)) == 11


def test_a_failed_save_leaves_nothing_behind(library: Library, loan: str) -> None:
    before = len(library.activity.entries())
    with pytest.raises(RuntimeError), library.database.atomic():
        library.loan_files.create(["Temp"], "purchase")
        library.reports.save(loan, report_json("rep-9"), source="import")
        raise RuntimeError("power cut")
    assert len(library.loan_files.all()) == 1
    assert library.reports.by_asset_report_id("rep-9") is None
    assert len(library.activity.entries()) == before


def test_the_default_location_is_the_platform_data_dir(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    with Library() as library:
        assert library.path == tmp_path / "xdg" / "assets-desktop" / DATABASE_NAME


def _all_bytes(database: Path) -> bytes:
    return b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
