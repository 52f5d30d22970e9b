"""The report view: one Asset Report and its analysis in six tabs, plus exports."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.domain.analysis.decisions import Disposition
from assets_desktop.domain.analysis.qualification import LoanTerms, Qualification, qualify
from assets_desktop.domain.analysis.types import AnalysisParameters, ReportDiff
from assets_desktop.domain.report import AssetReportResponse
from assets_desktop.services.review import ReviewState
from assets_desktop.services.worksheet import build_worksheet
from assets_desktop.services.workspace_model import OpenedReport
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.report.accounts_model import AccountsModel
from assets_desktop.ui.report.accounts_tab import accounts_page
from assets_desktop.ui.report.balance_chart import balance_line_steps
from assets_desktop.ui.report.balances_tab import BalancesTab
from assets_desktop.ui.report.changes_tab import ChangesTab, carried_decisions
from assets_desktop.ui.report.drill_down import DrillDown, Tab
from assets_desktop.ui.report.exports import ReportExports
from assets_desktop.ui.report.formatting import export_name
from assets_desktop.ui.report.heap import trim_heap_in_background
from assets_desktop.ui.report.owners_tab import OwnersTab
from assets_desktop.ui.report.pages import LazyPage, ScrollPage, TabPage
from assets_desktop.ui.report.review_actions import ReviewActions
from assets_desktop.ui.report.slices import Sliced
from assets_desktop.ui.report.summary_tab import SummaryTab
from assets_desktop.ui.report.transactions_columns import transaction_row_steps
from assets_desktop.ui.report.transactions_tab import TransactionsTab

__all__ = ["ReportView", "Tab"]

log = logging.getLogger(__name__)


# The Transactions tab last: its rows are worked out a slice a turn meanwhile.
BUILD_ORDER = (Tab.ACCOUNTS, Tab.OWNERS, Tab.CHANGES, Tab.BALANCES, Tab.TRANSACTIONS)
BUILD_EVERY_MS = 16  # one tab a frame: input, paints and the slices run in between


class ReportView(DrillDown, ReviewActions, QWidget):
    """Shows one report with its analysis and qualification; the review (dispositions, notes)
    comes in and changes go out as signals, so the caller keeps them in the activity log.

    Signals:
        flag_resolved(Disposition, str): a disposition and a document to attach ("" for none);
        the caller stores it, then calls `apply_document` (or `revert_flag` on failure).
        document_requested(str): open an attached document (by id).
        terms_edit_requested(): edit the loan terms. note_added(str): a new note's text.
        worksheet_exported(str): the path of a written worksheet PDF.
        worksheet_failed(str): what went wrong exporting it, and what to do.
        fully_built(): every tab's content exists (they are built after the summary).
        compare_requested(str): the user chose another report (by id) to compare with.
        pdf_requested(str): show this text (a transaction's description) in the report's PDF.
    """

    flag_resolved = Signal(object, str)
    document_requested = Signal(str)
    terms_edit_requested = Signal()
    fully_built = Signal()
    note_added = Signal(str)
    worksheet_exported = Signal(str)
    worksheet_failed = Signal(str)
    compare_requested = Signal(str)
    pdf_requested = Signal(str)

    balances = TabPage(Tab.BALANCES, BalancesTab)
    transactions = TabPage(Tab.TRANSACTIONS, TransactionsTab)
    owners = TabPage(Tab.OWNERS, OwnersTab)
    changes = TabPage(Tab.CHANGES, ChangesTab)

    def __init__(self, opened: OpenedReport, parent: QWidget | None = None) -> None:
        """`opened`: the report as the workspace opened it (`OpenedReport(response, analysis)`
        for one without a review, changes or terms yet)."""
        super().__init__(parent)
        self.setObjectName("reportView")
        self.response = opened.response
        self.analysis = analysis = opened.analysis
        self.review = opened.review
        self.terms = opened.terms or LoanTerms(currency=analysis.parameters.income_currency)
        self._previous: dict[str, Disposition | None] = {}
        self.qualification = self._qualify()
        report = self.response.report
        accounts = report.accounts()
        self._accounts = accounts
        self._labels = {a.account_id: a.label for a in analysis.accounts}
        self._diff = (opened.diff, opened.parent_label)
        self._comparable: tuple[tuple[tuple[str, str], ...], str | None] = ((), None)
        # The chart's points, then the Transactions table's columns (15k rows: ~11 ms of
        # Python), are worked out on this thread a slice a turn once the view has shown.
        self._lines = Sliced(balance_line_steps(accounts), self)
        flags, sourced = analysis.flags, analysis.sourced_deposits
        self._rows = Sliced(transaction_row_steps(accounts, flags, sourced), self)

        self.summary = SummaryTab(self.response, analysis, self.review, self.qualification, self)

        # Only the summary is built now; the other tabs are built one per event-loop turn once
        # the view is shown, or at once when asked for (their attribute, the tab being
        # selected, `ensure_all_built`). The largest report's view took 116 ms in one turn.
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportTabs")
        self.tabs.setAccessibleName("Report views")
        open_flags = self.summary.flags_model.open_count
        self._summary_page = ScrollPage(self.summary, "summaryScroll", self.tabs)
        self.tabs.addTab(self._summary_page, "Summary && flags")
        count = sum(len(account.transactions) for account in accounts)
        self._pages: dict[int, LazyPage] = {}
        for index, title, build in (
            (Tab.ACCOUNTS, f"Accounts ({len(accounts)})", self._build_accounts),
            (Tab.BALANCES, "Balances chart", self._build_balances),
            (Tab.TRANSACTIONS, f"Transactions ({count:,})", self._build_transactions),
            (Tab.OWNERS, "Owners", self._build_owners),
            (Tab.CHANGES, "Changes", self._build_changes),
        ):
            self._pages[index] = LazyPage(build, self.tabs)
            self.tabs.addTab(self._pages[index], title)
        self._update_summary_tab_title(open_flags)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._build_timer = QTimer(self)
        self._build_timer.setSingleShot(True)
        self._build_timer.setInterval(BUILD_EVERY_MS)
        self._build_timer.timeout.connect(self._build_next)

        self.title = QLabel(self)
        self.title.setObjectName("reportTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        borrower = " & ".join(analysis.parameters.borrowers) or "Unknown borrower"
        self.title.setText(
            f"<b style='font-size:15px'>{borrower}</b> &nbsp;·&nbsp; "
            f"report {report.asset_report_id} &nbsp;·&nbsp; {len(accounts)} accounts, "
            f"{report.transaction_count():,} transactions"
        )
        # The title never sets the view's width (a long report id would): it is cut instead,
        # and the whole text is in its tooltip.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setToolTip(self.title.text())
        self.worksheet_button = named_button(
            self, "Export worksheet PDF…", "exportWorksheet", "Export underwriting worksheet PDF"
        )
        self.worksheet_button.clicked.connect(self.on_worksheet_clicked)
        self.export_status = QLabel(self)
        self.export_status.setObjectName("exportStatus")
        self.export_status.setAccessibleName("Export status")
        # A long path must never widen the window: the label takes what is left, elided.
        self.export_status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.export_status)
        header.addWidget(self.worksheet_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

        self.summary.resolve_requested.connect(self.resolve_flag)
        self.summary.document_requested.connect(self.document_requested)
        self.summary.qualification_panel.edit_requested.connect(self.terms_edit_requested)
        self.exports = ReportExports(
            self, self.export_status, self.worksheet_button, self._worksheet,
            lambda: self.qualification, self.file_name,
        )  # fmt: skip
        self.exports.worksheet_exported.connect(self.worksheet_exported)
        self.exports.worksheet_failed.connect(self.worksheet_failed)
        self.summary.qualification_panel.export_requested.connect(self.exports.ask_qualification)
        self.summary.note_requested.connect(self.add_note)
        self.summary.show_transaction.connect(self.show_transaction)
        self.summary.show_account.connect(self.show_account)
        self._install_drill_down(Tab.SUMMARY, self.summary)
        self._announced = False

    def release(self) -> None:
        """The view is being replaced (then deleted): stop building tabs and break the cycles
        through it (its tabs' builders and its exports hold it), so the report it shows is freed
        with it rather than at the next full garbage collection (~60 ms on the UI thread)."""
        self._build_timer.stop()
        self._lines.stop()
        self._rows.stop()
        for page in self._pages.values():
            page.forget_builder()
        self.exports.forget_view()

    def lay_out_summary(self) -> None:
        """Put the summary in its page now (a turn before the view shows: else as it shows)."""
        self._summary_page.attach()

    # --- tabs built on demand ---------------------------------------------------------------

    @property
    def is_fully_built(self) -> bool:
        """True when every tab's content exists."""
        return all(page.content is not None for page in self._pages.values())

    def ensure_all_built(self) -> None:
        """Build every tab now (tests, benchmarks, exports that need them all)."""
        for index in BUILD_ORDER:
            self.built_tab(index)

    def built_tab(self, index: int) -> QWidget:
        """The content of tab `index`, built now if it is not yet (`balances` and the other
        tab attributes read it)."""
        fresh = self._pages[index].content is None
        content = self._pages[index].ensure()
        if fresh:
            self._install_drill_down(index, content)
        if self.is_fully_built and not self._announced:
            self._announced = True
            self._build_timer.stop()
            trim_heap_in_background()  # the open's transient memory back to the system
            self.fully_built.emit()
        return content

    def _build_next(self) -> None:
        if not self._lines.started:  # a turn of its own each: the chart's points, the rows
            self._lines.start()
        elif not self._rows.started:
            self._rows.start()
        else:
            self.built_tab(next(i for i in BUILD_ORDER if self._pages[i].content is None))
        if not self.is_fully_built:
            self._build_timer.start()

    def _on_tab_changed(self, index: int) -> None:
        if index in self._pages:
            self.built_tab(index)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.is_fully_built:
            self._build_timer.start()

    @property
    def accounts_table(self) -> QTableView:
        """The Accounts tab's table."""
        self.built_tab(Tab.ACCOUNTS)
        return self._accounts_view

    @property
    def accounts_proxy(self) -> QSortFilterProxyModel:
        """The Accounts table's sorting proxy."""
        self.built_tab(Tab.ACCOUNTS)
        return self._accounts_sorting

    def file_name(self, kind: str, suffix: str) -> str:
        """A default export file name: borrower, report date and what it holds."""
        day = self.response.report.date_generated.date()
        return export_name(self.analysis.parameters.borrowers, day, kind, suffix)

    def _build_balances(self, page: QWidget) -> QWidget:
        lines = self._lines.result()
        chart = BalancesTab(self._accounts, page, self.analysis.flags, lines)
        chart.file_name = self.file_name("balances", "png")
        return chart

    def _build_transactions(self, page: QWidget) -> QWidget:
        analysis = self.analysis
        rows = self._rows.result()
        tab = TransactionsTab(self._accounts, analysis.flags, page, analysis.sourced_deposits, rows)
        tab.file_name = self.file_name("transactions", "csv")
        return tab

    def _build_owners(self, page: QWidget) -> QWidget:
        borrower = self.analysis.parameters.borrower or ""
        user = self.response.report.user
        return OwnersTab(user, borrower, self._accounts, self.analysis.accounts, page)

    def _build_changes(self, page: QWidget) -> QWidget:
        changes = ChangesTab(self._labels, page)
        changes.carried = carried_decisions(self.analysis.flags, self.review)
        changes.set_comparable(*self._comparable)
        changes.set_diff(*self._diff)
        changes.compare_requested.connect(self.compare_requested)
        return changes

    def set_comparable(
        self, reports: Sequence[tuple[str, str]], current: str | None = None
    ) -> None:
        """Offer these (report id, label) to compare with (`compare_requested` when chosen)."""
        self._comparable = (tuple(reports), current)
        if self._pages[Tab.CHANGES].content is not None:
            self.changes.set_comparable(reports, current)

    @property
    def accounts_model(self) -> AccountsModel:
        """The Accounts table's model."""
        self.built_tab(Tab.ACCOUNTS)
        return self._accounts_rows

    def _build_accounts(self, parent: QWidget) -> QWidget:
        # The model lives with its table and proxy: a model of the view under a table built
        # later crashed a table's delayed layout (headerData on a freed source) in tests.
        self._accounts_rows = AccountsModel(self.analysis.accounts, parent)
        page, self._accounts_view, self._accounts_sorting = accounts_page(
            self._accounts_rows, parent, self._accounts
        )
        return page

    def _update_summary_tab_title(self, open_flags: int) -> None:
        suffix = f" ({open_flags} open)" if open_flags else ""
        self.tabs.setTabText(Tab.SUMMARY, f"Summary && flags{suffix}")

    # --- review -----------------------------------------------------------------------------

    def _qualify(self) -> Qualification:
        return qualify(self.analysis, self.terms, self.review.all_decisions, self.response)

    def set_review(self, review: ReviewState) -> None:
        """Show a review state (e.g. replayed from the activity log) and its qualification."""
        self.review = review
        self.qualification = self._qualify()
        self.summary.set_review(review, self.qualification)
        self._update_summary_tab_title(self.summary.flags_model.open_count)
        if self._pages[Tab.CHANGES].content is not None:
            self.changes.set_carried(carried_decisions(self.analysis.flags, self.review))

    def set_terms(self, terms: LoanTerms) -> None:
        """The loan file's terms changed (edited): answer again."""
        self.terms = terms
        self.set_review(self.review)

    # --- comparison and exports -------------------------------------------------------------

    def set_diff(self, diff: ReportDiff | None, other: str | None = None) -> None:
        """Show what changed against another report (None: nothing to compare)."""
        self._diff = (diff, other)
        if self._pages[Tab.CHANGES].content is not None:
            self.changes.set_diff(diff, other)

    def compare_with(self, older: AssetReportResponse, other: str | None = None) -> ReportDiff:
        """Diff this report against an older one with this analysis' parameters, and show it."""
        from assets_desktop.domain.analysis import diff_reports

        params: AnalysisParameters = self.analysis.parameters
        diff = diff_reports(older, self.response, params)
        self.set_diff(diff, other)
        return diff

    def _worksheet(self) -> bytes:
        return build_worksheet(
            self.response, self.analysis, self.review, qualification=self.qualification
        )

    def export_worksheet(self, path: str | Path) -> Path:
        """Write the underwriting worksheet PDF now (raises OSError when it cannot be written)."""
        return self.exports.write_worksheet(Path(path), self._worksheet())

    def start_worksheet_export(self, path: str | Path) -> None:
        """Build the worksheet off the UI thread; `worksheet_exported` or `worksheet_failed`."""
        self.exports.start_worksheet(Path(path))

    def export_qualification_csv(self, path: str | Path) -> Path:
        """Write the qualification (per account, then the figures) as CSV."""
        return self.exports.write_qualification(Path(path))

    def on_worksheet_clicked(self) -> None:
        self.exports.ask_worksheet()
