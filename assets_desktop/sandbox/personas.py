"""Sandbox personas, chosen by the Link username: who owns what, and how the money moves.

See `persona_spec.py` for the vocabulary. Balances are those shown on the day the Item is
created; the README's persona table summarises what each one exercises.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from assets_desktop.sandbox import catalog as k
from assets_desktop.sandbox.persona_spec import (
    AccountSpec,
    Balancer,
    Persona,
    Recurring,
    Spending,
)


def _phone(number: str, kind: str, primary: bool = False) -> dict[str, Any]:
    return {"data": number, "primary": primary, "type": kind}


def _address(street: str, city: str, region: str, postal: str, primary: bool) -> dict[str, Any]:
    data = {
        "city": city,
        "country": "US",
        "postal_code": postal,
        "region": region,
        "street": street,
    }
    return {"data": data, "primary": primary}


ALBERTA = "Alberta Bobbeth Charleson"
OWNER_ALBERTA: dict[str, Any] = {
    "names": [ALBERTA],
    "phone_numbers": [
        _phone("1112223333", "home"),
        _phone("1112224444", "work"),
        _phone("1112225555", "mobile1"),
    ],
    "emails": [{"data": "accountholder0@example.com", "primary": True, "type": "primary"}],
    "addresses": [
        _address("2992 Cameron Road", "Malakoff", "NY", "14236", True),
        _address("2493 Leisure Lane", "San Matias", "CA", "93405-2255", False),
    ],
}
OWNER_JOINT: dict[str, Any] = {
    "names": [ALBERTA, "Marcus T. Charleson"],
    "phone_numbers": [*OWNER_ALBERTA["phone_numbers"], _phone("1112226666", "mobile")],
    "emails": [
        *OWNER_ALBERTA["emails"],
        {"data": "accountholder1@example.com", "primary": False, "type": "secondary"},
    ],
    "addresses": OWNER_ALBERTA["addresses"][:1],
}


def sweep(counter: str) -> Balancer:
    """Checking: at the end of each cycle move the surplus to (or the shortfall from) savings."""
    return Balancer(
        at_start=False,
        out_kind=k.TO_SAVINGS,
        in_kind=k.FROM_SAVINGS,
        counter=counter,
        counter_out_kind=k.TO_CHECKING,
        counter_in_kind=k.FROM_CHECKING,
    )


def paid_from(checking: str) -> Balancer:
    """Credit card: paid in full from checking on payday."""
    return Balancer(
        at_start=True,
        out_kind=None,
        in_kind=k.CARD_PAYMENT_RECEIVED,
        counter=checking,
        counter_out_kind=k.CARD_PAYMENT,
    )


def interest(low: int, high: int, month_day: int = 28) -> Recurring:
    """A monthly interest credit between `low` and `high` cents."""
    return Recurring(replace(k.INTEREST, low=low, high=high), month_day=month_day)


EVERYDAY = Spending(
    (
        (k.GROCERY, 3),
        (k.TRADER_JOES, 3),
        (k.SHELL, 2),
        (k.CVS, 1),
        (k.CHIPOTLE, 2),
        (k.BLUE_BOTTLE, 3),
        (k.TARGET, 1),
        (k.AMAZON, 2),
        (k.LYFT, 1),
    ),
    (0, 0, 1, 1, 1, 2),
)
CARD_EVERYDAY = Spending(
    (
        (k.AMAZON, 3),
        (k.DOORDASH, 2),
        (k.OLIVE, 1),
        (k.TARGET, 2),
        (k.UBER, 1),
        (k.STARBUCKS, 3),
        (k.COSTCO, 1),
        (k.NETFLIX, 0),
        (k.BESTBUY, 0),
    ),
    (0, 0, 1, 1, 2),
)

USER_GOOD = Persona(
    username="user_good",
    summary="Plaid's well-known sandbox accounts and transactions, with a consistent history",
    cycle_days=28,
    owner=OWNER_ALBERTA,
    accounts=(
        AccountSpec(
            "3333",
            "Plaid Credit Card",
            "Plaid Diamond 12.5% APR Interest Credit Card",
            "credit",
            "credit card",
            41000,
            None,
            200000,
            spending=(
                Spending(
                    (
                        (k.UBER, 4),
                        (k.SPARKFUN, 1),
                        (k.MCDONALDS, 3),
                        (k.STARBUCKS, 5),
                        (k.TOUCHSTONE, 1),
                        (k.KFC, 2),
                    ),
                    (1, 2, 2, 3),
                ),
            ),
            balancer=paid_from("0000"),
        ),
        AccountSpec(
            "0000",
            "Plaid Checking",
            "Plaid Gold Standard 0% Interest Checking",
            "depository",
            "checking",
            11000,
            1000,
            recurring=(
                Recurring(k.GUSTO, 585000, cycle_day=0),
                Recurring(k.MORTGAGE_PAYMENT, 125431, month_day=5),
                Recurring(k.CON_ED, month_day=12),
                Recurring(k.VERIZON, month_day=20),
                Recurring(k.GEICO, month_day=15),
                Recurring(k.CAR_PAYMENT, month_day=18),
            ),
            spending=(EVERYDAY, EVERYDAY, Spending(((k.UNITED_REFUND, 1),), (0,) * 89 + (1,))),
            balancer=sweep("4444"),
        ),
        AccountSpec(
            "1111",
            "Plaid Saving",
            "Plaid Silver Standard 0.1% Interest Saving",
            "depository",
            "savings",
            21000,
            1000,
            recurring=(interest(15, 22),),
        ),
        AccountSpec(
            "2222",
            "Plaid CD",
            "Plaid Bronze Standard 0.2% Interest CD",
            "depository",
            "cd",
            100000,
            None,
            recurring=(interest(16, 17, 1),),
        ),
        AccountSpec(
            "4444",
            "Plaid Money Market",
            "Plaid Platinum Standard 1.85% Interest Money Market",
            "depository",
            "money market",
            4320000,
            recurring=(interest(5200, 6600),),
        ),
        AccountSpec("5555", "Plaid IRA", None, "investment", "ira", 32076, None),
        AccountSpec("8888", "Plaid Mortgage", None, "loan", "mortgage", 5630206, None),
    ),
)

PERSONAS: dict[str, Persona] = {p.username: p for p in (USER_GOOD,)}
#: Plaid's own persona names that map onto ours.
ALIASES: dict[str, str] = {}
