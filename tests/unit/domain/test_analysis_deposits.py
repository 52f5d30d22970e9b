"""Large deposits: threshold boundaries, review window, transfer and payroll exemptions."""

from __future__ import annotations

from decimal import Decimal

from assets_desktop.domain.analysis import Analysis, AnalysisParameters, FlagCode, analyze
from assets_desktop.domain.analysis.deposits import normalise_source

from .builders import account, report, txn

INCOME = AnalysisParameters(monthly_income=Decimal("6000"))  # threshold 3,000.00


def large(analysis: Analysis) -> list[str | None]:
    return [f.transaction_id for f in analysis.flags if f.code == FlagCode.LARGE_DEPOSIT]


def analyze_deposits(*transactions: object, params: AnalysisParameters = INCOME) -> Analysis:
    return analyze(report(account(transactions=transactions)), params)  # type: ignore[arg-type]


def test_exactly_half_the_income_is_not_large_and_one_cent_more_is() -> None:
    analysis = analyze_deposits(
        txn("half", -3000.00, 10, "MOBILE DEPOSIT"),
        txn("more", -3000.01, 11, "MOBILE DEPOSIT"),
    )
    assert large(analysis) == ["more"]
    flag = analysis.flags[0]
    assert flag.amount == Decimal("3000.01") and flag.account_id == "chk"
    assert flag.message.startswith(
        'Deposit of $3,000.01 ("MOBILE DEPOSIT") on 2026-11-09 into Plaid Checking ••0000 '
        "exceeds 50% of the monthly income of $6,000.00 ($3,000.00); document its source"
    )
    assert analysis.totals["USD"].unsourced_large_deposits == Decimal("3000.01")
    assert analysis.totals["USD"].verified_assets == Decimal("0.00")  # never below zero


def test_threshold_is_exact_for_odd_incomes() -> None:
    params = AnalysisParameters(monthly_income=Decimal("6000.01"))  # threshold 3,000.005
    assert large(analyze_deposits(txn("a", -3000.00, 1, "X"), params=params)) == []
    assert large(analyze_deposits(txn("b", -3000.01, 1, "X"), params=params)) == ["b"]


def test_outflows_and_non_depository_accounts_are_never_large_deposits() -> None:
    out = txn("out", 9000.0, 3, "CHECK 1001")
    card = account(
        "card",
        type="credit",
        subtype="credit card",
        transactions=[txn("pay", -9000.0, 3, "PAYMENT THANK YOU", account_id="card")],
    )
    analysis = analyze(report(account(transactions=[out]), card), INCOME)
    assert large(analysis) == []


def test_review_window_is_60_days_for_purchase_and_30_for_refinance() -> None:
    names = ("SMITH", "JONES", "BROWN", "DAVIS", "MILLER")
    transactions = [
        txn(f"d{n}", -5000.0, n, f"WIRE FROM {name}")
        for n, name in zip((0, 30, 31, 60, 61), names, strict=True)
    ]
    assert large(analyze_deposits(*transactions)) == ["d60", "d31", "d30", "d0"]
    refinance = AnalysisParameters(monthly_income=Decimal("6000"), purpose="refinance")
    analysis = analyze_deposits(*transactions, params=refinance)
    assert large(analysis) == ["d30", "d0"]
    assert "a refinance needs no sourcing" in analysis.flags[0].message
    assert any(n.startswith("Refinance:") for n in analysis.notes)


def test_an_earlier_as_of_date_moves_the_window_back() -> None:
    import datetime as dt

    params = AnalysisParameters(monthly_income=Decimal("6000"), as_of=dt.date(2026, 10, 1))
    analysis = analyze_deposits(
        txn("late", -5000.0, 1, "WIRE"), txn("early", -5000.0, 60, "W"), params=params
    )
    assert large(analysis) == ["early"]


def test_transfer_from_another_account_within_three_days_is_sourced() -> None:
    savings = account(
        "sav",
        name="Plaid Saving",
        mask="1111",
        subtype="savings",
        transactions=[txn("sav-out", 8000.0, 13, "TRANSFER TO CHK", account_id="sav")],
    )
    checking = account(transactions=[txn("in", -8000.0, 10, "TRANSFER FROM SAV 1111")])
    analysis = analyze(report(checking, savings), INCOME)
    assert large(analysis) == []
    (sourced,) = analysis.sourced_deposits
    assert (sourced.transaction_id, sourced.source, sourced.amount) == (
        "in",
        "transfer",
        Decimal("8000.00"),
    )
    assert (sourced.counterpart_account_id, sourced.counterpart_transaction_id) == (
        "sav",
        "sav-out",
    )
    assert analysis.totals["USD"].unsourced_large_deposits == 0


