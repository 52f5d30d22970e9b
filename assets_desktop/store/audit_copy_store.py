"""Audit copies of reports in the library: the record here, the token in the secret store."""

from __future__ import annotations

import uuid

from assets_desktop.store import rows, secrets
from assets_desktop.store.database import Database, Store
from assets_desktop.store.records import Activity, AuditCopyRecord
from assets_desktop.store.report_store import ReportStore


class AuditCopyStore(Store):
    """Audit copies given to auditors (Fannie Mae, Freddie Mac, Ocrolus, …)."""

    def __init__(self, db: Database, reports: ReportStore) -> None:
        super().__init__(db)
        self._reports = reports

    # -- audit copies ------------------------------------------------------------------------

    def add(
        self,
        report_id: str,
        auditor: str,
        audit_copy_token: str,
        *,
        what: str = Activity.AUDIT_COPY_CREATED,
        detail: str | None = None,
    ) -> AuditCopyRecord:
        """Record an audit copy (or, by `what`, a GSE or relay token); its token is kept by id."""
        record = self._reports.get(report_id)
        ident = uuid.uuid4().hex
        self._db.secrets.set(secrets.AUDIT_COPY_TOKEN, ident, audit_copy_token)
        with self._db.transaction() as connection:
            connection.execute(
                "INSERT INTO audit_copies (id, report_id, auditor, created_at) VALUES (?, ?, ?, ?)",
                (ident, report_id, auditor, self._db.now()),
            )
            self._db.append(
                connection, what, f"report {record.asset_report_id}", record.loan_file_id,
                report_id, detail=f"for {auditor}" if detail is None else detail,
            )  # fmt: skip
        return self.get(ident)

    def mark_removed(self, audit_copy_id: str) -> AuditCopyRecord:
        copy = self.get(audit_copy_id)
        record = self._reports.get(copy.report_id)
        with self._db.transaction() as connection:
            connection.execute(
                "UPDATE audit_copies SET removed_at = ? WHERE id = ?", (self._db.now(), copy.id)
            )
            self._db.append(
                connection, Activity.AUDIT_COPY_REMOVED, f"report {record.asset_report_id}",
                record.loan_file_id, record.id, detail=f"for {copy.auditor}",
            )  # fmt: skip
        self._db.secrets.delete(secrets.AUDIT_COPY_TOKEN, copy.id)
        return self.get(copy.id)

    def get(self, audit_copy_id: str) -> AuditCopyRecord:
        row = self._db.one(
            "SELECT * FROM audit_copies WHERE id = ?", (audit_copy_id,), "audit copy"
        )
        return rows.audit_copy_from_row(row)

    def of_report(self, report_id: str) -> list[AuditCopyRecord]:
        found = self._db.all(
            "SELECT * FROM audit_copies WHERE report_id = ? ORDER BY created_at", (report_id,)
        )
        return [rows.audit_copy_from_row(row) for row in found]

    def all(self) -> list[AuditCopyRecord]:
        """Every audit copy (of the reports this member may see), oldest first: one query."""
        found = self._db.all("SELECT * FROM audit_copies ORDER BY created_at", ())
        return [rows.audit_copy_from_row(row) for row in found]
