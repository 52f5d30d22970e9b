"""The workspace's Qt-free back end: the library (offline truth) plus one environment's client.

The UI's `WorkspaceBackend` adapts this to its dialogs and tree entries; everything here that
touches the library, the keyring or Plaid lives below the UI, as the layering requires. Reads come
from the library, so everything listed opens with no network. Heavy work (decrypting, decoding,
analysing a large report) is done by the `*_sync` methods, meant for a worker thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assets_desktop.services.review import ClearedFlag, ReviewNote, ReviewState
from assets_desktop.store import secrets as kinds
from assets_desktop.store.library import Library
from assets_desktop.store.records import (
    Activity,
    AuditCopyRecord,
    ItemRecord,
    LoanFile,
    ReportRecord,
)
from assets_desktop.store.secrets import SecretStore

if TYPE_CHECKING:  # httpx, the API client and the analysis load after the first paint
    from assets_desktop.domain.analysis import AnalysisParameters
    from assets_desktop.domain.analysis.types import Analysis, ReportDiff
    from assets_desktop.domain.report import AssetReportResponse, ReportUser
    from assets_desktop.services.environment import Environment
    from assets_desktop.services.progress import ProgressCallback

__all__ = [
    "AuditCopyRecord",
    "ItemRecord",
    "Library",
    "LoanFile",
    "LoanFileTree",
    "OfflineError",
    "OpenedReport",
    "ReportRecord",
    "SecretStore",
    "Workspace",
    "WorkspaceError",
]

DEFAULT_WAIT_TIMEOUT = 15 * 60.0


class WorkspaceError(Exception):
    """A failure with a sentence for the user (what went wrong and what to do)."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class OfflineError(WorkspaceError):
    """A network action asked of a workspace that has no client (offline review)."""

    def __init__(self) -> None:
        super().__init__(
            "this needs a connection to Plaid, and the app is offline. Your library is "
            "available for review; connect, then try again."
        )


@dataclass(frozen=True)
class OpenedReport:
    """Everything the report view needs, decoded and analysed off the UI thread."""

    response: AssetReportResponse
    analysis: Analysis
    review: ReviewState
    diff: ReportDiff | None
    pdf: bytes | None


@dataclass(frozen=True)
class ReportTree:
    """One report with its audit copies."""

    record: ReportRecord
    audit_copies: tuple[AuditCopyRecord, ...]


@dataclass(frozen=True)
class LoanFileTree:
    """One loan file with its Items and reports, as the library holds them."""

    loan: LoanFile
    items: tuple[ItemRecord, ...]
    reports: tuple[ReportTree, ...]


