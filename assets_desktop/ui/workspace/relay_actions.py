"""Credit Relay actions: share the selected report with a partner, revoke a share, and open a
report relayed to us into the library."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assets_desktop.services.workspace_model import SharedToken
from assets_desktop.ui.workspace.dialogs.relay import OpenRelayedDialog, RelayDialog
from assets_desktop.ui.workspace.jobs import Job
from assets_desktop.ui.workspace.navigation import REPORT, ReportEntry

if TYPE_CHECKING:
    from assets_desktop.ui.workspace.controller import WorkspaceController


def open_relay(controller: WorkspaceController, report: ReportEntry) -> None:
    """The Credit Relay dialog of a ready report (after its tokens are read); its buttons start
    jobs."""
    workspace = controller.workspace

    async def read(_job: Job) -> tuple[SharedToken, ...]:
        return await workspace.relay_tokens(report.report_id)

    def show(tokens: tuple[SharedToken, ...]) -> None:
        dialog = RelayDialog(tokens, controller.parent_widget)

        def refresh(_result: object = None) -> None:
            def shown(tokens: tuple[SharedToken, ...]) -> None:
                dialog.show_tokens(tokens)
                dialog.revalidate()

            controller.read("Reading the relay tokens", read, on_success=shown)

        def create(partner: str) -> None:
            async def work(job: Job) -> str:
                job.set_stage(f"Sharing the report with {partner}…")
                return await workspace.plaid.create_relay_token(report.report_id, partner)

            def done(token: str) -> None:
                dialog.show_token(token)
                refresh()
                controller.route.info(
                    f"Report shared with {partner}; copy the relay token for them."
                )

            controller.run("Share report", work, on_success=done, on_failure=refresh)

        def revoke(copy_id: str) -> None:
            async def work(job: Job) -> None:
                job.set_stage("Revoking the relay token…")
                await workspace.plaid.remove_shared_token(copy_id)

            def done(_result: object) -> None:
                refresh()
                controller.route.info(
                    "The relay token was revoked; the partner can no longer read it."
                )

            controller.run("Revoke relay token", work, on_success=done, on_failure=refresh)

        dialog.create_requested.connect(create)
        dialog.revoke_requested.connect(revoke)
        controller.dialog = dialog
        dialog.open()

    controller.read("Reading the relay tokens", read, on_success=show)


def open_relayed(controller: WorkspaceController) -> None:
    """Ask for a relay token and read the report into the selected loan file (or a new one)."""
    loan = controller.selection.selected_loan_file()

    def accepted(dialog: OpenRelayedDialog) -> None:
        token = dialog.value()

        async def work(job: Job) -> str:
            job.set_stage("Reading the relayed report…")
            loan_file_id = loan.loan_file_id if loan else None
            return await controller.workspace.plaid.open_relayed_report(token, loan_file_id)

        def done(report_id: str) -> None:
            controller.select_requested.emit(REPORT, report_id, True)
            controller.route.info("The relayed report is in the library.")

        controller.run("Open relayed report", work, on_success=done)

    parent = controller.parent_widget
    controller.open_dialog(OpenRelayedDialog(loan.borrower if loan else None, parent), accepted)
