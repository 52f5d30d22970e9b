"""The library's activity log: who did what to which loan file or report, and when."""

from __future__ import annotations

from assets_desktop.store.database import Store
from assets_desktop.store.records import ActivityEntry


class ActivityLog(Store):
    """Append to and read the log; `subject` is plain (ids only), `detail` is encrypted."""

    def log(
        self,
        what: str,
        subject: str,
        *,
        detail: str = "",
        loan_file_id: str | None = None,
        report_id: str | None = None,
    ) -> ActivityEntry:
        """Append an entry (its own transaction) and return it."""
        with self._db.transaction() as connection:
            ident = self._db.append(connection, what, subject, loan_file_id, report_id, detail)
        return self._db.activity_where("id = ?", (ident,))[0]

    def entries(
        self, loan_file_id: str | None = None, report_id: str | None = None
    ) -> list[ActivityEntry]:
        """The log, oldest first; filtered by loan file and/or report."""
        clauses, params = ["1 = 1"], []
        if loan_file_id is not None:
            clauses.append("loan_file_id = ?")
            params.append(loan_file_id)
        if report_id is not None:
            clauses.append("report_id = ?")
            params.append(report_id)
        return self._db.activity_where(" AND ".join(clauses), tuple(params))
