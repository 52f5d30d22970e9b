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
    HoldingSpec,
    InvestmentEvent,
    OneOff,
    Persona,
    Recurring,
    Spending,
)


def _phone(number: str, kind: str, primary: bool = False) -> dict[str, Any]:
    return {"data": number, "primary": primary, "type": kind}


def _address(
    street: str | None, city: str, region: str, postal: str, primary: bool
) -> dict[str, Any]:
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


# fmt: off
# Persona tables, kept compact: AccountSpec(mask, name, official_name, type, subtype,
# current, available_offset, limit, ...); amounts in cents.
EVERYDAY = Spending(
    ((k.GROCERY, 3), (k.TRADER_JOES, 3), (k.SHELL, 2), (k.CVS, 1), (k.CHIPOTLE, 2),
     (k.BLUE_BOTTLE, 3), (k.TARGET, 1), (k.AMAZON, 2), (k.LYFT, 1)),
    (0, 0, 1, 1, 1, 2),
)
CARD_EVERYDAY = Spending(
    ((k.AMAZON, 3), (k.DOORDASH, 2), (k.OLIVE, 1), (k.TARGET, 2), (k.UBER, 1),
     (k.STARBUCKS, 3), (k.COSTCO, 1)),
    (0, 0, 1, 1, 2),
)
CARD_HEAVY = Spending(
    ((k.STARBUCKS, 4), (k.BLUE_BOTTLE, 3), (k.UBER, 3), (k.LYFT, 2), (k.DOORDASH, 3),
     (k.AMAZON, 4), (k.CHIPOTLE, 2), (k.OLIVE, 1), (k.TARGET, 1)),
    (6, 7, 8, 9, 9, 10),
)
PLAID_SAMPLES = Spending(
    ((k.UBER, 4), (k.SPARKFUN, 1), (k.MCDONALDS, 3), (k.STARBUCKS, 5), (k.TOUCHSTONE, 1),
     (k.KFC, 2)),
    (1, 2, 2, 3),
)
RARE_REFUND = Spending(((k.UNITED_REFUND, 1),), (0,) * 89 + (1,))


def _rent(amount: int) -> Recurring:
    return Recurring(k.RENT, amount, month_day=1)


def _pay(kind: k.Kind, amount: int, cycle_day: int = 0) -> Recurring:
    return Recurring(kind, amount, cycle_day=cycle_day)


def _checking(mask: str, name: str, current: int, *recurring: Recurring, savings: str,
              spending: tuple[Spending, ...] = (EVERYDAY,)) -> AccountSpec:
    """A checking account with its pay and bills, its surplus swept to (or from) `savings`."""
    return AccountSpec(mask, name, name, "depository", "checking", current, recurring=recurring,
                       spending=spending, balancer=sweep(savings))


def _savings(mask: str, name: str, current: int, low: int, high: int,
             official_name: str | None = None) -> AccountSpec:
    """A savings account earning a monthly interest credit between `low` and `high` cents."""
    return AccountSpec(mask, name, official_name or name, "depository", "savings", current,
                       recurring=(interest(low, high),))


def _card(mask: str, name: str, official_name: str, current: int, limit: int,
          *spending: Spending, checking: str) -> AccountSpec:
    """A credit card with its spending, paid in full from `checking` on payday."""
    return AccountSpec(mask, name, official_name, "credit", "credit card", current, None, limit,
                       spending=spending, balancer=paid_from(checking))


UTILITIES = (
    Recurring(k.CON_ED, month_day=8),
    Recurring(k.COMCAST, month_day=14),
    Recurring(k.VERIZON, month_day=22),
)
INSURANCE_AND_CAR = (Recurring(k.GEICO, month_day=17), Recurring(k.CAR_PAYMENT, month_day=10))

