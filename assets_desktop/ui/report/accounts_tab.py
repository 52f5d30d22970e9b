"""The Accounts tab, and the tab page the report view fills on first need."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.domain.report import Account
from assets_desktop.ui.report.accounts_model import AccountColumn, AccountsModel
from assets_desktop.ui.report.holdings_model import HoldingColumn, HoldingsModel
from assets_desktop.ui.report.widgets import sortable_table

__all__ = ["LazyPage", "ScrollPage", "accounts_page"]


class LazyPage(QWidget):
    """A tab page whose content is built by `build(page)` on first need."""

    def __init__(self, build: Callable[[QWidget], QWidget], parent: QWidget) -> None:
        super().__init__(parent)
        self._build: Callable[[QWidget], QWidget] | None = build
        self.content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        if self.content is None:
            content = self._build(self) if self._build is not None else QWidget(self)
            self._layout.addWidget(content)
            if self.isVisible():  # (else it shows with the page)
                content.show()
            self.content = content
            self._build = None  # (a method of the view: a reference cycle with it)
        return self.content

    def forget_builder(self) -> None:
        """The view goes: a page not built yet stays empty."""
        self._build = None


class ScrollPage(QScrollArea):
    """A tab page that scrolls its content when the window is short (1024×768) rather than
    pushing the window past the screen. The content goes in with `attach` (its size hints are
    worked out then: ~15 ms for the largest report's summary, a turn of its own), or when the
    page first shows."""

    def __init__(self, content: QWidget, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Marked as sized: else setWidget lays out (and polishes) all of `content` for its
        # size hint, and again when it shows, sized to the page.
        content.setAttribute(Qt.WidgetAttribute.WA_Resized)
        content.hide()  # until attached (a child of the page's parent meanwhile)
        self._content: QWidget | None = content

    def attach(self) -> None:
        """Put the content in (once)."""
        if self._content is not None:
            content, self._content = self._content, None
            self.setWidget(content)

    def showEvent(self, event: QShowEvent) -> None:
        self.attach()
        super().showEvent(event)


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
