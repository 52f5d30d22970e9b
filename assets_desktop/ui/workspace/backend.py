"""The workspace's back end: the library (offline truth) plus one environment's Plaid client.

Every action of the window is one method here. Reads come from the library, so everything
listed opens with no network; network workflows record each step in the library as it happens
(a report is `building` from the moment Plaid accepts the create), so a crash or a cancel never
loses what Plaid already made. Heavy work (decrypting, decoding, analysing, encrypting a large
report) runs in a worker thread to keep the event loop responsive.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assets_desktop.domain.report import ReportUser
from assets_desktop.services.review import ClearedFlag, ReviewNote, ReviewState
from assets_desktop.store import secrets as kinds
from assets_desktop.store.library import Library
from assets_desktop.store.records import Activity, ReportRecord
from assets_desktop.store.secrets import SecretStore
from assets_desktop.ui.workspace.dialogs.add_item import AddItemInput
from assets_desktop.ui.workspace.dialogs.create_report import CreateReportInput
from assets_desktop.ui.workspace.dialogs.loan_file import LoanFileInput
from assets_desktop.ui.workspace.dialogs.report_actions import AccountChoice
from assets_desktop.ui.workspace.navigation import (
    AuditCopyEntry,
    ItemEntry,
    LoanFileEntry,
    ReportEntry,
)

if TYPE_CHECKING:  # the services (httpx and the API client) load after the first paint
    from assets_desktop.services.environment import Environment
    from assets_desktop.services.progress import Progress

log = logging.getLogger(__name__)
Stage = Callable[[str], None]
HOSTED_POLL_SECONDS = 2.0
# Plain Python threads for library and analysis work. qasync's default executor runs QThreads,
# and a QThread destroyed with its event loop while idle aborted the process in tests.
_WORKERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="workspace")
HOSTED_TIMEOUT_SECONDS = 30 * 60


class WorkspaceError(Exception):
    """A failure with a sentence for the user (what went wrong and what to do)."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class OfflineError(WorkspaceError):
    """A network action asked of a back end that has no client (offline review)."""

    def __init__(self) -> None:
        super().__init__(
            "this needs a connection to Plaid, and the app is offline. Your library is "
            "available for review; connect, then try again."
        )


@dataclass(frozen=True)
class OpenedReport:
    """Everything the report view needs, decoded and analysed off the UI thread."""

    response: Any
    analysis: Any
    review: ReviewState
    diff: Any
    pdf: bytes | None