USER_GOOD = Persona(
    username="user_good",
    summary="Plaid's well-known sandbox accounts and transactions, with a consistent history",
    cycle_days=28,
    owner=OWNER_ALBERTA,
    accounts=(
        _card("3333", "Plaid Credit Card", "Plaid Diamond 12.5% APR Interest Credit Card",
              41000, 200000, PLAID_SAMPLES, checking="0000"),
        AccountSpec("0000", "Plaid Checking", "Plaid Gold Standard 0% Interest Checking",
                    "depository", "checking", 11000, 1000,
                    recurring=(_pay(k.GUSTO, 585000),
                               Recurring(k.MORTGAGE_PAYMENT, 125431, month_day=5),
                               Recurring(k.CON_ED, month_day=12),
                               Recurring(k.VERIZON, month_day=20),
                               Recurring(k.GEICO, month_day=15),
                               Recurring(k.CAR_PAYMENT, month_day=18)),
                    spending=(EVERYDAY, EVERYDAY, RARE_REFUND), balancer=sweep("4444")),
        AccountSpec("1111", "Plaid Saving", "Plaid Silver Standard 0.1% Interest Saving",
                    "depository", "savings", 21000, 1000, recurring=(interest(15, 22),)),
        AccountSpec("2222", "Plaid CD", "Plaid Bronze Standard 0.2% Interest CD",
                    "depository", "cd", 100000, None, recurring=(interest(16, 17, 1),)),
        AccountSpec("4444", "Plaid Money Market",
                    "Plaid Platinum Standard 1.85% Interest Money Market",
                    "depository", "money market", 4320000, recurring=(interest(5200, 6600),)),
        AccountSpec("5555", "Plaid IRA", None, "investment", "ira", 32076, None),
        AccountSpec("8888", "Plaid Mortgage", None, "loan", "mortgage", 5630206, None),
    ),
)

USER_STEADY_PAYROLL = Persona(
    username="user_steady_payroll",
    summary="Biweekly payroll of 2,645.00, rent 1,850.00 on the 1st, utilities; clean history",
    owner=OWNER_ALBERTA,
    accounts=(
        _card("7733", "Cash Rewards Visa", "Cash Rewards Visa Signature", 61240, 800000,
              CARD_EVERYDAY, checking="0187"),
        _checking("0187", "Everyday Checking", 341258, _pay(k.NORTHWIND_PAY, 264500),
                  _rent(185000), *UTILITIES, Recurring(k.GEICO, month_day=17), savings="4521"),
        _savings("4521", "Way2Save Savings", 2840000, 120, 180),
    ),
)

USER_GIFT_DEPOSIT = Persona(
    username="user_gift_deposit",
    summary="25,000.00 gift wire 21 days before linking (income ~6,000/month) and an 8,000.00 "
    "transfer from own savings 9 days before",
    owner=OWNER_ALBERTA,
    accounts=(
        _checking("6203", "Total Checking", 3712455, _pay(k.BRIGHTLINE_PAY, 276923),
                  _rent(235000), *UTILITIES, *INSURANCE_AND_CAR, savings="6204",
                  spending=(EVERYDAY, EVERYDAY)),
        _savings("6204", "Premier Savings", 1265000, 90, 140),
    ),
    one_offs=(
        OneOff("6203", k.GIFT_WIRE, 2500000, days_before=21),
        OneOff("6203", k.FROM_SAVINGS, 800000, days_before=9, counter="6204",
               counter_kind=k.TO_CHECKING),
    ),
)

USER_NSF_OVERDRAFT = Persona(
    username="user_nsf_overdraft",
    summary="Tight budget: runs of days below zero with OVERDRAFT, NSF and RETURNED ITEM fees",
    owner=OWNER_ALBERTA,
    accounts=(
        AccountSpec("3094", "Basic Checking", "Basic Checking", "depository", "checking", 4827,
                    recurring=(_pay(k.QUICKSERV_PAY, 138000), _rent(115000),
                               Recurring(k.CAR_PAYMENT, month_day=10),
                               Recurring(k.VERIZON, month_day=22),
                               Recurring(k.GEICO, month_day=17)),
                    spending=(EVERYDAY,), overdraft_fees=True,
                    balancer=Balancer(at_start=False, out_kind=k.ATM_WITHDRAWAL,
                                      in_kind=k.CASH_DEPOSIT)),
        AccountSpec("3095", "Savings", "Statement Savings", "depository", "savings", 2500),
    ),
)

