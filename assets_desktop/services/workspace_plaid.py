"""The workspace's network workflows: Items, reports, audit copies, GSE and relay tokens.

Each one calls its workflow (`services.items`, `services.reports`, `services.sharing`) with the
workspace's observed library, so every write it makes reaches the listeners as an event the
moment it happens (a report is `building` from the moment Plaid accepts the create).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from assets_desktop.services import items, reports, sharing
from assets_desktop.services.environment import WorkflowContext
from assets_desktop.services.reports import WaitPolicy
from assets_desktop.services.workspace_inputs import TOKEN

if TYPE_CHECKING:
    from assets_desktop.services.progress import ProgressCallback
    from assets_desktop.services.workspace import Workspace
    from assets_desktop.services.workspace_inputs import AddItemInput, CreateReportInput


class PlaidActions:
    """What the workspace asks of Plaid; each needs the connection (else OfflineError)."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self.waiting: set[str] = set()  # reports whose readiness a job is waiting for now

    def _on(self, progress: ProgressCallback | None = None) -> WorkflowContext:
        return WorkflowContext(self._workspace.connected(), self._workspace.store.library, progress)

    def _wait(self, *, include_insights: bool = False, poll: bool = True) -> WaitPolicy:
        """How long a report wait lasts, how often it asks (the user's settings)."""
        rules = self._workspace.rules
        return WaitPolicy(
            timeout=rules.wait_timeout, interval=rules.poll_interval, poll=poll,
            include_insights=include_insights,
        )  # fmt: skip

    # --- Items -------------------------------------------------------------------------------

    async def add_item(
        self, loan_file_id: str, data: AddItemInput, progress: ProgressCallback | None = None
    ) -> str:
        """Quick add (a sandbox persona) or an access token the lender already holds: the
        Item's id."""
        ctx = self._on(progress)
        if data.mode == TOKEN:
            record = await items.import_access_token(
                ctx, data.access_token, loan_file_id=loan_file_id
            )
        else:
            record = await items.add_sandbox_item(
                ctx, institution_id=data.institution_id, username=data.username,
                password=data.password, loan_file_id=loan_file_id,
            )  # fmt: skip
        return record.item_id

    async def add_items_by_hosted_link(
        self,
        loan_file_id: str,
        show_url: Callable[[str], None],
        progress: ProgressCallback | None = None,
    ) -> list[str]:
        """Create a Hosted Link URL, wait for the borrower to finish, save the Items: the
        institutions' names."""
        records = await items.add_items_by_hosted_link(
            self._on(progress), client_user_id=loan_file_id, show_url=show_url,
            loan_file_id=loan_file_id,
        )  # fmt: skip
        return [record.institution_name for record in records]

    async def remove_item(self, item_id: str) -> None:
        """Revoke the Item at Plaid, then forget it locally (its reports stay)."""
        await items.remove_item(self._on(), item_id)

    # --- reports -----------------------------------------------------------------------------

    async def create_report(
        self, loan_file_id: str, data: CreateReportInput, progress: ProgressCallback | None = None
    ) -> str:
        """Create a report, wait (at the polling-interval setting), keep JSON and PDF: its id."""
        record = await reports.create_report_and_wait(
            self._on(progress), loan_file_id=loan_file_id, item_ids=data.item_ids,
            days_requested=data.days, user=data.user(loan_file_id), add_ons=data.add_ons,
            wait=self._wait(include_insights=data.include_insights),
        )  # fmt: skip
        return record.id

    async def refresh_report(
        self, report_id: str, days: int | None, progress: ProgressCallback | None = None
    ) -> str:
        """A refresh (new report linked to this one), waited for and saved: its id."""
        record = await reports.refresh_report_and_wait(
            self._on(progress), report_id, days_requested=days, wait=self._wait()
        )
        return record.id

    async def filter_report(
        self, report_id: str, exclude: tuple[str, ...], progress: ProgressCallback | None = None
    ) -> str:
        """A filtered copy without some accounts, waited for and saved: its id."""
        record = await reports.filter_report_and_wait(
            self._on(progress), report_id, exclude, wait=self._wait()
        )
        return record.id

    async def resume_report(self, report_id: str, progress: ProgressCallback | None = None) -> str:
        """Wait again for a report left building (after a cancel or a restart)."""
        self.waiting.add(report_id)
        try:
            record = await reports.wait_and_store(
                self._on(progress), report_id, wait=self._wait(poll=self._workspace.poll_reports),
            )  # fmt: skip
        finally:
            self.waiting.discard(report_id)
        return record.id

    async def remove_report(self, report_id: str) -> None:
        """Remove at Plaid (its audit copies die with it); the library keeps its copy."""
        await reports.remove_report(self._on(), report_id)

    async def create_audit_copy(self, report_id: str, auditor_id: str) -> str:
        """An audit copy for `auditor_id`; its token (kept in the keyring) is returned."""
        copy = await reports.create_audit_copy(self._on(), report_id, auditor_id)
        return await self._workspace.audit_copy_token(copy.id)

    async def remove_audit_copy(self, copy_id: str) -> None:
        """Revoke an audit copy at Plaid and mark it removed."""
        await reports.remove_audit_copy(self._on(), copy_id)

    # --- sharing: the GSE token, Credit Relay ----------------------------------------------

    async def create_gse_token(self, report_id: str) -> None:
        """Create the loan's GSE token from this report."""
        await sharing.create_gse_token(self._on(), report_id)

    async def update_gse_token(self, report_id: str) -> None:
        """Point the loan's GSE token at this report."""
        await sharing.update_gse_token(self._on(), report_id)

    async def create_relay_token(self, report_id: str, secondary_client_id: str) -> str:
        """Share the report with a partner; the relay token to give it."""
        copy = await sharing.create_relay_token(self._on(), report_id, secondary_client_id)
        return await self._workspace.audit_copy_token(copy.id)

    async def open_relayed_report(self, relay_token: str, loan_file_id: str | None) -> str:
        """Read a report relayed to us into the library; its report id."""
        record = await sharing.open_relayed_report(self._on(), relay_token, loan_file_id)
        return record.id

    async def remove_shared_token(self, copy_id: str) -> None:
        """Revoke a GSE or relay token."""
        await sharing.remove_shared_token(self._on(), copy_id)
