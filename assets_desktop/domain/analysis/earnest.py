"""The earnest money deposit (Fannie Mae B3-4.3-09): find its withdrawal and check that the
account's two-month average balance supported it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from assets_desktop.domain.analysis.money import format_money, to_cents
from assets_desktop.domain.analysis.types import Analysis
from assets_desktop.domain.report import AssetReportResponse

#: How far from the entered date a withdrawal of the same amount still counts as the EMD.
DATE_TOLERANCE_DAYS = 10


@dataclass(frozen=True)
class EarnestMoneyCheck:
    """The withdrawal found for the EMD (or None) and whether the 60-day average supports it."""

    amount: Decimal
    date: dt.date | None
    account_id: str | None
    transaction_id: str | None
    withdrawn_on: dt.date | None
    average_balance_60: Decimal | None
    supported: bool | None
    message: str


def check_earnest_money(
    response: AssetReportResponse,
    analysis: Analysis,
    amount: Decimal,
    date: dt.date | None,
    currency: str,
) -> EarnestMoneyCheck:
    """The depository outflow of exactly `amount` nearest `date` (within 10 days; any date when
    none is given), and whether that account's 60-day average balance is at least `amount`."""
    cents = int(amount * 100)
    best: tuple[int, str, str, dt.date] | None = None
    for item in response.report.items:
        for account in item.accounts:
            if account.type != "depository" or account.balances.currency != currency:
                continue
            for t in account.transactions:
                if t.amount <= 0 or to_cents(t.amount) != cents:
                    continue
                distance = abs((t.date - date).days) if date else 0
                if date and distance > DATE_TOLERANCE_DAYS:
                    continue
                candidate = (distance, account.account_id, t.transaction_id, t.date)
                if best is None or candidate[:1] < best[:1]:
                    best = candidate
    money = format_money(amount, currency)
    if best is None:
        around = f" within {DATE_TOLERANCE_DAYS} days of {date.isoformat()}" if date else ""
        return EarnestMoneyCheck(
            amount, date, None, None, None, None, None,
            f"Earnest money {money}: no withdrawal of that amount found{around}; obtain the "
            "cancelled check or the escrow receipt and the statement it cleared on (B3-4.3-09).",
        )  # fmt: skip
    _, account_id, transaction_id, withdrawn = best
    figures = analysis.account(account_id)
    average = figures.average_balance_60 if figures else None
    label = figures.label if figures else account_id
    supported = None if average is None else average >= amount
    if supported is None:
        verdict = "no balance history to check the 2-month average; obtain statements"
    elif supported:
        verdict = f"the 2-month average balance {format_money(average or Decimal(0), currency)} "
        verdict += "supports it"
    else:
        verdict = (
            f"the 2-month average balance {format_money(average or Decimal(0), currency)} is "
            "below it: document the source of the funds"
        )
    return EarnestMoneyCheck(
        amount, date, account_id, transaction_id, withdrawn, average, supported,
        f"Earnest money {money} withdrawn from {label} on {withdrawn.isoformat()}: {verdict} "
        "(B3-4.3-09).",
    )  # fmt: skip
