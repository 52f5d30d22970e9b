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
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from assets_desktop.api import NotAPdfError, PlaidClient, ReportGenerationFailed
from assets_desktop.domain.analysis import AnalysisParameters, analyze, diff_reports
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
        client: PlaidClient | None,
        environment: str,
        *,
        poll_interval: float | None = None,
        large_deposit_ratio: float = 0.5,
        wait_timeout: float = 15 * 60,
    ) -> None:
        self.library = library
        self.secrets = secrets
        self.client = client
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

    def _client(self) -> PlaidClient:
        if self.client is None:
            raise OfflineError()
        return self.client

    async def aclose(self) -> None:
        """Close the HTTP client (the library stays open for the app's lifetime)."""
        if self.client is not None:
            await self.client.aclose()

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
        client = self._client()
        if data.mode == "token":
            stage("Checking the access token with Plaid…")
            return await self._save_item(loan_file_id, data.access_token, stage)
        stage(f"Linking {data.username} at {data.institution_id}…")
        created = await client.sandbox_public_token_create(
            data.institution_id, username=data.username, password=data.password
        )
        stage("Exchanging the public token…")
        exchanged = await client.item_public_token_exchange(created.public_token)
        return await self._save_item(loan_file_id, exchanged.access_token, stage)

    async def _save_item(self, loan_file_id: str, access_token: str, stage: Stage) -> ItemEntry:
        client = self._client()
        item = (await client.item_get(access_token)).item
        name = item.institution_name or item.institution_id or "Unknown bank"
        if item.institution_id and not item.institution_name:
            stage("Looking up the institution…")
            name = (await client.institution_by_id(item.institution_id)).get("name", name)
        status = item.error.error_code if item.error else "good"
        record = await self._db(
            self.library.save_item,
            item.item_id,
            item.institution_id or "",
            name,
            loan_file_id=loan_file_id,
            environment=self.environment,
            status=status,
            access_token=access_token,
        )
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
        client = self._client()
        created = await client.link_token_create(
            client_name="Assets Desktop", client_user_id=loan_file_id, hosted_link={}
        )
        if not created.hosted_link_url:
            raise WorkspaceError("Plaid returned no Hosted Link URL; try again.")
        show_url(created.hosted_link_url)
        status("Waiting for the borrower to open the link and connect a bank…")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + HOSTED_TIMEOUT_SECONDS
        while loop.time() < deadline:
            await asyncio.sleep(HOSTED_POLL_SECONDS)
            sessions = (await client.link_token_get(created.link_token)).link_sessions
            finished = [s for s in sessions if s.finished_at]
            if sessions and not finished:
                status("The borrower opened the link; waiting for them to finish…")
            if not finished:
                continue
            results = [r for s in finished if s.results for r in s.results.item_add_results]
            if not results:
                status("The borrower closed the link without connecting a bank.")
                return []
            items = []
            for result in results:
                status("Finishing the bank connection…")
                exchanged = await client.item_public_token_exchange(result.public_token)
                items.append(await self._save_item(loan_file_id, exchanged.access_token, status))
            return items
        status("The link expired before the borrower finished.")
        return []

    async def remove_item(self, item_id: str) -> None:
        """Remove the Item at Plaid (when reachable), then forget it locally."""
        token = self.secrets.get(kinds.ACCESS_TOKEN, item_id)
        if token:
            await self._client().item_remove(token)
        await self._db(self.library.delete_item, item_id)
        self.on_change()

    # --- reports ---------------------------------------------------------------------------

    async def create_report(self, loan_file_id: str, data: CreateReportInput, stage: Stage) -> str:
        """Create a report, record it as building, wait until ready, save JSON and PDF."""
        client = self._client()
        tokens = [self._access_token(item_id) for item_id in data.item_ids]
        user = ReportUser(
            client_user_id=loan_file_id,
            first_name=data.first_name or None,
            middle_name=data.middle_name or None,
            last_name=data.last_name or None,
            ssn=data.ssn or None,
            email=data.email or None,
            phone_number=data.phone or None,
        )
        stage("Asking Plaid for the report…")
        created = await client.asset_report_create(
            tokens, data.days, client_report_id=data.client_report_id or None, user=user
        )
        record = await self._db(
            self.library.add_report,
            loan_file_id,
            created.asset_report_id,
            asset_report_token=created.asset_report_token,
            client_report_id=data.client_report_id or None,
            days_requested=data.days,
            source=f"plaid:{self.environment}",
        )
        self.on_change()
        await self._finish(record.id, created.asset_report_token, stage, data.include_insights)
        return record.id

    async def refresh_report(self, report_id: str, days: int | None, stage: Stage) -> str:
        """A refresh (new report linked to this one), waited for and saved."""
        parent = self.library.report(report_id)
        stage("Asking Plaid to refresh the report…")
        created = await self._client().asset_report_refresh(
            self._report_token(parent), days_requested=days
        )
        record = await self._db(
            self.library.add_report,
            parent.loan_file_id,
            created.asset_report_id,
            asset_report_token=created.asset_report_token,
            parent_id=parent.id,
            relation="refresh",
            days_requested=days or parent.days_requested,
            source=f"plaid:{self.environment}",
        )
        self.on_change()
        await self._finish(record.id, created.asset_report_token, stage)
        return record.id

    async def filter_report(self, report_id: str, exclude: tuple[str, ...], stage: Stage) -> str:
        """A filtered copy without some accounts, waited for and saved."""
        parent = self.library.report(report_id)
        stage("Asking Plaid for a filtered copy…")
        created = await self._client().asset_report_filter(self._report_token(parent), exclude)
        record = await self._db(
            self.library.add_report,
            parent.loan_file_id,
            created.asset_report_id,
            asset_report_token=created.asset_report_token,
            parent_id=parent.id,
            relation="filter",
            days_requested=parent.days_requested,
            source=f"plaid:{self.environment}",
        )
        self.on_change()
        await self._finish(record.id, created.asset_report_token, stage)
        return record.id

    async def resume_report(self, report_id: str, stage: Stage) -> str:
        """Wait again for a report left building (after a cancel or a restart)."""
        record = self.library.report(report_id)
        await self._finish(record.id, self._report_token(record), stage)
        return record.id

    async def _finish(
        self, report_id: str, token: str, stage: Stage, include_insights: bool = False
    ) -> None:
        client = self._client()
        self.waiting.add(report_id)
        try:
            download = await client.wait_for_report(
                token,
                asset_report_id=self.library.report(report_id).asset_report_id,
                include_insights=include_insights,
                interval=self.poll_interval,
                timeout=self.wait_timeout,
                progress=lambda text, _seconds: stage(text),
            )
        except ReportGenerationFailed as error:
            await self._db(self.library.set_report_state, report_id, "failed", error.user_message)
            self.on_change()
            raise
        finally:
            self.waiting.discard(report_id)
        stage("Downloading the PDF…")
        pdf: bytes | None
        try:
            pdf = await client.asset_report_pdf_get(token)
        except NotAPdfError:
            log.warning("The report PDF could not be downloaded; the JSON is saved")
            pdf = None
        stage("Saving to the library…")
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(
            _WORKERS, self.library.save_report_content, report_id, download.raw, pdf
        )
        self.on_change()

    async def remove_report(self, report_id: str) -> None:
        """Remove at Plaid; the library keeps the saved copy, marked removed."""
        record = self.library.report(report_id)
        token = self.secrets.get(kinds.ASSET_REPORT_TOKEN, record.asset_report_id)
        if token:
            await self._client().asset_report_remove(token)
        await self._db(self.library.set_report_state, report_id, "removed")
        self.on_change()

    async def create_audit_copy(self, report_id: str, auditor_id: str) -> str:
        """An audit copy for `auditor_id`; its token goes to the keyring and is returned."""
        record = self.library.report(report_id)
        token = await self._client().audit_copy_create(self._report_token(record), auditor_id)
        await self._db(self.library.add_audit_copy, report_id, auditor_id, token)
        self.on_change()
        return token

    async def remove_audit_copy(self, report_id: str, copy_id: str) -> None:
        """Revoke an audit copy at Plaid and mark it removed."""
        token = self.secrets.get(kinds.AUDIT_COPY_TOKEN, copy_id)
        if token:
            await self._client().audit_copy_remove(token)
        await self._db(self.library.mark_audit_copy_removed, copy_id)
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

    def _access_token(self, item_id: str) -> str:
        token = self.secrets.get(kinds.ACCESS_TOKEN, item_id)
        if not token:
            raise MissingTokenError(
                "the Item's access token is not in the keyring (it may have been kept for one "
                "session only). Add the Item again."
            )
        return token

    def _report_token(self, record: ReportRecord) -> str:
        token = self.secrets.get(kinds.ASSET_REPORT_TOKEN, record.asset_report_id)
        if not token:
            raise MissingTokenError(
                "the report's token is not in the keyring (imported, removed, or kept for one "
                "session only), so Plaid cannot be asked about it. Create a new report instead."
            )
        return token


class MissingTokenError(WorkspaceError):
    """A token the action needs is not in the keyring."""


def _when(moment: Any) -> str:
    if moment is None:
        return ""
    local = moment.astimezone() if getattr(moment, "tzinfo", None) else moment
    return str(local.strftime("%Y-%m-%d %H:%M"))
