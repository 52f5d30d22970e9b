"""The audit copies dialog's work: create a copy for an auditor (its token shown once and kept
in the keyring), or revoke one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assets_desktop.ui.workspace.dialogs.report_actions import AUDITORS, AuditCopyDialog
from assets_desktop.ui.workspace.jobs import Job
from assets_desktop.ui.workspace.navigation import ReportEntry

if TYPE_CHECKING:
    from assets_desktop.ui.workspace.controller import WorkspaceController


def open_audit_copies(controller: WorkspaceController, report: ReportEntry) -> None:
    """Open the dialog for a ready report once its tokens are read; its buttons start jobs."""
    workspace = controller.workspace
    live = [copy.copy_id for copy in report.audit_copies if not copy.removed]

    async def read(_job: Job) -> dict[str, str]:
        return {copy_id: await workspace.audit_copy_token(copy_id) for copy_id in live}

    def show(tokens: dict[str, str]) -> None:
        holder: dict[str, AuditCopyDialog] = {}

        def remove(copy_id: str) -> None:
            async def work(job: Job) -> None:
                job.set_stage("Revoking the audit copy…")
                await workspace.plaid.remove_audit_copy(copy_id)

            holder["dialog"].close()
            removed = controller.done("The audit copy was removed.")
            controller.run("Remove audit copy", work, on_success=removed)

        parent = controller.parent_widget
        token_of = tokens.__getitem__
        dialog = AuditCopyDialog(report.audit_copies, remove, parent, token_of=token_of)
        holder["dialog"] = dialog

        def create(auditor: str) -> None:
            async def work(job: Job) -> str:
                job.set_stage(f"Creating the audit copy for {auditor}…")
                return await workspace.plaid.create_audit_copy(report.report_id, auditor)

            def done(token: str) -> None:
                dialog.show_token(token, auditor)
                name = dict(AUDITORS).get(auditor, auditor)
                controller.route.info(f"Audit copy for {name} created; copy its token.")

            controller.run(
                "Create audit copy", work, on_success=done,
                on_failure=lambda _e: dialog.show_failure(),
            )  # fmt: skip

        dialog.create_requested.connect(create)
        controller.dialog = dialog
        dialog.open()

    controller.read("Reading the audit copies", read, on_success=show)
