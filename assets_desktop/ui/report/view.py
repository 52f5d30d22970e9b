"""The report view: one Asset Report and its analysis in six tabs, plus exports."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.domain.analysis.types import Analysis, AnalysisParameters, ReportDiff
from assets_desktop.domain.report import AssetReportResponse
from assets_desktop.services.review import ClearedFlag, ReviewNote, ReviewState
from assets_desktop.services.worksheet import build_worksheet
from assets_desktop.ui.report.accounts_model import AccountColumn, AccountsModel
from assets_desktop.ui.report.balances_tab import BalancesTab
from assets_desktop.ui.report.changes_tab import ChangesTab
from assets_desktop.ui.report.formatting import SORT_ROLE
from assets_desktop.ui.report.owners_tab import OwnersTab
from assets_desktop.ui.report.summary_tab import SummaryTab
from assets_desktop.ui.report.transactions_tab import TransactionsTab

__all__ = ["ReportView", "Tab"]

log = logging.getLogger(__name__)


class Tab:
    """Tab indexes of the report view."""

    SUMMARY = 0
    ACCOUNTS = 1
    BALANCES = 2
    TRANSACTIONS = 3
    OWNERS = 4
    CHANGES = 5


class ReportView(QWidget):
    """Shows one report with its analysis; the review (cleared flags, notes) comes in and
    changes go out as signals, so the caller keeps them in the library's activity log.

    Signals:
        flag_cleared(str, str): flag key and the underwriter's reason.
        note_added(str): the text of a new note.
        worksheet_exported(str): the path of a written worksheet PDF.
        worksheet_failed(str): what went wrong exporting it, and what to do.
    """

    flag_cleared = Signal(str, str)
    note_added = Signal(str)
    worksheet_exported = Signal(str)
    worksheet_failed = Signal(str)

    def __init__(
        self,
        response: AssetReportResponse,
        analysis: Analysis,
        review: ReviewState | None = None,
        diff: ReportDiff | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportView")
        self.response = response
        self.analysis = analysis
        self.review = review or ReviewState()
        report = response.report
        accounts = report.accounts()
        labels = {a.account_id: a.label for a in analysis.accounts}

        self.summary = SummaryTab(response, analysis, self.review, self)
        self.accounts_model = AccountsModel(analysis.accounts, self)
        self.accounts_table = self._accounts_table()
        self.balances = BalancesTab(accounts, self)
        self.transactions = TransactionsTab(accounts, analysis.flags, self)
        self.owners = OwnersTab(
            report.user, analysis.parameters.borrower or "", accounts, analysis.accounts, self
        )
        self.changes = ChangesTab(labels, self)
        self.changes.set_diff(diff)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportTabs")
        self.tabs.setAccessibleName("Report views")
        open_flags = self.summary.flags_model.open_count
        self.tabs.addTab(self.summary, "Summary && flags")
        self.tabs.addTab(self._wrap(self.accounts_table), f"Accounts ({len(accounts)})")
        self.tabs.addTab(self.balances, "Balances chart")
        self.tabs.addTab(self.transactions, f"Transactions ({self.transactions.model.total:,})")
        self.tabs.addTab(self.owners, "Owners")
        self.tabs.addTab(self.changes, "Changes")
        self._update_summary_tab_title(open_flags)

        self.title = QLabel(self)
        self.title.setObjectName("reportTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        borrower = analysis.parameters.borrower or "Unknown borrower"
        self.title.setText(
            f"<b style='font-size:15px'>{borrower}</b> &nbsp;·&nbsp; "
            f"report {report.asset_report_id} &nbsp;·&nbsp; {len(accounts)} accounts, "
            f"{report.transaction_count():,} transactions"
        )
        self.worksheet_button = QPushButton("Export worksheet PDF…", self)
        self.worksheet_button.setObjectName("exportWorksheet")
        self.worksheet_button.setAccessibleName("Export underwriting worksheet PDF")
        self.worksheet_button.clicked.connect(self.on_worksheet_clicked)
        self.export_status = QLabel(self)
        self.export_status.setObjectName("exportStatus")
        self.export_status.setAccessibleName("Export status")
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.export_status)
        header.addWidget(self.worksheet_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

        self.summary.clear_requested.connect(self.clear_flag)
        self.summary.note_requested.connect(self.add_note)
        self.summary.show_transaction.connect(self.show_transaction)
        self.summary.show_account.connect(self.show_account)

    def _wrap(self, table: QTableView) -> QWidget:
        page = QWidget(self)
        page.setObjectName("accountsTab")
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        hint = QLabel(
            "Averages and minimum are over end-of-day balances of the days before the report "
            "was generated. Red: needs attention (negative, short history, NSF fees, owner "
            "not matching the borrower).",
            page,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(hint)
        return page

    def _accounts_table(self) -> QTableView:
        self.accounts_proxy = QSortFilterProxyModel(self)
        self.accounts_proxy.setSourceModel(self.accounts_model)
        self.accounts_proxy.setSortRole(SORT_ROLE)
        table = QTableView(self)
        table.setObjectName("accountsTable")
        table.setAccessibleName("Accounts")
        table.setModel(self.accounts_proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(26)
        widths = {
            AccountColumn.ACCOUNT: 185,
            AccountColumn.INSTITUTION: 140,
            AccountColumn.TYPE: 140,
            AccountColumn.DAYS: 50,
            AccountColumn.NSF: 45,
            AccountColumn.OWNER_MATCH: 105,
        }
        for column in AccountColumn:
            table.setColumnWidth(column, widths.get(column, 92))
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _update_summary_tab_title(self, open_flags: int) -> None:
        title = "Summary && flags"
        if open_flags:
            title += f" ({open_flags} open)"
        self.tabs.setTabText(Tab.SUMMARY, title)

    # --- review -----------------------------------------------------------------------------

    def set_review(self, review: ReviewState) -> None:
        """Show a review state (e.g. replayed from the activity log)."""
        self.review = review
        self.summary.set_review(review)
        self._update_summary_tab_title(self.summary.flags_model.open_count)

    def clear_flag(self, key: str, reason: str) -> None:
        """Mark a flag cleared with a reason and tell the caller (`flag_cleared`)."""
        reason = reason.strip()
        if not reason:
            raise ValueError("A reason is required to clear a flag.")
        now = dt.datetime.now(dt.UTC)
        self.set_review(self.review.with_cleared(ClearedFlag(key, reason, now)))
        self.flag_cleared.emit(key, reason)

    def add_note(self, text: str) -> None:
        """Add a note and tell the caller (`note_added`)."""
        text = text.strip()
        if not text:
            raise ValueError("A note cannot be empty.")
        self.set_review(self.review.with_note(ReviewNote(text, dt.datetime.now(dt.UTC))))
        self.note_added.emit(text)

    # --- drill-down -------------------------------------------------------------------------

    def show_transaction(self, transaction_id: str) -> bool:
        """Switch to Transactions with the transaction selected."""
        self.tabs.setCurrentIndex(Tab.TRANSACTIONS)
        return self.transactions.select_transaction(transaction_id)

    def show_account(self, account_id: str) -> bool:
        """Switch to Accounts with the account selected."""
        self.tabs.setCurrentIndex(Tab.ACCOUNTS)
        row = self.accounts_model.row_of(account_id)
        if row is None:
            return False
        index = self.accounts_proxy.mapFromSource(self.accounts_model.index(row, 0))
        flags = QItemSelectionModel.SelectionFlag
        self.accounts_table.selectionModel().setCurrentIndex(
            index, flags.ClearAndSelect | flags.Rows
        )
        return True

    # --- comparison and exports -------------------------------------------------------------

    def set_diff(self, diff: ReportDiff | None, other: str | None = None) -> None:
        """Show what changed against another report (None: nothing to compare)."""
        self.changes.set_diff(diff, other)

    def compare_with(self, older: AssetReportResponse, other: str | None = None) -> ReportDiff:
        """Diff this report against an older one with this analysis' parameters, and show it."""
        from assets_desktop.domain.analysis import diff_reports

        params: AnalysisParameters = self.analysis.parameters
        diff = diff_reports(older, self.response, params)
        self.set_diff(diff, other)
        return diff

    def export_worksheet(self, path: str | Path) -> Path:
        """Write the underwriting worksheet PDF now (raises OSError when it cannot be written)."""
        target = Path(path)
        self._write_worksheet(target, build_worksheet(self.response, self.analysis, self.review))
        return target

    def start_worksheet_export(self, path: str | Path) -> None:
        """Build the worksheet on a worker thread when the app's asyncio loop runs (else now);
        `worksheet_exported` or `worksheet_failed` tells how it went."""
        target = Path(path)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        self.worksheet_button.setEnabled(False)
        self.export_status.setText("Building the worksheet…")
        if loop is None:
            self._finish_worksheet(target, lambda: build_worksheet(
                self.response, self.analysis, self.review))  # fmt: skip
            return
        future = loop.run_in_executor(
            None, build_worksheet, self.response, self.analysis, self.review
        )
        future.add_done_callback(lambda done: self._finish_worksheet(target, done.result))

    def _finish_worksheet(self, target: Path, result: Callable[[], bytes]) -> None:
        self.worksheet_button.setEnabled(True)
        try:
            self._write_worksheet(target, result())
        except OSError as error:
            message = (
                f"The worksheet could not be written to {target}: {error.strerror or error}. "
                "Choose another folder and export again."
            )
            self.export_status.setText(message)
            self.worksheet_failed.emit(message)
        except Exception as error:  # a bug in the PDF builder: say so, keep the view usable
            log.exception("worksheet export failed")
            message = f"The worksheet could not be built ({error}). Please report this."
            self.export_status.setText(message)
            self.worksheet_failed.emit(message)

    def _write_worksheet(self, target: Path, data: bytes) -> None:
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(target)
        self.export_status.setText(f"Worksheet saved to {target}")
        self.worksheet_exported.emit(str(target))

    def on_worksheet_clicked(self) -> None:
        dialog = QFileDialog(self, "Export underwriting worksheet")
        dialog.setObjectName("exportWorksheetDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("PDF files (*.pdf)")
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(f"worksheet-{self.response.report.asset_report_id}.pdf")
        dialog.fileSelected.connect(self.start_worksheet_export)
        dialog.open()
