"""The Transactions tab: search, filters, a sortable table, CSV export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.domain.analysis.types import Flag, SourcedDeposit
from assets_desktop.domain.report import Account
from assets_desktop.services.export_csv import write_transactions_csv
from assets_desktop.ui.report.formatting import qdate, qt_date_format
from assets_desktop.ui.report.transactions_columns import VISUAL_ORDER, TransactionRows
from assets_desktop.ui.report.transactions_model import (
    SIGN_EXPLANATION,
    Column,
    TransactionFilter,
    TransactionFilterProxy,
    TransactionsModel,
)
from assets_desktop.ui.report.widgets import ask_save_path, select_row

__all__ = ["TransactionsTab"]

_W = TypeVar("_W", bound=QWidget)

_COLUMN_WIDTHS = {
    Column.DATE: 90, Column.ACCOUNT: 170, Column.DESCRIPTION: 280, Column.MERCHANT: 150,
    Column.CATEGORY: 260, Column.MONEY_IN: 110, Column.MONEY_OUT: 110, Column.FLAG: 120,
    Column.BALANCE: 110, Column.NOTE: 220,
}  # fmt: skip
# The column widths and order the underwriter last left, for the next report this session.
_remembered_header: QByteArray | None = None


def _day(edit: QDateEdit) -> dt.date:
    day = edit.date().toPython()
    assert isinstance(day, dt.date)
    return day


def _named(widget: _W, object_name: str, accessible: str) -> _W:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    return widget


class TransactionsTab(QWidget):
    """Every transaction of the report, filterable and sortable.

    Signals:
        filter_applied(int): the number of rows shown after a filter change.
        csv_exported(str): the path a CSV export was written to.
    """

    filter_applied = Signal(int)
    csv_exported = Signal(str)

    def __init__(
        self,
        accounts: Sequence[Account],
        flags: Sequence[Flag],
        parent: QWidget | None = None,
        sourced: Sequence[SourcedDeposit] = (),
        rows: TransactionRows | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transactionsTab")
        self.model = TransactionsModel(accounts, flags, self, sourced, rows)
        self.file_name = "transactions.csv"  # the export's default (the view names it)
        self.proxy = TransactionFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._accounts = list(accounts)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.apply_filters)
        self._build_filters()
        self._build_footer()
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(self._filters)
        self._layout.addLayout(self._footer)
        # The table comes in the next turn of the event loop (or when first asked for): the
        # filters and the table each stall the UI less than both at once.
        self._table: QTableView | None = None
        self._table_hooks: list[Callable[[QTableView], object]] = []
        self._table_timer = QTimer(self)  # a timer, not a posted call: the event loop runs
        self._table_timer.setSingleShot(True)  # its other timers (paints, input) in between
        self._table_timer.timeout.connect(self._ensure_table)
        self._table_timer.start(0)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        self._update_count()

    # --- construction -----------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search = _named(QLineEdit(self), "transactionSearch", "Search transactions")
        self.search.setPlaceholderText("Search description, merchant, category or account…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.account_filter = _named(QComboBox(self), "accountFilter", "Filter by account")
        # Long account names must not set the view's width (1024×768): the box elides them.
        self.account_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.account_filter.setMinimumContentsLength(16)
        self.account_filter.addItem("All accounts", None)
        for account in self._accounts:
            if account.transactions:
                self.account_filter.addItem(account.label, account.account_id)
        self.direction_filter = _named(QComboBox(self), "directionFilter", "Money in or out")
        self.direction_filter.addItem("Money in and out", "all")
        self.direction_filter.addItem("Money in only", "in")
        self.direction_filter.addItem("Money out only", "out")
        first, last = self._date_bounds()
        self.date_from = self._date_edit("dateFrom", "From date", first)
        self.date_to = self._date_edit("dateTo", "To date", last)
        self.amount_min = self._amount_edit("amountMin", "Minimum amount", "any")
        self.amount_max = self._amount_edit("amountMax", "Maximum amount", "any")
        self.flagged_only = _named(QCheckBox("Flagged only", self), "flaggedOnly", "Flagged only")
        self.clear_button = _named(
            QPushButton("Clear filters", self), "clearFilters", "Clear filters"
        )
        self.clear_button.clicked.connect(self.clear_filters)
        for combo in (self.account_filter, self.direction_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.apply_filters())
        for spin in (self.amount_min, self.amount_max):
            spin.valueChanged.connect(lambda _v: self.apply_filters())
        self.flagged_only.toggled.connect(lambda _on: self.apply_filters())
        first_row = QHBoxLayout()
        first_row.addWidget(self.search, 1)
        first_row.addWidget(self.account_filter)
        first_row.addWidget(self.direction_filter)
        first_row.addWidget(self.flagged_only)
        second_row = QHBoxLayout()
        for widget in (
            QLabel("Dates", self),
            self.date_from,
            QLabel("to", self),
            self.date_to,
            QLabel("    Amount", self),
            self.amount_min,
            QLabel("to", self),
            self.amount_max,
        ):
            second_row.addWidget(widget)
        second_row.addStretch(1)
        second_row.addWidget(self.clear_button)
        grid = QVBoxLayout()
        grid.addLayout(first_row)
        grid.addLayout(second_row)
        self._filters = grid

    def _date_edit(self, name: str, accessible: str, value: dt.date) -> QDateEdit:
        edit = _named(QDateEdit(self), name, accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(qt_date_format())  # not the locale's "3 12 2026"
        first, last = self._date_bounds()
        edit.setDateRange(qdate(first), qdate(last))
        edit.setDate(qdate(value))
        return edit

    def _amount_edit(self, name: str, accessible: str, special: str) -> QDoubleSpinBox:
        spin = _named(QDoubleSpinBox(self), name, accessible)
        spin.setRange(0, 1e12)
        spin.setDecimals(2)
        spin.setSpecialValueText(special)
        spin.setGroupSeparatorShown(True)
        spin.setMinimumWidth(110)
        spin.setToolTip("Size of the amount, whether money in or out (0 = any)")
        return spin

    @property
    def table(self) -> QTableView:
        """The transactions table."""
        return self._ensure_table()

    def when_table(self, hook: Callable[[QTableView], object]) -> None:
        """Call `hook(table)` once the table exists (now, if it does)."""
        if self._table is None:
            self._table_hooks.append(hook)
        else:
            hook(self._table)

    def _ensure_table(self) -> QTableView:
        if self._table is None:
            self._table = self._build_table()
            self._layout.insertWidget(1, self._table, 1)
            for hook in self._table_hooks:
                hook(self._table)
            self._table_hooks.clear()
        return self._table

    def _build_table(self) -> QTableView:
        table = _named(QTableView(self), "transactionsTable", "Transactions")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(Column.DATE, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(False)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(24)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in _COLUMN_WIDTHS.items():
            table.setColumnWidth(column, width)
        for position, column in enumerate(VISUAL_ORDER):
            header.moveSection(header.visualIndex(column), position)
        if _remembered_header is not None:
            header.restoreState(_remembered_header)
        header.setSortIndicator(Column.DATE, Qt.SortOrder.DescendingOrder)
        table.setColumnHidden(Column.MERCHANT, not self.model.has_insights)
        table.setColumnHidden(Column.CATEGORY, not self.model.has_insights)
        table.setColumnHidden(Column.BALANCE, not self.model.balances)
        table.setColumnHidden(Column.NOTE, not self.model.notes)
        header.sectionResized.connect(lambda *_args: self._remember_header())
        header.sectionMoved.connect(lambda *_args: self._remember_header())
        return table

    def _remember_header(self) -> None:
        global _remembered_header
        _remembered_header = self.table.horizontalHeader().saveState()

    def _build_footer(self) -> None:
        self.count_label = _named(QLabel(self), "transactionCount", "Transactions shown")
        self.count_label.setWordWrap(True)  # a long count never sets the view's width
        self.sign_label = _named(QLabel(SIGN_EXPLANATION, self), "signExplanation", "Sign")
        self.sign_label.setWordWrap(True)
        self.sign_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.export_button = _named(
            QPushButton("Export CSV…", self), "exportTransactionsCsv", "Export transactions to CSV"
        )
        self.export_button.clicked.connect(self.on_export_clicked)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addWidget(self.sign_label, 1)
        footer.addWidget(self.export_button)
        self._footer = footer

    def _date_bounds(self) -> tuple[dt.date, dt.date]:
        ordinals = self.model.ordinals
        if not ordinals:
            today = dt.date.today()
            return today, today
        return dt.date.fromordinal(min(ordinals)), dt.date.fromordinal(max(ordinals))

    # --- filtering --------------------------------------------------------------------------

    def current_filter(self) -> TransactionFilter:
        """The filter the controls describe."""
        first, last = self._date_bounds()
        date_from = _day(self.date_from)
        date_to = _day(self.date_to)
        low = self.amount_min.value()
        high = self.amount_max.value()
        return TransactionFilter(
            text=self.search.text(),
            account_id=self.account_filter.currentData(),
            date_from=None if date_from <= first else date_from,
            date_to=None if date_to >= last else date_to,
            amount_min=low or None,
            amount_max=high or None,
            direction=self.direction_filter.currentData(),
            flagged_only=self.flagged_only.isChecked(),
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Find):  # when the shortcut map did not fire
            self.focus_search()
            return
        super().keyPressEvent(event)

    def focus_search(self) -> None:
        """Ctrl+F: type to search."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def apply_filters(self) -> None:
        """Filter the table now (the search box waits 150 ms after the last key)."""
        self._search_timer.stop()
        criteria = self.current_filter()
        if criteria != self.proxy.criteria:
            self.proxy.set_filter(criteria)
        self._update_count()
        self.filter_applied.emit(self.proxy.rowCount())

    def clear_filters(self) -> None:
        """Show every transaction again."""
        widgets = (
            self.search, self.account_filter, self.direction_filter, self.date_from,
            self.date_to, self.amount_min, self.amount_max, self.flagged_only,
        )  # fmt: skip
        for widget in widgets:
            widget.blockSignals(True)
        first, last = self._date_bounds()
        self.search.clear()
        self.account_filter.setCurrentIndex(0)
        self.direction_filter.setCurrentIndex(0)
        self.date_from.setDate(qdate(first))
        self.date_to.setDate(qdate(last))
        self.amount_min.setValue(0)
        self.amount_max.setValue(0)
        self.flagged_only.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.apply_filters()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.total
        flagged_rows = self.model.flagged
        flagged = sum(flagged_rows[i] for i in self.model.order)  # shown rows only
        text = f"Showing {shown:,} of {total:,} transactions"
        if flagged:
            text += f" · {flagged:,} flagged"
        self.count_label.setText(text)

    # --- drill-down and export --------------------------------------------------------------

    def select_transaction(self, transaction_id: str) -> bool:
        """Clear filters if they hide it, then select and scroll to a transaction."""
        row = self.model.row_of(transaction_id)
        if row is None and self.model.keep is not None:
            self.clear_filters()
            row = self.model.row_of(transaction_id)
        if row is None:
            return False
        table = self.table  # first: building it sorts the proxy and frees its old index mapping
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        select_row(table, proxy_index)
        table.scrollTo(proxy_index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def show_account(self, account_id: str) -> bool:
        """Show only one account's transactions (False: it has none)."""
        index = self.account_filter.findData(account_id)
        if index < 0:
            return False
        self.account_filter.setCurrentIndex(index)
        self.apply_filters()
        return True

    def selected_transaction_id(self) -> str | None:
        """The transaction of the current row, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.transaction_at(self.proxy.mapToSource(index).row()).transaction_id

    def visible_rows(self) -> list[int]:
        """Source rows shown, in displayed order."""
        return [
            self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            for r in range(self.proxy.rowCount())
        ]

    def export_csv(self, path: str | Path) -> int:
        """Write the shown transactions (filter and order as on screen) to CSV; rows written."""
        indices = [self.model.order[row] for row in self.visible_rows()]
        written = write_transactions_csv(
            Path(path),
            [self.model.transactions[i] for i in indices],
            [self.model.labels[i] for i in indices],
            [self.model.currencies[i] for i in indices],
            self.model.flags_by_transaction,
        )
        self.csv_exported.emit(str(path))
        return written

    def on_export_clicked(self) -> None:
        ask_save_path(
            self, "Export transactions to CSV", "exportCsvDialog", "CSV files (*.csv)",
            self.file_name, self.export_csv,
        )  # fmt: skip
