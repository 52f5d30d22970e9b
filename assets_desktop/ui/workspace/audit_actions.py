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
    """Open the dialog for a ready report; its buttons start jobs."""
    window, backend = controller.window, controller.backend
    holder: dict[str, AuditCopyDialog] = {}

    def remove(copy_id: str) -> None:
        async def work(job: Job) -> None:
            job.set_stage("Revoking the audit copy…")
            await backend.remove_audit_copy(report.report_id, copy_id)

        holder["dialog"].close()
        controller._run(
            "Remove audit copy",
            work,
            on_success=lambda _r: controller._removed("The audit copy was removed."),
        )

    token_of = backend.workspace.audit_copy_token
    dialog = AuditCopyDialog(report.audit_copies, remove, window, token_of=token_of)
    holder["dialog"] = dialog

    def create(auditor: str) -> None:
        async def work(job: Job) -> str:
            job.set_stage(f"Creating the audit copy for {auditor}…")
            return str(await backend.create_audit_copy(report.report_id, auditor))

        def done(token: str) -> None:
            dialog.show_token(token, auditor)
            window.reload()
            name = dict(AUDITORS).get(auditor, auditor)
            window.route.info(f"Audit copy for {name} created; copy its token.")

        controller._run(
            "Create audit copy",
            work,
            on_success=done,
            on_failure=lambda _e: dialog.show_failure(),
        )

    dialog.create_requested.connect(create)
    controller.dialog = dialog
    dialog.open()
