"""The decision's actions: new, edit or delete a loan file, keep a flag's disposition (with its
document) and notes, open an attached document, compare two reports. Each write runs on the
store thread as a job; failures reach the user through the one message route, and a refused
document undoes the disposition it came with. A loan file is saved with the version its editor
opened: a colleague's save since is refused, and the editor opens again on their version. A
colleague's note or disposition on the open review's loan file re-opens the review."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from assets_desktop.services.workspace import ConcurrentChangeError
from assets_desktop.services.workspace_events import (
    ColleaguesHeard,
    LoanFileChanged,
    ReviewChanged,
)
from assets_desktop.ui.workspace.dialogs.document import DocumentDialog
from assets_desktop.ui.workspace.dialogs.loan_file import LoanFileDialog
from assets_desktop.ui.workspace.jobs import Job
from assets_desktop.ui.workspace.navigation import LOAN_FILE, ReportEntry
from assets_desktop.ui.workspace.pages import loan_html

if TYPE_CHECKING:
    from assets_desktop.domain.analysis import Disposition
    from assets_desktop.domain.report import AssetReportResponse
    from assets_desktop.ui.workspace.controller import WorkspaceController
    from assets_desktop.ui.workspace.report_pane import ReportPane


class DecisionActions:
    """Loan file editing and the review's writes, for the report pane."""

    def __init__(self, controller: WorkspaceController, pane: ReportPane) -> None:
        self.controller = controller
        self.workspace = controller.workspace
        self.selection = controller.selection
        self.route = controller.route
        self.pane = pane
        pane.flag_resolved.connect(self.keep_disposition)
        pane.document_requested.connect(self.open_document)
        pane.terms_edit_requested.connect(self._edit_for_report)
        pane.note_added.connect(self.keep_note)
        pane.view_installed.connect(self._offer_comparisons)

    # --- loan files ---------------------------------------------------------------------------

    def new_loan_file(self) -> None:
        """Ctrl+N."""

        def accepted(dialog: LoanFileDialog) -> None:
            data = dialog.value()

            async def work(_job: Job) -> str:
                return await self.workspace.create_loan_file(data)

            def created(loan_file_id: str) -> None:
                self.controller.select_requested.emit(LOAN_FILE, loan_file_id, True)
                self.route.info(f"Loan file for {data.borrower} created. Next: Add Item.")

            self.controller.write("Creating the loan file", work, on_success=created)

        self.controller.open_dialog(LoanFileDialog(self.controller.parent_widget), accepted)

    def _edit_for_report(self, report_id: str) -> None:
        loan = self.selection.loan_file_of_report(report_id)
        self.edit_loan_file(loan.loan_file_id if loan else None)

    def edit_loan_file(self, loan_file_id: str | None = None) -> None:
        """Ctrl+E: edit the selected loan file (or the one of an open report)."""
        if loan_file_id is None:
            loan = self.selection.selected_loan_file()
        else:
            loan = self.selection.loan_file(loan_file_id)
        if loan is None:
            self.route.warning("Select a loan file first.")
            return

        opened_version = loan.record.version

        def accepted(dialog: LoanFileDialog) -> None:
            data = dialog.value()

            async def work(_job: Job) -> None:
                workspace = self.workspace
                await workspace.update_loan_file(loan.loan_file_id, data, opened_version)

            def saved(_result: object) -> None:
                self._refresh_open_report(loan.loan_file_id)
                self.route.info("Loan file saved; the qualification follows the new terms.")

            def refused(error: BaseException) -> None:
                if isinstance(error, ConcurrentChangeError):  # its row shows their version now
                    self._refresh_open_report(loan.loan_file_id)
                    self.edit_loan_file(loan.loan_file_id)

            self.controller.write(
                "Saving the loan file", work, on_success=saved, on_failure=refused
            )

        parent = self.controller.parent_widget
        self.controller.open_dialog(LoanFileDialog(parent, loan.record), accepted)

    def _refresh_open_report(self, loan_file_id: str) -> bool:
        """Read the selected report again when it belongs to the edited loan file (borrowers and
        income change the analysis itself): on screen, or still being read or laid out (a read
        under way began before the change); False when another is selected."""
        entry = self.selection.selected_report()
        if entry is None or entry.state != "ready":
            return False
        loan = self.selection.loan_file_of_report(entry.report_id)
        if loan is None or loan.loan_file_id != loan_file_id:
            return False
        self.pane.report_id = None
        self.controller.open_report(entry, again=True)
        return True

    def follow(self, event: object) -> None:
        """A colleague's note or disposition on the open review's loan file: read it again. A
        loan file changed (by anyone) while its page is shown: show it again. Colleagues'
        changes lost or heard again: say so."""
        if isinstance(event, ColleaguesHeard):
            self._tell_colleagues_heard(event.listening)
        if isinstance(event, ReviewChanged) and self._refresh_open_report(event.loan_file_id):
            self.route.info(f"{event.actor} changed the review of this loan file: shown again.")
        if isinstance(event, LoanFileChanged):
            shown, selection = self.selection.selected_loan_file(), self.selection
            on_its_page = selection.selected_report() is None and not selection.selected_item()
            if shown is not None and shown.loan_file_id == event.loan.id and on_its_page:
                self.pane.show_details(loan_html(shown))

    def _tell_colleagues_heard(self, listening: bool) -> None:
        if listening:
            self.route.info(
                "Connected to the team server again: colleagues' changes made meanwhile are shown."
            )
        else:
            self.route.warning(
                "The team server dropped the connection that brings colleagues' changes: what "
                "you see may be out of date until it is back. The app reconnects on its own."
            )

    def delete_loan_file(self) -> None:
        """Delete the selected loan file (after confirmation), as retention does."""
        loan = self.selection.selected_loan_file()
        if loan is None:
            self.route.warning("Select a loan file first.")
            return

        def yes() -> None:
            async def work(_job: Job) -> None:
                await self.workspace.delete_loan_file(loan.loan_file_id)

            def deleted(_result: object) -> None:
                self.pane.show_empty()
                self.route.info(f"The loan file of {loan.borrower} was deleted.")

            self.controller.write("Deleting the loan file", work, on_success=deleted)

        self.controller.confirm(
            "confirmDeleteLoanFile", "Delete loan file",
            f"Delete the loan file of {loan.borrower}? Its {len(loan.reports)} report(s), "
            "Items, documents, notes and decisions are deleted from this computer, and their "
            "tokens from the keyring. Reports at Plaid are not removed.",
            yes,
        )  # fmt: skip

    # --- comparing with another report of the loan file --------------------------------------

    def _offer_comparisons(self, report_id: str, view: Any) -> None:
        loan = self.selection.loan_file_of_report(report_id)
        if loan is None:
            return
        others = [(r.report_id, _compare_label(r)) for r in loan.reports
                  if r.report_id != report_id and r.state in ("ready", "removed")]  # fmt: skip
        shown = self.selection.report(report_id)
        view.set_comparable(others, shown.parent_id if shown else None)
        view.compare_requested.connect(lambda other: self.compare(report_id, other))

    def compare(self, report_id: str, other_id: str) -> None:
        """Diff the open report against another report of its loan file (read off the UI
        thread), and show it in the Changes tab."""
        entry = self.selection.report(other_id)
        label = _compare_label(entry) if entry else other_id

        async def work(job: Job) -> AssetReportResponse:
            job.set_stage("Reading the other report from the library…")
            return await self.workspace.report_response(other_id)

        def done(older: AssetReportResponse) -> None:
            view: Any = self.pane.review
            if self.pane.report_id == report_id:
                view.compare_with(older, label)

        self.controller.run(f"Compare with {label}", work, on_success=done)

    # --- the review's writes ------------------------------------------------------------------

    def keep_disposition(self, report_id: str, disposition: Disposition, document: str) -> None:
        """Store the document (if any), then the disposition; undo it in the view on failure."""
        view: Any = self.pane.review

        async def work(_job: Job) -> Disposition:
            path = Path(document) if document else None
            return await self.workspace.record_disposition(report_id, disposition, path)

        def kept(done: Disposition) -> None:
            if document and self.pane.report_id == report_id:
                view.apply_document(done.key, done.document_id, done.document_name)

        def refused(_error: BaseException) -> None:
            if self.pane.report_id == report_id:
                view.revert_flag(disposition.key)

        self.controller.write(
            "Keeping the flag's disposition", work, on_success=kept, on_failure=refused
        )

    def keep_note(self, report_id: str, text: str) -> None:
        async def work(_job: Job) -> None:
            await self.workspace.record_note(report_id, text)

        self.controller.write("Keeping the note", work)

    def open_document(self, _report_id: str, document_id: str) -> None:
        """Show an attached document (decrypted, integrity-checked) in a window of its own."""

        async def work(_job: Job) -> tuple[str, str, bytes]:
            return await self.workspace.document(document_id)

        def show(found: tuple[str, str, bytes]) -> None:
            dialog = DocumentDialog(self.controller.parent_widget, *found)
            self.controller.dialog = dialog
            dialog.open()

        self.controller.read("Opening the document", work, on_success=show)


def _compare_label(entry: ReportEntry) -> str:
    """`refresh of 2026-12-03 10:05, 90 days`: how the Changes tab names another report."""
    kind = {"refresh": "refresh", "filter": "filtered report"}.get(entry.relation, "report")
    return f"{kind} of {entry.created}, {entry.days} days"
