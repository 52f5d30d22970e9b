"""Hypothesis strategies for schema-valid Asset Report responses (any values the model allows)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from assets_desktop.domain.report import (
    Account,
    AssetReport,
    AssetReportResponse,
    Balances,
    CreditCategory,
    HistoricalBalance,
    Item,
    Owner,
    PlaidErrorBody,
    ReportUser,
    ReportWarning,
    Transaction,
)

DESCRIPTIONS = [
    "ACME CORP PAYROLL PPD ID: 1",
    "GUSTO PAY 123",
    "NSF FEE",
    "OVERDRAFT PROTECTION TRANSFER",
    "TRANSFER FROM SAVINGS",
    "ZELLE FROM MOM",
    "",
]
NAMES = ["Alberta Bobbeth Charleson", "Charleson, Alberta", "A.", "", "  ", ",", "Jr.", "Ñ-ß"]
money = st.one_of(
    st.integers(-(10**9), 10**9).map(lambda c: c / 100),
    st.floats(allow_nan=False, allow_infinity=False),
)
small_money = st.integers(-500_000, 500_000).map(lambda c: c / 100)
currency = st.sampled_from(["USD", "USD", "EUR", None])
near = st.dates(dt.date(2026, 6, 1), dt.date(2026, 12, 31))
any_date = st.one_of(near, st.dates())
text = st.one_of(st.sampled_from(NAMES + DESCRIPTIONS), st.text(max_size=8))


@st.composite
def transactions(draw: st.DrawFn, account_id: str) -> Transaction:
    return Transaction(
        transaction_id=draw(st.sampled_from(["t1", "t2", "t3"]) | st.uuids().map(str)),
        account_id=account_id,
        amount=draw(st.one_of(small_money, money)),
        date=draw(any_date),
        pending=draw(st.booleans()),
        original_description=draw(st.one_of(st.none(), st.sampled_from(DESCRIPTIONS), text)),
        iso_currency_code=draw(currency),
        category=draw(st.none() | st.lists(st.sampled_from(["Bank Fees", "Overdraft", "x"]),
                                           max_size=3).map(tuple)),
        credit_category=draw(st.none() | st.builds(
            CreditCategory, primary=st.just("BANK_FEES"),
            detailed=st.sampled_from(["BANK_FEES_OVERDRAFT_FEES", "OTHER"]))),
    )  # fmt: skip


@st.composite
def accounts(draw: st.DrawFn) -> Account:
    account_id = draw(st.sampled_from(["a1", "a2", "a3"]) | st.uuids().map(str))
    return Account(
        account_id=account_id,
        name=draw(text),
        type=draw(st.sampled_from(["depository", "credit", "loan", "investment", "brokerage",
                                   "other", ""])),
        subtype=draw(st.none() | text),
        mask=draw(st.none() | st.text(max_size=4)),
        balances=Balances(
            current=draw(st.none() | money),
            available=draw(st.none() | money),
            limit=draw(st.none() | money),
            iso_currency_code=draw(currency),
        ),
        days_available=draw(st.floats(-10, 1e6, allow_nan=False)),
        transactions=tuple(draw(st.lists(transactions(account_id), max_size=8))),
        owners=tuple(draw(st.lists(st.builds(Owner, names=st.lists(text, max_size=3).map(tuple)),
                                   max_size=2))),
        historical_balances=tuple(draw(st.lists(
            st.builds(HistoricalBalance, date=any_date, current=st.one_of(small_money, money)),
            max_size=8))),
    )  # fmt: skip


@st.composite
def responses(draw: st.DrawFn) -> AssetReportResponse:
    items = draw(st.lists(st.builds(
        Item, item_id=st.text(max_size=5), institution_name=text, institution_id=st.just("ins_1"),
        accounts=st.lists(accounts(), max_size=3).map(tuple)), max_size=2))  # fmt: skip
    warnings = draw(st.lists(st.builds(
        ReportWarning, warning_type=st.just("ASSET_REPORT_WARNING"),
        warning_code=st.sampled_from(["OWNERS_UNAVAILABLE", "TRANSACTIONS_UNAVAILABLE", "X"]),
        cause=st.none() | st.builds(PlaidErrorBody, error_type=text, error_code=text,
                                    item_id=st.none() | text)), max_size=3))  # fmt: skip
    generated = draw(st.one_of(
        near.map(lambda d: dt.datetime(d.year, d.month, d.day, 12, tzinfo=dt.UTC)),
        st.datetimes(timezones=st.just(dt.UTC))))  # fmt: skip
    return AssetReportResponse(
        report=AssetReport(
            asset_report_id=draw(st.text(max_size=10)),
            date_generated=generated,
            days_requested=draw(st.floats(0, 731)),
            items=tuple(items),
            user=ReportUser(first_name=draw(st.none() | text), last_name=draw(st.none() | text)),
        ),
        warnings=tuple(warnings),
    )
