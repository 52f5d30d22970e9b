"""Plain columns are bound (issue 15, defect 6): moving a report to another loan file, changing
its parent or state in the database file, or putting back an older ciphertext of a loan file's
income is reported as tampering — never shown as if it were true."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assets_desktop.store.errors import TamperedDataError
from assets_desktop.store.library import DATABASE_NAME, Library

from .factories import MINIMAL_PDF, report_json


def _sql(folder: Path, statement: str, params: tuple[object, ...] = ()) -> None:
    raw = sqlite3.connect(folder / DATABASE_NAME)
    raw.execute(statement, params)
    raw.commit()
    raw.close()


def _two_borrowers(folder: Path) -> tuple[str, str, str, str]:
    with Library(folder) as library:
        alberta = library.loan_files.create(["Alberta Charleson"], "purchase", "6000").id
        bo = library.loan_files.create(["Bo Lee"], "purchase", "5000").id
        original = library.reports.save(alberta, report_json("rep-1"), MINIMAL_PDF, source="t").id
        refresh = library.reports.save(
            alberta, report_json("rep-2"), source="t", parent_id=original, relation="refresh"
        ).id
    return alberta, bo, original, refresh


@pytest.mark.parametrize(
    ("column", "value"),
    [("loan_file_id", "bo"), ("parent_id", None), ("state", "removed"), ("relation", "filter")],
)
def test_a_report_whose_relations_were_edited_is_refused(
    tmp_path: Path, column: str, value: object
) -> None:
    alberta, bo, original, refresh = _two_borrowers(tmp_path)
    _sql(tmp_path, f"UPDATE reports SET {column} = ? WHERE id = ?",  # noqa: S608
         (bo if value == "bo" else value, refresh))  # fmt: skip
    with Library(tmp_path) as library:
        assert library.reports.get(original).asset_report_id == "rep-1"  # the others still open
        with pytest.raises(TamperedDataError, match="report in the library was changed"):
            library.reports.get(refresh)
        with pytest.raises(TamperedDataError):
            library.reports.all(bo if value == "bo" else alberta)


def test_an_older_ciphertext_put_back_is_refused(tmp_path: Path) -> None:
    alberta, *_ = _two_borrowers(tmp_path)
    raw = sqlite3.connect(tmp_path / DATABASE_NAME)
    old = raw.execute("SELECT monthly_income_sealed FROM loan_files WHERE id = ?", (alberta,))
    old_income = old.fetchone()[0]
    raw.close()
    with Library(tmp_path) as library:
        library.loan_files.update(alberta, monthly_income="9500")
        assert library.loan_files.get(alberta).monthly_income == 9500
    _sql(tmp_path, "UPDATE loan_files SET monthly_income_sealed = ? WHERE id = ?",
         (old_income, alberta))  # fmt: skip
    with Library(tmp_path) as library, pytest.raises(TamperedDataError, match="loan file in"):
        library.loan_files.get(alberta)


def test_every_write_bumps_the_version_and_deleting_a_parent_keeps_the_child_readable(
    tmp_path: Path,
) -> None:
    alberta, _, original, refresh = _two_borrowers(tmp_path)
    with Library(tmp_path) as library:
        before = library.database.one("SELECT version FROM reports WHERE id = ?", (refresh,), "r")[
            0
        ]
        library.reports.set_notes(refresh, "checked")
        after = library.database.one("SELECT version FROM reports WHERE id = ?", (refresh,), "r")[0]
        assert after == before + 1
        library.reports.delete(original)  # the child's parent_id becomes NULL: still bound
        assert library.reports.get(refresh).parent_id is None
        assert library.loan_files.get(alberta).borrower_names == ("Alberta Charleson",)
