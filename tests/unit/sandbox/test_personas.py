"""The personas show what they promise: balances, owners, and the patterns a review looks for."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from assets_desktop.sandbox.data import (
    UnknownPersonaError,
    account_id_for,
    institution_name,
    known_usernames,
    persona_for,
)
from assets_desktop.sandbox.reportgen import MAX_TRANSACTIONS, ReportTooLargeError
from tests.unit.sandbox.conftest import ITEM_ID, NOW, item_for, report_for

BANK_FEES = {"NSF FEE", "OVERDRAFT FEE", "RETURNED ITEM FEE"}


def _accounts(username: str, **kw: Any) -> dict[str, dict[str, Any]]:
    report, _ = report_for(username, **kw)
    return {a["mask"]: a for a in report["items"][0]["accounts"]}


def _end_of_day(account: dict[str, Any]) -> list[tuple[str, float]]:
    return [(h["date"], h["current"]) for h in account["historical_balances"]]


def test_user_good_has_plaids_well_known_accounts() -> None:
    accounts = _accounts("user_good")
    expected = {
        "0000": ("Plaid Checking", "depository", "checking", 100, 110, None),
        "1111": ("Plaid Saving", "depository", "savings", 200, 210, None),
        "2222": ("Plaid CD", "depository", "cd", None, 1000, None),
        "3333": ("Plaid Credit Card", "credit", "credit card", None, 410, 2000),
        "4444": ("Plaid Money Market", "depository", "money market", 43200, 43200, None),
        "5555": ("Plaid IRA", "investment", "ira", None, 320.76, None),
        "8888": ("Plaid Mortgage", "loan", "mortgage", None, 56302.06, None),
    }
    assert set(accounts) == set(expected)
    for mask, (name, kind, subtype, available, current, limit) in expected.items():
        account = accounts[mask]
        assert (account["name"], account["type"], account["subtype"]) == (name, kind, subtype)
        balances = account["balances"]
        assert (balances["available"], balances["current"], balances["limit"]) == (
            available, current, limit,
        )  # fmt: skip
        assert account["owners"][0]["names"] == ["Alberta Bobbeth Charleson"]
        assert account["ownership_type"] == "individual"
    for mask in ("5555", "8888"):
        assert accounts[mask]["transactions"] == []
        assert accounts[mask]["historical_balances"] == []
        assert accounts[mask]["days_available"] == 0


def test_user_good_owner_matches_plaids_fixture() -> None:
    owner = _accounts("user_good")["0000"]["owners"][0]
    streets = [(a["data"]["street"], a["primary"]) for a in owner["addresses"]]
    assert streets == [("2992 Cameron Road", True), ("2493 Leisure Lane", False)]
    assert owner["emails"][0]["data"] == "accountholder0@example.com"
    assert [(p["data"], p["type"]) for p in owner["phone_numbers"]] == [
        ("1112223333", "home"), ("1112224444", "work"), ("1112225555", "mobile1"),
    ]  # fmt: skip


def test_user_good_uses_plaids_sample_transactions_with_correct_signs() -> None:
    amounts: dict[str, set[float]] = {}
    for account in _accounts("user_good").values():
        for txn in account["transactions"]:
            amounts.setdefault(txn["original_description"], set()).add(txn["amount"])
    assert amounts["Uber 072515 SF**POOL**"] == {6.33}
    assert amounts["SparkFun"] == {89.4}
    assert amounts["McDonalds #3322"] == {12.0}
    assert amounts["Starbucks"] == {4.33}
    assert amounts["United Airlines **** REFUND ****"] == {-500.0}
    assert amounts["ACH Electronic CreditGUSTO PAY 123456"] == {-5850.0}  # money in


def test_steady_payroll_is_biweekly_with_rent_and_no_overdraft() -> None:
    checking = _accounts("user_steady_payroll")["0187"]
    pay = sorted(t["date"] for t in checking["transactions"] if "NORTHWIND" in
                 t["original_description"])  # fmt: skip
    gaps = {(dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days for a, b in
            itertools.pairwise(pay)}  # fmt: skip
    assert gaps == {14} and len(pay) >= 50
    rent = [t for t in checking["transactions"] if "RENT" in t["original_description"]]
    assert {t["amount"] for t in rent} == {1850.0}
    assert all(dt.date.fromisoformat(t["date"]).day == 1 for t in rent)
    assert min(value for _, value in _end_of_day(checking)) > 0
    assert not [t for t in checking["transactions"] if t["original_description"] in BANK_FEES]


def test_gift_deposit_is_far_above_half_the_monthly_income_and_transfer_is_sourced() -> None:
    accounts = _accounts("user_gift_deposit", days_requested=90)
    checking, savings = accounts["6203"], accounts["6204"]
    payroll = [t for t in checking["transactions"] if "PAYROLL" in t["original_description"]]
    monthly_income = -sum(t["amount"] for t in payroll) / 3
    assert 5000 < monthly_income < 7000
    gift = [t for t in checking["transactions"] if t["amount"] == -25000.0]
    assert len(gift) == 1 and "WIRE" in gift[0]["original_description"]
    assert (NOW.date() - dt.date.fromisoformat(gift[0]["date"])).days == 21
    assert monthly_income / 2 < 25000
    inbound = [t for t in checking["transactions"] if t["amount"] == -8000.0]
    outbound = [t for t in savings["transactions"] if t["amount"] == 8000.0]
    assert len(inbound) == len(outbound) == 1
    assert inbound[0]["date"] == outbound[0]["date"]
    assert "XXXX6204" in inbound[0]["original_description"]
    assert "XXXX6203" in outbound[0]["original_description"]


def test_nsf_persona_has_fees_and_runs_of_negative_days() -> None:
    checking = _accounts("user_nsf_overdraft")["3094"]
    fees = {t["original_description"] for t in checking["transactions"]
            if t["original_description"] in BANK_FEES}  # fmt: skip
    assert fees == BANK_FEES
    negative = [value < 0 for _, value in _end_of_day(checking)]
    runs = sum(1 for a, b in itertools.pairwise(negative) if a and b)
    assert sum(negative) >= 30 and runs >= 15


def test_joint_persona_has_one_owner_with_two_names_and_alias() -> None:
    for username in ("user_joint_account", "user_credit_joint_account"):
        for account in _accounts(username, days_requested=30).values():
            assert account["ownership_type"] == "joint"
            assert len(account["owners"]) == 1
            assert account["owners"][0]["names"] == [
                "Alberta Bobbeth Charleson", "Marcus T. Charleson",
            ]  # fmt: skip


def test_thin_history_has_about_twenty_days() -> None:
    accounts = _accounts("user_thin_history")
    for account in accounts.values():
        assert 18 <= account["days_available"] <= 21
        assert len(account["historical_balances"]) <= 21


def test_heavy_spender_is_close_to_but_under_the_limit() -> None:
    report, _ = report_for("user_heavy_spender")
    count = sum(len(a["transactions"]) for a in report["items"][0]["accounts"])
    assert 14_000 <= count < MAX_TRANSACTIONS


def test_over_limit_fails_at_731_days_but_not_at_one_year() -> None:
    with pytest.raises(ReportTooLargeError) as raised:
        report_for("user_over_limit")
    assert raised.value.count > MAX_TRANSACTIONS
    assert str(raised.value) == (
        "asset report is too large to be generated, try again with a shorter date range"
    )
    report, _ = report_for("user_over_limit", 365)
    assert sum(len(a["transactions"]) for a in report["items"][0]["accounts"]) < 10_000


def test_houndstooth_bank_lacks_identity() -> None:
    item = item_for("user_steady_payroll", "ins_109512")
    assert not item.owners_available and item.owners == []
    assert institution_name("ins_109512") == "Houndstooth Bank"
    assert institution_name("ins_109508") == "First Platypus Bank"
    assert institution_name("ins_nope") is None


def test_usernames_and_a_clear_error_for_an_unknown_one() -> None:
    names = known_usernames()
    for expected in ("user_good", "user_steady_payroll", "user_gift_deposit",
                     "user_nsf_overdraft", "user_joint_account", "user_credit_joint_account",
                     "user_thin_history", "user_heavy_spender", "user_over_limit"):  # fmt: skip
        assert expected in names
    with pytest.raises(
        UnknownPersonaError, match=r"unknown sandbox username 'user_bad'.*user_good"
    ):
        persona_for("user_bad")


def test_account_ids_are_37_alphanumerics_derived_from_item_and_mask() -> None:
    item = item_for("user_good")
    for account in item.accounts:
        assert len(account["account_id"]) == 37 and account["account_id"].isalnum()
        assert account["account_id"] == account_id_for(ITEM_ID, account["mask"])
    assert account_id_for(ITEM_ID, "0000") != account_id_for(ITEM_ID[::-1], "0000")


def test_limited_purpose_checking_has_null_balances_and_no_history() -> None:
    accounts = _accounts("user_limited_purpose", days_requested=90)
    limited = accounts["0421"]
    assert limited["subtype"] == "limited purpose checking"
    assert (limited["balances"]["available"], limited["balances"]["current"]) == (None, None)
    assert limited["historical_balances"] == []
    payments = [t for t in limited["transactions"] if t["amount"] > 0]
    assert payments and {t["original_description"] for t in payments} == {"PLAID MORTGAGE PMT 8888"}
    assert accounts["0420"]["balances"]["current"] is not None
    assert accounts["0423"]["subtype"] == "home equity loan"
    streets = [a["data"]["street"] for a in limited["owners"][0]["addresses"]]
    assert streets == ["2992 Cameron Road", None]
