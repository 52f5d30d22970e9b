"""Assets with Investments: holdings, securities and investment transactions of the persona."""

from __future__ import annotations

from typing import Any

from tests.unit.sandbox.conftest import report_for


def _accounts(**render: Any) -> dict[str, dict[str, Any]]:
    report, _ = report_for("user_investments", 90, **render)
    return {a["mask"]: a for a in report["items"][0]["accounts"]}


def test_investment_accounts_carry_holdings_only_with_the_add_on() -> None:
    assert all("investments" not in a for a in _accounts().values())
    accounts = _accounts(investments=True)
    assert {m for m, a in accounts.items() if "investments" in a} == {"7701", "7702", "7703"}
    assert _accounts(investments=True, fast=True)["7701"].get("investments") is None


def test_holdings_add_up_to_the_balance_and_name_their_securities() -> None:
    for mask, account in _accounts(investments=True).items():
        if account["type"] != "investment":
            continue
        investments = account["investments"]
        values = [h["institution_value"] for h in investments["holdings"]]
        assert round(sum(values), 2) == account["balances"]["current"], mask
        securities = {s["security_id"] for s in investments["securities"]}
        assert {h["security_id"] for h in investments["holdings"]} == securities
        for holding in investments["holdings"]:
            assert holding["account_id"] == account["account_id"]
            assert holding["tax_lots"][0]["quantity"] == holding["quantity"]
            assert (
                round(holding["quantity"] * holding["institution_price"], 2)
                == (holding["institution_value"])
            )


def test_the_401k_match_is_partly_unvested() -> None:
    plan = _accounts(investments=True)["7702"]["investments"]
    fund = next(h for h in plan["holdings"] if h["ticker_symbol"] == "VFFVX")
    assert (fund["vested_quantity"], fund["vested_value"]) == (1650.0, 79810.5)
    assert fund["vested_value"] < fund["institution_value"] == 88737.76
    stable = next(h for h in plan["holdings"] if h["ticker_symbol"] is None)
    assert stable["vested_value"] == stable["institution_value"]
    contributions = plan["transactions"]
    assert contributions and all(t["subtype"] == "contribution" for t in contributions)
    assert all(t["vested_quantity"] < t["quantity"] for t in contributions)


def test_investment_transactions_follow_the_report_window_and_plaids_signs() -> None:
    brokerage = _accounts(investments=True)["7701"]["investments"]["transactions"]
    kinds = {t["subtype"]: t for t in brokerage}
    assert set(kinds) == {"buy", "sell", "dividend"}
    assert kinds["buy"]["amount"] > 0 > kinds["sell"]["amount"]
    assert kinds["dividend"]["amount"] == -117.42 and kinds["dividend"]["type"] == "cash"
    assert kinds["sell"]["quantity"] < 0
    recent = _accounts(investments=True, days_to_include=30)["7701"]["investments"]
    assert [t["subtype"] for t in recent["transactions"]] == ["dividend"]
    assert len(recent["holdings"]) == 3
