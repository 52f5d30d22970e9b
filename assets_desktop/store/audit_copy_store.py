"""Audit copies of reports in the library: the record here, the token in the secret store."""

from __future__ import annotations

import uuid

from assets_desktop.store import rows, secrets
from assets_desktop.store.records import Activity, AuditCopyRecord
from assets_desktop.store.report_store import ReportStore


class AuditCopyStore(ReportStore):
    """Audit copies given to auditors (Fannie Mae, Freddie Mac, Ocrolus, …)."""

    # -- audit copies ------------------------------------------------------------------------

    def add_audit_copy(
        self, report_id: str, auditor: str, audit_copy_token: str
    ) -> AuditCopyRecord:
        """Record an audit copy; its token goes to the keyring under the record's id."""
        record = self.report(report_id)
        ident = uuid.uuid4().hex
        self.secrets.set(secrets.AUDIT_COPY_TOKEN, ident, audit_copy_token)
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO audit_copies (id, report_id, auditor, created_at) VALUES (?, ?, ?, ?)",
                (ident, report_id, auditor, self._now()),
            )
            self._append(
                connection, Activity.AUDIT_COPY_CREATED, f"report {record.asset_report_id}",
                record.loan_file_id, report_id, detail=f"for {auditor}",
            )  # fmt: skip
        return self.audit_copy(ident)

    def mark_audit_copy_removed(self, audit_copy_id: str) -> AuditCopyRecord:
        copy = self.audit_copy(audit_copy_id)
        record = self.report(copy.report_id)
        with self._transaction() as connection:
            connection.execute(
                "UPDATE audit_copies SET removed_at = ? WHERE id = ?", (self._now(), copy.id)
            )
            self._append(
                connection, Activity.AUDIT_COPY_REMOVED, f"report {record.asset_report_id}",
                record.loan_file_id, record.id, detail=f"for {copy.auditor}",
            )  # fmt: skip
        self.secrets.delete(secrets.AUDIT_COPY_TOKEN, copy.id)
        return self.audit_copy(copy.id)

    def audit_copy(self, audit_copy_id: str) -> AuditCopyRecord:
        row = self._one("SELECT * FROM audit_copies WHERE id = ?", (audit_copy_id,), "audit copy")
        return rows.audit_copy_from_row(row)

    def audit_copies(self, report_id: str) -> list[AuditCopyRecord]:
        found = self._all(
            "SELECT * FROM audit_copies WHERE report_id = ? ORDER BY created_at", (report_id,)
        )
        return [rows.audit_copy_from_row(row) for row in found]
