"""Credit Relay actions: share the selected report with a partner, revoke a share, and open a
report relayed to us into the library."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assets_desktop.ui.workspace.dialogs.relay import OpenRelayedDialog, RelayDialog
from assets_desktop.ui.workspace.jobs import Job
from assets_desktop.ui.workspace.navigation import REPORT, ReportEntry

if TYPE_CHECKING:
    from assets_desktop.ui.workspace.controller import WorkspaceController


def open_relay(controller: WorkspaceController, report: ReportEntry) -> RelayDialog:
    """The Credit Relay dialog of a ready report; its buttons start jobs."""
    window, backend = controller.window, controller.backend
    dialog = RelayDialog(backend.relay_tokens(report.report_id), window)

    def refresh(_result: object = None) -> None:
        dialog.show_tokens(backend.relay_tokens(report.report_id))
        dialog.revalidate()

    def create(partner: str) -> None:
        async def work(job: Job) -> str:
            job.set_stage(f"Sharing the report with {partner}…")
            return str(await backend.create_relay_token(report.report_id, partner))

        def done(token: str) -> None:
            dialog.show_token(token)
            refresh()
            window.route.info(f"Report shared with {partner}; copy the relay token for them.")

        controller._run("Share report", work, on_success=done, on_failure=refresh)

    def revoke(copy_id: str) -> None:
        async def work(job: Job) -> None:
            job.set_stage("Revoking the relay token…")
            await backend.remove_shared_token(copy_id)

        def done(_result: object) -> None:
            refresh()
            window.route.info("The relay token was revoked; the partner can no longer read it.")

        controller._run("Revoke relay token", work, on_success=done, on_failure=refresh)

    dialog.create_requested.connect(create)
    dialog.revoke_requested.connect(revoke)
    controller.dialog = dialog
    dialog.open()
    return dialog


def open_relayed(controller: WorkspaceController) -> None:
    """Ask for a relay token and read the report into the selected loan file (or a new one)."""
    window, backend = controller.window, controller.backend
    loan = window.selected_loan_file()

    def accepted(dialog: OpenRelayedDialog) -> None:
        token = dialog.value()

        async def work(job: Job) -> Any:
            job.set_stage("Reading the relayed report…")
            return await backend.open_relayed_report(token, loan.loan_file_id if loan else None)

        def done(report_id: str) -> None:
            window.reload()
            window.select(REPORT, report_id)
            window.route.info("The relayed report is in the library.")

        controller._run("Open relayed report", work, on_success=done)

    controller._open(OpenRelayedDialog(loan.borrower if loan else None, window), accepted)
