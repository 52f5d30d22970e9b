"""The Accounts table: balances, averages, minimum, history, owners' match and NSF count."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from assets_desktop.domain.analysis.types import AccountAnalysis
from assets_desktop.ui.colors import palette_colors
from assets_desktop.ui.report.formatting import SORT_ROLE, money
from assets_desktop.ui.report.table_model import RowsTableModel

__all__ = ["OWNER_MATCH_TEXT", "AccountColumn", "AccountsModel"]


OWNER_MATCH_TEXT = {
    "match": "Match",
    "partial": "Partial match",
    "mismatch": "Mismatch",
    "unavailable": "Unavailable",
}


class AccountColumn(IntEnum):
    ACCOUNT = 0
    INSTITUTION = 1
    TYPE = 2
    CURRENT = 3
    AVAILABLE = 4
    LIMIT = 5
    AVERAGE_30 = 6
    AVERAGE_60 = 7
    AVERAGE_90 = 8
    MINIMUM_60 = 9
    DAYS = 10
    OWNER_MATCH = 11
    NSF = 12


TOOLTIPS: dict[int, str] = {
    AccountColumn.AVERAGE_30: "Average end-of-day balance over the last 30 days",
    AccountColumn.AVERAGE_60: "Average end-of-day balance over the last 60 days",
    AccountColumn.AVERAGE_90: "Average end-of-day balance over the last 90 days",
    AccountColumn.MINIMUM_60: "Lowest end-of-day balance over the last 60 days",
    AccountColumn.DAYS: "Days of history available, against the days the loan purpose needs",
    AccountColumn.NSF: "NSF and overdraft fee transactions",
}
_MONEY: dict[int, Callable[[AccountAnalysis], Decimal | None]] = {
    AccountColumn.CURRENT: lambda a: a.current,
    AccountColumn.AVAILABLE: lambda a: a.available,
    AccountColumn.LIMIT: lambda a: a.limit,
    AccountColumn.AVERAGE_30: lambda a: a.average_balance_30,
    AccountColumn.AVERAGE_60: lambda a: a.average_balance_60,
    AccountColumn.AVERAGE_90: lambda a: a.average_balance_90,
    AccountColumn.MINIMUM_60: lambda a: a.minimum_balance_60,
}


def type_text(account: AccountAnalysis) -> str:
    """`depository · checking`."""
    return f"{account.type} · {account.subtype}" if account.subtype else account.type


class AccountsModel(RowsTableModel[AccountAnalysis]):
    """One row per account of the analysis."""

    headers = (
        "Account", "Institution", "Type", "Current", "Available", "Limit", "Avg 30 d",
        "Avg 60 d", "Avg 90 d", "Min 60 d", "Days", "Owner match", "NSF",
    )  # fmt: skip
    header_tips = TOOLTIPS
    right_aligned = frozenset((*_MONEY, AccountColumn.DAYS, AccountColumn.NSF))

    def __init__(self, accounts: Sequence[AccountAnalysis], parent: Any = None) -> None:
        super().__init__(accounts, parent)
        self._warn_brush = QBrush(palette_colors().bad)

    def cell(self, row: AccountAnalysis, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and self._is_warning(row, column):
            return self._warn_brush
        if role == Qt.ItemDataRole.ToolTipRole and column == AccountColumn.OWNER_MATCH:
            names = ", ".join(row.owner_names) or "no owner names in the report"
            return f"Owners: {names}"
        return None

    def row_of(self, account_id: str) -> int | None:
        """The row of an account, or None."""
        return next((row for row, a in enumerate(self.rows) if a.account_id == account_id), None)

    def _display(self, account: AccountAnalysis, column: int) -> str:
        if column == AccountColumn.ACCOUNT:
            return account.label
        if column == AccountColumn.INSTITUTION:
            return account.institution_name
        if column == AccountColumn.TYPE:
            return type_text(account)
        if column in _MONEY:
            return money(_MONEY[column](account), account.currency)
        if column == AccountColumn.DAYS:
            return f"{account.days_available:,}"
        if column == AccountColumn.OWNER_MATCH:
            return OWNER_MATCH_TEXT.get(account.owner_match, account.owner_match)
        return f"{account.nsf_count:,}"

    def _sort_value(self, account: AccountAnalysis, column: int) -> Any:
        if column in _MONEY:
            value = _MONEY[column](account)
            return float("-inf") if value is None else float(value)
        if column == AccountColumn.DAYS:
            return account.days_available
        if column == AccountColumn.NSF:
            return account.nsf_count
        return self._display(account, column).lower()

    @staticmethod
    def _is_warning(account: AccountAnalysis, column: int) -> bool:
        if column == AccountColumn.NSF:
            return account.nsf_count > 0
        if column == AccountColumn.DAYS:
            return not account.history_ok
        if column == AccountColumn.OWNER_MATCH:
            return account.owner_match != "match"
        if column == AccountColumn.MINIMUM_60:
            return account.minimum_balance_60 is not None and account.minimum_balance_60 < 0
        if column == AccountColumn.CURRENT and account.is_asset:
            return account.current is not None and account.current < 0
        return False
