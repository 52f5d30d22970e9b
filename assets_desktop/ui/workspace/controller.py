"""What each action does: open its dialog, run the work as a job (back end), tell the outcome."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog

from assets_desktop.services.team import save_team_password
from assets_desktop.ui.workspace.audit_actions import open_audit_copies
from assets_desktop.ui.workspace.bundles import BundleActions
from assets_desktop.ui.workspace.decisions import DecisionActions
from assets_desktop.ui.workspace.dialogs.add_item import HOSTED, AddItemDialog
from assets_desktop.ui.workspace.dialogs.create_report import CreateReportDialog
from assets_desktop.ui.workspace.dialogs.report_actions import (
    FilterDialog,
    RefreshDialog,
    confirm,
)
from assets_desktop.ui.workspace.gse_actions import open_gse_token
from assets_desktop.ui.workspace.jobs import Job
from assets_desktop.ui.workspace.navigation import (
    ITEM,
    REPORT,
    EntryRole,
    KindRole,
    ReportEntry,
)
from assets_desktop.ui.workspace.relay_actions import open_relay, open_relayed
from assets_desktop.ui.workspace.settings_dialog import SettingsDialog
from assets_desktop.ui.workspace.timers import later

if TYPE_CHECKING:
    from assets_desktop.ui.workspace.window import WorkspaceWindow


class WorkspaceController:
    """Connects the window's actions to dialogs, jobs and the back end."""

    def __init__(self, window: WorkspaceWindow, backend: Any) -> None:
        self.window = window
        self.backend = backend
        self.dialog: Any = None  # the dialog open now (tests drive it)
        self._opening: str | None = None
        self._reload_pending = False
        backend.on_change = self.changed
        for name, slot in {
            "openReportFile": self.open_report_file,
            "settings": self.open_settings,
            "addItem": self.add_item,
            "removeItem": self.remove_item,
            "createReport": self.create_report,
            "refreshReport": self.refresh_report,
            "filterReport": self.filter_report,
            "auditCopies": self.audit_copies,
            "gseToken": lambda: self._on_ready_report(open_gse_token),
            "relayReport": lambda: self._on_ready_report(open_relay),
            "openRelayed": lambda: open_relayed(self),
            "removeReport": self.remove_report,
        }.items():
            window.commands[name].triggered.connect(slot)
        self.decisions = DecisionActions(self)
        self.bundles = BundleActions(self)
        window.commands["newLoanFile"].triggered.connect(self.decisions.new_loan_file)

    def loan_files(self) -> list[Any]:
        """What the tree shows."""
        return list(self.backend.loan_files())

    def changed(self) -> None:
        """The data changed: update the tree once, in the event loop's next turn."""
        if not self._reload_pending:
            self._reload_pending = True
            later(self.window, 0, self._reload)

    def _reload(self) -> None:
        self._reload_pending = False
        self.window.reload()

    def _open(self, dialog: Any, on_accept: Any) -> Any:
        self.dialog = dialog
        dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.open()
        return dialog

    def _run(self, title: str, work: Any, **kwargs: Any) -> Job:
        return self.window.runner.start(title, work, **kwargs)

    # --- loan files and Items --------------------------------------------------------------

    def add_item(self) -> None:
        """Ctrl+I."""
        loan = self.window.selected_loan_file()
        if loan is None:
            self.window.route.warning("Select a loan file first (or create one with Ctrl+N).")
            return
        dialog = AddItemDialog(self.backend.environment, parent=self.window)
        dialog.hosted_link_requested.connect(lambda _hint: self._hosted_link(dialog, loan))

        def accepted(dialog: AddItemDialog) -> None:
            data = dialog.value()
            if dialog.mode == HOSTED:
                return

            async def work(job: Job) -> Any:
                return await self.backend.add_item(loan.loan_file_id, data, job.set_stage)

            def done(item: Any) -> None:
                self.window.reload()
                self.window.select(ITEM, item.item_id)
                self.window.route.info(f"{item.institution} added to {loan.borrower}'s file.")

            self._run(f"Add Item for {loan.borrower}", work, on_success=done)

        self._open(dialog, accepted)

    def _hosted_link(self, dialog: AddItemDialog, loan: Any) -> None:
        async def work(job: Job) -> Any:
            def status(text: str) -> None:
                job.set_stage(text)
                dialog.show_hosted_status(text)

            return await self.backend.add_items_by_hosted_link(
                loan.loan_file_id, dialog.show_hosted_link, status
            )

        def done(items: Any) -> None:
            names = ", ".join(item.institution for item in items) or "no Item"
            dialog.show_hosted_status(f"Finished: {names} added.", finished=True)
            dialog.revalidate()
            self.window.reload()

        def failed(_error: BaseException) -> None:
            dialog.show_hosted_status(
                "The link session ended without an Item (see the message "
                "at the top of the window).",
                finished=True,
            )

        self._run(
            f"Hosted Link for {loan.borrower}",
            work,
            key=f"hosted:{loan.loan_file_id}",
            on_success=done,
            on_failure=failed,
        )

    def remove_item(self) -> None:
        """Remove the selected Item (after confirmation)."""
        index = self.window.tree.currentIndex()
        if not index.isValid() or index.data(KindRole) != ITEM:
            return
        item = index.data(EntryRole)

        def yes() -> None:
            async def work(job: Job) -> None:
                job.set_stage("Removing the Item at Plaid…")
                await self.backend.remove_item(item.item_id)

            self._run(
                f"Remove {item.institution}",
                work,
                on_success=lambda _r: self._removed(f"{item.institution} was removed."),
            )

        self.dialog = confirm(
            self.window,
            "confirmRemoveItem",
            "Remove Item",
            f"Remove {item.institution}? Plaid stops access to this bank; reports already made "
            "stay in the library.",
            yes,
        )

    def _removed(self, text: str) -> None:
        self.window.reload()
        self.window.route.info(text)

    # --- reports ---------------------------------------------------------------------------

    def create_report(self) -> None:
        """Ctrl+R."""
        loan = self.window.selected_loan_file()
        if loan is None or not loan.items:
            self.window.route.warning("Select a loan file with at least one Item first.")
            return
        settings = self.window.settings
        days = (
            settings.default_days_refinance
            if loan.purpose == "refinance"
            else settings.default_days_purchase
        )
        dialog = CreateReportDialog(loan.items, loan.purpose, loan.borrower, days, self.window)

        def accepted(dialog: CreateReportDialog) -> None:
            data = dialog.value()

            async def work(job: Job) -> str:
                return str(await self.backend.create_report(loan.loan_file_id, data, job.set_stage))

            job = self._run(f"Report for {loan.borrower}", work, on_success=self._report_ready)
            job.loan_file_id = loan.loan_file_id

        self._open(dialog, accepted)

    def _report_ready(self, report_id: str) -> None:
        self.window.reload()
        self.window.select(REPORT, report_id)
        if self.window.pane.report_id != report_id:  # selected already: the tree kept it
            self.window.show_selection()
        self.window.route.info("The report is ready.")

    def refresh_report(self) -> None:
        """F5."""
        report = self._ready_report()
        if report is None:
            return

        def accepted(dialog: RefreshDialog) -> None:
            days = dialog.value()

            async def work(job: Job) -> str:
                return str(await self.backend.refresh_report(report.report_id, days, job.set_stage))

            job = self._run("Refresh report", work, on_success=self._report_ready)
            job.loan_file_id = self._loan_id(report.report_id)

        self._open(RefreshDialog(report.days, self.window), accepted)

    def filter_report(self) -> None:
        """Ctrl+L."""
        report = self._ready_report()
        if report is None:
            return

        def accepted(dialog: FilterDialog) -> None:
            exclude = dialog.value()

            async def work(job: Job) -> str:
                return str(
                    await self.backend.filter_report(report.report_id, exclude, job.set_stage)
                )

            job = self._run("Filter report", work, on_success=self._report_ready)
            job.loan_file_id = self._loan_id(report.report_id)

        self._open(FilterDialog(self.backend.accounts(report.report_id), self.window), accepted)

    def audit_copies(self) -> None:
        """Ctrl+Shift+A."""
        report = self._ready_report()
        if report is not None:
            open_audit_copies(self, report)

    def _on_ready_report(self, open_dialog: Any) -> None:
        """GSE token (Ctrl+Shift+G), Credit Relay: their dialog for the selected ready report."""
        report = self._ready_report()
        if report is not None:
            open_dialog(self, report)

    def remove_report(self) -> None:
        """Del: remove the selected report at Plaid (the saved copy stays, marked removed)."""
        report = self.window.selected_report()
        if report is None:
            return

        def yes() -> None:
            async def work(job: Job) -> None:
                job.set_stage("Removing the report at Plaid…")
                await self.backend.remove_report(report.report_id)

            self._run(
                "Remove report",
                work,
                on_success=lambda _r: self._removed("The report was removed at Plaid."),
            )

        self.dialog = confirm(
            self.window,
            "confirmRemoveReport",
            "Remove report",
            f"Remove “{report.label}” at Plaid? Its token and every audit copy made from it stop "
            "working. The copy saved in the library stays, marked removed.",
            yes,
        )

    def _loan_id(self, report_id: str) -> str | None:
        loan = self.window.model.loan_file_of(self.window.model.find(REPORT, report_id))
        return loan.loan_file_id if loan else None

    def _ready_report(self) -> ReportEntry | None:
        report = self.window.selected_report()
        if report is None or report.state != "ready":
            self.window.route.warning("Select a ready report first.")
            return None
        return report

    def open_report(self, entry: ReportEntry) -> None:
        """Show a ready report (from the library: works offline)."""
        if self._opening == entry.report_id:
            return
        self._opening = entry.report_id

        async def work(job: Job) -> Any:
            job.set_stage("Opening from the library…")
            return await self.backend.open_report(entry.report_id)

        def done(opened: Any) -> None:
            self._opening = None
            if self.window.selected_report() is None or (
                self.window.selected_report().report_id != entry.report_id
            ):
                return  # the user moved on
            self.window.pane.show_report(entry.report_id, opened, entry.label)

        def failed(_error: BaseException) -> None:
            self._opening = None

        self._run(
            f"Open {entry.label}", work, key="open-report", on_success=done, on_failure=failed
        )

    def resume_report(self, entry: ReportEntry) -> None:
        """Wait again for a report left building (cancelled, or the app was closed)."""
        backend = self.backend
        loan = self.window.model.loan_file_of(self.window.model.find(REPORT, entry.report_id))
        building_here = any(
            job.running and getattr(job, "loan_file_id", None) == (loan and loan.loan_file_id)
            for job in self.window.runner.jobs
        )
        if entry.report_id in backend.waiting or backend.env is None or building_here:
            return  # already waited for (its creating job still runs), or offline

        async def work(job: Job) -> str:
            job.set_stage("Asking Plaid whether the report is ready…")
            return str(await backend.resume_report(entry.report_id, job.set_stage))

        self._run(
            f"Check {entry.label}",
            work,
            key=f"resume:{entry.report_id}",
            on_success=self._report_ready,
        )

    def open_report_file(self) -> None:
        """Ctrl+O: import a report JSON (and a PDF next to it) into the selected loan file."""
        dialog = QFileDialog(self.window, "Open an Asset Report")
        dialog.setObjectName("openReportFileDialog")
        dialog.setNameFilters(["Asset Report JSON (*.json)", "All files (*)"])
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.import_file)
        self.dialog = dialog
        dialog.open()

    def import_file(self, path: str) -> None:
        """Import one report file (and `<same name>.pdf` when present)."""
        loan = self.window.selected_loan_file()

        async def work(job: Job) -> str:
            job.set_stage(f"Reading {Path(path).name}…")
            return str(
                await self.backend.import_report_file(
                    Path(path), loan.loan_file_id if loan else None
                )
            )

        self._run(f"Open {Path(path).name}", work, on_success=self._report_ready)

    # --- settings, activity, closing -------------------------------------------------------

    def open_settings(self) -> None:
        """Ctrl+,."""

        def accepted(dialog: SettingsDialog) -> None:
            result = dialog.value()
            self.backend.store_keys(result.settings.environment, result.client_id, result.secret)
            if result.team_password and result.settings.team_server:
                save_team_password(
                    self.backend.secrets, result.settings.team_server, result.team_password
                )
            self.window.settings_changed.emit(result.settings)

        self._open(
            SettingsDialog(
                self.window.settings,
                self.backend.secrets,
                self.window,
                self.backend.library,
                active_data_dir=Path(self.backend.library.path).parent,
            ),
            accepted,
        )

    def cancel_and_close(self) -> None:
        """Cancel every job, wait for them to end, then close the window."""
        self.window.runner.cancel_all()

        async def finish() -> None:
            await self.window.runner.wait_all()
            self.window._closing = True
            self.window.close()

        self._closing_task = asyncio.ensure_future(finish())
