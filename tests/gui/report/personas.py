"""Sandbox personas turned into decoded reports and analyses, the way the app receives them."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import lru_cache
from typing import Any

from assets_desktop.domain.analysis import AnalysisParameters, analyze
from assets_desktop.domain.analysis.types import Analysis
from assets_desktop.domain.report import AssetReportResponse, decode_report_response, encode

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
LARGEST = "user_heavy_spender"
PERSONAS = (
    "user_good",
    "user_steady_payroll",
    "user_gift_deposit",
    "user_nsf_overdraft",
    "user_joint_account",
    "user_thin_history",
    "user_limited_purpose",
    "user_investments",
    LARGEST,
)
BORROWER = {
    "first_name": "Alberta",
    "last_name": "Charleson",
    "ssn": "123-45-6789",
    "email": "alberta@example.com",
    "phone_number": "+1 415 555 0123",
    "client_user_id": "borrower-42",
}
PARAMETERS = AnalysisParameters(monthly_income=Decimal("6000"))


class PersonaMissing(Exception):
    """The sandbox does not know this persona (yet)."""


@lru_cache(maxsize=16)
def persona_response(
    username: str,
    days: int = 731,
    report_id: str | None = None,
    now: dt.datetime = NOW,
    investments: bool = False,
) -> AssetReportResponse:
    """The `/asset_report/get` response of a persona, decoded (cached per arguments);
    `investments` as if created with `add_ons: ["investments"]`."""
    from assets_desktop.sandbox.data import UnknownPersonaError, generate_item
    from assets_desktop.sandbox.reportgen import build_report, render_report_json

    try:
        item = generate_item(
            username, "ins_109508", item_id=f"item-{username}", seed=11, now=now, created=NOW
        )
    except UnknownPersonaError as error:
        raise PersonaMissing(username) from error
    stored = build_report(
        [item],
        asset_report_id=report_id or f"report-{username}",
        client_report_id="loan-42",
        days_requested=days,
        user=BORROWER,
        date_generated=now,
        investments=investments,
    )
    report, warnings = render_report_json(
        stored, include_insights=True, days_to_include=None, fast=False
    )
    return decode_report_response(encode({"report": report, "warnings": warnings}))


def persona_analysis(response: AssetReportResponse) -> Analysis:
    """The analysis the app would show, with a $6,000 monthly income."""
    return analyze(response, PARAMETERS)


UNKNOWN = {"added_in_a_later_schema": {"nested": [1, "two", None]}}


def report_of_tomorrow() -> dict[str, Any]:
    """user_limited_purpose's report with unknown fields everywhere and unlisted enum values."""
    body: dict[str, Any] = json.loads(encode(persona_response("user_limited_purpose", 30)))
    report = body["report"]
    report.update(UNKNOWN, insights={"risk": "new"})
    for item in report["items"]:
        item.update(UNKNOWN)
        for account in item["accounts"]:
            account.update(UNKNOWN, investments=None, account_insights={"x": 1})
            account["balances"].update(UNKNOWN)
            account["ownership_type"] = "community property"
            for owner in account["owners"]:
                owner.update(UNKNOWN)
                for address in owner["addresses"]:
                    address["data"].update(UNKNOWN)
            for txn in account["transactions"]:
                txn.update(UNKNOWN, transaction_type="hybrid", credit_category=None)
            for balance in account["historical_balances"]:
                balance.update(UNKNOWN)
    first = report["items"][0]["accounts"]
    first[0].update(type="crypto", subtype="prediction market")
    first[1]["subtype"] = "commercial line of credit"
    warning = {
        "warning_type": "ASSET_REPORT_WARNING",
        "warning_code": "BANK_INCOME_INSIGHTS_INCOMPLETE",
        "cause": {
            "error_type": "ASSETS_ERROR",
            "error_code": "SOMETHING_NEW",
            "error_message": "m",
            "display_message": None,
            "item_id": report["items"][0]["item_id"],
            **UNKNOWN,
        },
        **UNKNOWN,
    }
    return {"report": report, "warnings": [warning], "request_id": "R1", **UNKNOWN}
