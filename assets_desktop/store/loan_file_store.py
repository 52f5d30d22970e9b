"""Loan files in the library: borrowers, purpose, income, terms and notes, all sealed."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from assets_desktop.store import binding, loan_terms, rows, secrets
from assets_desktop.store.database import Database, Store, current_user
from assets_desktop.store.item_store import ItemStore
from assets_desktop.store.records import Activity, LoanFile, PersonName
from assets_desktop.store.report_store import ReportStore, SecretRef

_KEEP = object()


class LoanFileStore(Store):
    """Create, change, read and delete loan files (with everything in them)."""

    def __init__(self, db: Database, reports: ReportStore, items: ItemStore) -> None:
        super().__init__(db)
        self._reports = reports
        self._items = items

    def create(
        self,
        borrower_names: Sequence[str | PersonName],
        purpose: str,
        monthly_income: object = None,
        notes: str = "",
        **terms: object,
    ) -> LoanFile:
        """A new loan file: borrowers (names or `PersonName`s; the first is the borrower),
        purchase|refinance, monthly qualifying income, and the terms of `loan_terms.check_terms`
        (name, cash_to_close, monthly_housing_payment, reserve_months, earnest_money, …)."""
        people = loan_terms.check_borrowers(borrower_names)
        checked_purpose = rows.check_purpose(purpose)
        income = rows.check_income(monthly_income)
        checked_terms = loan_terms.check_terms(**terms)
        ident = uuid.uuid4().hex
        now = self._db.now()
        sealed = rows.seal_loan_fields(self._db.sealer, ident, people, income, notes, checked_terms)
        with self._db.transaction() as connection:
            connection.execute(
                "INSERT INTO loan_files (id, borrower_names_sealed, monthly_income_sealed, "
                "notes_sealed, terms_sealed, purpose, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (ident, *sealed, checked_purpose, now, now),
            )
            binding.bind(connection, self._db.sealer, "loan_files", ident)
            self._db.append(connection, Activity.LOAN_FILE_CREATED, f"loan file {ident}", ident)
        return self.get(ident)

    def update(
        self,
        loan_file_id: str,
        *,
        borrower_names: Sequence[str | PersonName] | None = None,
        purpose: str | None = None,
        monthly_income: object = _KEEP,
        notes: str | None = None,
        expected_version: int | None = None,
        **terms: object,
    ) -> LoanFile:
        """Change some fields of a loan file (terms by keyword; None clears one); the others
        stay. The activity log records each change as `field: old → new`. With `expected_version`
        (the version read), refused with ConcurrentChangeError when someone saved it since."""
        current = self.get(loan_file_id)
        people = (
            loan_terms.check_borrowers(borrower_names)
            if borrower_names is not None
            else current.borrowers
        )
        new_purpose = rows.check_purpose(purpose) if purpose is not None else current.purpose
        income = (
            current.monthly_income if monthly_income is _KEEP else rows.check_income(monthly_income)
        )
        new_terms = loan_terms.check_terms(**{**vars(current.terms), **terms})
        new_notes = notes if notes is not None else current.notes
        sealed = rows.seal_loan_fields(
            self._db.sealer, loan_file_id, people, income, new_notes, new_terms
        )
        before = {"borrowers": current.borrowers, "purpose": current.purpose,
                  "monthly_income": current.monthly_income, **vars(current.terms)}  # fmt: skip
        after = {"borrowers": people, "purpose": new_purpose, "monthly_income": income,
                 **vars(new_terms)}  # fmt: skip
        changes = loan_terms.describe_changes(before, after)
        if new_notes != current.notes:
            changes.append("notes changed")
        with self._db.transaction() as connection:
            self._db.claim(connection, "loan_files", loan_file_id, expected_version)
            connection.execute(
                "UPDATE loan_files SET borrower_names_sealed = ?, monthly_income_sealed = ?, "
                "notes_sealed = ?, terms_sealed = ?, purpose = ?, updated_at = ? WHERE id = ?",
                (*sealed, new_purpose, self._db.now(), loan_file_id),
            )
            binding.bind(connection, self._db.sealer, "loan_files", loan_file_id)
            self._db.append(
                connection, Activity.LOAN_FILE_UPDATED, f"loan file {loan_file_id}",
                loan_file_id, detail=f"{'; '.join(changes) or 'no change'} (by {current_user()})",
            )  # fmt: skip
        return self.get(loan_file_id)

    def get(self, loan_file_id: str) -> LoanFile:
        row = self._db.one("SELECT * FROM loan_files WHERE id = ?", (loan_file_id,), "loan file")
        return rows.loan_file_from_row(row, self._db.sealer)

    def all(self, newest: int | None = None) -> list[LoanFile]:
        """Every loan file (or the `newest` ones only), newest first."""
        query = "SELECT * FROM loan_files ORDER BY created_at DESC, id"
        limit: tuple[int, ...] = () if newest is None else (newest,)
        found = self._db.all(f"{query} LIMIT ?" if limit else query, limit)
        return [rows.loan_file_from_row(row, self._db.sealer) for row in found]

    def delete(self, loan_file_id: str) -> None:
        """Delete a loan file completely: reports, Items, activity, and their keyring entries."""
        self.get(loan_file_id)
        reports = self._reports.all(loan_file_id)
        items = self._items.all(loan_file_id)
        dropped: list[SecretRef] = [(secrets.ACCESS_TOKEN, item.item_id) for item in items]
        with self._db.transaction() as connection, rows.retention(connection):
            for record in reports:
                dropped += self._reports.delete_rows(connection, record)
            connection.execute("DELETE FROM activity WHERE loan_file_id = ?", (loan_file_id,))
            connection.execute("DELETE FROM attachments WHERE loan_file_id = ?", (loan_file_id,))
            connection.execute("DELETE FROM items WHERE loan_file_id = ?", (loan_file_id,))
            connection.execute("DELETE FROM loan_files WHERE id = ?", (loan_file_id,))
            self._db.append(connection, Activity.LOAN_FILE_DELETED, f"loan file {loan_file_id}")
        self._db.forget(dropped)
