"""The report view's drill-downs and right-click menus: from a flag or an account to its
transactions (filtered, the account's line bold in the chart), and menus on the flags and the
transactions (copy, show, resolve, add a note)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QTableView, QTabWidget, QWidget

from assets_desktop.ui.report.dialogs import TextDialog, note_dialog
from assets_desktop.ui.report.widgets import select_row

if TYPE_CHECKING:
    from assets_desktop.ui.report.accounts_model import AccountsModel
    from assets_desktop.ui.report.balances_tab import BalancesTab
    from assets_desktop.ui.report.summary_tab import SummaryTab
    from assets_desktop.ui.report.transactions_tab import TransactionsTab
    from assets_desktop.ui.report.view import ReportView

__all__ = ["DrillDown", "Tab", "flag_menu", "transaction_menu"]


class Tab:
    """Tab indexes of the report view."""

    SUMMARY = 0
    ACCOUNTS = 1
    BALANCES = 2
    TRANSACTIONS = 3
    OWNERS = 4
    CHANGES = 5


def _row_text(table: QTableView, row: int) -> str:
    model, header = table.model(), table.horizontalHeader()
    columns = sorted(
        (c for c in range(model.columnCount()) if not table.isColumnHidden(c)),
        key=header.visualIndex,
    )
    return "\t".join(str(model.index(row, c).data() or "") for c in columns)


def _on_right_click(table: QTableView, build: object) -> None:
    def popup(point: QPoint) -> None:
        index = table.indexAt(point)
        if not index.isValid():
            return
        select_row(table, index)
        menu = build(index)  # type: ignore[operator]
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(table.viewport().mapToGlobal(point))

    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.customContextMenuRequested.connect(popup)


def flag_menu(view: ReportView, index: QModelIndex) -> QMenu:
    """The menu of a flag's row: show its transaction or account, resolve it, copy, add a note."""
    summary = view.summary
    table = summary.flags_table
    table.setCurrentIndex(index)
    flag = summary.current_flag()
    menu = QMenu(table)
    menu.setObjectName("flagMenu")
    show = menu.addAction("Show transaction" if flag and flag.transaction_id else "Show account")
    show.setEnabled(bool(flag and (flag.transaction_id or flag.account_id)))
    show.triggered.connect(summary.on_show_clicked)
    txn = next(
        (t for a in view.response.report.accounts() for t in a.transactions
         if flag is not None and t.transaction_id == flag.transaction_id),
        None,
    )  # fmt: skip
    if txn is not None:
        menu.addAction("Show in PDF").triggered.connect(
            lambda: view.pdf_requested.emit(pdf_search_text(txn.description))
        )
    menu.addAction(summary.clear_button.text()).triggered.connect(summary.on_clear_clicked)
    menu.addSeparator()
    text = _row_text(table, index.row())
    menu.addAction("Copy").triggered.connect(lambda: QGuiApplication.clipboard().setText(text))
    menu.addAction("Add note…").triggered.connect(summary.on_note_clicked)
    return menu


def transaction_menu(view: ReportView, index: QModelIndex) -> QMenu:
    """The menu of a transaction's row: copy it, show its flag or its account, add a note."""
    tab = view.transactions
    row = tab.proxy.mapToSource(index).row()
    txn = tab.model.transaction_at(row)
    flags = tab.model.flags_by_transaction.get(txn.transaction_id, [])
    menu = QMenu(tab.table)
    menu.setObjectName("transactionMenu")
    text = _row_text(tab.table, index.row())
    menu.addAction("Copy").triggered.connect(lambda: QGuiApplication.clipboard().setText(text))
    description = str(tab.model.index(row, 2).data() or "")
    menu.addAction("Copy description").triggered.connect(
        lambda: QGuiApplication.clipboard().setText(description)
    )
    menu.addSeparator()
    if flags:
        menu.addAction("Show flag").triggered.connect(lambda: view.show_flag(flags[0].key))
    menu.addAction("Show in PDF").triggered.connect(
        lambda: view.pdf_requested.emit(pdf_search_text(txn.description))
    )
    menu.addAction("Show account in the chart").triggered.connect(
        lambda: view.show_account_balances(txn.account_id)
    )
    menu.addAction("Add note…").triggered.connect(lambda: view.ask_note(f"{text}\n"))
    return menu


def pdf_search_text(description: str) -> str:
    """What to look for in the report's PDF: the description's start (its table may cut it)."""
    return " ".join(description.split())[:24]


class _View(Protocol):
    """What the drill-downs use of the report view."""

    tabs: QTabWidget
    summary: SummaryTab

    @property
    def transactions(self) -> TransactionsTab: ...
    @property
    def balances(self) -> BalancesTab: ...
    @property
    def accounts_model(self) -> AccountsModel: ...
    @property
    def accounts_proxy(self) -> QSortFilterProxyModel: ...
    @property
    def accounts_table(self) -> QTableView: ...
    def add_note(self, text: str) -> None: ...
    def show_account_transactions(self, account_id: str) -> bool: ...


class DrillDown:
    """The drill-downs of the report view (a mixin of `ReportView`)."""

    def show_transaction(self: _View, transaction_id: str) -> bool:
        """Switch to Transactions with the transaction selected."""
        self.tabs.setCurrentIndex(Tab.TRANSACTIONS)
        return self.transactions.select_transaction(transaction_id)

    def show_account(self: _View, account_id: str) -> bool:
        """Switch to Accounts with the account selected."""
        self.tabs.setCurrentIndex(Tab.ACCOUNTS)
        row = self.accounts_model.row_of(account_id)
        if row is None:
            return False
        index = self.accounts_proxy.mapFromSource(self.accounts_model.index(row, 0))
        select_row(self.accounts_table, index)
        return True

    def show_account_transactions(self: _View, account_id: str) -> bool:
        """An account double-clicked: Transactions filtered to it, its chart line bold."""
        self.balances.highlight(account_id)
        self.tabs.setCurrentIndex(Tab.TRANSACTIONS)
        return self.transactions.show_account(account_id)

    def show_account_balances(self: _View, account_id: str) -> None:
        """The balances chart with an account's line bold."""
        self.balances.highlight(account_id)
        self.tabs.setCurrentIndex(Tab.BALANCES)

    def show_flag(self: _View, key: str) -> bool:
        """The summary with a flag selected."""
        self.tabs.setCurrentIndex(Tab.SUMMARY)
        return self.summary.select_flag(key)

    def ask_note(self: _View, text: str = "") -> TextDialog:
        """Ask for a note (prefilled), added with `add_note` when confirmed."""
        dialog = note_dialog(cast(QWidget, self), self.add_note)
        dialog.editor.setPlainText(text)
        dialog.open()
        return dialog

    def _account_activated(self: _View, index: QModelIndex) -> None:
        row = self.accounts_proxy.mapToSource(index).row()
        self.show_account_transactions(self.accounts_model.rows[row].account_id)

    def _install_drill_down(self: _View, tab: int, content: QWidget) -> None:
        """Wire a freshly built tab's double-clicks and right-click menus."""
        view = cast("ReportView", self)
        if tab == Tab.ACCOUNTS:
            self.accounts_table.activated.connect(view._account_activated)
        elif tab == Tab.TRANSACTIONS:
            transactions = cast("TransactionsTab", content)  # its table comes a turn later
            transactions.when_table(
                lambda table: _on_right_click(table, lambda i: transaction_menu(view, i))
            )
        elif tab == Tab.SUMMARY:
            _on_right_click(self.summary.flags_table, lambda i: flag_menu(view, i))
