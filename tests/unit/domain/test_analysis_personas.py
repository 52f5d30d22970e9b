"""The analysis on every sandbox persona: each shows what it was built to show.

Reports are built the way the sandbox serves them (generate_item → build_report →
render_report_json) and decoded with the app's decoder.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache

import pytest

from assets_desktop.domain.analysis import Analysis, AnalysisParameters, FlagCode, analyze
from assets_desktop.domain.report import AssetReportResponse, decode_report_response, encode
from assets_desktop.sandbox.data import generate_item
from assets_desktop.sandbox.reportgen import build_report, render_report_json

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
USER = {"first_name": "Alberta", "last_name": "Charleson", "client_user_id": "borrower-42"}
INCOME = AnalysisParameters(monthly_income=Decimal("6000"))


@cache
def persona(username: str, institution_id: str = "ins_109508") -> AssetReportResponse:
    item = generate_item(username, institution_id, item_id=f"item-{username}", seed=7, now=NOW)
    stored = build_report(
        [item],
        asset_report_id=f"report-{username}",
        client_report_id=None,
        days_requested=731,
        user=USER,
        date_generated=NOW,
    )
    report, warnings = render_report_json(
        stored, include_insights=True, days_to_include=None, fast=False
    )
    return decode_report_response(encode({"report": report, "warnings": warnings}))


def codes(analysis: Analysis) -> set[str]:
    return {f.code.value for f in analysis.flags}


def by_mask(analysis: Analysis) -> dict[str | None, object]:
    return {a.mask: a for a in analysis.accounts}


def test_user_good_has_plaids_known_balances_and_a_clean_review() -> None:
    analysis = analyze(persona("user_good"), INCOME)
    current = {a.mask: a.current for a in analysis.accounts}
    assert current == {
        "0000": Decimal("110.00"),
        "1111": Decimal("210.00"),
        "2222": Decimal("1000.00"),
        "3333": Decimal("410.00"),
        "4444": Decimal("43200.00"),
        "5555": Decimal("320.76"),
        "8888": Decimal("56302.06"),
    }
    totals = analysis.totals["USD"]
    assert totals.assets == Decimal("44840.76")  # depository + investment
    assert totals.liabilities == Decimal("56712.06")  # credit card + mortgage
    assert {a.owner_match for a in analysis.accounts} == {"match"}
    assert not codes(analysis) & {"LARGE_DEPOSIT", "NSF_FEE", "NEGATIVE_BALANCE", "OWNER_MISMATCH"}
    assert analysis.accounts[0].average_balance_30 is not None


def test_user_steady_payroll_paychecks_are_payroll_not_large_deposits() -> None:
    clean = analyze(persona("user_steady_payroll"), INCOME)
    assert codes(clean) == set()
    low_income = AnalysisParameters(monthly_income=Decimal("4000"))  # paychecks 2,645 > 2,000
    analysis = analyze(persona("user_steady_payroll"), low_income)
    assert "LARGE_DEPOSIT" not in codes(analysis)
    payroll = [d for d in analysis.sourced_deposits if d.source == "payroll"]
    assert len(payroll) >= 4  # biweekly over the 60-day window
    assert {d.amount for d in payroll} == {Decimal("2645.00")}


def test_user_gift_deposit_flags_the_gift_and_sources_the_savings_transfer() -> None:
    analysis = analyze(persona("user_gift_deposit"), INCOME)
    large = [f for f in analysis.flags if f.code == FlagCode.LARGE_DEPOSIT]
    assert len(large) == 1
    gift = large[0]
    assert gift.amount == Decimal("25000.00")
    assert gift.date == NOW.date() - dt.timedelta(days=21)
    assert "HAROLD P CHARLESON REF GIFT" in gift.message and "$25,000.00" in gift.message
    transfers = [d for d in analysis.sourced_deposits if d.source == "transfer"]
    assert [d.amount for d in transfers] == [Decimal("8000.00")]
    savings = next(a for a in analysis.accounts if a.subtype == "savings")
    assert transfers[0].counterpart_account_id == savings.account_id
    totals = analysis.totals["USD"]
    assert totals.unsourced_large_deposits == Decimal("25000.00")
    assert totals.verified_assets == totals.assets - Decimal("25000.00")
    refinance = analyze(
        persona("user_gift_deposit"),
        AnalysisParameters(monthly_income=Decimal(6000), purpose="refinance"),
    )
    assert [f.amount for f in refinance.flags if f.code == FlagCode.LARGE_DEPOSIT] == [
        Decimal("25000.00")
    ]  # 21 days ago: inside the 30-day refinance window too


def test_user_nsf_overdraft_counts_fees_and_negative_runs() -> None:
    analysis = analyze(persona("user_nsf_overdraft"), INCOME)
    checking = next(a for a in analysis.accounts if a.subtype == "checking")
    fees = [f for f in analysis.flags if f.code == FlagCode.NSF_FEE]
    assert checking.nsf_count == len(fees) > 0
    messages = " ".join(f.message for f in fees)
    assert all(word in messages for word in ("OVERDRAFT", "NSF", "RETURNED ITEM"))
    runs = [f for f in analysis.flags if f.code == FlagCode.NEGATIVE_BALANCE]
    assert runs and all(f.account_id == checking.account_id for f in runs)
    assert sum(f.days or 0 for f in runs) == checking.negative_days
    assert any((f.days or 0) > 1 for f in runs)  # runs, not single days


def test_user_joint_account_matches_either_owner() -> None:
    response = persona("user_joint_account")
    for borrower in (None, "Marcus Charleson", "CHARLESON, MARCUS T"):
        analysis = analyze(response, AnalysisParameters(borrower=borrower))
        assert {a.owner_match for a in analysis.accounts} == {"match"}, borrower
        assert len(analysis.accounts[0].owner_names) == 2
    stranger = analyze(response, AnalysisParameters(borrower="Jane Roe"))
    mismatches = [f for f in stranger.flags if f.code == FlagCode.OWNER_MISMATCH]
    assert len(mismatches) == len(stranger.accounts)
    assert "Marcus T. Charleson" in mismatches[0].message


def test_user_thin_history_is_insufficient_for_purchase_and_refinance() -> None:
    for purpose in ("purchase", "refinance"):
        analysis = analyze(persona("user_thin_history"), AnalysisParameters(purpose=purpose))
        thin = [f for f in analysis.flags if f.code == FlagCode.INSUFFICIENT_HISTORY]
        assert len(thin) == 2 and not analysis.history_ok
        assert all(a.days_available < 30 for a in analysis.accounts)
    checking = analysis.accounts[0]
    assert checking.average_balance_30 == checking.average_balance_90  # fewer days: same set


def test_user_heavy_spender_near_the_limit_analyses_cleanly() -> None:
    response = persona("user_heavy_spender")
    assert 14_000 < response.report.transaction_count() <= 15_000
    analysis = analyze(response, INCOME)
    assert "LARGE_DEPOSIT" not in codes(analysis)
    assert {d.source for d in analysis.sourced_deposits} <= {"payroll", "transfer"}
    assert any(d.source == "payroll" for d in analysis.sourced_deposits)


def test_an_institution_without_identity_data_leaves_owners_unavailable() -> None:
    analysis = analyze(persona("user_good", "ins_109512"), INCOME)
    assert "REPORT_WARNING" in codes(analysis)
    assert {a.owner_match for a in analysis.accounts} == {"unavailable"}
    unavailable = [f for f in analysis.flags if f.code == FlagCode.OWNERS_UNAVAILABLE]
    assert len(unavailable) == len(analysis.accounts)


@pytest.mark.parametrize("username", ["user_good", "user_gift_deposit", "user_nsf_overdraft"])
def test_every_persona_flag_message_is_a_sentence_naming_its_account(username: str) -> None:
    analysis = analyze(persona(username), INCOME)
    labels = {a.account_id: a.label for a in analysis.accounts}
    for flag in analysis.flags:
        assert flag.message.endswith(".")
        if flag.account_id:
            assert labels[flag.account_id] in flag.message