USER_JOINT_ACCOUNT = Persona(
    username="user_joint_account",
    summary="Joint accounts owned by Alberta Bobbeth Charleson and Marcus T. Charleson; "
    "two payrolls",
    owner=OWNER_JOINT,
    ownership_type="joint",
    accounts=(
        _card("2210", "Joint Rewards Card", "Rewards Mastercard", 143380, 1500000,
              CARD_EVERYDAY, CARD_EVERYDAY, checking="5012"),
        _checking("5012", "Joint Checking", 784510, _pay(k.NORTHWIND_PAY, 264500),
                  _pay(k.BRIGHTLINE_PAY, 210000, cycle_day=7), _rent(310000), *UTILITIES,
                  *INSURANCE_AND_CAR, savings="5013", spending=(EVERYDAY, EVERYDAY)),
        _savings("5013", "Joint Savings", 3831077, 180, 260),
    ),
)

USER_THIN_HISTORY = Persona(
    username="user_thin_history",
    summary="Accounts opened 19 days before linking: about 20 days of history",
    owner=OWNER_ALBERTA,
    accounts=(
        AccountSpec("7781", "Essential Checking", "Essential Checking", "depository", "checking",
                    0, recurring=(_pay(k.BRIGHTLINE_PAY, 192000), _rent(145000)),
                    spending=(EVERYDAY,), history_days=19, opening_balance=0),
        AccountSpec("7782", "Share Savings", "Share Savings", "depository", "savings", 0,
                    history_days=19, opening_balance=0),
    ),
    one_offs=(
        OneOff("7781", k.OPENING_DEPOSIT, 250000, days_before=19),
        OneOff("7782", k.OPENING_DEPOSIT, 25000, days_before=19),
    ),
)

# A refinance: the mortgage is paid from a limited-purpose checking account whose balances the
# bank does not report (schema 1.778.0: available and current both null); a home equity loan;
# the borrower's mailing address has no street (AddressData.street is nullable since 1.778.0).
OWNER_NO_STREET: dict[str, Any] = {
    **OWNER_ALBERTA,
    "addresses": [
        *OWNER_ALBERTA["addresses"][:1],
        _address(None, "Malakoff", "NY", "14236", False),
    ],
}
USER_LIMITED_PURPOSE = Persona(
    username="user_limited_purpose",
    summary="Mortgage paid from a limited-purpose checking account (available and current both "
    "null), a home equity loan, a mailing address without a street",
    owner=OWNER_NO_STREET,
    accounts=(
        _checking("0420", "Everyday Checking", 512340, _pay(k.NORTHWIND_PAY, 264500),
                  Recurring(k.TO_CHECKING, 198750, month_day=27, counter="0421",
                            counter_kind=k.FROM_CHECKING),
                  *UTILITIES, savings="0422"),
        AccountSpec("0421", "Mortgage Pay Account", "Limited Purpose Checking", "depository",
                    "limited purpose checking", 0, balances_unknown=True,
                    recurring=(Recurring(k.MORTGAGE_PAYMENT, 198750, month_day=1),)),
        _savings("0422", "Reserve Savings", 2215000, 140, 190),
        AccountSpec("0423", "Home Equity Loan", "Home Equity Installment Loan", "loan",
                    "home equity loan", 4530000, None),
    ),
)

