"""What each action does: open its dialog, run the work as a job (workspace service), tell the
outcome. The controller knows the window only as a `Selection`; it talks back through signals
the window connects in one place, and the tree follows the service's events by itself."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from assets_desktop.services.progress import Progress
from assets_desktop.services.workspace import Workspace
from assets_desktop.services.workspace_inputs import HOSTED
from assets_desktop.services.workspace_model import OpenedReport
from assets_desktop.ui.report.widgets import ask_open_path
from assets_desktop.ui.timers import later
from assets_desktop.ui.workspace.dialogs.add_item import AddItemDialog
from assets_desktop.ui.workspace.dialogs.create_report import CreateReportDialog
from assets_desktop.ui.workspace.dialogs.report_actions import (
    AccountChoice,
    FilterDialog,
    RefreshDialog,
    confirm,
)
from assets_desktop.ui.workspace.errors import MessageRoute
from assets_desktop.ui.workspace.jobs import Job, JobRunner
from assets_desktop.ui.workspace.navigation import ITEM, REPORT, ReportEntry
from assets_desktop.ui.workspace.selection import Selection

D = TypeVar("D", bound=QDialog)
SLOW_OPEN_MS = 400  # an open from the library is listed in the job panel only when this slow
OPEN_WHEN_READY_MS = 50  # a report that became ready opens after its row and message paint
Work = Callable[[Job], Coroutine[Any, Any, Any]]


class WorkspaceController(QObject):
    """Connects the window's actions to dialogs, jobs and the workspace service.

    Signals:
        select_requested(str, str, bool): kind and id of a node to make current (e.g. a new
        report), and whether a ready report it selects opens at once.
        report_opened(str, object, str): report id, `OpenedReport`, title: show it.
        details_shown(str, str): the id of the node they describe, a page of HTML to show.
        settings_saved(object): the user saved new `Settings`.
        close_approved(): every job has ended after "Cancel jobs and quit": close now.
    """

    select_requested = Signal(str, str, bool)
    report_opened = Signal(str, object, str)
    details_shown = Signal(str, str)
    settings_saved = Signal(object)
    close_approved = Signal()

    def __init__(
        self,
        workspace: Workspace,
        selection: Selection,
        runner: JobRunner,
        route: MessageRoute,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.selection = selection
        self.runner = runner
        self.route = route
        self.parent_widget = parent
        self.dialog: Any = None  # the dialog open now (tests drive it)
        self._opening: str | None = None
        self._closing_task: asyncio.Future[None] | None = None

    def open_dialog(self, dialog: D, on_accept: Callable[[D], None]) -> D:
        """Show a dialog (not modal to the loop) and act on its OK."""
        self.dialog = dialog
        dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.open()
        return dialog

    def run(self, title: str, work: Work, **kwargs: Any) -> Job:
        """Run `work(job)` as a job of the runner (failures reach the message route)."""
        return self.runner.start(title, work, **kwargs)

    def write(self, title: str, work: Work, **kwargs: Any) -> Job:
        """Run a local write as a job that Cancel and quitting wait for, never interrupt."""
        return self.runner.start(title, work, cancellable=False, shown=False, **kwargs)

    def read(self, title: str, work: Work, **kwargs: Any) -> Job:
        """Read from the library as a job too quick to list in the job panel."""
        return self.runner.start(title, work, shown=False, **kwargs)

    def confirm(self, name: str, title: str, text: str, yes: Callable[[], None]) -> None:
        """Ask first (non-blocking); `yes` runs on confirmation."""
        self.dialog = confirm(self.parent_widget, name, title, text, yes)

    def done(self, text: str) -> Callable[[object], None]:
        """An `on_success` that tells the user `text`."""

        def tell(_result: object) -> None:
            self.route.info(text)

        return tell

    # --- Items -----------------------------------------------------------------------------

    def add_item(self) -> None:
        """Ctrl+I."""
        loan = self.selection.selected_loan_file()
        if loan is None:
            self.route.warning("Select a loan file first (or create one with Ctrl+N).")
            return
        dialog = AddItemDialog(self.workspace.environment, parent=self.parent_widget)
        dialog.hosted_link_requested.connect(lambda: self._hosted_link(dialog, loan))

        def accepted(dialog: AddItemDialog) -> None:
            data = dialog.value()
            if dialog.mode == HOSTED:
                return

            async def work(job: Job) -> str:
                plaid = self.workspace.plaid
                return await plaid.add_item(loan.loan_file_id, data, job.show_progress)

            def added(item_id: str) -> None:
                self.select_requested.emit(ITEM, item_id, True)
                found = self.selection.selected_item()
                name = found.institution if found else "The bank"
                self.route.info(f"{name} added to {loan.borrower}'s file.")

            self.run(f"Add Item for {loan.borrower}", work, on_success=added)

        self.open_dialog(dialog, accepted)

    def _hosted_link(self, dialog: AddItemDialog, loan: Any) -> None:
        def status(progress: Progress) -> None:
            job.show_progress(progress)
            dialog.show_hosted_status(job.stage)

        async def work(_job: Job) -> list[str]:
            return await self.workspace.plaid.add_items_by_hosted_link(
                loan.loan_file_id, dialog.show_hosted_link, status
            )

        def added(names: list[str]) -> None:
            dialog.show_hosted_status(f"Finished: {', '.join(names) or 'no Item'} added.", True)
            dialog.revalidate()

        def failed(_error: BaseException) -> None:
            dialog.show_hosted_status(
                "The link session ended without an Item (see the message at the top of the "
                "window).",
                finished=True,
            )

        job = self.run(
            f"Hosted Link for {loan.borrower}", work, key=f"hosted:{loan.loan_file_id}",
            on_success=added, on_failure=failed,
        )  # fmt: skip

    def remove_item(self) -> None:
        """Remove the selected Item (after confirmation)."""
        item = self.selection.selected_item()
        if item is not None:
            self._confirmed(
                "confirmRemoveItem", "Remove Item",
                f"Remove {item.institution}? Plaid stops access to this bank; reports already "
                "made stay in the library.",
                "Removing the Item at Plaid…",
                lambda: self.workspace.plaid.remove_item(item.item_id),
                f"{item.institution} was removed.",
            )  # fmt: skip

    def _confirmed(
        self,
        name: str,
        title: str,
        question: str,
        stage: str,
        call: Callable[[], Coroutine[Any, Any, None]],
        outcome: str,
    ) -> None:
        """Ask `question`; on yes, run `call` as a job titled `title`, then tell `outcome`."""

        def yes() -> None:
            async def work(job: Job) -> None:
                job.set_stage(stage)
                await call()

            self.run(title, work, on_success=self.done(outcome))

        self.confirm(name, title, question, yes)

    # --- reports ---------------------------------------------------------------------------

    def create_report(self) -> None:
        """Ctrl+R."""
        loan = self.selection.selected_loan_file()
        if loan is None or not loan.items:
            self.route.warning("Select a loan file with at least one Item first.")
            return
        settings = self.selection.current_settings()
        days = (
            settings.default_days_refinance
            if loan.purpose == "refinance"
            else settings.default_days_purchase
        )
        dialog = CreateReportDialog(
            loan.items, loan.purpose, loan.borrower, days, self.parent_widget
        )

        def accepted(dialog: CreateReportDialog) -> None:
            data = dialog.value()

            async def work(job: Job) -> str:
                plaid = self.workspace.plaid
                return await plaid.create_report(loan.loan_file_id, data, job.show_progress)

            job = self.run(f"Report for {loan.borrower}", work, on_success=self.report_ready)
            job.loan_file_id = loan.loan_file_id

        self.open_dialog(dialog, accepted)

    def report_ready(self, report_id: str) -> None:
        """Select a report that has just become ready; it opens once that change has painted
        (started in the same turn, its library read took the GIL from that paint: 27-39 ms
        frames in the full flow)."""
        self.select_requested.emit(REPORT, report_id, False)
        self.route.info("The report is ready.")
        if self.selection.report_on_screen() != report_id:
            later(self.parent_widget, OPEN_WHEN_READY_MS, lambda: self._open_selected(report_id))

    def _open_selected(self, report_id: str) -> None:
        """Open the report if it is still the selected one (the user may have moved on)."""
        entry = self.selection.selected_report()
        if entry is not None and entry.report_id == report_id:
            self.open_report(entry)

    def refresh_report(self) -> None:
        """F5."""
        if (report := self.ready_report()) is None:
            return

        def accepted(dialog: RefreshDialog) -> None:
            days = dialog.value()

            async def work(job: Job) -> str:
                plaid = self.workspace.plaid
                return await plaid.refresh_report(report.report_id, days, job.show_progress)

            self._report_job("Refresh report", report, work)

        self.open_dialog(RefreshDialog(report.days, self.parent_widget), accepted)

    def filter_report(self) -> None:
        """Ctrl+L: the accounts are read off the UI thread, then the dialog opens."""
        if (report := self.ready_report()) is None:
            return

        def ask(choices: list[tuple[str, str]]) -> None:
            accounts = [AccountChoice(i, label) for i, label in choices]

            def accepted(dialog: FilterDialog) -> None:
                exclude = dialog.value()

                async def work(job: Job) -> str:
                    plaid = self.workspace.plaid
                    return await plaid.filter_report(report.report_id, exclude, job.show_progress)

                self._report_job("Filter report", report, work)

            self.open_dialog(FilterDialog(accounts, self.parent_widget), accepted)

        async def read(_job: Job) -> list[tuple[str, str]]:
            return await self.workspace.account_choices(report.report_id)

        self.read("Reading the report's accounts", read, on_success=ask)

    def _report_job(self, title: str, report: ReportEntry, work: Work) -> None:
        job = self.run(title, work, on_success=self.report_ready)
        loan = self.selection.loan_file_of_report(report.report_id)
        job.loan_file_id = loan.loan_file_id if loan else None

    def remove_report(self) -> None:
        """Del: remove the selected report at Plaid (the saved copy stays, marked removed)."""
        report = self.selection.selected_report()
        if report is not None:
            self._confirmed(
                "confirmRemoveReport", "Remove report",
                f"Remove “{report.label}” at Plaid? Its token and every audit copy made from it "
                "stop working. The copy saved in the library stays, marked removed.",
                "Removing the report at Plaid…",
                lambda: self.workspace.plaid.remove_report(report.report_id),
                "The report was removed at Plaid.",
            )  # fmt: skip

    def ready_report(self) -> ReportEntry | None:
        """The selected report when it is ready; else None and a warning."""
        report = self.selection.selected_report()
        if report is None or report.state != "ready":
            self.route.warning("Select a ready report first.")
            return None
        return report

    def open_report(self, entry: ReportEntry, again: bool = False) -> None:
        """Show a ready report (from the library: works offline); `again`: read it anew even
        while a read of it is under way (it changed since that read began)."""
        if self._opening == entry.report_id and not again:
            return
        self._opening = entry.report_id
        reading = self.workspace.open_report(entry.report_id)  # under way before the paint

        async def work(job: Job) -> OpenedReport:
            job.set_stage("Opening from the library…")
            return await reading

        def opened(report: OpenedReport) -> None:
            self._opening = None
            selected = self.selection.selected_report()
            if selected is not None and selected.report_id == entry.report_id:
                self.report_opened.emit(entry.report_id, report, entry.label)

        def failed(_error: BaseException) -> None:
            self._opening = None

        job = self.run(
            f"Open {entry.label}", work, key="open-report", on_success=opened,
            on_failure=failed, show_after_ms=SLOW_OPEN_MS,
        )  # fmt: skip
        if job.task is not None:  # a job cancelled before its first step drops the read
            job.task.add_done_callback(lambda _task: reading.cancel())

    def resume_report(self, entry: ReportEntry) -> None:
        """Wait again for a report left building (cancelled, or the app was closed)."""
        loan = self.selection.loan_file_of_report(entry.report_id)
        building_here = any(
            job.running and job.loan_file_id == (loan and loan.loan_file_id)
            for job in self.runner.jobs
        )
        offline = self.workspace.env is None
        if offline or building_here or entry.report_id in self.workspace.plaid.waiting:
            return  # offline, or already waited for (its creating job still runs)

        async def work(job: Job) -> str:
            job.set_stage("Asking Plaid whether the report is ready…")
            return await self.workspace.plaid.resume_report(entry.report_id, job.show_progress)

        key = f"resume:{entry.report_id}"
        self.run(f"Check {entry.label}", work, key=key, on_success=self.report_ready)

    def open_report_file(self) -> None:
        """Ctrl+O: import a report JSON (and a PDF next to it) into the selected loan file."""
        self.dialog = ask_open_path(
            self.parent_widget, "Open an Asset Report", "openReportFileDialog",
            ["Asset Report JSON (*.json)", "All files (*)"], self.import_file,
        )  # fmt: skip

    def import_file(self, path: str) -> None:
        """Import one report file (and `<same name>.pdf` when present)."""
        loan = self.selection.selected_loan_file()

        async def work(job: Job) -> str:
            job.set_stage(f"Reading {Path(path).name}…")
            loan_file_id = loan.loan_file_id if loan else None
            return await self.workspace.import_report_file(Path(path), loan_file_id)

        self.run(f"Open {Path(path).name}", work, on_success=self.report_ready)

    # --- closing -----------------------------------------------------------------

    def cancel_and_close(self) -> None:
        """Cancel every job, wait for them to end, then approve the close."""
        self.runner.cancel_all()

        async def finish() -> None:
            await self.runner.wait_all()
            self.close_approved.emit()

        self._closing_task = asyncio.ensure_future(finish())
