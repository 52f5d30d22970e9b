"""Report content rules: balances, history, cuts, enrichment, determinism and refresh."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from assets_desktop.sandbox.data import generate_item
from assets_desktop.sandbox.persona_spec import balance_direction
from assets_desktop.sandbox.reportgen import build_report, render_report_json
from tests.unit.sandbox.conftest import BORROWER, ITEM_ID, NOW, REPORT_ID, item_for, report_for

BASE_FIELDS = {
    "transaction_id", "account_id", "amount", "date", "pending", "original_description",
    "iso_currency_code", "unofficial_currency_code",
}  # fmt: skip
INSIGHT_FIELDS = {
    "category", "category_id", "name", "payment_meta", "merchant_name", "location",
    "credit_category", "transaction_type",
}  # fmt: skip


def _accounts(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for item in report["items"] for a in item["accounts"]]


@pytest.mark.parametrize("username", ["user_good", "user_nsf_overdraft", "user_thin_history"])
def test_historical_balance_is_current_plus_later_amounts(username: str) -> None:
    report, _ = report_for(username, 120)
    generated = NOW.date()
    for account in _accounts(report):
        history = account["historical_balances"]
        if account["type"] not in ("depository", "credit"):
            assert history == []
            continue
        assert history, account["name"]
        dates = [dt.date.fromisoformat(h["date"]) for h in history]
        assert dates[0] == generated - dt.timedelta(days=1)
        assert dates == [dates[0] - dt.timedelta(days=i) for i in range(len(dates))]
        for entry in history:
            later = sum(t["amount"] for t in account["transactions"] if t["date"] > entry["date"])
            expected = account["balances"]["current"] - balance_direction(account["type"]) * later
            assert entry["current"] == pytest.approx(expected, abs=0.005), entry


def test_history_length_follows_days_requested_and_days_to_include() -> None:
    checking = {a["mask"]: a for a in _accounts(report_for("user_good", 45)[0])}["0000"]
    assert len(checking["historical_balances"]) == 45
    cut = {a["mask"]: a for a in _accounts(report_for("user_good", 45, days_to_include=10)[0])}
    assert len(cut["0000"]["historical_balances"]) == 10


def test_days_available_comes_from_the_earliest_transaction() -> None:
    report, _ = report_for("user_good", 731)
    for account in _accounts(report):
        txns = account["transactions"]
        if not txns:
            assert account["days_available"] == 0
            continue
        earliest = min(dt.date.fromisoformat(t["date"]) for t in txns)
        assert account["days_available"] == (NOW.date() - earliest).days + 1
    short, _ = report_for("user_good", 30)
    assert {a["mask"]: a["days_available"] for a in _accounts(short)}["0000"] == 30


@pytest.mark.parametrize(("days", "include"), [(731, None), (60, None), (731, 14), (0, None)])
def test_transactions_are_cut_to_the_window(days: int, include: int | None) -> None:
    report, _ = report_for("user_steady_payroll", days, days_to_include=include)
    window = min(days, include if include is not None else days)
    oldest = (NOW.date() - dt.timedelta(days=window)).isoformat()
    txns = [t for a in _accounts(report) for t in a["transactions"]]
    assert all(oldest < t["date"] <= NOW.date().isoformat() for t in txns)
    if window:
        assert (
            min(t["date"] for t in txns) <= (NOW.date() - dt.timedelta(days=window - 3)).isoformat()
        )
    else:
        assert txns == []
    assert report["days_requested"] == days


def test_standard_transactions_carry_only_the_base_fields() -> None:
    report, _ = report_for("user_good", 60)
    txns = [t for a in _accounts(report) for t in a["transactions"]]
    assert txns and all(set(t) == BASE_FIELDS for t in txns)
    assert all(t["pending"] is False and t["iso_currency_code"] == "USD" for t in txns)


def test_insights_add_enrichment_but_never_counterparties() -> None:
    report, _ = report_for("user_good", 60, include_insights=True)
    txns = [t for a in _accounts(report) for t in a["transactions"]]
    assert all(set(t) == BASE_FIELDS | INSIGHT_FIELDS for t in txns)
    payroll = next(t for t in txns if "GUSTO" in t["original_description"])
    assert payroll["credit_category"] == {"primary": "INCOME", "detailed": "INCOME_WAGES"}
    assert payroll["category"] == ["Transfer", "Payroll"]
    coffee = next(t for t in txns if t["original_description"] == "Starbucks")
    assert coffee["merchant_name"] == "Starbucks" and coffee["transaction_type"] == "place"


def test_fast_report_has_balances_and_owners_only() -> None:
    report, _ = report_for("user_good", 731, fast=True)
    for account in _accounts(report):
        assert account["transactions"] == [] and account["historical_balances"] == []
        assert account["owners"] and account["balances"]["current"] is not None


def test_excluded_accounts_are_left_out() -> None:
    item = item_for("user_good")
    excluded = frozenset({item.accounts[0]["account_id"]})
    stored = build_report([item], asset_report_id=REPORT_ID, client_report_id=None,
                          days_requested=30, user={}, date_generated=NOW,
                          exclude_account_ids=excluded)  # fmt: skip
    report, _ = render_report_json(stored, include_insights=False, days_to_include=None,
                                   fast=False)  # fmt: skip
    ids = {a["account_id"] for a in _accounts(report)}
    assert ids == {a["account_id"] for a in item.accounts} - excluded


def test_user_fields_are_all_present_and_ssn_appears_only_there() -> None:
    report, _ = report_for("user_good", 30)
    assert report["user"] == BORROWER
    text = json.dumps(report["items"])
    assert "123-45-6789" not in text and "6789" not in text.replace(ITEM_ID, "")
    empty = build_report([item_for("user_good")], asset_report_id=REPORT_ID,
                         client_report_id=None, days_requested=1, user={},
                         date_generated=NOW)  # fmt: skip
    rendered, _ = render_report_json(empty, include_insights=False, days_to_include=None,
                                     fast=False)  # fmt: skip
    assert set(rendered["user"]) == set(BORROWER) and set(rendered["user"].values()) == {None}
    assert rendered["date_generated"] == "2026-11-25T14:30:05Z"


@pytest.mark.parametrize(
    "username",
    ["user_good", "user_steady_payroll", "user_gift_deposit", "user_nsf_overdraft",
     "user_joint_account", "user_thin_history"],
)  # fmt: skip
def test_same_seed_gives_the_same_bytes(username: str) -> None:
    def render(seed: int) -> bytes:
        item = generate_item(username, "ins_109509", item_id=ITEM_ID, seed=seed, now=NOW)
        stored = build_report([item], asset_report_id=REPORT_ID, client_report_id=None,
                              days_requested=400, user={}, date_generated=NOW)  # fmt: skip
        report, _ = render_report_json(stored, include_insights=True, days_to_include=None,
                                       fast=False)  # fmt: skip
        return json.dumps(report, sort_keys=True).encode()

    first = render(3)
    assert render(3) == first
    assert render(4) != first


def test_a_later_now_keeps_older_transactions_and_adds_new_ones() -> None:
    created = NOW - dt.timedelta(days=3)
    earlier = generate_item("user_steady_payroll", "ins_109508", item_id=ITEM_ID, seed=1,
                            now=created, created=created)  # fmt: skip
    later = earlier.refreshed(NOW + dt.timedelta(days=17))
    for account in earlier.accounts:
        account_id = account["account_id"]
        old, new = earlier.transactions[account_id], later.transactions[account_id]
        window_start = later.now.date() - dt.timedelta(days=740)
        assert [t for t in old if t.date >= window_start] == [
            t for t in new if t.date <= created.date()
        ]
        added = [t for t in new if t.date > created.date()]
        assert added, account["name"]
        moved = sum(t.amount for t in added)
        direction = balance_direction(account["type"])
        expected = earlier.current_cents[account_id] + direction * moved
        assert later.current_cents[account_id] == expected
    balances = {a["mask"]: a["balances"]["current"] for a in earlier.accounts}
    assert balances == {"7733": 612.40, "0187": 3412.58, "4521": 28400.00}


def test_rendered_reports_share_nothing_a_caller_could_mutate() -> None:
    first, _ = report_for("user_good", 30, include_insights=True)
    account = _accounts(first)[1]
    account["owners"][0]["names"].append("Mallory")
    account["transactions"][0]["location"]["city"] = "Nowhere"
    account["transactions"][0]["category"].append("X")
    again, _ = report_for("user_good", 30, include_insights=True)
    fresh = _accounts(again)[1]
    assert fresh["owners"][0]["names"] == ["Alberta Bobbeth Charleson"]
    assert fresh["transactions"][0]["location"]["city"] != "Nowhere"
    assert "X" not in fresh["transactions"][0]["category"]
