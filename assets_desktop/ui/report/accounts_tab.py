"""The Accounts tab: the accounts table and, for investment accounts, their holdings."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.domain.report import Account
from assets_desktop.ui.report.accounts_model import AccountColumn, AccountsModel
from assets_desktop.ui.report.holdings_model import HoldingColumn, HoldingsModel
from assets_desktop.ui.report.widgets import sortable_table

__all__ = ["accounts_page"]


def accounts_page(
    model: AccountsModel, parent: QWidget, accounts: Sequence[Account] = ()
) -> tuple[QWidget, QTableView, QSortFilterProxyModel]:
    """The Accounts tab: the page, its table and the table's sorting proxy.

    Below the accounts, the holdings of investment accounts when the report has them (a report
    created with `add_ons: ["investments"]`).
    """
    page = QWidget(parent)
    page.setObjectName("accountsTab")
    table, proxy = _accounts_table(model, page)
    layout = QVBoxLayout(page)
    layout.addWidget(table, 1)
    holdings = HoldingsModel(accounts, page)
    if holdings.row_total():
        title = QLabel(f"<b>Holdings</b> ({holdings.row_total()})", page)
        layout.addWidget(title)
        layout.addWidget(_holdings_table(holdings, page), 1)
    hint = QLabel(
        "Averages and minimum are over end-of-day balances of the days before the report "
        "was generated. Red: needs attention (negative, short history, NSF fees, owner "
        "not matching the borrower).",
        page,
    )
    hint.setWordWrap(True)
    hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    layout.addWidget(hint)
    return page, table, proxy


def _accounts_table(
    model: AccountsModel, parent: QWidget
) -> tuple[QTableView, QSortFilterProxyModel]:
    widths = {
        AccountColumn.ACCOUNT: 185,
        AccountColumn.INSTITUTION: 140,
        AccountColumn.TYPE: 140,
        AccountColumn.DAYS: 50,
        AccountColumn.NSF: 45,
        AccountColumn.OWNER_MATCH: 105,
    }
    names = ("accountsTable", "Accounts")
    table, proxy = sortable_table(
        parent, names, model, [(c, widths.get(c, 92)) for c in AccountColumn]
    )
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table, proxy


def _holdings_table(model: HoldingsModel, parent: QWidget) -> QTableView:
    widths = {HoldingColumn.ACCOUNT: 185, HoldingColumn.SECURITY: 260, HoldingColumn.TYPE: 100}
    names = ("holdingsTable", "Holdings")
    table, _proxy = sortable_table(
        parent, names, model, [(c, widths.get(c, 92)) for c in HoldingColumn]
    )
    return table
