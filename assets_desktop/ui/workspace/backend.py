"""The workspace's UI adapter over `services.workspace.Workspace` (library + Plaid client).

Every action of the window is one method here: it turns dialog input into service calls and
library records into tree entries. Reads come from the library, so everything listed opens with
no network; network workflows record each step in the library as it happens (a report is
`building` from the moment Plaid accepts the create), so a crash or a cancel never loses what
Plaid already made. Heavy work (decrypting, decoding, analysing, encrypting a large report) runs
in a worker thread to keep the event loop responsive.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assets_desktop.domain.report import AssetReportResponse, ReportUser
from assets_desktop.services.decision import report_label
from assets_desktop.services.workspace import (
    Library,
    OfflineError,
    OpenedReport,
    SecretStore,
    Workspace,
    WorkspaceError,
)
from assets_desktop.ui.workspace.dialogs.add_item import AddItemInput
from assets_desktop.ui.workspace.dialogs.create_report import CreateReportInput
from assets_desktop.ui.workspace.dialogs.loan_file import LoanFileInput
from assets_desktop.ui.workspace.dialogs.report_actions import AccountChoice
from assets_desktop.ui.workspace.entries import item_entries, report_entry
from assets_desktop.ui.workspace.navigation import (
    ItemEntry,
    LoanFileEntry,
)
from assets_desktop.ui.workspace.sharing_backend import SharingBackend

if TYPE_CHECKING:  # the services (httpx and the API client) load after the first paint
    from assets_desktop.domain.analysis import Disposition, LoanTerms
    from assets_desktop.services.environment import ConnectedEnvironment as Environment
    from assets_desktop.services.progress import Progress

__all__ = ["OfflineError", "OpenedReport", "WorkspaceBackend", "WorkspaceError"]

log = logging.getLogger(__name__)
Stage = Callable[[str], None]
# Plain Python threads for library and analysis work. qasync's default executor runs QThreads,
# and a QThread destroyed with its event loop while idle aborted the process in tests.
_WORKERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="workspace")


class WorkspaceBackend(SharingBackend):
    """The window's back end: a `Workspace` (library, keyring, optional Plaid client, settings)."""

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
        wait_timeout: float = 15 * 60,
        retirement_factor: float = 1.0,
    ) -> None:
        self.workspace = Workspace(
            library, secrets, env, environment, poll_interval=poll_interval,
            large_deposit_ratio=large_deposit_ratio, min_history_days=min_history_days,
            wait_timeout=wait_timeout, retirement_factor=retirement_factor,
        )  # fmt: skip
        self.on_change: Callable[[], None] = lambda: None
        self.waiting: set[str] = set()  # reports whose readiness a job is waiting for now

    # The settings and connection live on the workspace; these keep the window's names.
    library = property(lambda self: self.workspace.library)
    secrets = property(lambda self: self.workspace.secrets)

    @property
    def env(self) -> Environment | None:
        """The connected environment (None: offline)."""
        return self.workspace.env

    @env.setter
    def env(self, value: Environment | None) -> None:
        self.workspace.env = value

    @property
    def environment(self) -> str:
        """The environment's name (local | sandbox | production)."""
        return self.workspace.environment

    @environment.setter
    def environment(self, value: str) -> None:
        self.workspace.environment = value

    @property
    def poll_interval(self) -> float | None:
        """Seconds between report checks (the polling-interval setting; None: default)."""
        return self.workspace.poll_interval

    @poll_interval.setter
    def poll_interval(self, value: float | None) -> None:
        self.workspace.poll_interval = value

    @property
    def large_deposit_ratio(self) -> float:
        """The large-deposit setting (share of the monthly income)."""
        return self.workspace.large_deposit_ratio

    @large_deposit_ratio.setter
    def large_deposit_ratio(self, value: float) -> None:
        self.workspace.large_deposit_ratio = value

    @property
    def retirement_factor(self) -> float:
        """Share of vested retirement funds the qualification counts (a setting)."""
        return self.workspace.retirement_factor

    @retirement_factor.setter
    def retirement_factor(self, value: float) -> None:
        self.workspace.retirement_factor = value

    @property
    def min_history_days(self) -> int | None:
        """The 'flag history shorter than' setting (purchases; None: the 60-day rule)."""
        return self.workspace.min_history_days

    @min_history_days.setter
    def min_history_days(self, value: int | None) -> None:
        self.workspace.min_history_days = value

    @property
    def wait_timeout(self) -> float:
        """Seconds a report wait lasts before it ends (the report keeps building)."""
        return self.workspace.wait_timeout

    def _env(self) -> Environment:
        return self.workspace.connected()

    async def aclose(self) -> None:
        """Close the HTTP client (the library stays open for the app's lifetime)."""
        await self.workspace.aclose()

    # --- reads (offline) -------------------------------------------------------------------

    def loan_files(self) -> list[LoanFileEntry]:
        """Every loan file with its Items and reports, from the library."""
        return [
            LoanFileEntry(
                tree.loan.id,
                " & ".join(tree.loan.borrower_names) or "Unnamed borrower",
                tree.loan.purpose,
                float(tree.loan.monthly_income or 0),
                item_entries(tree.items),
                tuple(report_entry(r.record, r.audit_copies) for r in tree.reports),
                record=tree.loan,
            )
            for tree in self.workspace.tree()
        ]

    async def item_overview(self, item_id: str) -> tuple[str | None, tuple[Any, ...]]:
        """(label of the newest saved report covering the Item, its accounts there), read and
        decoded in a worker thread; (None, ()) when no saved report covers it."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(_WORKERS, self._item_overview, item_id)

    def _item_overview(self, item_id: str) -> tuple[str | None, tuple[Any, ...]]:
        library = self.workspace.library
        loan_file_id = library.items.get(item_id).loan_file_id
        ready = [r for r in library.reports.all(loan_file_id) if r.has_json]
        for record in reversed(ready):
            for item in library.reports.open(record.id).report.items:
                if item.item_id == item_id:
                    return report_label(record), item.accounts
        return None, ()

    def accounts(self, report_id: str) -> list[AccountChoice]:
        """The accounts of a saved report (for the filter dialog)."""
        return [AccountChoice(i, label) for i, label in self.workspace.account_choices(report_id)]

    async def open_report(self, report_id: str) -> OpenedReport:
        """Decrypt, decode and analyse a saved report in a worker thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(_WORKERS, self.workspace.open_report_sync, report_id)

    async def export_bundle(self, report_id: str, path: Path) -> Path:
        """Write a review bundle (report, PDF, notes, decisions; SHA-256 manifest)."""
        loop = asyncio.get_running_loop()
        library = self.workspace.library
        return await loop.run_in_executor(_WORKERS, library.files.export_bundle, report_id, path)

    async def import_bundle(self, path: Path, loan_file_id: str | None) -> str:
        """Import a review bundle (all or nothing); the new report's id."""
        loop = asyncio.get_running_loop()
        library = self.workspace.library
        record = await loop.run_in_executor(
            _WORKERS, library.files.import_bundle, path, loan_file_id
        )
        self.on_change()
        return str(record.id)

    async def report_response(self, report_id: str) -> AssetReportResponse:
        """A saved report, decrypted and decoded in a worker thread (to compare with)."""
        loop = asyncio.get_running_loop()
        library = self.workspace.library
        return await loop.run_in_executor(_WORKERS, library.reports.open, report_id)

    # --- the review: dispositions, documents, notes ----------------------------------------

    def record_disposition(self, report_id: str, disposition: Disposition) -> None:
        """Keep a flag's disposition in the activity log."""
        self.workspace.record_disposition(report_id, disposition)

    def record_note(self, report_id: str, text: str) -> None:
        self.workspace.record_note(report_id, text)

    def attach_document(self, report_id: str, path: Path) -> tuple[str, str]:
        """Seal a document in the report's loan file: (its id, its file name)."""
        record = self.workspace.attach_document(report_id, path)
        return record.id, record.name

    def document(self, document_id: str) -> tuple[str, str, bytes]:
        """An attached document: (name, media type, bytes)."""
        record, data = self.workspace.document(document_id)
        return record.name, record.media_type, data

    def loan_terms(self, report_id: str) -> LoanTerms:
        """The terms of a report's loan file (after an edit, for the open view)."""
        record = self.workspace.library.reports.get(report_id)
        return self.workspace.loan_terms(self.workspace.library.loan_files.get(record.loan_file_id))

    def loan_file_of_report(self, report_id: str) -> str:
        return self.workspace.library.reports.get(report_id).loan_file_id

    # --- loan files and Items --------------------------------------------------------------

    def create_loan_file(self, data: LoanFileInput) -> str:
        """A new loan file (local only)."""
        return self.workspace.create_loan_file(
            data.borrowers, data.purpose, data.monthly_income, **data.terms()
        )

    def update_loan_file(self, loan_file_id: str, data: LoanFileInput) -> None:
        """Save an edited loan file (each change logged old → new)."""
        self.workspace.update_loan_file(
            loan_file_id, data.borrowers, data.purpose, data.monthly_income, **data.terms()
        )
        self.on_change()

    def delete_loan_file(self, loan_file_id: str) -> None:
        """Delete a loan file with its reports, Items, documents and their tokens."""
        self.workspace.delete_loan_file(loan_file_id)
        self.on_change()

    async def add_item(self, loan_file_id: str, data: AddItemInput, stage: Stage) -> ItemEntry:
        """Quick add (sandbox persona) or an imported access token."""
        if data.mode == "token":
            record = await self.workspace.import_access_token(
                loan_file_id, data.access_token, _stages(stage)
            )
        else:
            record = await self.workspace.add_sandbox_item(
                loan_file_id, data.institution_id, data.username, data.password, _stages(stage)
            )
        self.on_change()
        return ItemEntry(record.item_id, record.institution_name, record.status)

    async def add_items_by_hosted_link(
        self,
        loan_file_id: str,
        show_url: Callable[[str], None],
        status: Stage,
    ) -> list[ItemEntry]:
        """Create a Hosted Link URL, wait for the borrower to finish, save the Items."""
        records = await self.workspace.add_items_by_hosted_link(
            loan_file_id, show_url, _stages(status)
        )
        self.on_change()
        return [ItemEntry(r.item_id, r.institution_name, r.status) for r in records]

    async def remove_item(self, item_id: str) -> None:
        """Revoke the Item at Plaid, then forget it locally (its reports stay)."""
        await self.workspace.remove_item(item_id)
        self.on_change()

    # --- reports ---------------------------------------------------------------------------

    async def create_report(self, loan_file_id: str, data: CreateReportInput, stage: Stage) -> str:
        """Create a report, recorded as building at once, wait until ready, keep JSON and PDF."""
        user = ReportUser(
            client_user_id=loan_file_id,
            first_name=data.first_name or None,
            middle_name=data.middle_name or None,
            last_name=data.last_name or None,
            ssn=data.ssn or None,
            email=data.email or None,
            phone_number=data.phone or None,
        )
        record = await self._then_reload(self.workspace.create_report(
            loan_file_id, data.item_ids, data.days, user,
            include_insights=data.include_insights, add_ons=data.add_ons,
            progress=self._progress(stage),
        ))  # fmt: skip
        return record.id

    async def refresh_report(self, report_id: str, days: int | None, stage: Stage) -> str:
        """A refresh (new report linked to this one), waited for and saved."""
        record = await self._then_reload(
            self.workspace.refresh_report(report_id, days, self._progress(stage))
        )
        return record.id

    async def filter_report(self, report_id: str, exclude: tuple[str, ...], stage: Stage) -> str:
        """A filtered copy without some accounts, waited for and saved."""
        record = await self._then_reload(
            self.workspace.filter_report(report_id, exclude, self._progress(stage))
        )
        return record.id

    async def resume_report(self, report_id: str, stage: Stage) -> str:
        """Wait again for a report left building (after a cancel or a restart)."""
        self.waiting.add(report_id)
        try:
            record = await self.workspace.resume_report(report_id, self._progress(stage))
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
        try:
            await self.workspace.remove_report(report_id)
        finally:
            self.on_change()

    async def create_audit_copy(self, report_id: str, auditor_id: str) -> str:
        """An audit copy for `auditor_id`; its token (kept in the keyring) is returned to show."""
        token = await self.workspace.create_audit_copy(report_id, auditor_id)
        self.on_change()
        return token

    async def remove_audit_copy(self, report_id: str, copy_id: str) -> None:
        """Revoke an audit copy at Plaid and mark it removed."""
        await self.workspace.remove_audit_copy(copy_id)
        self.on_change()

    async def import_report_file(self, path: Path, loan_file_id: str | None) -> str:
        """Import a report JSON (and `<name>.pdf` beside it) into a loan file (new if none)."""
        loop = asyncio.get_running_loop()
        report_id: str = await loop.run_in_executor(
            _WORKERS, self.workspace.import_report_file_sync, path, loan_file_id
        )
        self.on_change()
        return report_id

    def store_keys(self, environment: str, client_id: str, secret: str) -> None:
        """Keys typed in Settings go straight to the keyring."""
        self.workspace.store_keys(environment, client_id, secret)


def _stages(stage: Stage) -> Callable[[Progress], None]:
    """A services progress callback that shows each step as the job's stage."""

    def show(progress: Progress) -> None:
        stage(f"{progress.stage}: {progress.detail}" if progress.detail else progress.stage)

    return show
