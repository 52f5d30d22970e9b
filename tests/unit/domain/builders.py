"""Hand-built Asset Reports for the analysis tests: every field explicit, nothing random."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from assets_desktop.domain.report import (
    Account,
    AssetReport,
    AssetReportResponse,
    Balances,
    HistoricalBalance,
    Item,
    Owner,
    PlaidErrorBody,
    ReportUser,
    ReportWarning,
    Transaction,
)

GENERATED = dt.datetime(2026, 11, 20, 15, 30, tzinfo=dt.UTC)
TODAY = GENERATED.date()
BORROWER = ("Alberta", "Charleson")


def day(offset: int) -> dt.date:
    """The date `offset` days before the report was generated."""
    return TODAY - dt.timedelta(days=offset)


def txn(
    transaction_id: str,
    amount: float,
    days_ago: int,
    description: str = "",
    *,
    account_id: str = "chk",
    currency: str | None = "USD",
    **extra: object,
) -> Transaction:
    """A transaction `days_ago` days before generation; amount in Plaid's sign (+ = out)."""
    return Transaction(
        transaction_id=transaction_id,
        account_id=account_id,
        amount=amount,
        date=day(days_ago),
        original_description=description,
        iso_currency_code=currency,
        **extra,  # type: ignore[arg-type]
    )


def history(balances: Sequence[float], *, start: int = 1) -> tuple[HistoricalBalance, ...]:
    """End-of-day balances, newest first: balances[0] is `start` days before generation."""
    return tuple(
        HistoricalBalance(date=day(start + i), current=value, iso_currency_code="USD")
        for i, value in enumerate(balances)
    )


def account(
    account_id: str = "chk",
    *,
    name: str = "Plaid Checking",
    mask: str | None = "0000",
    type: str = "depository",
    subtype: str | None = "checking",
    current: float | None = 1000.0,
    available: float | None = 900.0,
    limit: float | None = None,
    currency: str = "USD",
    days_available: float = 90,
    owners: Sequence[Sequence[str]] = (("Alberta Bobbeth Charleson",),),
    transactions: Sequence[Transaction] = (),
    balances: Sequence[float] | None = None,
) -> Account:
    """A depository checking account by default, owned by the borrower."""
    return Account(
        account_id=account_id,
        name=name,
        mask=mask,
        type=type,
        subtype=subtype,
        balances=Balances(
            current=current, available=available, limit=limit, iso_currency_code=currency
        ),
        days_available=days_available,
        owners=tuple(Owner(names=tuple(names)) for names in owners),
        transactions=tuple(transactions),
        historical_balances=history(balances) if balances is not None else (),
    )


def warning(code: str = "OWNERS_UNAVAILABLE", item_id: str = "item-1") -> ReportWarning:
    """A report warning with an Item cause."""
    return ReportWarning(
        warning_type="ASSET_REPORT_WARNING",
        warning_code=code,
        cause=PlaidErrorBody(
            error_type="ITEM_ERROR",
            error_code="PRODUCT_NOT_SUPPORTED",
            error_message="the institution does not provide this data",
            item_id=item_id,
        ),
    )


def report(
    *accounts: Account,
    warnings: Sequence[ReportWarning] = (),
    user: tuple[str | None, str | None] = BORROWER,
    generated: dt.datetime = GENERATED,
    report_id: str = "report-1",
) -> AssetReportResponse:
    """A response with one Item holding `accounts` (a default checking account if none)."""
    return AssetReportResponse(
        report=AssetReport(
            asset_report_id=report_id,
            date_generated=generated,
            days_requested=90,
            items=(
                Item(
                    item_id="item-1",
                    institution_name="First Platypus Bank",
                    institution_id="ins_109508",
                    accounts=tuple(accounts) or (account(),),
                ),
            ),
            user=ReportUser(first_name=user[0], last_name=user[1]),
        ),
        warnings=tuple(warnings),
    )