class Workspace:
    """The library and (optionally) a connected environment, with the user's settings applied.

    `poll_interval`: seconds between report checks (None: the environment's default; the API
    never polls production faster than every 4 s). `large_deposit_ratio` and `min_history_days`
    (None: the rule for the loan's purpose) go into every analysis.
    """

    def __init__(
        self,
        library: Library,
        secrets: SecretStore,
        env: Environment | None,
        environment: str,
        *,
        poll_interval: float | None = None,
        large_deposit_ratio: float = 0.5,
        min_history_days: int | None = None,
        wait_timeout: float = DEFAULT_WAIT_TIMEOUT,
    ) -> None:
        self.library = library
        self.secrets = secrets
        self.env = env  # None: offline (the library only)
        self.environment = environment
        self.poll_interval = poll_interval
        self.large_deposit_ratio = large_deposit_ratio
        self.min_history_days = min_history_days
        self.wait_timeout = wait_timeout

    def connected(self) -> Environment:
        """The connected environment, or OfflineError."""
        if self.env is None:
            raise OfflineError()
        return self.env

    # --- reads (offline) -------------------------------------------------------------------

    def tree(self) -> list[LoanFileTree]:
        """Every loan file with its Items, reports and audit copies."""
        return [
            LoanFileTree(
                loan,
                tuple(self.library.items(loan.id)),
                tuple(
                    ReportTree(r, tuple(self.library.audit_copies(r.id)))
                    for r in self.library.reports(loan.id)
                ),
            )
            for loan in self.library.loan_files()
        ]

    def account_choices(self, report_id: str) -> list[tuple[str, str]]:
        """(account_id, label) for each account of a saved report."""
        report = self.library.open_report(report_id).report
        return [
            (a.account_id, f"{a.name} ····{a.mask or ''} ({a.subtype or a.type})")
            for a in report.accounts()
        ]

    def analysis_parameters(self, loan: LoanFile) -> AnalysisParameters:
        """The analysis parameters of a loan file, with the user's settings applied."""
        from assets_desktop.domain.analysis import AnalysisParameters

        history = self.min_history_days if loan.purpose == "purchase" else None
        return AnalysisParameters(
            purpose=loan.purpose,
            monthly_income=Decimal(loan.monthly_income) if loan.monthly_income else None,
            borrower=" ".join(loan.borrower_names[:1]) or None,
            large_deposit_ratio=Decimal(str(self.large_deposit_ratio)),
            min_history_days=history,
        )

    def open_report_sync(self, report_id: str) -> OpenedReport:
        """Decrypt, decode and analyse a saved report: call from a worker thread."""
        from assets_desktop.domain.analysis import analyze, diff_reports

        record = self.library.report(report_id)
        params = self.analysis_parameters(self.library.loan_file(record.loan_file_id))
        response = self.library.open_report(report_id)
        analysis = analyze(response, params)
        diff = None
        if record.parent_id:
            parent = self.library.report(record.parent_id)
            if parent.has_json:
                before = self.library.open_report(parent.id)
                diff = diff_reports(before, response, params)
        pdf = self.library.report_pdf(report_id)
        return OpenedReport(response, analysis, self.review_state(report_id), diff, pdf)

    def review_state(self, report_id: str) -> ReviewState:
        """Cleared flags and notes of a report, from the activity log."""
        state = ReviewState()
        for entry in self.library.activity(report_id=report_id):
            if entry.what == Activity.FLAG_CLEARED:
                data = json.loads(entry.detail or "{}")
                state = state.with_cleared(ClearedFlag(data["key"], data["reason"], entry.at))
            elif entry.what == Activity.NOTE:
                state = state.with_note(ReviewNote(entry.detail, entry.at))
        return state

    # --- local writes ----------------------------------------------------------------------

    def log_activity(self, report_id: str, what: str, key: str, text: str = "") -> None:
        """Keep a cleared flag (key, reason) or a note (text) in the activity log."""
        record = self.library.report(report_id)
        if what == "flag_cleared":
            detail, name = json.dumps({"key": key, "reason": text}), Activity.FLAG_CLEARED
        else:
            detail, name = key, Activity.NOTE
        self.library.log(
            name,
            f"report {record.asset_report_id}",
            detail=detail,
            loan_file_id=record.loan_file_id,
            report_id=report_id,
        )

    def create_loan_file(self, borrower: str, purpose: str, monthly_income: float) -> str:
        """A new loan file (local only); its id."""
        loan = self.library.create_loan_file(
            [borrower],
            purpose,  # checked by the library
            Decimal(str(monthly_income)),
        )
        return loan.id

    def import_report_file_sync(self, path: Path, loan_file_id: str | None) -> str:
        """Import a report JSON (and `<name>.pdf` beside it); without a loan file, one for the
        report's borrower is made in the same transaction (a refused file leaves nothing)."""
        pdf = path.with_suffix(".pdf")
        record = self.library.import_report_file(
            path, pdf if pdf.exists() else None, loan_file_id=loan_file_id
        )
        return record.id

    def store_keys(self, environment: str, client_id: str, secret: str) -> None:
        """Keys typed in Settings go straight to the keyring."""
        if client_id and secret:
            self.secrets.set(kinds.PLAID_CLIENT_ID, environment, client_id)
            self.secrets.set(kinds.PLAID_SECRET, environment, secret)

    def audit_copy_token(self, copy_id: str) -> str:
        """The token of an audit copy (to show the auditor), or '' when not kept."""
        return self.secrets.get(kinds.AUDIT_COPY_TOKEN, copy_id) or ""

    # --- Items (network) -------------------------------------------------------------------

    async def add_sandbox_item(
        self,
        loan_file_id: str,
        institution_id: str,
        username: str,
        password: str,
        progress: ProgressCallback | None = None,
    ) -> ItemRecord:
        """Link a sandbox persona as an Item of the loan file."""
        from assets_desktop.services import items

        return await items.add_sandbox_item(
            self.connected(), self.library, institution_id=institution_id, username=username,
            password=password, loan_file_id=loan_file_id, progress=progress,
        )  # fmt: skip

    async def import_access_token(
        self, loan_file_id: str, access_token: str, progress: ProgressCallback | None = None
    ) -> ItemRecord:
        """An Item from an access token the lender's backend already holds."""
        from assets_desktop.services import items

        return await items.import_access_token(
            self.connected(), self.library, access_token, loan_file_id=loan_file_id,
            progress=progress,
        )  # fmt: skip

    async def add_items_by_hosted_link(
        self,
        loan_file_id: str,
        show_url: Callable[[str], None],
        progress: ProgressCallback | None = None,
    ) -> list[ItemRecord]:
        """Create a Hosted Link URL, wait for the borrower to finish, save the Items."""
        from assets_desktop.services import items

        return await items.add_items_by_hosted_link(
            self.connected(), self.library, client_user_id=loan_file_id, show_url=show_url,
            loan_file_id=loan_file_id, progress=progress,
        )  # fmt: skip

    async def remove_item(self, item_id: str) -> None:
        """Revoke the Item at Plaid, then forget it locally (its reports stay)."""
        from assets_desktop.services import items

        await items.remove_item(self.connected(), self.library, item_id)

    # --- report workflows (network) --------------------------------------------------------

    async def create_report(
        self,
        loan_file_id: str,
        item_ids: Sequence[str],
        days: int,
        user: ReportUser | None,
        *,
        include_insights: bool = False,
        progress: ProgressCallback | None = None,
    ) -> ReportRecord:
        """Create a report, wait (at the polling-interval setting) and keep JSON and PDF."""
        from assets_desktop.services import reports

        return await reports.create_report_and_wait(
            self.connected(), self.library, loan_file_id=loan_file_id, item_ids=item_ids,
            days_requested=days, user=user, include_insights=include_insights,
            timeout=self.wait_timeout, interval=self.poll_interval, progress=progress,
        )  # fmt: skip

    async def refresh_report(
        self, report_id: str, days: int | None, progress: ProgressCallback | None = None
    ) -> ReportRecord:
        """A refresh (new report linked to this one), waited for and saved."""
        from assets_desktop.services import reports

        return await reports.refresh_report_and_wait(
            self.connected(), self.library, report_id, days_requested=days,
            timeout=self.wait_timeout, interval=self.poll_interval, progress=progress,
        )  # fmt: skip

    async def filter_report(
        self, report_id: str, exclude: Sequence[str], progress: ProgressCallback | None = None
    ) -> ReportRecord:
        """A filtered copy without some accounts, waited for and saved."""
        from assets_desktop.services import reports

        return await reports.filter_report_and_wait(
            self.connected(), self.library, report_id, exclude, timeout=self.wait_timeout,
            interval=self.poll_interval, progress=progress,
        )  # fmt: skip

    async def resume_report(
        self, report_id: str, progress: ProgressCallback | None = None
    ) -> ReportRecord:
        """Wait again for a report left building (after a cancel or a restart)."""
        from assets_desktop.services import reports

        return await reports.wait_and_store(
            self.connected(), self.library, report_id, timeout=self.wait_timeout,
            interval=self.poll_interval, progress=progress,
        )  # fmt: skip

    async def remove_report(self, report_id: str) -> None:
        """Remove at Plaid (its audit copies die with it); the library keeps its copy."""
        from assets_desktop.services import reports

        await reports.remove_report(self.connected(), self.library, report_id)

    async def create_audit_copy(self, report_id: str, auditor_id: str) -> str:
        """An audit copy for `auditor_id`; its token (kept in the keyring) is returned."""
        from assets_desktop.services import reports

        copy = await reports.create_audit_copy(
            self.connected(), self.library, report_id, auditor_id
        )
        return self.audit_copy_token(copy.id)

    async def remove_audit_copy(self, copy_id: str) -> None:
        """Revoke an audit copy at Plaid and mark it removed."""
        from assets_desktop.services import reports

        await reports.remove_audit_copy(self.connected(), self.library, copy_id)

    async def aclose(self) -> None:
        """Close the HTTP client (the library stays open for the app's lifetime)."""
        if self.env is not None:
            await self.env.aclose()


def when(moment: Any) -> str:
    """A record's timestamp as local 'YYYY-MM-DD HH:MM' ('' for none)."""
    if moment is None:
        return ""
    local = moment.astimezone() if getattr(moment, "tzinfo", None) else moment
    return str(local.strftime("%Y-%m-%d %H:%M"))
