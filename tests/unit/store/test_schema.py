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
        loan = library.create_loan_file(["A B"], "purchase")
        record = library.save_report(loan.id, report_json("rep-1"), source="import")
    v2 = (
        "ALTER TABLE reports ADD COLUMN reviewed_at TEXT;\n"
        "CREATE INDEX reports_by_state ON reports (state);"
    )
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, v2))
    monkeypatch.setattr(schema, "LATEST_VERSION", 2)
    with Library(tmp_path) as library:
        assert library.report_json(record.id) == report_json("rep-1")
    assert _version(tmp_path) == 2
    raw = sqlite3.connect(tmp_path / DATABASE_NAME)
    assert "reviewed_at" in {row[1] for row in raw.execute("PRAGMA table_info(reports)")}
    raw.close()


def test_a_failing_migration_leaves_the_previous_version_intact(
    tmp_path: Path, monkeypatch
) -> None:
    Library(tmp_path).close()
    broken = "ALTER TABLE reports ADD COLUMN half_done TEXT;\nTHIS IS NOT SQL;"
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    monkeypatch.setattr(schema, "LATEST_VERSION", 2)
    with pytest.raises(MigrationError, match=r"to format 2 failed .*left at format 1, unchanged"):
        Library(tmp_path)
    assert _version(tmp_path) == 1
    raw = sqlite3.connect(tmp_path / DATABASE_NAME)
    assert "half_done" not in {row[1] for row in raw.execute("PRAGMA table_info(reports)")}
    raw.close()
