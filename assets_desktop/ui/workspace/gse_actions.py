"""The GSE token dialog's work: create, update and remove the loan's VOA token as jobs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from assets_desktop.services.workspace_model import SharedToken
from assets_desktop.ui.workspace.dialogs.gse_token import GseTokenDialog
from assets_desktop.ui.workspace.jobs import Job
from assets_desktop.ui.workspace.navigation import ReportEntry

if TYPE_CHECKING:
    from assets_desktop.ui.workspace.controller import WorkspaceController


def open_gse_token(controller: WorkspaceController, report: ReportEntry) -> GseTokenDialog:
    """Open the dialog for a ready report (busy until the token is read); its buttons start
    jobs."""
    workspace = controller.workspace
    dialog = GseTokenDialog(report.report_id, report.label, controller.parent_widget)
    dialog.show_state(None, busy=True)

    def show_current(then: str = "") -> None:
        async def read(_job: Job) -> SharedToken | None:
            return await workspace.gse_token(report.report_id)

        def shown(state: SharedToken | None) -> None:
            dialog.show_state(state)
            if then:
                controller.route.info(then)

        controller.read("Reading the GSE token", read, on_success=shown)

    def run(title: str, stage: str, work: Callable[[], Awaitable[None]], done: str) -> None:
        async def job_work(job: Job) -> None:
            job.set_stage(stage)
            await work()

        controller.run(
            title, job_work, on_success=lambda _r: show_current(done),
            on_failure=lambda _e: show_current(),
        )  # fmt: skip

    plaid = workspace.plaid
    dialog.create_requested.connect(
        lambda: run(
            "Create GSE token",
            "Creating the VOA token…",
            lambda: plaid.create_gse_token(report.report_id),
            "GSE token created; copy it for Fannie Mae or Freddie Mac.",
        )
    )
    dialog.update_requested.connect(
        lambda: run(
            "Update GSE token",
            "Pointing the GSE token at this report…",
            lambda: plaid.update_gse_token(report.report_id),
            "The GSE token now reads this report.",
        )
    )
    dialog.remove_requested.connect(
        lambda copy_id: run(
            "Remove GSE token",
            "Revoking the GSE token…",
            lambda: plaid.remove_shared_token(copy_id),
            "The GSE token was removed; the GSE can no longer read the loan's report.",
        )
    )
    controller.dialog = dialog
    dialog.open()
    show_current()
    return dialog
