"""Property tests: analysis never crashes on any schema-valid report; its invariants hold."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets_desktop.analyze_cli import format_text
from assets_desktop.domain.analysis import (
    AnalysisParameters,
    analysis_to_json,
    analyze,
    diff_reports,
)
from assets_desktop.domain.analysis.money import to_cents
from assets_desktop.domain.report import AssetReportResponse, decode_report_response

from .strategies import responses

parameters = st.builds(
    AnalysisParameters,
    purpose=st.sampled_from(["purchase", "refinance"]),
    monthly_income=st.none() | st.decimals(Decimal("0.01"), Decimal("1e7"), places=2),
    borrower=st.none() | st.sampled_from(["Alberta Charleson", "", "Jane Q. Roe", "Roe, Jane"]),
    as_of=st.none() | st.dates(),
    stale_days=st.integers(0, 400),
)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(responses(), parameters)
def test_analysis_never_crashes_and_its_json_is_valid(
    response: AssetReportResponse, params: AnalysisParameters
) -> None:
    # Through the decoder, as the app and the command receive reports.
    decoded = decode_report_response(msgspec.json.encode(response))
    analysis = analyze(decoded, params)
    data = analysis_to_json(analysis)
    json.dumps(data)
    keys = [f.key for f in analysis.flags]
    assert len(keys) == len(set(keys))
    assert len(analysis.accounts) == len(decoded.report.accounts())
    for account in analysis.accounts:
        assert account.owner_match in ("match", "partial", "mismatch", "unavailable")
        assert account.nsf_count >= 0 and account.negative_days >= 0
        if account.average_balance_30 is None:
            assert account.average_balance_30 is None or account.average_balance_60 is not None
        if account.average_balance_30 is not None:
            assert account.average_balance_60 is not None and account.average_balance_90 is not None
    for flag in analysis.flags:
        assert flag.amount is None or flag.amount >= 0
        assert flag.message.endswith(".")
    for code, totals in analysis.totals.items():
        assert totals.verified_assets >= 0
        asset_balances = [
            a.current if a.current is not None else a.available
            for a in analysis.accounts
            if a.is_asset and a.currency == code
        ]
        assert totals.assets == sum((b for b in asset_balances if b is not None), Decimal(0))
    assert format_text(analysis).startswith("Asset report")
    assert (params.monthly_income is None) == (analysis.large_deposit_threshold is None)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(responses(), responses())
def test_diff_never_crashes(older: AssetReportResponse, newer: AssetReportResponse) -> None:
    diff = diff_reports(older, newer, AnalysisParameters(monthly_income=Decimal(1000)))
    older_ids = {a.account_id for a in older.report.accounts()}
    assert all(a.account_id not in older_ids for a in diff.accounts_added)


@given(st.integers(-(10**13), 10**13))
def test_cents_survive_the_float_round_trip(cents: int) -> None:
    assert to_cents(float(f"{cents / 100:.2f}")) == cents


def test_absurd_amounts_and_dates_do_not_overflow() -> None:
    assert to_cents(1e308) == int(Decimal("1e308") * 100)
    assert to_cents(-1.5e300) == -int(Decimal("1.5e300") * 100)
    from .builders import account, report

    ancient = report(
        account(current=1e308, balances=[1e308, -1e308]),
        generated=dt.datetime(1, 1, 2, tzinfo=dt.UTC),
    )
    analysis = analyze(ancient, AnalysisParameters(monthly_income=Decimal(1)))
    assert analysis.review_window_start == dt.date.min
    assert analysis.accounts[0].current == Decimal("1e308")
    json.dumps(analysis_to_json(analysis))
