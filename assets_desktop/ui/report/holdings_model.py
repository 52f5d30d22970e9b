"""The holdings of the report's investment accounts (Assets with Investments), one row each."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any, ClassVar, NamedTuple

from PySide6.QtCore import Qt

from assets_desktop.domain.report import Account, Holding, Security
from assets_desktop.ui.report.formatting import SORT_ROLE, money
from assets_desktop.ui.report.table_model import RowsTableModel


class HoldingColumn(IntEnum):
    ACCOUNT = 0
    SECURITY = 1
    TICKER = 2
    TYPE = 3
    QUANTITY = 4
    PRICE = 5
    VALUE = 6
    VESTED_VALUE = 7


class HoldingRow(NamedTuple):
    account: Account
    holding: Holding
    security: Security | None


_NUMBERS = frozenset(
    (HoldingColumn.QUANTITY, HoldingColumn.PRICE, HoldingColumn.VALUE, HoldingColumn.VESTED_VALUE)
)


def holding_rows(accounts: Sequence[Account]) -> list[HoldingRow]:
    """Every holding of every account that carries `investments`, in report order."""
    return [
        HoldingRow(account, holding, account.investments.security(holding.security_id))
        for account in accounts
        if account.investments is not None
        for holding in account.investments.holdings
    ]


class HoldingsModel(RowsTableModel[HoldingRow]):
    """Security, quantity, price, value and vested value of each holding ("n/a" if not given)."""

    headers: ClassVar[tuple[str, ...]] = (
        "Account",
        "Security",
        "Ticker",
        "Type",
        "Quantity",
        "Price",
        "Value",
        "Vested value",
    )

    right_aligned = _NUMBERS

    def __init__(self, accounts: Sequence[Account], parent: Any = None) -> None:
        super().__init__(holding_rows(accounts), parent)

    def cell(self, row: HoldingRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            value = self._number(row.holding, column)
            if column in _NUMBERS:
                return float("-inf") if value is None else value
            return self._display(row, column).lower()
        return None

    @staticmethod
    def _number(holding: Holding, column: int) -> float | None:
        numbers: dict[int, float | None] = {
            HoldingColumn.QUANTITY: holding.quantity,
            HoldingColumn.PRICE: holding.institution_price,
            HoldingColumn.VALUE: holding.institution_value,
            HoldingColumn.VESTED_VALUE: holding.vested_value,
        }
        return numbers.get(column)

    def _display(self, row: HoldingRow, column: int) -> str:
        holding, security = row.holding, row.security
        currency = holding.iso_currency_code or holding.unofficial_currency_code or "USD"
        if column == HoldingColumn.ACCOUNT:
            return row.account.label
        if column == HoldingColumn.SECURITY:
            return (security.name if security else None) or holding.security_id
        if column == HoldingColumn.TICKER:
            return holding.ticker_symbol or (security.ticker_symbol if security else None) or "—"
        if column == HoldingColumn.TYPE:
            return (security.type if security else None) or "—"
        if column == HoldingColumn.QUANTITY:
            return f"{holding.quantity:,.3f}".rstrip("0").rstrip(".")
        return money(self._number(holding, column), currency)
