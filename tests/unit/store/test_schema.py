"""Schema migrations: applied in order, each atomic with its version bump."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assets_desktop.store import schema
from assets_desktop.store.errors import MigrationError
from assets_desktop.store.library import DATABASE_NAME, Library

from .factories import report_json


def _version(folder: Path) -> int:
    raw = sqlite3.connect(folder / DATABASE_NAME)
    try:
        return int(raw.execute("PRAGMA user_version").fetchone()[0])
    finally:
        raw.close()


def test_a_later_migration_upgrades_an_existing_library_in_place(
    tmp_path: Path, monkeypatch
) -> None:
    with Library(tmp_path) as library:
        loan = library.loan_files.create(["A B"], "purchase")
        record = library.reports.save(loan.id, report_json("rep-1"), source="import")
    later = (
        "ALTER TABLE reports ADD COLUMN reviewed_at TEXT;\n"
        "CREATE INDEX reports_by_state ON reports (state);"
    )
    target = len(schema.MIGRATIONS) + 1
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, later))
    monkeypatch.setattr(schema, "LATEST_VERSION", target)
    with Library(tmp_path) as library:
        assert library.reports.json(record.id) == report_json("rep-1")
    assert _version(tmp_path) == target
    raw = sqlite3.connect(tmp_path / DATABASE_NAME)
    assert "reviewed_at" in {row[1] for row in raw.execute("PRAGMA table_info(reports)")}
    raw.close()


def test_a_failing_migration_leaves_the_previous_version_intact(
    tmp_path: Path, monkeypatch
) -> None:
    Library(tmp_path).close()
    broken = "ALTER TABLE reports ADD COLUMN half_done TEXT;\nTHIS IS NOT SQL;"
    now = len(schema.MIGRATIONS)
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    monkeypatch.setattr(schema, "LATEST_VERSION", now + 1)
    with pytest.raises(
        MigrationError, match=rf"to format {now + 1} failed .*left at format {now}, unchanged"
    ):
        Library(tmp_path)
    assert _version(tmp_path) == now
    raw = sqlite3.connect(tmp_path / DATABASE_NAME)
    assert "half_done" not in {row[1] for row in raw.execute("PRAGMA table_info(reports)")}
    raw.close()


def test_a_format_1_library_upgrades_and_keeps_its_loan_files(tmp_path: Path, monkeypatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        patch.setattr(schema, "LATEST_VERSION", 1)
        with Library(tmp_path) as library:  # format 1: names were a JSON list of full names
            sealer = library.database.sealer
            library.database.backend.raw_writer.execute(
                "INSERT INTO loan_files (id, borrower_names_sealed, purpose, notes_sealed, "
                "created_at, updated_at) VALUES ('old', ?, 'purchase', ?, '2026-01-01T00:00', "
                "'2026-01-01T00:00')",
                (
                    sealer.seal(b'["John Quincy Smith"]', "loan_files.names:old"),
                    sealer.seal(b"", "loan_files.notes:old"),
                ),
            )
        assert _version(tmp_path) == 1
    with Library(tmp_path) as library:
        reread = library.loan_files.get("old")
    assert _version(tmp_path) == schema.LATEST_VERSION == 4
    assert reread.borrower_names == ("John Quincy Smith",)
    assert (reread.borrowers[0].first, reread.borrowers[0].middle) == ("John", "Quincy")
    assert reread.terms.cash_to_close is None
