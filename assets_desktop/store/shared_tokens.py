"""Tokens shared beside audit copies, kept in the `audit_copies` table (no schema change).

- The loan's GSE token (`auditor` = `gse_voa`): one live VOA token per loan file for Fannie Mae
  D1C / Freddie Mac AIM; `report_id` is the report it points at now (an update moves it).
- Credit Relay tokens (`auditor` = `relay:<secondary_client_id>`): a report shared with a
  partner.

Tokens go to the keyring under the record's id (kind `audit_copy_token`), as for audit copies.
"""

from __future__ import annotations

from assets_desktop.store import rows, secrets
from assets_desktop.store.audit_copy_store import AuditCopyStore
from assets_desktop.store.database import Database, Store
from assets_desktop.store.errors import NotFoundError
from assets_desktop.store.records import GSE_VOA, RELAY_PREFIX, Activity, AuditCopyRecord
from assets_desktop.store.report_store import ReportStore


class SharedTokenStore(Store):
    """The GSE token of a loan file and the relay tokens of reports."""

    def __init__(self, db: Database, reports: ReportStore, audit_copies: AuditCopyStore) -> None:
        super().__init__(db)
        self._reports = reports
        self._copies = audit_copies

    def gse(self, loan_file_id: str) -> AuditCopyRecord | None:
        """The loan file's live GSE token record, or None."""
        found = self._db.all(
            "SELECT c.* FROM audit_copies c JOIN reports r ON r.id = c.report_id "
            "WHERE r.loan_file_id = ? AND c.auditor = ? AND c.removed_at IS NULL",
            (loan_file_id, GSE_VOA),
        )
        return rows.audit_copy_from_row(found[0]) if found else None

    def add_gse(self, report_id: str, token: str) -> AuditCopyRecord:
        """Record the loan's GSE token (refused when the loan file already has a live one)."""
        record = self._reports.get(report_id)
        if self.gse(record.loan_file_id) is not None:
            raise ValueError(
                "This loan file already has a GSE token; update it with the newer report or "
                "remove it first."
            )
        return self._add_shared(report_id, GSE_VOA, token, Activity.GSE_TOKEN_CREATED)

    def move_gse(self, copy_id: str, report_id: str) -> AuditCopyRecord:
        """The GSE token now points at `report_id` (a report of the same loan file)."""
        copy = self._copies.get(copy_id)
        before, after = self._reports.get(copy.report_id), self._reports.get(report_id)
        if copy.kind != "gse" or not copy.active:
            raise NotFoundError(f"No live GSE token with id {copy_id} in the library.")
        if after.loan_file_id != before.loan_file_id:
            raise ValueError("A GSE token can only point at a report of its own loan file.")
        with self._db.transaction() as connection:
            connection.execute(
                "UPDATE audit_copies SET report_id = ? WHERE id = ?", (report_id, copy_id)
            )
            self._db.append(
                connection, Activity.GSE_TOKEN_UPDATED, f"report {after.asset_report_id}",
                after.loan_file_id, report_id,
                detail=f"from report {before.asset_report_id} to {after.asset_report_id}",
            )  # fmt: skip
        return self._copies.get(copy_id)

    def add_relay(self, report_id: str, secondary_client_id: str, token: str) -> AuditCopyRecord:
        """Record a Credit Relay token sharing the report with a partner."""
        partner = secondary_client_id.strip()
        if not partner:
            raise ValueError("Enter the partner's secondary_client_id.")
        return self._add_shared(
            report_id, RELAY_PREFIX + partner, token, Activity.RELAY_TOKEN_CREATED
        )

    def mark_removed(self, copy_id: str) -> AuditCopyRecord:
        """A GSE or relay token was revoked: mark it removed, forget its token, log it."""
        copy = self._copies.get(copy_id)
        record = self._reports.get(copy.report_id)
        what = Activity.GSE_TOKEN_REMOVED if copy.kind == "gse" else Activity.RELAY_TOKEN_REMOVED
        with self._db.transaction() as connection:
            connection.execute(
                "UPDATE audit_copies SET removed_at = ? WHERE id = ?", (self._db.now(), copy.id)
            )
            self._db.append(
                connection, what, f"report {record.asset_report_id}", record.loan_file_id,
                record.id, detail=_describe(copy.auditor),
            )  # fmt: skip
        self._db.secrets.delete(secrets.AUDIT_COPY_TOKEN, copy.id)
        return self._copies.get(copy.id)

    def _add_shared(self, report_id: str, auditor: str, token: str, what: str) -> AuditCopyRecord:
        return self._copies.add(report_id, auditor, token, what=what, detail=_describe(auditor))


def _describe(auditor: str) -> str:
    if auditor == GSE_VOA:
        return "VOA token for Fannie Mae D1C / Freddie Mac AIM"
    return f"shared with partner {auditor.removeprefix(RELAY_PREFIX)}"
