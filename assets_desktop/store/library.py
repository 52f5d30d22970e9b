"""The encrypted local library: loan files, Items, reports (JSON + PDF), audit copies, activity.

`Library(data_dir)` opens (or creates) `library.sqlite3` in `data_dir` (default: the platform's
user data directory). Report JSON, PDFs, documents and personal data (borrower names, income,
loan terms, notes, activity details) are sealed with AES-GCM under a random key kept in the
keyring, or wrapped by the library passphrase where there is none (`store.keys`); tokens live in
the keyring, or sealed in the library under that key. Every save is one SQLite transaction (WAL,
synchronous=FULL).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

from assets_desktop.store import attachments, binding, loan_terms, rows, secrets, transfer
from assets_desktop.store.database import (
    DATABASE_NAME,
    Database,
    current_user,
    default_data_dir,
    utc_now,
)
from assets_desktop.store.records import (
    Activity,
    AttachmentRecord,
    ItemRecord,
    LoanFile,
    PersonName,
    ReportRecord,
)
from assets_desktop.store.report_store import SecretRef
from assets_desktop.store.shared_tokens import SharedTokenStore

__all__ = ["DATABASE_NAME", "Database", "Library", "default_data_dir", "utc_now"]

_KEEP = object()


class Library(SharedTokenStore):
    """The local library. Safe to share between the Qt thread and worker threads."""

    # -- loan files --------------------------------------------------------------------------

    def create_loan_file(
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
        now = self._now()
        sealed = rows.seal_loan_fields(self._sealer, ident, people, income, notes, checked_terms)
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO loan_files (id, borrower_names_sealed, monthly_income_sealed, "
                "notes_sealed, terms_sealed, purpose, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (ident, *sealed, checked_purpose, now, now),
            )
            binding.bind(connection, self._sealer, "loan_files", ident)
            self._append(connection, Activity.LOAN_FILE_CREATED, f"loan file {ident}", ident)
        return self.loan_file(ident)

    def update_loan_file(
        self,
        loan_file_id: str,
        *,
        borrower_names: Sequence[str | PersonName] | None = None,
        purpose: str | None = None,
        monthly_income: object = _KEEP,
        notes: str | None = None,
        **terms: object,
    ) -> LoanFile:
        """Change some fields of a loan file (terms by keyword; None clears one); the others
        stay. The activity log records each change as `field: old → new`."""
        current = self.loan_file(loan_file_id)
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
            self._sealer, loan_file_id, people, income, new_notes, new_terms
        )
        before = {"borrowers": current.borrowers, "purpose": current.purpose,
                  "monthly_income": current.monthly_income, **vars(current.terms)}  # fmt: skip
        after = {"borrowers": people, "purpose": new_purpose, "monthly_income": income,
                 **vars(new_terms)}  # fmt: skip
        changes = loan_terms.describe_changes(before, after)
        if new_notes != current.notes:
            changes.append("notes changed")
        with self._transaction() as connection:
            connection.execute(
                "UPDATE loan_files SET borrower_names_sealed = ?, monthly_income_sealed = ?, "
                "notes_sealed = ?, terms_sealed = ?, purpose = ?, updated_at = ? WHERE id = ?",
                (*sealed, new_purpose, self._now(), loan_file_id),
            )
            binding.bind(connection, self._sealer, "loan_files", loan_file_id)
            self._append(
                connection, Activity.LOAN_FILE_UPDATED, f"loan file {loan_file_id}",
                loan_file_id, detail=f"{'; '.join(changes) or 'no change'} (by {current_user()})",
            )  # fmt: skip
        return self.loan_file(loan_file_id)

    def loan_file(self, loan_file_id: str) -> LoanFile:
        row = self._one("SELECT * FROM loan_files WHERE id = ?", (loan_file_id,), "loan file")
        return rows.loan_file_from_row(row, self._sealer)

    def loan_files(self) -> list[LoanFile]:
        """Every loan file, newest first."""
        found = self._all("SELECT * FROM loan_files ORDER BY created_at DESC, id", ())
        return [rows.loan_file_from_row(row, self._sealer) for row in found]

    def delete_loan_file(self, loan_file_id: str) -> None:
        """Delete a loan file completely: reports, Items, activity, and their keyring entries."""
        self.loan_file(loan_file_id)
        reports = self.reports(loan_file_id)
        items = self.items(loan_file_id)
        dropped: list[SecretRef] = [(secrets.ACCESS_TOKEN, item.item_id) for item in items]
        with self._transaction() as connection, rows.retention(connection):
            for record in reports:
                dropped += self._delete_report_rows(connection, record)
            connection.execute("DELETE FROM activity WHERE loan_file_id = ?", (loan_file_id,))
            connection.execute("DELETE FROM attachments WHERE loan_file_id = ?", (loan_file_id,))
            connection.execute("DELETE FROM items WHERE loan_file_id = ?", (loan_file_id,))
            connection.execute("DELETE FROM loan_files WHERE id = ?", (loan_file_id,))
            self._append(connection, Activity.LOAN_FILE_DELETED, f"loan file {loan_file_id}")
        self._forget(dropped)

    # -- Items -------------------------------------------------------------------------------

    def save_item(
        self,
        item_id: str,
        institution_id: str,
        institution_name: str,
        *,
        loan_file_id: str | None = None,
        environment: str = "local",
        status: str = "good",
        access_token: str | None = None,
    ) -> ItemRecord:
        """Add or update an Item; its access token goes to the keyring, never the database."""
        if access_token is not None:
            self.secrets.set(secrets.ACCESS_TOKEN, item_id, access_token)
        now = self._now()
        fields = (item_id, loan_file_id, institution_id, institution_name, environment, status)
        values = (*fields, now, now)
        with self._transaction() as connection:
            known = connection.execute("SELECT 1 FROM items WHERE item_id = ?", (item_id,))
            is_new = known.fetchone() is None
            connection.execute(
                "INSERT INTO items (item_id, loan_file_id, institution_id, institution_name, "
                "environment, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (item_id) DO UPDATE SET loan_file_id = excluded.loan_file_id, "
                "institution_id = excluded.institution_id, institution_name = "
                "excluded.institution_name, environment = excluded.environment, "
                "status = excluded.status, updated_at = excluded.updated_at",
                values,
            )
            if is_new:
                self._append(
                    connection, Activity.ITEM_ADDED, f"item {item_id}", loan_file_id,
                    detail=institution_name,
                )  # fmt: skip
        return self.item(item_id)

    def set_item_status(self, item_id: str, status: str) -> ItemRecord:
        self.item(item_id)
        with self._transaction() as connection:
            connection.execute(
                "UPDATE items SET status = ?, updated_at = ? WHERE item_id = ?",
                (status, self._now(), item_id),
            )
        return self.item(item_id)

    def item(self, item_id: str) -> ItemRecord:
        row = self._one("SELECT * FROM items WHERE item_id = ?", (item_id,), "Item")
        return rows.item_from_row(row)

    def items(self, loan_file_id: str | None = None) -> list[ItemRecord]:
        if loan_file_id is None:
            found = self._all("SELECT * FROM items ORDER BY created_at, item_id", ())
        else:
            found = self._all(
                "SELECT * FROM items WHERE loan_file_id = ? ORDER BY created_at, item_id",
                (loan_file_id,),
            )
        return [rows.item_from_row(row) for row in found]

    def delete_item(self, item_id: str) -> None:
        """Forget an Item and its access token."""
        self.item(item_id)
        with self._transaction() as connection:
            connection.execute("DELETE FROM items WHERE item_id = ?", (item_id,))
        self._forget([(secrets.ACCESS_TOKEN, item_id)])

    # -- documents attached to decisions -------------------------------------------------------

    def add_attachment(
        self, loan_file_id: str, name: str, data: bytes, *, report_id: str | None = None
    ) -> AttachmentRecord:
        """Keep a PDF or image (a gift letter, a proof of sale) sealed in the library."""
        return attachments.add(self, loan_file_id, name, data, report_id)

    def attachment(self, attachment_id: str) -> AttachmentRecord:
        return attachments.record(self, attachment_id)

    def attachment_content(self, attachment_id: str) -> bytes:
        """The document's bytes, after their integrity check."""
        return attachments.content_of(self, attachment_id)

    def attachments(self, loan_file_id: str) -> list[AttachmentRecord]:
        """The loan file's documents, oldest first."""
        return attachments.of_loan_file(self, loan_file_id)

    # -- files: import, export, review bundles -------------------------------------------------

    def import_report_file(
        self,
        json_path: Path | str,
        pdf_path: Path | str | None = None,
        *,
        loan_file_id: str | None = None,
    ) -> ReportRecord:
        """Import a report JSON (and optional PDF) downloaded elsewhere into a loan file.

        Without `loan_file_id`, a loan file for the report's borrower is created with it
        (atomically: a refused import leaves no empty loan file behind).
        """
        return transfer.import_report_file(self, Path(json_path), pdf_path, loan_file_id)

    def export_report_json(self, report_id: str, path: Path | str) -> Path:
        """Write the report JSON exactly as received."""
        return transfer.export_report_file(self, report_id, Path(path), "json")

    def export_report_pdf(self, report_id: str, path: Path | str) -> Path:
        """Write the report PDF."""
        return transfer.export_report_file(self, report_id, Path(path), "pdf")

    def export_bundle(self, report_id: str, path: Path | str) -> Path:
        """A review bundle (zip): report JSON, PDF, notes and activity, with SHA-256 manifest."""
        return transfer.export_bundle(self, report_id, Path(path))

    def import_bundle(self, path: Path | str, loan_file_id: str | None = None) -> ReportRecord:
        """Import a review bundle (into a new loan file unless one is given)."""
        return transfer.import_bundle(self, Path(path), loan_file_id)
