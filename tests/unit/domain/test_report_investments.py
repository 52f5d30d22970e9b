"""The report model decodes Assets with Investments: holdings, securities, transactions, vesting."""

from __future__ import annotations

import datetime as dt

from assets_desktop.domain.report import Holding, Investments, InvestmentTransaction
from tests.gui.report.personas import persona_response


def test_investment_accounts_decode_into_typed_holdings_with_vested_values() -> None:
    report = persona_response("user_investments", 90, investments=True).report
    by_mask = {a.mask: a for a in report.accounts()}
    assert by_mask["6610"].investments is None  # a checking account has none
    plan = by_mask["7702"].investments
    assert isinstance(plan, Investments)
    fund = next(h for h in plan.holdings if h.ticker_symbol == "VFFVX")
    assert isinstance(fund, Holding)
    assert (fund.quantity, fund.vested_quantity) == (1834.562, 1650.0)
    assert (fund.institution_value, fund.vested_value) == (88737.76, 79810.5)
    assert fund.tax_lots[0].position_type == "LONG"
    security = plan.security(fund.security_id)
    assert security is not None and security.type == "mutual fund"
    assert security.name == "Vanguard Target Retirement 2055 Fund"
    assert plan.security("nope") is None
    contribution = plan.transactions[0]
    assert isinstance(contribution, InvestmentTransaction)
    assert isinstance(contribution.date, dt.date) and contribution.subtype == "contribution"
    assert contribution.vested_value is not None and contribution.vested_value < contribution.amount
    brokerage = by_mask["7701"].investments
    assert brokerage is not None
    assert round(sum(h.institution_value for h in brokerage.holdings), 2) == (
        by_mask["7701"].balances.current
    )


def test_without_the_add_on_no_account_has_investments() -> None:
    report = persona_response("user_investments", 90).report
    assert all(a.investments is None for a in report.accounts())
