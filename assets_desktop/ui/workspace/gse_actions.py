"""The GSE token dialog's work: create, update and remove the loan's VOA token as jobs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from assets_desktop.ui.workspace.dialogs.gse_token import GseTokenDialog
from assets_desktop.ui.workspace.jobs import Job
from assets_desktop.ui.workspace.navigation import ReportEntry

if TYPE_CHECKING:
    from assets_desktop.ui.workspace.controller import WorkspaceController


def open_gse_token(controller: WorkspaceController, report: ReportEntry) -> GseTokenDialog:
    """Open the dialog for a ready report; its buttons start jobs."""
    window, backend = controller.window, controller.backend
    dialog = GseTokenDialog(report.report_id, report.label, window)
    dialog.show_state(backend.gse_token(report.report_id))

    def run(title: str, stage: str, work: Callable[[], Awaitable[Any]], done: str) -> None:
        async def job_work(job: Job) -> None:
            job.set_stage(stage)
            await work()

        def finished(_result: object) -> None:
            dialog.show_state(backend.gse_token(report.report_id))
            window.route.info(done)

        controller._run(
            title,
            job_work,
            on_success=finished,
            on_failure=lambda _e: dialog.show_state(backend.gse_token(report.report_id)),
        )

    dialog.create_requested.connect(
        lambda: run(
            "Create GSE token",
            "Creating the VOA token…",
            lambda: backend.create_gse_token(report.report_id),
            "GSE token created; copy it for Fannie Mae or Freddie Mac.",
        )
    )
    dialog.update_requested.connect(
        lambda: run(
            "Update GSE token",
            "Pointing the GSE token at this report…",
            lambda: backend.update_gse_token(report.report_id),
            "The GSE token now reads this report.",
        )
    )
    dialog.remove_requested.connect(
        lambda copy_id: run(
            "Remove GSE token",
            "Revoking the GSE token…",
            lambda: backend.remove_shared_token(copy_id),
            "The GSE token was removed; the GSE can no longer read the loan's report.",
        )
    )
    controller.dialog = dialog
    dialog.open()
    return dialog
