"""Retention: deleting a report or a loan file completely, and purging old reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assets_desktop.store import secrets
from assets_desktop.store.errors import NotFoundError
from assets_desktop.store.library import Library
from assets_desktop.store.records import Activity

from .factories import MINIMAL_PDF, report_json


def _database_bytes(library: Library) -> bytes:
    return b"".join(p.read_bytes() for p in library.path.parent.glob(library.path.name + "*"))


def test_deleting_a_report_removes_rows_tokens_and_ciphertext(
    library: Library, loan: str, memory_keyring
) -> None:
    parent = library.reports.save(
        loan, report_json("rep-1", 50), MINIMAL_PDF, source="plaid:local",
        asset_report_token="assets-sandbox-ONE",
    )  # fmt: skip
    child = library.reports.add(loan, "rep-2", parent_id=parent.id, relation="filter")
    copy = library.audit_copies.add(parent.id, "Freddie Mac", "a-sandbox-COPY")
    library.activity.log(
        Activity.NOTE, "note", detail="Gift letter", report_id=parent.id, loan_file_id=loan
    )
    sealed_json = library.database.all(
        "SELECT json_sealed FROM reports WHERE id = ?", (parent.id,)
    )[0][0]

    library.reports.delete(parent.id)

    with pytest.raises(NotFoundError, match="no such report"):
        library.reports.get(parent.id)
    assert library.audit_copies.of_report(parent.id) == []
    assert library.activity.entries(report_id=parent.id) == []
    assert library.reports.get(child.id).parent_id is None  # the filtered copy stays
    assert library.secrets.get(secrets.ASSET_REPORT_TOKEN, "rep-1") is None
    assert library.secrets.get(secrets.AUDIT_COPY_TOKEN, copy.id) is None
    last = library.activity.entries(loan_file_id=loan)[-1]
    assert (last.what, last.subject, last.detail) == (Activity.REPORT_DELETED, "report rep-1", "")
    assert sealed_json[20:80] not in _database_bytes(library)  # secure_delete + checkpoint


def test_deleting_a_loan_file_removes_everything_of_it(
    library: Library, loan: str, memory_keyring
) -> None:
    other = library.loan_files.create(["Someone Else"], "refinance")
    kept = library.reports.save(other.id, report_json("rep-9"), source="import")
    library.items.save(
        "item-1", "ins_1", "First Platypus Bank", loan_file_id=loan, access_token="access-1"
    )
    report = library.reports.save(
        loan, report_json("rep-1"), source="plaid:local", asset_report_token="assets-1"
    )
    library.audit_copies.add(report.id, "Fannie Mae", "audit-1")

    library.loan_files.delete(loan)

    with pytest.raises(NotFoundError):
        library.loan_files.get(loan)
    assert library.items.all(loan) == [] and library.reports.all(loan) == []
    assert library.activity.entries(loan_file_id=loan) == []
    left = {
        value
        for (_, name), value in memory_keyring.secrets.items()
        if not name.startswith("library_key")
    }
    assert left == set()
    assert [r.id for r in library.reports.all()] == [kept.id]
    assert library.activity.entries()[-1].what == Activity.LOAN_FILE_DELETED
    library.close()
    assert b"Alberta" not in _database_bytes(library)


def test_purge_deletes_reports_older_than_the_retention_period(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
    with Library(tmp_path, clock=lambda: now) as library:
        loan = library.loan_files.create(["A B"], "purchase").id
        old = library.reports.save(
            loan, report_json("old", generated="2026-01-02T00:00:00Z"), source="import"
        )
        edge = library.reports.save(
            loan, report_json("edge", generated="2026-08-28T00:00:00Z"), source="import"
        )
        new = library.reports.save(
            loan, report_json("new", generated="2026-11-24T00:00:00Z"), source="import"
        )
        building = library.reports.add(loan, "building")  # no date yet: saved now, so kept

        purged = library.reports.purge_older_than(89)

        assert [r.asset_report_id for r in purged] == ["old", "edge"]
        assert {r.id for r in library.reports.all()} == {new.id, building.id}
        assert [e.what for e in library.activity.entries()].count(Activity.PURGED) == 2
        assert library.reports.purge_older_than(89) == []
        with pytest.raises(ValueError, match="zero days or more"):
            library.reports.purge_older_than(-1)
        del old, edge
