"""Reports in the library: lineage, sealed JSON and PDF, audit copies, deletion and purge."""

from __future__ import annotations

import datetime as dt
import uuid

from assets_desktop.domain.report import (
    AssetReport,
    AssetReportResponse,
    decode_report_response,
)
from assets_desktop.store import binding, content, rows, secrets
from assets_desktop.store.backend import Connection
from assets_desktop.store.database import Store
from assets_desktop.store.errors import ImportRejectedError, NotFoundError, TamperedDataError
from assets_desktop.store.pieces import decode_report_in_pieces
from assets_desktop.store.records import Activity, ReportRecord

_RELATION_ACTIVITY = {
    None: Activity.REPORT_CREATED,
    "refresh": Activity.REPORT_REFRESHED,
    "filter": Activity.REPORT_FILTERED,
}
_SELECT = f"SELECT {rows.REPORT_COLUMNS} FROM reports"  # noqa: S608

SecretRef = tuple[str, str]


class ReportStore(Store):
    """Report operations of the library."""

    # -- writing -----------------------------------------------------------------------------

    def add(
        self,
        loan_file_id: str,
        asset_report_id: str,
        *,
        asset_report_token: str | None = None,
        client_report_id: str | None = None,
        parent_id: str | None = None,
        relation: str | None = None,
        days_requested: int | None = None,
        source: str = "plaid:local",
        state: str = "building",
    ) -> ReportRecord:
        """Record a report Plaid is building (its token goes to the keyring); content later."""
        checked_relation = rows.check_relation(parent_id, relation)
        checked_state = rows.check_state(state)
        if asset_report_token is not None:
            self._db.secrets.set(secrets.ASSET_REPORT_TOKEN, asset_report_id, asset_report_token)
        with self._db.transaction() as connection:
            ident = self._insert(
                connection, loan_file_id, asset_report_id, parent_id, "",
                client_report_id=client_report_id, relation=checked_relation,
                state=checked_state, source=source, days_requested=days_requested,
            )  # fmt: skip
            binding.bind(connection, self._db.sealer, "reports", ident)
            self._db.append(
                connection, _RELATION_ACTIVITY[checked_relation], f"report {asset_report_id}",
                loan_file_id, ident, detail=f"requested from {source}",
            )  # fmt: skip
        return self.get(ident)

    def save_content(
        self, report_id: str, json_bytes: bytes, *, full_check: bool = True
    ) -> ReportRecord:
        """Store the report JSON (exactly as received); the report is ready (its PDF: `save_pdf`).

        `full_check=False` (a download from Plaid): check the JSON's syntax and header only,
        skipping the full decode (one long GIL hold: the event loop would stall); the report
        is decoded when it is opened.
        """
        record = self.get(report_id)
        header = (
            content.check_report_json(json_bytes, "the report JSON").report
            if full_check
            else content.check_report_header(json_bytes)
        )
        if header.asset_report_id != record.asset_report_id:
            raise ImportRejectedError(
                f"The JSON is report {header.asset_report_id}, not "
                f"{record.asset_report_id}; it was not saved."
            )
        with self._db.transaction() as connection:
            self._write_content(connection, report_id, header, json_bytes, None)
            self._bind_and_log(connection, record, Activity.REPORT_SAVED)
        return self.get(report_id)

    def save(
        self,
        loan_file_id: str,
        json_bytes: bytes,
        pdf_bytes: bytes | None = None,
        *,
        source: str,
        parent_id: str | None = None,
        relation: str | None = None,
        asset_report_token: str | None = None,
        notes: str = "",
        what: str = Activity.REPORT_SAVED,
        detail: str = "",
    ) -> ReportRecord:
        """Store a complete report in one transaction (used by imports and bundles)."""
        checked_relation = rows.check_relation(parent_id, relation)
        decoded = content.check_report_json(json_bytes, "the report JSON")
        if pdf_bytes is not None:
            content.check_pdf(pdf_bytes)
        asset_report_id = decoded.report.asset_report_id
        if asset_report_token is not None:
            self._db.secrets.set(secrets.ASSET_REPORT_TOKEN, asset_report_id, asset_report_token)
        with self._db.transaction() as connection:
            ident = self._insert(
                connection, loan_file_id, asset_report_id, parent_id, notes,
                relation=checked_relation, state="ready", source=source,
            )  # fmt: skip
            self._write_content(connection, ident, decoded.report, json_bytes, pdf_bytes)
            binding.bind(connection, self._db.sealer, "reports", ident)
            self._db.append(
                connection, what, f"report {asset_report_id}", loan_file_id, ident, detail
            )
        return self.get(ident)

    def save_pdf(self, report_id: str, pdf_bytes: bytes) -> ReportRecord:
        """Store (or replace) the PDF of a report."""
        record = self.get(report_id)
        content.check_pdf(pdf_bytes)
        with self._db.transaction() as connection:
            self._write_pdf(connection, report_id, pdf_bytes)
            connection.execute(
                "UPDATE reports SET updated_at = ? WHERE id = ?", (self._db.now(), report_id)
            )
            self._bind_and_log(connection, record, Activity.REPORT_SAVED, "PDF")
        return self.get(report_id)

    def set_state(self, report_id: str, state: str, detail: str = "") -> ReportRecord:
        """Mark a report building|ready|failed|removed (removed also forgets its token)."""
        record = self.get(report_id)
        checked = rows.check_state(state)
        with self._db.transaction() as connection:
            connection.execute(
                "UPDATE reports SET state = ?, updated_at = ? WHERE id = ?",
                (checked, self._db.now(), report_id),
            )
            what = Activity.REPORT_REMOVED if checked == "removed" else f"report {checked}"
            self._bind_and_log(connection, record, what, detail)
        if checked == "removed":
            self._db.secrets.delete(secrets.ASSET_REPORT_TOKEN, record.asset_report_id)
        return self.get(report_id)

    def set_notes(
        self, report_id: str, notes: str, expected_version: int | None = None
    ) -> ReportRecord:
        """Replace the report's notes; with `expected_version` (the version read), refused with
        ConcurrentChangeError when someone saved the report since."""
        record = self.get(report_id)
        sealed = self._db.sealer.seal(notes.encode(), f"reports.notes:{report_id}")
        with self._db.transaction() as connection:
            self._db.claim(connection, "reports", report_id, expected_version)
            connection.execute(
                "UPDATE reports SET notes_sealed = ?, updated_at = ? WHERE id = ?",
                (sealed, self._db.now(), report_id),
            )
            self._bind_and_log(connection, record, Activity.NOTE, notes)
        return self.get(report_id)

    # -- reading -----------------------------------------------------------------------------

    def get(self, report_id: str) -> ReportRecord:
        row = self._db.one(f"{_SELECT} WHERE id = ?", (report_id,), "report")
        return rows.report_from_row(row, self._db.sealer)

    def by_asset_report_id(self, asset_report_id: str) -> ReportRecord | None:
        found = self._db.all(f"{_SELECT} WHERE asset_report_id = ?", (asset_report_id,))
        return rows.report_from_row(found[0], self._db.sealer) if found else None

    def all(self, loan_file_id: str | None = None) -> list[ReportRecord]:
        """Reports (of one loan file, or all), oldest first."""
        if loan_file_id is None:
            found = self._db.all(f"{_SELECT} ORDER BY created_at, id", ())
        else:
            found = self._db.all(
                f"{_SELECT} WHERE loan_file_id = ? ORDER BY created_at, id", (loan_file_id,)
            )
        return [rows.report_from_row(row, self._db.sealer) for row in found]

    def json(self, report_id: str) -> bytes:
        """The report JSON exactly as received, after its integrity checks."""
        data = self._read_blob(report_id, "json", "report JSON")
        if data is None:
            raise NotFoundError(
                "The library has no JSON for this report yet (it is still being built, or its "
                "generation failed)."
            )
        return data

    def pdf(self, report_id: str) -> bytes | None:
        """The PDF bytes, or None when the library has no PDF for this report."""
        return self._read_blob(report_id, "pdf", "report PDF")

    def open(self, report_id: str, *, in_pieces: bool = False) -> AssetReportResponse:
        """Decrypt and decode a report for review (safe to call from a worker thread).

        `in_pieces=True` decodes transaction by transaction (`store.pieces`): ~40% slower in
        total, but a worker thread then lets the UI thread run instead of holding the GIL for
        the whole decode. Use it when decoding off the Qt thread.
        """
        data = self.json(report_id)
        return decode_report_in_pieces(data) if in_pieces else decode_report_response(data)

    # -- retention ---------------------------------------------------------------------------

    def delete(self, report_id: str) -> None:
        """Delete a report completely: its rows, activity, audit copies and keyring entries."""
        record = self.get(report_id)
        with self._db.transaction() as connection, rows.retention(connection):
            dropped = self.delete_rows(connection, record)
        self._db.forget(dropped)

    def purge_older_than(self, days: int) -> list[ReportRecord]:
        """Delete every report generated (or saved) more than `days` days ago; returns them,
        oldest first."""
        if days < 0:
            raise ValueError("The retention period must be zero days or more.")
        cutoff = rows.timestamp(self._db.clock() - dt.timedelta(days=days))
        found = self._db.all(
            f"{_SELECT} WHERE COALESCE(date_generated, created_at) < ? "
            "ORDER BY COALESCE(date_generated, created_at), id",
            (cutoff,),
        )
        old = [rows.report_from_row(row, self._db.sealer) for row in found]
        dropped: list[SecretRef] = []
        with self._db.transaction() as connection, rows.retention(connection):
            for record in old:
                dropped += self.delete_rows(connection, record, Activity.PURGED)
        self._db.forget(dropped)
        return old

    def delete_rows(
        self, connection: Connection, record: ReportRecord, what: str = ""
    ) -> list[SecretRef]:
        """Inside a retention transaction: the report's rows go; returns its secrets to forget."""
        copies = connection.execute(
            "SELECT id FROM audit_copies WHERE report_id = ?", (record.id,)
        ).fetchall()
        children = connection.execute(
            "SELECT id FROM reports WHERE parent_id = ?", (record.id,)
        ).fetchall()
        connection.execute("DELETE FROM activity WHERE report_id = ?", (record.id,))
        connection.execute("DELETE FROM reports WHERE id = ?", (record.id,))
        for (child,) in children:  # their parent_id became NULL: bound again as they are now
            binding.bind(connection, self._db.sealer, "reports", child)
        self._db.append(
            connection, what or Activity.REPORT_DELETED, f"report {record.asset_report_id}",
            record.loan_file_id,
        )  # fmt: skip
        refs = [(secrets.ASSET_REPORT_TOKEN, record.asset_report_id)]
        return refs + [(secrets.AUDIT_COPY_TOKEN, str(row[0])) for row in copies]

    # -- internals ---------------------------------------------------------------------------

    def _insert(
        self,
        connection: Connection,
        loan_file_id: str,
        asset_report_id: str,
        parent_id: str | None,
        notes: str,
        **columns: object,
    ) -> str:
        """Insert a new report's row (its loan file, parent and uniqueness checked); its id."""
        self._check_new(connection, loan_file_id, asset_report_id, parent_id)
        ident = uuid.uuid4().hex
        now = self._db.now()
        row = {
            "id": ident, "asset_report_id": asset_report_id, "loan_file_id": loan_file_id,
            "parent_id": parent_id, **columns,
            "notes_sealed": self._db.sealer.seal(notes.encode(), f"reports.notes:{ident}"),
            "created_at": now, "updated_at": now,
        }  # fmt: skip
        marks = ", ".join("?" * len(row))
        sql = f"INSERT INTO reports ({', '.join(row)}) VALUES ({marks})"  # noqa: S608
        connection.execute(sql, tuple(row.values()))
        return ident

    def _check_new(
        self,
        connection: Connection,
        loan_file_id: str,
        asset_report_id: str,
        parent_id: str | None,
    ) -> None:
        if not _exists(connection, "loan_files", "id", loan_file_id):
            raise NotFoundError(f"There is no such loan file in the library (id {loan_file_id}).")
        if parent_id is not None and not _exists(connection, "reports", "id", parent_id):
            raise NotFoundError(f"There is no such parent report in the library (id {parent_id}).")
        if _exists(connection, "reports", "asset_report_id", asset_report_id):
            raise ImportRejectedError(
                f"Report {asset_report_id} is already in the library; open it from there (or "
                "delete it first to replace it)."
            )

    def _write_content(
        self,
        connection: Connection,
        report_id: str,
        report: AssetReport | content.ReportHeader,
        json_bytes: bytes,
        pdf_bytes: bytes | None,
    ) -> None:
        connection.execute(
            "UPDATE reports SET json_sealed = ?, json_sha256 = ?, json_size = ?, state = 'ready', "
            "client_report_id = ?, date_generated = ?, days_requested = ?, updated_at = ? "
            "WHERE id = ?",
            (
                self._db.sealer.seal(json_bytes, f"reports.json:{report_id}"),
                content.sha256(json_bytes), len(json_bytes), report.client_report_id,
                rows.timestamp(report.date_generated), int(report.days_requested), self._db.now(),
                report_id,
            ),
        )  # fmt: skip
        if pdf_bytes is not None:
            self._write_pdf(connection, report_id, pdf_bytes)

    def _bind_and_log(
        self, connection: Connection, record: ReportRecord, what: str, detail: str = ""
    ) -> None:
        """After a write to `record`'s row: bind the row again, log `what` about the report."""
        binding.bind(connection, self._db.sealer, "reports", record.id)
        self._db.append(
            connection, what, f"report {record.asset_report_id}", record.loan_file_id, record.id,
            detail,
        )  # fmt: skip

    def _write_pdf(self, connection: Connection, report_id: str, pdf: bytes) -> None:
        connection.execute(
            "UPDATE reports SET pdf_sealed = ?, pdf_sha256 = ?, pdf_size = ? WHERE id = ?",
            (
                self._db.sealer.seal(pdf, f"reports.pdf:{report_id}"),
                content.sha256(pdf),
                len(pdf),
                report_id,
            ),
        )

    def _read_blob(self, report_id: str, column: str, what: str) -> bytes | None:
        sql = f"SELECT {column}_sealed, {column}_sha256 FROM reports WHERE id = ?"  # noqa: S608
        row = self._db.one(sql, (report_id,), "report")
        sealed, digest = row[0], row[1]
        if sealed is None:
            return None
        plain = self._db.sealer.open(bytes(sealed), f"reports.{column}:{report_id}", what)
        if content.sha256(plain) != digest:
            raise TamperedDataError(
                f"The {what} does not match the SHA-256 recorded when it was saved, so it is not "
                "shown. Re-import it from the original file, or restore the library from a backup."
            )
        return plain


def _exists(connection: Connection, table: str, column: str, value: str) -> bool:
    """Whether `table` has a row whose `column` is `value` (table and column are ours)."""
    sql = f"SELECT 1 FROM {table} WHERE {column} = ?"  # noqa: S608
    return connection.execute(sql, (value,)).fetchone() is not None
