"""Balances, averages, minimum, history coverage and totals per currency."""

from __future__ import annotations

from decimal import Decimal

import msgspec

from assets_desktop.domain.analysis import AnalysisParameters, FlagCode, analyze

from .builders import account, history, report


def codes(analysis: object) -> list[str]:
    return [f.code for f in analysis.flags]  # type: ignore[attr-defined]


def test_averages_use_the_days_ending_the_day_before_generation() -> None:
    # 100 days of history: days 1..30 hold 10.00, 31..60 hold 20.00, 61..90 hold 30.00, older 99.
    balances = [10.0] * 30 + [20.0] * 30 + [30.0] * 30 + [99.0] * 10
    analysis = analyze(report(account(balances=balances)), AnalysisParameters())
    chk = analysis.accounts[0]
    assert chk.average_balance_30 == Decimal("10.00")
    assert chk.average_balance_60 == Decimal("15.00")
    assert chk.average_balance_90 == Decimal("20.00")
    assert chk.minimum_balance_60 == Decimal("10.00")


def test_the_generation_day_itself_is_not_averaged() -> None:
    entries = history([1000.0], start=0) + history([5.0])  # day 0 = the generation day
    acc = msgspec.structs.replace(account(), historical_balances=entries)
    chk = analyze(report(acc), AnalysisParameters()).accounts[0]
    assert chk.average_balance_30 == Decimal("5.00")
    assert chk.minimum_balance_60 == Decimal("5.00")


def test_averages_over_fewer_days_when_fewer_exist_and_exact_to_the_cent() -> None:
    # 0.10 + 0.20 + 0.04 = 0.34 / 3 = 0.11333 → 0.11; floats would drift, cents do not.
    chk = analyze(report(account(balances=[0.1, 0.2, 0.04])), AnalysisParameters()).accounts[0]
    assert chk.average_balance_30 == Decimal("0.11")
    assert chk.average_balance_90 == Decimal("0.11")
    # Half a cent rounds up: (0.01 + 0.02) / 2 = 0.015 → 0.02.
    chk = analyze(report(account(balances=[0.01, 0.02])), AnalysisParameters()).accounts[0]
    assert chk.average_balance_30 == Decimal("0.02")


def test_minimum_looks_at_60_days_only() -> None:
    chk = analyze(report(account(balances=[50.0] * 60 + [-500.0])), AnalysisParameters()).accounts[
        0
    ]
    assert chk.minimum_balance_60 == Decimal("50.00")
    assert chk.average_balance_90 == Decimal("40.98")  # (60 × 50.00 − 500.00) / 61 = 40.9836…
    assert chk.negative_days == 1  # the negative day 61 still counts as a negative balance


def test_zero_days_of_history_gives_null_averages_and_insufficient_history() -> None:
    analysis = analyze(report(account(balances=[], days_available=0)), AnalysisParameters())
    chk = analysis.accounts[0]
    assert (chk.average_balance_30, chk.average_balance_60, chk.average_balance_90) == (
        None,
        None,
        None,
    )
    assert chk.minimum_balance_60 is None
    assert not chk.history_ok and not analysis.history_ok
    assert codes(analysis) == [FlagCode.INSUFFICIENT_HISTORY]
    assert "0 days of history; a purchase needs 60" in analysis.flags[0].message


def test_one_day_of_history() -> None:
    analysis = analyze(report(account(balances=[123.45], days_available=1)), AnalysisParameters())
    chk = analysis.accounts[0]
    assert chk.average_balance_30 == chk.average_balance_90 == Decimal("123.45")
    assert chk.minimum_balance_60 == Decimal("123.45")
    assert chk.days_available == 1
    assert codes(analysis) == [FlagCode.INSUFFICIENT_HISTORY]


def test_history_requirement_depends_on_purpose_with_exact_boundaries() -> None:
    def flagged(days: float, purpose: str) -> bool:
        params = AnalysisParameters(purpose=purpose)  # type: ignore[arg-type]
        analysis = analyze(report(account(days_available=days)), params)
        return FlagCode.INSUFFICIENT_HISTORY in codes(analysis)

    assert flagged(59, "purchase") and not flagged(60, "purchase")
    assert flagged(29, "refinance") and not flagged(30, "refinance")
    assert not flagged(45, "refinance")


def test_liability_accounts_never_need_history() -> None:
    card = account(
        "card", name="Plaid Credit Card", type="credit", subtype="credit card", days_available=5
    )
    analysis = analyze(report(account(), card), AnalysisParameters())
    assert analysis.history_ok
    assert FlagCode.INSUFFICIENT_HISTORY not in codes(analysis)


def test_totals_per_currency_assets_and_liabilities_apart() -> None:
    accounts = [
        account("chk", current=1000.10),
        account("sav", name="Plaid Saving", mask="1111", subtype="savings", current=200.20),
        account("ira", name="Plaid IRA", type="investment", subtype="ira", current=3000.0),
        account("eur", name="Compte", currency="EUR", current=50.55),
        account("card", type="credit", subtype="credit card", current=410.0, limit=2000.0),
        account("mtg", type="loan", subtype="mortgage", current=56302.06),
        account("oth", type="other", subtype=None, current=999.0),
    ]
    totals = analyze(report(*accounts), AnalysisParameters()).totals
    assert list(totals) == ["EUR", "USD"]
    assert totals["USD"].assets == Decimal("4200.30")
    assert totals["USD"].liabilities == Decimal("56712.06")
    assert totals["EUR"].assets == Decimal("50.55")
    assert totals["EUR"].liabilities == Decimal("0.00")


def test_null_balances_stay_null_and_are_left_out_of_totals_with_a_note() -> None:
    accounts = [
        account("chk", current=None, available=None),
        account("sav", mask="1111", current=None, available=75.25),
    ]
    analysis = analyze(report(*accounts), AnalysisParameters())
    chk, sav = analysis.accounts
    assert chk.current is None and chk.available is None and chk.limit is None
    assert sav.current is None and sav.available == Decimal("75.25")
    assert analysis.totals["USD"].assets == Decimal("75.25")  # available when current is null
    assert any("Plaid Checking ••0000: left out of the totals" in n for n in analysis.notes)


def test_negative_balance_runs_one_flag_per_run_with_its_length() -> None:
    # newest first: day1 -5, day2 -1, day3 +10, day4 -7, days5..7 +1
    analysis = analyze(
        report(account(balances=[-5.0, -1.0, 10.0, -7.0, 1.0, 1.0, 1.0])), AnalysisParameters()
    )
    runs = [f for f in analysis.flags if f.code == FlagCode.NEGATIVE_BALANCE]
    assert [(f.date.isoformat(), f.days, f.amount) for f in runs] == [  # type: ignore[union-attr]
        ("2026-11-16", 1, Decimal("7.00")),
        ("2026-11-18", 2, Decimal("5.00")),
    ]
    assert analysis.accounts[0].negative_days == 3
    assert "for 2 consecutive days from 2026-11-18 to 2026-11-19 (lowest -$5.00)" in runs[1].message


def test_negative_balances_on_credit_accounts_are_not_flagged() -> None:
    card = account("card", type="credit", subtype="credit card", balances=[-20.0, -30.0])
    analysis = analyze(report(card), AnalysisParameters())
    assert FlagCode.NEGATIVE_BALANCE not in codes(analysis)
    assert analysis.accounts[0].negative_days == 0
