"""File ▸ Export / Import review bundle: a report with its PDF, notes and decisions in one zip
(checked whole against its manifest and schema on import)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assets_desktop.ui.report.widgets import ask_open_path, ask_save_path
from assets_desktop.ui.workspace.jobs import Job
from assets_desktop.ui.workspace.navigation import REPORT

if TYPE_CHECKING:
    from assets_desktop.ui.workspace.controller import WorkspaceController

NOT_ENCRYPTED = (
    "The bundle is not encrypted: it holds the borrower's report; send it the way you would "
    "send a bank statement."
)


class BundleActions:
    """Review bundles in the File menu."""

    def __init__(self, controller: WorkspaceController) -> None:
        self.controller = controller

    def ask_export(self) -> None:
        report = self.controller.ready_report()
        if report is None:
            return
        self.controller.dialog = ask_save_path(
            self.controller.parent_widget, "Export review bundle", "exportBundleDialog",
            "Review bundles (*.zip)", f"review-{report.report_id[:8]}.zip",
            lambda path: self.export(report.report_id, Path(path)),
        )  # fmt: skip

    def export(self, report_id: str, path: Path) -> None:
        async def work(job: Job) -> Path:
            job.set_stage("Writing the review bundle…")
            return await self.controller.workspace.export_bundle(report_id, path)

        def done(written: Path) -> None:
            self.controller.route.info(f"Review bundle saved to {written}. {NOT_ENCRYPTED}")

        self.controller.run("Export review bundle", work, on_success=done)

    def ask_import(self) -> None:
        self.controller.dialog = ask_open_path(
            self.controller.parent_widget, "Import review bundle", "importBundleDialog",
            ["Review bundles (*.zip)", "All files (*)"],
            lambda path: self.import_bundle(Path(path)),
        )  # fmt: skip

    def import_bundle(self, path: Path) -> None:
        loan = self.controller.selection.selected_loan_file()

        async def work(job: Job) -> str:
            job.set_stage(f"Checking {path.name}…")
            loan_file_id = loan.loan_file_id if loan else None
            return await self.controller.workspace.import_bundle(path, loan_file_id)

        def done(report_id: str) -> None:
            self.controller.select_requested.emit(REPORT, report_id, True)
            self.controller.route.info(f"Review bundle {path.name} imported.")

        self.controller.run(f"Import {path.name}", work, on_success=done)
