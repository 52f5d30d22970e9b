"""Diff of two reports: accounts added/removed, balance changes, new transactions and flags."""

from __future__ import annotations

from decimal import Decimal

from assets_desktop.domain.analysis import AnalysisParameters, FlagCode, diff_reports, diff_to_json

from .builders import GENERATED, account, report, txn

PARAMS = AnalysisParameters(monthly_income=Decimal(6000))


def test_diff_of_a_refresh() -> None:
    import datetime as dt

    older = report(
        account("chk", current=1000.0, available=900.0, transactions=[txn("t1", 20.0, 5, "SHOP")]),
        account("old", mask="9999", current=5.0),
        report_id="original",
    )
    newer = report(
        account(
            "chk",
            current=1250.5,
            available=900.0,
            transactions=[
                txn("t1", 20.0, 5, "SHOP"),
                txn("t2", -4000.0, 1, "WIRE FROM UNCLE"),
                txn("t3", 35.0, 0, "NSF FEE"),
            ],
        ),
        account("sav", mask="1111", subtype="savings", current=300.0),
        report_id="refresh",
        generated=GENERATED + dt.timedelta(days=2),
    )
    diff = diff_reports(older, newer, PARAMS)
    assert (diff.older_report_id, diff.newer_report_id) == ("original", "refresh")
    assert [a.account_id for a in diff.accounts_added] == ["sav"]
    assert [a.account_id for a in diff.accounts_removed] == ["old"]
    (change,) = diff.balance_changes
    assert change.account_id == "chk" and change.current_change == Decimal("250.50")
    assert [t.transaction_id for t in diff.new_transactions] == ["t3", "t2"]
    assert diff.new_transactions[1].amount == Decimal("-4000.00")
    assert sorted(f.code for f in diff.new_flags) == [FlagCode.LARGE_DEPOSIT, FlagCode.NSF_FEE]
    assert not diff.is_empty
    data = diff_to_json(diff)
    assert data["balance_changes"][0]["current_change"] == 250.5
    assert [f["code"] for f in data["new_flags"]] == ["LARGE_DEPOSIT", "NSF_FEE"]


def test_identical_reports_have_an_empty_diff_and_flags_persist() -> None:
    response = report(account(transactions=[txn("f", 35.0, 3, "NSF FEE")]))
    diff = diff_reports(response, response, PARAMS)
    assert diff.is_empty
    assert diff.new_flags == () and diff.resolved_flags == ()


def test_a_flag_gone_in_the_newer_report_is_resolved() -> None:
    older = report(account(days_available=10))
    newer = report(account(days_available=61))
    diff = diff_reports(older, newer, PARAMS)
    assert [f.code for f in diff.resolved_flags] == [FlagCode.INSUFFICIENT_HISTORY]
    assert diff.new_flags == ()
