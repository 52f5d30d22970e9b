"""The `investments` object of an investment account in a report (`add_ons: ["investments"]`).

Holdings, their securities and the account's investment transactions, as Plaid's schema has them
today (1.778.0: vested quantity and value and tax lots on each holding). For the 1.697.4 file the
holding also carries `cost_basis` and each transaction its `vested_quantity` and `vested_value`.
Generated from a persona's `HoldingSpec`s and `InvestmentEvent`s; amounts in cents until rendered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from assets_desktop.sandbox.persona_spec import AccountSpec, HoldingSpec

MakeId = Callable[..., str]


def _units(thousandths: int) -> float:
    return thousandths / 1000


def _money(cents: int) -> float:
    return round(cents / 100, 2)


def _security_id(make_id: MakeId, holding: HoldingSpec) -> str:
    return make_id("security", holding.ticker or holding.name)


def account_investments(
    spec: AccountSpec, account_id: str, make_id: MakeId, anchor: dt.date, today: dt.date
) -> dict[str, Any]:
    """Holdings (as of `today`), securities, and every transaction up to `today`, newest first."""
    holdings: list[dict[str, Any]] = []
    securities: list[dict[str, Any]] = []
    by_ticker: dict[str | None, HoldingSpec] = {}
    for holding in spec.holdings:
        security_id = _security_id(make_id, holding)
        by_ticker[holding.ticker] = holding
        securities.append(
            {
                "security_id": security_id,
                "name": holding.name,
                "ticker_symbol": holding.ticker,
                "type": holding.security_type,
            }
        )
        holdings.append(_holding(holding, account_id, security_id, anchor, today))
    transactions: list[dict[str, Any]] = []
    for n, event in enumerate(spec.investment_events):
        date = anchor - dt.timedelta(days=event.days_before)
        if date > today:
            continue
        held = by_ticker.get(event.ticker)
        vested = event.quantity_thousandths * event.vested_percent // 100
        transactions.append(
            {
                "investment_transaction_id": make_id("inv-txn", account_id, n),
                "account_id": account_id,
                "security_id": _security_id(make_id, held) if held else None,
                "date": date.isoformat(),
                "name": event.name,
                "quantity": _units(event.quantity_thousandths),
                "vested_quantity": _units(vested),
                "vested_value": _money((vested * event.price + 500) // 1000),
                "amount": _money(event.amount),
                "price": _money(event.price),
                "fees": _money(event.fees),
                "type": event.type,
                "subtype": event.subtype,
                "iso_currency_code": "USD",
                "unofficial_currency_code": None,
            }
        )
    transactions.sort(key=lambda t: str(t["date"]), reverse=True)
    return {"holdings": holdings, "securities": securities, "transactions": transactions}


def _holding(
    holding: HoldingSpec, account_id: str, security_id: str, anchor: dt.date, today: dt.date
) -> dict[str, Any]:
    vested = holding.vested_thousandths
    vested_quantity = holding.quantity_thousandths if vested is None else vested
    vested_value = (vested_quantity * holding.price + 500) // 1000
    bought = anchor - dt.timedelta(days=holding.bought_days_before)
    return {
        "account_id": account_id,
        "security_id": security_id,
        "ticker_symbol": holding.ticker,
        "institution_price": _money(holding.price),
        "institution_price_as_of": today.isoformat(),
        "institution_value": _money(holding.value),
        "cost_basis": _money(holding.cost_basis),
        "quantity": _units(holding.quantity_thousandths),
        "vested_quantity": _units(vested_quantity),
        "vested_value": _money(vested_value),
        "iso_currency_code": "USD",
        "unofficial_currency_code": None,
        "tax_lots": [
            {
                "institution_lot_id": None,
                "original_purchase_datetime": f"{bought.isoformat()}T14:30:00Z",
                "quantity": _units(holding.quantity_thousandths),
                "purchase_price": _money(
                    holding.cost_basis * 1000 // max(holding.quantity_thousandths, 1)
                ),
                "cost_basis": _money(holding.cost_basis),
                "current_value": _money(holding.value),
                "position_type": "LONG",
            }
        ],
    }


def cut(investments: dict[str, Any], cutoff: dt.date) -> dict[str, Any]:
    """The same investments with only the transactions dated after `cutoff` (a report window)."""
    after = cutoff.isoformat()
    return {
        "holdings": [
            dict(h, tax_lots=[dict(t) for t in h["tax_lots"]]) for h in investments["holdings"]
        ],
        "securities": [dict(s) for s in investments["securities"]],
        "transactions": [dict(t) for t in investments["transactions"] if t["date"] > after],
    }