def test_transfer_four_days_apart_or_of_another_amount_or_same_account_is_not_sourced() -> None:
    savings = account(
        "sav",
        mask="1111",
        subtype="savings",
        transactions=[
            txn("far", 8000.0, 14, "TRANSFER", account_id="sav"),
            txn("cent", 7999.99, 10, "TRANSFER", account_id="sav"),
        ],
    )
    checking = account(
        transactions=[txn("in", -8000.0, 10, "TRANSFER IN"), txn("self", 8000.0, 9, "CHECK")]
    )
    analysis = analyze(report(checking, savings), INCOME)
    assert large(analysis) == ["in"]
    assert analysis.sourced_deposits == ()


def test_one_outflow_sources_only_one_deposit() -> None:
    savings = account(
        "sav", mask="1111", transactions=[txn("o", 5000.0, 5, "XFER", account_id="sav")]
    )
    checking = account(
        transactions=[txn("a", -5000.0, 5, "XFER IN"), txn("b", -5000.0, 6, "ONLINE XFER IN")]
    )
    analysis = analyze(report(checking, savings), INCOME)
    assert [d.transaction_id for d in analysis.sourced_deposits] == ["a"]
    assert large(analysis) == ["b"]


def test_recurring_payroll_is_sourced_not_flagged() -> None:
    pay = [
        txn(f"p{n}", -3500.0, n, f"ACME CORP PAYROLL PPD ID: 99{n}") for n in (2, 16, 30, 44, 58)
    ]
    analysis = analyze_deposits(*pay)
    assert large(analysis) == []
    assert {d.source for d in analysis.sourced_deposits} == {"payroll"}
    assert len(analysis.sourced_deposits) == 5


def test_recurring_deposits_without_payroll_words_need_three_at_regular_intervals() -> None:
    two = [txn(f"r{n}", -3200.0, n, "INTUIT TRANSFER CLIENT") for n in (5, 35)]
    assert large(analyze_deposits(*two)) == ["r35", "r5"]
    three = [txn(f"r{n}", -3200.0, n, "INTUIT TRANSFER CLIENT") for n in (5, 35, 65)]
    assert large(analyze_deposits(*three)) == []


def test_a_gift_from_a_recurring_source_far_above_its_usual_amount_is_flagged() -> None:
    usual = [txn(f"z{n}", -400.0, n, "ZELLE FROM MOM") for n in (10, 40, 70, 100)]
    gift = txn("gift", -25000.0, 3, "ZELLE FROM MOM")
    analysis = analyze_deposits(*usual, gift)
    assert large(analysis) == ["gift"]
    assert analysis.sourced_deposits == ()


def test_payroll_words_need_one_other_deposit_from_the_same_source() -> None:
    assert large(analyze_deposits(txn("bonus", -9000.0, 4, "GUSTO PAY 123"))) == ["bonus"]
    analysis = analyze_deposits(
        txn("bonus", -9000.0, 4, "GUSTO PAY 123"), txn("reg", -2000.0, 18, "GUSTO PAY 456")
    )
    assert large(analysis) == []
    assert [d.transaction_id for d in analysis.sourced_deposits] == ["bonus"]


def test_no_income_means_no_large_deposit_check_and_a_note() -> None:
    analysis = analyze_deposits(txn("big", -99999.0, 1, "WIRE"), params=AnalysisParameters())
    assert large(analysis) == []
    assert analysis.large_deposit_threshold is None
    assert any("No monthly income was given" in n for n in analysis.notes)


def test_deposits_in_another_currency_are_not_compared_with_the_income() -> None:
    euro = account(
        "eur",
        currency="EUR",
        transactions=[txn("e", -9000.0, 2, "VIREMENT", account_id="eur", currency="EUR")],
    )
    analysis = analyze(report(account(), euro), INCOME)
    assert large(analysis) == []
    assert any("Deposits in EUR were not checked" in n for n in analysis.notes)


def test_normalised_source_drops_dates_ids_and_noise() -> None:
    assert normalise_source("ACME CORP PAYROLL PPD ID: 99812 11/02") == "ACME CORP PAYROLL"
    assert normalise_source("Direct Dep - Gusto #4451") == "DIRECT DEP GUSTO"
    assert normalise_source("") == ""


def test_a_pending_deposit_and_its_posted_copy_are_one_deposit() -> None:
    pending = txn("p", -9000.0, 3, "MOBILE DEPOSIT", pending=True)
    posted = txn("q", -9000.0, 2, "MOBILE DEPOSIT", pending_transaction_id="p")
    assert large(analyze_deposits(pending, posted)) == ["q"]
    assert large(analyze_deposits(pending)) == ["p"]  # still pending: still a deposit


def test_money_from_a_credit_line_is_borrowed_not_a_sourced_transfer() -> None:
    card = account(
        "card",
        type="credit",
        subtype="credit card",
        transactions=[txn("advance", 8000.0, 10, "CASH ADVANCE", account_id="card")],
    )
    checking = account(transactions=[txn("in", -8000.0, 10, "TRANSFER FROM CARD")])
    analysis = analyze(report(checking, card), INCOME)
    assert large(analysis) == ["in"]
    assert analysis.sourced_deposits == ()