# Assets with Investments: a brokerage, a 401(k) whose employer match is still vesting, an IRA.
_CONTRIBUTIONS = tuple(
    InvestmentEvent(days, "VFFVX", "buy", "contribution", "VANGUARD TARGET 2055 CONTRIBUTION",
                    18_742, 4837, vested_percent=80)
    for days in range(6, 366, 14)
)
USER_INVESTMENTS = Persona(
    username="user_investments",
    summary="Assets with Investments: a brokerage (ETF, stock, cash), a 401(k) with an unvested "
    "employer match, a rollover IRA; biweekly payroll into checking",
    owner=OWNER_ALBERTA,
    accounts=(
        _checking("6610", "Everyday Checking", 418230, _pay(k.HALCYON_PAY, 412000),
                  _rent(240000), *UTILITIES, savings="6611"),
        _savings("6611", "Savings", 1204000, 900, 1300, "High Yield Savings"),
        AccountSpec("7701", "Self-Directed Brokerage", "Self-Directed Brokerage Account",
                    "investment", "brokerage", 0, None,
                    holdings=(
                        HoldingSpec("VTI", "Vanguard Total Stock Market ETF", "etf", 120_500,
                                    28540, 2_710_000, bought_days_before=900),
                        HoldingSpec("AAPL", "Apple Inc.", "equity", 40_000, 23115, 612_000,
                                    bought_days_before=620),
                        HoldingSpec("CUR:USD", "U S Dollar", "cash", 1_523_190, 100,
                                    152_319),
                    ),
                    investment_events=(
                        InvestmentEvent(75, "VTI", "buy", "buy", "BUY VANGUARD TOTAL STOCK MKT",
                                        10_000, 27120),
                        InvestmentEvent(40, "AAPL", "sell", "sell", "SELL APPLE INC",
                                        -5_000, 22410, fees=100),
                        InvestmentEvent(21, "VTI", "cash", "dividend", "VTI DIVIDEND",
                                        cash=-11742),
                    )),
        AccountSpec("7702", "Employer 401(k)", "Halcyon Capital 401(k) Plan", "investment",
                    "401k", 0, None,
                    holdings=(
                        HoldingSpec("VFFVX", "Vanguard Target Retirement 2055 Fund",
                                    "mutual fund", 1_834_562, 4837, 7_420_000,
                                    vested_thousandths=1_650_000, bought_days_before=1400),
                        HoldingSpec(None, "Halcyon Stable Value Fund", "fixed income",
                                    5_000_000, 100, 500_000, bought_days_before=1000),
                    ),
                    investment_events=_CONTRIBUTIONS),
        AccountSpec("7703", "Rollover IRA", "Rollover IRA", "investment", "ira", 0, None,
                    holdings=(
                        HoldingSpec("VBTLX", "Vanguard Total Bond Market Index Fund Admiral",
                                    "mutual fund", 2_210_400, 981, 2_301_000,
                                    bought_days_before=2000),
                    )),
    ),
)


def _heavy(username: str, summary: str, card_per_day: tuple[int, ...]) -> Persona:
    card = Spending(CARD_HEAVY.kinds, card_per_day)
    return Persona(
        username=username,
        summary=summary,
        owner=OWNER_ALBERTA,
        accounts=(
            _card("4410", "Sapphire Card", "Sapphire Visa Infinite", 321877, 3000000, CARD_HEAVY,
                  checking="2290"),
            _card("1008", "Gold Card", "Gold Mastercard", 188265, 2500000, card,
                  checking="2290"),
            _checking("2290", "Premier Checking", 1182014, _pay(k.HALCYON_PAY, 1150000),
                      _rent(420000), *UTILITIES, savings="2291", spending=(EVERYDAY,) * 6),
            _savings("2291", "Premier Savings", 9640000, 9000, 12000),
        ),
    )


USER_HEAVY_SPENDER = _heavy(
    "user_heavy_spender",
    "The largest report: about 14,600 transactions over 731 days (limit 15,000)",
    (4, 5, 6, 7, 7, 8),
)
USER_OVER_LIMIT = _heavy(
    "user_over_limit",
    "Over the limit: about 16,000 transactions over 731 days, so a 731-day report fails",
    (6, 7, 8, 9, 10, 11),
)
# fmt: on

PERSONAS: dict[str, Persona] = {
    p.username: p
    for p in (
        USER_GOOD, USER_STEADY_PAYROLL, USER_GIFT_DEPOSIT, USER_NSF_OVERDRAFT,
        USER_JOINT_ACCOUNT, USER_THIN_HISTORY, USER_LIMITED_PURPOSE, USER_INVESTMENTS,
        USER_HEAVY_SPENDER, USER_OVER_LIMIT,
    )
}  # fmt: skip
#: Plaid's own persona names that map onto ours.
ALIASES: dict[str, str] = {"user_credit_joint_account": "user_joint_account"}