class WorkspaceBackend:
    """The library and (optionally) a Plaid client for the current environment."""

    def __init__(
        self,
        library: Library,
        secrets: SecretStore,
        env: Environment | None,
        environment: str,
        *,
        poll_interval: float | None = None,  # not yet honoured: services poll at their own rate
        large_deposit_ratio: float = 0.5,
        wait_timeout: float = 15 * 60,
    ) -> None:
        self.library = library
        self.secrets = secrets
        self.env = env  # None: offline (the library only)
        self.environment = environment
        self.poll_interval = poll_interval
        self.large_deposit_ratio = large_deposit_ratio
        self.wait_timeout = wait_timeout
        self.on_change: Callable[[], None] = lambda: None
        self.waiting: set[str] = set()  # reports whose readiness a job is waiting for now

    async def _db(self, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a library write in a worker thread: a durable commit (fsync) can take tens of ms,
        too long for the UI thread. The library is safe to share between threads."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(_WORKERS, lambda: call(*args, **kwargs))

    def _env(self) -> Environment:
        if self.env is None:
            raise OfflineError()
        return self.env

    async def aclose(self) -> None:
        """Close the HTTP client (the library stays open for the app's lifetime)."""
        if self.env is not None:
            await self.env.aclose()

    # --- reads (offline) -------------------------------------------------------------------

    def loan_files(self) -> list[LoanFileEntry]:
        """Every loan file with its Items and reports, from the library."""
        entries = []
        for loan in self.library.loan_files():
            items = tuple(
                ItemEntry(i.item_id, i.institution_name, i.status, _when(i.updated_at))
                for i in self.library.items(loan.id)
            )
            reports = tuple(self._report_entry(r) for r in self.library.reports(loan.id))
            entries.append(
                LoanFileEntry(
                    loan.id,
                    " & ".join(loan.borrower_names) or "Unnamed borrower",
                    loan.purpose,
                    float(loan.monthly_income or 0),
                    items,
                    reports,
                )
            )
        return entries

    def _report_entry(self, record: ReportRecord) -> ReportEntry:
        copies = tuple(
            AuditCopyEntry(c.id, c.auditor, _when(c.created_at), not c.active)
            for c in self.library.audit_copies(record.id)
        )
        return ReportEntry(
            report_id=record.id,
            days=record.days_requested or 0,
            state=record.state,
            relation=record.relation or "original",
            parent_id=record.parent_id,
            created=_when(record.created_at),
            client_report_id=record.client_report_id or "",
            detail="imported" if record.source.startswith("import") else "",
            audit_copies=copies,
        )

    def accounts(self, report_id: str) -> list[AccountChoice]:
        """The accounts of a saved report (for the filter dialog)."""
        report = self.library.open_report(report_id).report
        return [
            AccountChoice(a.account_id, f"{a.name} ····{a.mask or ''} ({a.subtype or a.type})")
            for a in report.accounts()
        ]

    async def open_report(self, report_id: str) -> OpenedReport:
        """Decrypt, decode and analyse a saved report in a worker thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(_WORKERS, self._open_sync, report_id)

    def _open_sync(self, report_id: str) -> OpenedReport:
        from assets_desktop.domain.analysis import AnalysisParameters, analyze, diff_reports

        record = self.library.report(report_id)
        loan = self.library.loan_file(record.loan_file_id)
        params = AnalysisParameters(
            purpose=loan.purpose,
            monthly_income=Decimal(loan.monthly_income) if loan.monthly_income else None,
            borrower=" ".join(loan.borrower_names[:1]) or None,
            large_deposit_ratio=Decimal(str(self.large_deposit_ratio)),
        )
        response = self.library.open_report(report_id)
        analysis = analyze(response, params)
        diff = None
        if record.parent_id:
            parent = self.library.report(record.parent_id)
            if parent.has_json:
                diff = diff_reports(self.library.open_report(parent.id), response, params)
        return OpenedReport(
            response, analysis, self._review(report_id), diff, self.library.report_pdf(report_id)
        )

    def _review(self, report_id: str) -> ReviewState:
        state = ReviewState()
        for entry in self.library.activity(report_id=report_id):
            if entry.what == Activity.FLAG_CLEARED:
                data = json.loads(entry.detail or "{}")
                state = state.with_cleared(ClearedFlag(data["key"], data["reason"], entry.at))
            elif entry.what == Activity.NOTE:
                state = state.with_note(ReviewNote(entry.detail, entry.at))
        return state

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

    # --- loan files and Items --------------------------------------------------------------

    def create_loan_file(self, data: LoanFileInput) -> str:
        """A new loan file (local only)."""
        loan = self.library.create_loan_file(
            [data.borrower], data.purpose, Decimal(str(data.monthly_income))
        )
        return loan.id

    async def add_item(self, loan_file_id: str, data: AddItemInput, stage: Stage) -> ItemEntry:
        """Quick add (sandbox persona) or an imported access token."""
        from assets_desktop.services import items

        env = self._env()
        if data.mode == "token":
            record = await items.import_access_token(
                env, self.library, data.access_token, loan_file_id=loan_file_id,
                progress=_stages(stage),
            )  # fmt: skip
        else:
            record = await items.add_sandbox_item(
                env, self.library, institution_id=data.institution_id, username=data.username,
                password=data.password, loan_file_id=loan_file_id, progress=_stages(stage),
            )  # fmt: skip
        self.on_change()
        return ItemEntry(record.item_id, record.institution_name, record.status)

    async def add_items_by_hosted_link(
        self,
        loan_file_id: str,
        institution_hint: str,
        show_url: Callable[[str], None],
        status: Stage,
    ) -> list[ItemEntry]:
        """Create a Hosted Link URL, wait for the borrower to finish, save the Items."""
        from assets_desktop.services import items

        records = await items.add_items_by_hosted_link(
            self._env(), self.library, client_user_id=loan_file_id, show_url=show_url,
            loan_file_id=loan_file_id, progress=_stages(status),
        )  # fmt: skip
        self.on_change()
        return [ItemEntry(r.item_id, r.institution_name, r.status) for r in records]

    async def remove_item(self, item_id: str) -> None:
        """Revoke the Item at Plaid, then forget it locally (its reports stay)."""
        from assets_desktop.services import items

        await items.remove_item(self._env(), self.library, item_id)
        self.on_change()

    # --- reports ---------------------------------------------------------------------------

    async def create_report(self, loan_file_id: str, data: CreateReportInput, stage: Stage) -> str:
        """Create a report, recorded as building at once, wait until ready, keep JSON and PDF."""
        from assets_desktop.services import reports

        user = ReportUser(
            client_user_id=loan_file_id,
            first_name=data.first_name or None,
            middle_name=data.middle_name or None,
            last_name=data.last_name or None,
            ssn=data.ssn or None,
            email=data.email or None,
            phone_number=data.phone or None,
        )
        record = await self._then_reload(reports.create_report_and_wait(
            self._env(), self.library, loan_file_id=loan_file_id, item_ids=data.item_ids,
            days_requested=data.days, user=user, include_insights=data.include_insights,
            timeout=self.wait_timeout, progress=self._progress(stage),
        ))  # fmt: skip
        return record.id

    async def refresh_report(self, report_id: str, days: int | None, stage: Stage) -> str:
        """A refresh (new report linked to this one), waited for and saved."""
        from assets_desktop.services import reports

        record = await self._then_reload(reports.refresh_report_and_wait(
            self._env(), self.library, report_id, days_requested=days, timeout=self.wait_timeout,
            progress=self._progress(stage),
        ))  # fmt: skip
        return record.id

    async def filter_report(self, report_id: str, exclude: tuple[str, ...], stage: Stage) -> str:
        """A filtered copy without some accounts, waited for and saved."""
        from assets_desktop.services import reports

        record = await self._then_reload(reports.filter_report_and_wait(
            self._env(), self.library, report_id, exclude, timeout=self.wait_timeout,
            progress=self._progress(stage),
        ))  # fmt: skip
        return record.id

    async def resume_report(self, report_id: str, stage: Stage) -> str:
        """Wait again for a report left building (after a cancel or a restart)."""
        from assets_desktop.services import reports

        self.waiting.add(report_id)
        try:
            record = await reports.wait_and_store(
                self._env(), self.library, report_id, timeout=self.wait_timeout,
                progress=self._progress(stage),
            )  # fmt: skip
        finally:
            self.waiting.discard(report_id)
            self.on_change()
        return record.id

    async def _then_reload(self, work: Awaitable[Any]) -> Any:
        """Await a workflow; refresh the tree after it, whether it succeeded or failed."""
        try:
            return await work
        finally:
            self.on_change()

    def _progress(self, stage: Stage) -> Callable[[Progress], None]:
        """Progress to the job's stage; a new record or a state change refreshes the tree."""
        seen = {"last": ""}

        def show(progress: Progress) -> None:
            stage(f"{progress.stage}: {progress.detail}" if progress.detail else progress.stage)
            if progress.stage != seen["last"]:  # e.g. the report was just recorded as building
                seen["last"] = progress.stage
                self.on_change()

        return show

    async def remove_report(self, report_id: str) -> None:
        """Remove at Plaid (its audit copies die with it); the library keeps its copy."""
        from assets_desktop.services import reports

        try:
            await reports.remove_report(self._env(), self.library, report_id)
        finally:
            self.on_change()

    async def create_audit_copy(self, report_id: str, auditor_id: str) -> str:
        """An audit copy for `auditor_id`; its token (kept in the keyring) is returned to show."""
        from assets_desktop.services import reports

        copy = await reports.create_audit_copy(self._env(), self.library, report_id, auditor_id)
        self.on_change()
        return self.secrets.get(kinds.AUDIT_COPY_TOKEN, copy.id) or ""

    async def remove_audit_copy(self, report_id: str, copy_id: str) -> None:
        """Revoke an audit copy at Plaid and mark it removed."""
        from assets_desktop.services import reports

        await reports.remove_audit_copy(self._env(), self.library, copy_id)
        self.on_change()

    async def import_report_file(self, path: Path, loan_file_id: str | None) -> str:
        """Import a report JSON (and `<name>.pdf` beside it) into a loan file (new if none)."""
        if loan_file_id is None:
            loan_file_id = self.library.create_loan_file(["Imported report"], "purchase").id
        pdf = path.with_suffix(".pdf")
        loop = asyncio.get_running_loop()
        record = await loop.run_in_executor(
            _WORKERS,
            lambda: self.library.import_report_file(
                path, pdf if pdf.exists() else None, loan_file_id=loan_file_id
            ),
        )
        self.on_change()
        return record.id

    def store_keys(self, environment: str, client_id: str, secret: str) -> None:
        """Keys typed in Settings go straight to the keyring."""
        if client_id and secret:
            self.secrets.set(kinds.PLAID_CLIENT_ID, environment, client_id)
            self.secrets.set(kinds.PLAID_SECRET, environment, secret)


def _stages(stage: Stage) -> Callable[[Progress], None]:
    """A services progress callback that shows each step as the job's stage."""

    def show(progress: Progress) -> None:
        stage(f"{progress.stage}: {progress.detail}" if progress.detail else progress.stage)

    return show


def _when(moment: Any) -> str:
    if moment is None:
        return ""
    local = moment.astimezone() if getattr(moment, "tzinfo", None) else moment
    return str(local.strftime("%Y-%m-%d %H:%M"))
