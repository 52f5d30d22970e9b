"""Hand-built reports and analyses for the report-view tests (no sandbox needed)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from assets_desktop.domain.analysis.types import (
    AccountAnalysis,
    Analysis,
    AnalysisParameters,
    CurrencyTotals,
    Flag,
    FlagCode,
)
from assets_desktop.domain.report import (
    Account,
    Address,
    AddressData,
    AssetReport,
    AssetReportResponse,
    Balances,
    Email,
    HistoricalBalance,
    Item,
    Owner,
    PhoneNumber,
    ReportUser,
    Transaction,
)

GENERATED = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
DESCRIPTIONS = [
    "COFFEE SHOP #12",
    "GROCERY MART",
    "PAYROLL ACME CORP",
    "RENT PAYMENT",
    "ATM WITHDRAWAL",
    "ONLINE TRANSFER",
    "GAS STATION 44",
    "RESTAURANT",
]


def build_response(
    transactions_per_account: int = 20,
    accounts: int = 2,
    days: int = 90,
    seed: int = 7,
    negative_account: bool = False,
    user_ssn: str = "123-45-6789",
) -> AssetReportResponse:
    """A report with `accounts` depository accounts (+ one credit card) of random activity."""
    rng = random.Random(seed)
    built: list[Account] = []
    end = GENERATED.date() - dt.timedelta(days=1)
    for a in range(accounts):
        account_id = f"acc{a}"
        txns = []
        for t in range(transactions_per_account):
            date = end - dt.timedelta(days=rng.randrange(days))
            amount = round(rng.uniform(-900, 400), 2) or 1.0
            desc = rng.choice(DESCRIPTIONS)
            txns.append(
                Transaction(
                    transaction_id=f"{account_id}-t{t}",
                    account_id=account_id,
                    amount=amount,
                    date=date,
                    original_description=desc,
                    merchant_name=desc.title() if t % 3 == 0 else None,
                    category=("Food and Drink", "Coffee") if "COFFEE" in desc else None,
                    iso_currency_code="USD",
                )
            )
        txns.sort(key=lambda x: x.date, reverse=True)
        balance = 5000.0 + 1000 * a
        history = []
        for d in range(days):
            balance += rng.uniform(-120, 120)
            low = -300.0 if negative_account and a == 0 and 10 <= d < 14 else None
            history.append(
                HistoricalBalance(
                    date=end - dt.timedelta(days=d),
                    current=round(low if low is not None else balance, 2),
                    iso_currency_code="USD",
                )
            )
        built.append(
            Account(
                account_id=account_id,
                name=f"Checking {a}",
                mask=f"{1000 + a}",
                type="depository",
                subtype="checking",
                balances=Balances(
                    current=round(balance, 2),
                    available=None if a == 1 else round(balance - 10, 2),
                    iso_currency_code="USD",
                ),
                days_available=days,
                transactions=tuple(txns),
                historical_balances=tuple(history),
                owners=(
                    Owner(
                        names=("Alberta Bobbeth Charleson",),
                        emails=(Email(data="alberta@example.com", primary=True),),
                        phone_numbers=(PhoneNumber(data="1112223333", primary=True),),
                        addresses=(
                            Address(
                                data=AddressData(
                                    street="2992 Cameron Road",
                                    city="Malakoff",
                                    region="NY",
                                    postal_code="14236",
                                    country="US",
                                ),
                                primary=True,
                            ),
                        ),
                    ),
                ),
            )
        )
    built.append(
        Account(
            account_id="card",
            name="Credit Card",
            mask="3333",
            type="credit",
            subtype="credit card",
            balances=Balances(current=410.0, available=None, limit=2000.0, iso_currency_code="USD"),
            days_available=days,
        )
    )
    report = AssetReport(
        asset_report_id="report-1234",
        client_report_id="loan-42",
        date_generated=GENERATED,
        days_requested=days,
        items=(
            Item(
                item_id="item-1",
                institution_name="First Platypus Bank",
                institution_id="ins_109508",
                accounts=tuple(built),
            ),
        ),
        user=ReportUser(first_name="Alberta", last_name="Charleson", ssn=user_ssn),
    )
    return AssetReportResponse(report=report, request_id="req-1")


def build_analysis(response: AssetReportResponse) -> Analysis:
    """A plausible analysis with one flag of each kind the views show."""
    report = response.report
    accounts = []
    for item in report.items:
        for acc in item.accounts:
            cur = None if acc.balances.current is None else Decimal(str(acc.balances.current))
            avail = acc.balances.available
            accounts.append(
                AccountAnalysis(
                    account_id=acc.account_id,
                    item_id=item.item_id,
                    institution_name=item.institution_name,
                    name=acc.name,
                    mask=acc.mask,
                    label=acc.label,
                    type=acc.type,
                    subtype=acc.subtype,
                    currency=acc.balances.currency,
                    current=cur,
                    available=None if avail is None else Decimal(str(avail)),
                    limit=None if acc.balances.limit is None else Decimal(str(acc.balances.limit)),
                    days_available=int(acc.days_available),
                    average_balance_30=Decimal("5100.10") if acc.type == "depository" else None,
                    average_balance_60=Decimal("5050.00") if acc.type == "depository" else None,
                    average_balance_90=Decimal("4990.99") if acc.type == "depository" else None,
                    minimum_balance_60=Decimal("-300.00") if acc.type == "depository" else None,
                    nsf_count=1 if acc.account_id == "acc0" else 0,
                    negative_days=0,
                    owner_match="match",
                    owner_names=("Alberta Bobbeth Charleson",),
                    history_ok=True,
                )
            )
    first = report.items[0].accounts[0]
    txn = first.transactions[0] if first.transactions else None
    flags = []
    if txn is not None:
        flags.append(
            Flag(
                code=FlagCode.LARGE_DEPOSIT,
                account_id=first.account_id,
                transaction_id=txn.transaction_id,
                date=txn.date,
                amount=Decimal("4200.00"),
                message="Deposit of $4,200.00 exceeds half the monthly income: source it.",
                key=f"LARGE_DEPOSIT:{first.account_id}:{txn.transaction_id}",
                currency="USD",
            )
        )
    flags.append(
        Flag(
            code=FlagCode.NEGATIVE_BALANCE,
            account_id=first.account_id,
            transaction_id=None,
            date=report.date_generated.date() - dt.timedelta(days=14),
            amount=Decimal("300.00"),
            message="Balance negative for 4 days: ask the borrower to explain.",
            key=f"NEGATIVE_BALANCE:{first.account_id}:start",
            currency="USD",
            days=4,
        )
    )
    return Analysis(
        asset_report_id=report.asset_report_id,
        date_generated=report.date_generated.date(),
        as_of=report.date_generated.date(),
        parameters=AnalysisParameters(borrower="Alberta Charleson"),
        totals={
            "USD": CurrencyTotals(
                assets=Decimal("11000.00"),
                liabilities=Decimal("410.00"),
                unsourced_large_deposits=Decimal("4200.00"),
            )
        },
        accounts=tuple(accounts),
        flags=tuple(flags),
        sourced_deposits=(),
        notes=("Large deposits checked against a monthly income of $6,000.00.",),
        history_required_days=60,
        history_ok=True,
        review_window_start=report.date_generated.date() - dt.timedelta(days=60),
        large_deposit_threshold=Decimal("3000.00"),
    )
