"""File ▸ Export / Import review bundle: a report with its PDF, notes and decisions in one zip
(checked whole against its manifest and schema on import), and the tree's right-click menu."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QFileDialog, QMenu

from assets_desktop.ui.workspace.navigation import ITEM, LOAN_FILE, REPORT, KindRole

if TYPE_CHECKING:
    from assets_desktop.ui.workspace.controller import WorkspaceController

NOT_ENCRYPTED = (
    "The bundle is not encrypted: it holds the borrower's report; send it the way you would "
    "send a bank statement."
)
#: What the tree's right-click menu offers, by the kind of node under the cursor.
MENU_ACTIONS = {
    LOAN_FILE: ("editLoanFile", "addItem", "createReport", "importBundle", "deleteLoanFile"),
    ITEM: ("addItem", "removeItem"),
    REPORT: ("refreshReport", "filterReport", "auditCopies", "exportBundle", "removeReport"),
}


class BundleActions:
    """Review bundles in the File menu, and the tree's context menu."""

    def __init__(self, controller: WorkspaceController) -> None:
        self.controller = controller
        self.window = controller.window
        commands = self.window.commands
        commands["exportBundle"].triggered.connect(self.ask_export)
        commands["importBundle"].triggered.connect(self.ask_import)
        tree = self.window.tree
        tree.setContextMenuPolicy(tree.contextMenuPolicy().CustomContextMenu)
        tree.customContextMenuRequested.connect(self.show_menu)
        self.menu: QMenu | None = None

    def show_menu(self, point: QPoint) -> QMenu | None:
        """The actions for the node under the cursor (it becomes the selection first)."""
        index = self.window.tree.indexAt(point)
        if not index.isValid():
            return None
        self.window.tree.setCurrentIndex(index)
        names = MENU_ACTIONS.get(index.data(KindRole), ())
        if not names:
            return None
        menu = QMenu(self.window.tree)
        menu.setObjectName("treeMenu")
        for name in names:
            menu.addAction(self.window.commands[name])
        self.menu = menu
        menu.popup(self.window.tree.viewport().mapToGlobal(point))
        return menu

    def ask_export(self) -> None:
        report = self.controller._ready_report()
        if report is None:
            return
        dialog = QFileDialog(self.window, "Export review bundle")
        dialog.setObjectName("exportBundleDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("Review bundles (*.zip)")
        dialog.setDefaultSuffix("zip")
        dialog.selectFile(f"review-{report.report_id[:8]}.zip")
        dialog.fileSelected.connect(lambda path: self.export(report.report_id, Path(path)))
        self.controller.dialog = dialog
        dialog.open()

    def export(self, report_id: str, path: Path) -> None:
        async def work(job: Any) -> Path:
            job.set_stage("Writing the review bundle…")
            return await self.controller.backend.export_bundle(report_id, path)

        def done(written: Path) -> None:
            self.window.route.info(f"Review bundle saved to {written}. {NOT_ENCRYPTED}")

        self.controller._run("Export review bundle", work, on_success=done)

    def ask_import(self) -> None:
        dialog = QFileDialog(self.window, "Import review bundle")
        dialog.setObjectName("importBundleDialog")
        dialog.setNameFilters(["Review bundles (*.zip)", "All files (*)"])
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.import_bundle(Path(path)))
        self.controller.dialog = dialog
        dialog.open()

    def import_bundle(self, path: Path) -> None:
        loan = self.window.selected_loan_file()

        async def work(job: Any) -> str:
            job.set_stage(f"Checking {path.name}…")
            return await self.controller.backend.import_bundle(
                path, loan.loan_file_id if loan else None
            )

        def done(report_id: str) -> None:
            self.window.reload()
            self.window.select(REPORT, report_id)
            self.window.route.info(f"Review bundle {path.name} imported.")

        self.controller._run(f"Import {path.name}", work, on_success=done)
