"""The decision's actions: edit or delete a loan file, keep a flag's disposition (with its
document) and notes, open an attached document. Failures reach the user through the window's
one message route; a refused document undoes the disposition it came with."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assets_desktop.ui.workspace.dialogs.document import DocumentDialog
from assets_desktop.ui.workspace.dialogs.loan_file import LoanFileDialog
from assets_desktop.ui.workspace.dialogs.report_actions import confirm
from assets_desktop.ui.workspace.navigation import LOAN_FILE, REPORT, EntryRole

if TYPE_CHECKING:
    from assets_desktop.ui.workspace.controller import WorkspaceController


class DecisionActions:
    """Loan file editing and the review's writes, for the controller."""

    def __init__(self, controller: WorkspaceController) -> None:
        self.controller = controller
        self.window = controller.window
        self.backend = controller.backend
        pane = self.window.pane
        pane.flag_resolved.connect(self.keep_disposition)
        pane.document_requested.connect(self.open_document)
        pane.terms_edit_requested.connect(self._edit_for_report)
        pane.note_added.connect(self.keep_note)
        pane.view_installed.connect(self._offer_comparisons)
        self.window.commands["editLoanFile"].triggered.connect(lambda: self.edit_loan_file())
        self.window.commands["deleteLoanFile"].triggered.connect(self.delete_loan_file)

    # --- loan files ---------------------------------------------------------------------------

    def new_loan_file(self) -> None:
        """Ctrl+N."""

        def accepted(dialog: LoanFileDialog) -> None:
            data = dialog.value()
            try:
                loan_id = self.backend.create_loan_file(data)
            except Exception as error:
                self.window.route.report(error, "creating the loan file")
                return
            self.window.reload()
            self.window.select(LOAN_FILE, loan_id)
            self.window.route.info(f"Loan file for {data.borrower} created. Next: Add Item.")

        self.controller._open(LoanFileDialog(self.window), accepted)

    def _edit_for_report(self, report_id: str) -> None:
        self.edit_loan_file(self.backend.loan_file_of_report(report_id))

    def edit_loan_file(self, loan_file_id: str | None = None) -> None:
        """Ctrl+E: edit the selected loan file (or the one of an open report)."""
        loan = self._loan(loan_file_id)
        if loan is None:
            self.window.route.warning("Select a loan file first.")
            return

        def accepted(dialog: LoanFileDialog) -> None:
            try:
                self.backend.update_loan_file(loan.loan_file_id, dialog.value())
            except Exception as error:
                self.window.route.report(error, "saving the loan file")
                return
            self.window.reload()
            self._refresh_open_report(loan.loan_file_id)
            self.window.route.info("Loan file saved; the qualification follows the new terms.")

        self.controller._open(LoanFileDialog(self.window, loan.record), accepted)

    def _refresh_open_report(self, loan_file_id: str) -> None:
        """Re-open the report on screen when it belongs to the edited loan file (borrowers and
        income change the analysis itself)."""
        report_id = self.window.pane.report_id
        if report_id and self.backend.loan_file_of_report(report_id) == loan_file_id:
            entry = self.window.model.find(REPORT, report_id)
            if entry.isValid():
                self.window.pane.report_id = None
                self.controller.open_report(entry.data(EntryRole))

    def delete_loan_file(self) -> None:
        """Delete the selected loan file (after confirmation), as retention does."""
        loan = self.window.selected_loan_file()
        if loan is None:
            self.window.route.warning("Select a loan file first.")
            return

        def yes() -> None:
            try:
                self.backend.delete_loan_file(loan.loan_file_id)
            except Exception as error:
                self.window.route.report(error, "deleting the loan file")
                return
            self.window.reload()
            self.window.pane.show_empty()
            self.window.route.info(f"The loan file of {loan.borrower} was deleted.")

        self.controller.dialog = confirm(
            self.window,
            "confirmDeleteLoanFile",
            "Delete loan file",
            f"Delete the loan file of {loan.borrower}? Its {len(loan.reports)} report(s), "
            "Items, documents, notes and decisions are deleted from this computer, and their "
            "tokens from the keyring. Reports at Plaid are not removed.",
            yes,
        )

    def _loan(self, loan_file_id: str | None) -> Any:
        if loan_file_id is None:
            return self.window.selected_loan_file()
        index = self.window.model.find(LOAN_FILE, loan_file_id)
        return index.data(EntryRole) if index.isValid() else None

    # --- comparing with another report of the loan file --------------------------------------

    def _offer_comparisons(self, report_id: str, view: Any) -> None:
        loan = self.window.model.loan_file_of(self.window.model.find(REPORT, report_id))
        if loan is None:
            return
        others = [(r.report_id, _compare_label(r)) for r in loan.reports
                  if r.report_id != report_id and r.state in ("ready", "removed")]  # fmt: skip
        shown = self.window.model.report(report_id)
        view.set_comparable(others, shown.parent_id if shown else None)
        view.compare_requested.connect(lambda other: self.compare(report_id, other))

    def compare(self, report_id: str, other_id: str) -> None:
        """Diff the open report against another report of its loan file (read off the UI
        thread), and show it in the Changes tab."""
        entry = self.window.model.report(other_id)
        label = _compare_label(entry) if entry else other_id

        async def work(job: Any) -> Any:
            job.set_stage("Reading the other report from the library…")
            return await self.backend.report_response(other_id)

        def done(older: Any) -> None:
            if self.window.pane.report_id == report_id:
                self.window.pane.review.compare_with(older, label)

        self.controller._run(f"Compare with {label}", work, on_success=done)

    # --- the review's writes ------------------------------------------------------------------

    def keep_disposition(self, report_id: str, disposition: Any, document: str) -> None:
        """Store the document (if any), then the disposition; undo it in the view on failure."""
        view = self.window.pane.review
        try:
            if document:
                document_id, name = self.backend.attach_document(report_id, Path(document))
                disposition = dataclasses.replace(
                    disposition, document_id=document_id, document_name=name
                )
            self.backend.record_disposition(report_id, disposition)
        except Exception as error:
            if self.window.pane.report_id == report_id:
                view.revert_flag(disposition.key)
            self.window.route.report(error, "keeping the flag's disposition")
            return
        if document and self.window.pane.report_id == report_id:
            view.apply_document(disposition.key, disposition.document_id, disposition.document_name)

    def keep_note(self, report_id: str, text: str) -> None:
        try:
            self.backend.record_note(report_id, text)
        except Exception as error:
            self.window.route.report(error, "keeping the note")

    def open_document(self, _report_id: str, document_id: str) -> None:
        """Show an attached document (decrypted, integrity-checked) in a window of its own."""
        try:
            name, media_type, data = self.backend.document(document_id)
        except Exception as error:
            self.window.route.report(error, "opening the document")
            return
        dialog = DocumentDialog(self.window, name, media_type, data)
        self.controller.dialog = dialog
        dialog.open()


def _compare_label(entry: Any) -> str:
    """`refresh of 2026-12-03 10:05, 90 days`: how the Changes tab names another report."""
    kind = {"refresh": "refresh", "filter": "filtered report"}.get(entry.relation, "report")
    return f"{kind} of {entry.created}, {entry.days} days"
