"""NSF fees, owners, age, report warnings, flag keys and order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from assets_desktop.domain.analysis import Analysis, AnalysisParameters, FlagCode, analyze
from assets_desktop.domain.report import CreditCategory

from .builders import account, report, txn, warning

INSUFFICIENT_FUNDS = CreditCategory(primary="BANK_FEES", detailed="BANK_FEES_INSUFFICIENT_FUNDS")


def codes(analysis: Analysis) -> list[str]:
    return [f.code.value for f in analysis.flags]


@pytest.mark.parametrize(
    "description",
    [
        "NSF FEE",
        "Insufficient Funds Fee",
        "OVERDRAFT ITEM FEE",
        "RETURNED ITEM FEE 0412",
        "OD FEE",
        "Non-Sufficient Funds Charge",
        "OVERDRAFT PROTECTION TRANSFER FEE",
    ],
)
def test_fee_descriptions_are_nsf_fees(description: str) -> None:
    analysis = analyze(
        report(account(transactions=[txn("f", 35.0, 4, description)])), AnalysisParameters()
    )
    assert codes(analysis) == ["NSF_FEE"]
    assert analysis.accounts[0].nsf_count == 1
    flag = analysis.flags[0]
    assert (flag.transaction_id, flag.amount, flag.date) == (
        "f",
        Decimal("35.00"),
        txn("f", 1, 4).date,
    )
    assert "ask the borrower for a letter of explanation" in flag.message


@pytest.mark.parametrize(
    ("amount", "description"),
    [
        (500.0, "OVERDRAFT PROTECTION TRANSFER TO CHK"),  # moves money: no fee
        (-35.0, "OVERDRAFT FEE REFUND"),  # money in: a refund, not a fee
        (12.0, "NETFLIX.COM"),
    ],
)
def test_non_fees_are_not_counted(amount: float, description: str) -> None:
    analysis = analyze(
        report(account(transactions=[txn("t", amount, 4, description)])), AnalysisParameters()
    )
    assert analysis.accounts[0].nsf_count == 0
    assert codes(analysis) == []


def test_insights_categories_recognise_fees_without_telling_descriptions() -> None:
    transactions = [
        txn("legacy", 34.0, 5, "SERVICE CHARGE", category=("Bank Fees", "Overdraft")),
        txn("credit", 34.0, 6, "BANK ADJ", credit_category=INSUFFICIENT_FUNDS),
        txn("other", 5.0, 7, "MONTHLY FEE", category=("Bank Fees", "ATM")),
    ]
    analysis = analyze(report(account(transactions=transactions)), AnalysisParameters())
    assert analysis.accounts[0].nsf_count == 2
    assert sorted(f.transaction_id or "" for f in analysis.flags) == ["credit", "legacy"]
    assert "2 such fees on this account" in analysis.flags[0].message


def test_owner_match_results_and_flags() -> None:
    accounts = [
        account("a", owners=[["CHARLESON, ALBERTA B."]]),
        account("b", owners=[["A. Charleson"]]),
        account("c", owners=[["Jane Roe"]]),
        account("d", owners=[]),
        account("e", owners=[["Robert Charleson", "Alberta Charleson"]]),  # joint: one Owner
        account("f", owners=[["Robert Charleson"], ["alberta charleson"]]),  # two Owners
    ]
    analysis = analyze(report(*accounts, user=("Alberta", "Charleson")), AnalysisParameters())
    assert [a.owner_match for a in analysis.accounts] == [
        "match",
        "partial",
        "mismatch",
        "unavailable",
        "match",
        "match",
    ]
    flags = [(f.code.value, f.account_id) for f in analysis.flags]
    assert flags == [("OWNER_MISMATCH", "b"), ("OWNER_MISMATCH", "c"), ("OWNERS_UNAVAILABLE", "d")]
    messages = {f.account_id: f.message for f in analysis.flags}
    assert "only partly matches the borrower Alberta Charleson" in messages["b"]
    assert "(Jane Roe) does not match the borrower Alberta Charleson" in messages["c"]
    assert "Plaid returned no owner names for Plaid Checking ••0000" in messages["d"]


def test_borrower_parameter_overrides_the_report_user() -> None:
    acc = account(owners=[["Jane Q Roe"]])
    params = AnalysisParameters(borrower="Jane Roe")
    analysis = analyze(report(acc), params)
    assert analysis.parameters.borrower == "Jane Roe"
    assert analysis.accounts[0].owner_match == "match"


def test_no_borrower_anywhere_leaves_owners_unavailable_with_a_note() -> None:
    analysis = analyze(report(account(), user=(None, None)), AnalysisParameters())
    assert analysis.parameters.borrower is None
    assert analysis.accounts[0].owner_match == "unavailable"
    assert codes(analysis) == []  # owners exist; only the borrower is unknown
    assert any("No borrower name was given" in n for n in analysis.notes)


def test_stale_data_after_more_than_45_days() -> None:
    generated = report().report.date_generated.date()
    at_limit = AnalysisParameters(as_of=generated + dt.timedelta(days=45))
    assert codes(analyze(report(), at_limit)) == []
    late = AnalysisParameters(as_of=generated + dt.timedelta(days=46))
    analysis = analyze(report(), late)
    assert codes(analysis) == ["STALE_DATA"]
    flag = analysis.flags[0]
    assert flag.date == generated and flag.days == 46 and flag.account_id is None
    assert "46 days before the as-of date 2027-01-05 (limit 45 days); refresh" in flag.message
    configurable = AnalysisParameters(as_of=generated + dt.timedelta(days=11), stale_days=10)
    assert codes(analyze(report(), configurable)) == ["STALE_DATA"]


def test_report_warnings_pass_through_with_stable_keys() -> None:
    warnings = [
        warning("OWNERS_UNAVAILABLE"),
        warning("TRANSACTIONS_UNAVAILABLE", "item-2"),
        warning("OWNERS_UNAVAILABLE"),
    ]
    analysis = analyze(report(warnings=warnings), AnalysisParameters())
    flags = [f for f in analysis.flags if f.code == FlagCode.REPORT_WARNING]
    assert [f.key for f in flags] == [
        "REPORT_WARNING:OWNERS_UNAVAILABLE:item-1",
        "REPORT_WARNING:TRANSACTIONS_UNAVAILABLE:item-2",
        "REPORT_WARNING:OWNERS_UNAVAILABLE:item-1#2",
    ]
    assert flags[0].message.startswith(
        "Plaid warned OWNERS_UNAVAILABLE (ASSET_REPORT_WARNING) for Item item-1 "
        "(PRODUCT_NOT_SUPPORTED: the institution does not provide this data); verify who holds"
    )
    assert "obtain statements covering the missing transactions" in flags[1].message


def test_flag_keys_are_unique_and_stable_across_runs() -> None:
    transactions = [txn("f1", 35.0, 3, "NSF FEE"), txn("big", -9000.0, 2, "WIRE")]
    response = report(
        account(
            balances=[-1.0, 5.0, -2.0],
            days_available=3,
            transactions=transactions,
            owners=[["Jane Roe"]],
        ),
        account("sav", mask="1111", owners=[]),
        warnings=[warning()],
    )
    params = AnalysisParameters(monthly_income=Decimal(5000), as_of=dt.date(2027, 3, 1))
    first, second = analyze(response, params), analyze(response, params)
    assert first == second
    keys = [f.key for f in first.flags]
    assert len(set(keys)) == len(keys)
    assert set(codes(first)) == {c.value for c in FlagCode}  # every flag code in one report
    assert first.flagged_transaction_ids == {"f1", "big"}
