"""The vocabulary personas are written in: accounts, cycles, recurring and one-off events.

A persona is declarative: accounts with the balance they show when the Item is created, the
recurring and everyday transactions of each, one-off events placed a fixed number of days
before the Item was created, and "balancers" that keep a pay cycle's balance where a real
household keeps it (a checking account sweeps its surplus to savings at the end of each cycle;
a credit card is paid from checking at the start of each cycle). `data.py` turns this into
transactions. Amounts are integer cents; Plaid's sign convention (positive = money out).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assets_desktop.sandbox.catalog import Kind

# Balances that are amounts owed (credit, loan) grow with money out (a positive amount);
# balances of money held shrink with it.
OWED_TYPES = frozenset({"credit", "loan"})


def balance_direction(account_type: str) -> int:
    """How a positive (money-out) amount moves the balance: +1 for owed, -1 for held."""
    return 1 if account_type in OWED_TYPES else -1


@dataclass(frozen=True)
class Spending:
    """Random everyday purchases: each day draws a count from `per_day`, then weighted kinds."""

    kinds: tuple[tuple[Kind, int], ...]
    per_day: tuple[int, ...]


@dataclass(frozen=True)
class Recurring:
    """A transaction on a fixed day of each pay cycle (0 = payday) or of each month."""

    kind: Kind
    amount: int | None = None
    cycle_day: int | None = None
    month_day: int | None = None
    counter: str | None = None
    counter_kind: Kind | None = None


@dataclass(frozen=True)
class OneOff:
    """A single event `days_before` the Item was created (money in when `kind.inflow`)."""

    mask: str
    kind: Kind
    amount: int
    days_before: int
    counter: str | None = None
    counter_kind: Kind | None = None


@dataclass(frozen=True)
class Balancer:
    """Brings a pay cycle back to the account's level: at its start (card payment) or end."""

    at_start: bool
    out_kind: Kind | None
    in_kind: Kind | None
    counter: str | None = None
    counter_out_kind: Kind | None = None
    counter_in_kind: Kind | None = None


@dataclass(frozen=True)
class HoldingSpec:
    """A position of an investment account: quantity in thousandths of a unit, price in cents.

    `vested_thousandths` is the part the owner may withdraw (e.g. a 401(k) employer match still
    vesting); None means fully vested. `bought_days_before` dates the position's tax lot.
    """

    ticker: str | None
    name: str
    security_type: str  # cash | equity | etf | mutual fund | fixed income | …
    quantity_thousandths: int
    price: int
    cost_basis: int
    vested_thousandths: int | None = None
    bought_days_before: int = 400

    @property
    def value(self) -> int:
        """The position's value in cents (quantity × price, rounded half up)."""
        return (self.quantity_thousandths * self.price + 500) // 1000


@dataclass(frozen=True)
class InvestmentEvent:
    """An investment transaction `days_before` the Item was created; quantity in thousandths
    (negative for a sale), price and cash in cents. Its amount follows Plaid's sign: positive
    when cash is debited (a buy), negative when credited (a sale, a dividend in `cash`)."""

    days_before: int
    ticker: str | None
    type: str  # buy | sell | cash | fee | transfer | cancel
    subtype: str
    name: str
    quantity_thousandths: int = 0
    price: int = 0
    cash: int = 0  # the amount of a cash or fee event (no security moves)
    vested_percent: int = 100
    fees: int = 0

    @property
    def amount(self) -> int:
        """Cents, Plaid's sign."""
        if self.type in ("cash", "fee"):
            return self.cash
        return (self.quantity_thousandths * self.price + 500) // 1000


@dataclass(frozen=True)
class AccountSpec:
    """One account; `current` is its balance when the Item is created (or see opening)."""

    mask: str
    name: str
    official_name: str | None
    type: str
    subtype: str | None
    current: int
    available_offset: int | None = 0
    limit: int | None = None
    spending: tuple[Spending, ...] = ()
    recurring: tuple[Recurring, ...] = ()
    balancer: Balancer | None = None
    overdraft_fees: bool = False
    history_days: int | None = None
    #: If set, the balance before the account's first day; `current` then follows from the
    #: transactions (used for accounts opened inside the window, e.g. thin history).
    opening_balance: int | None = None
    #: A limited-purpose checking account (e.g. only for mortgage or rent payments): Plaid
    #: reports both `available` and `current` as null and no historical balances.
    balances_unknown: bool = False
    #: Investment accounts: positions (their values make up `current`) and the transactions
    #: an Asset Report with `add_ons: ["investments"]` shows.
    holdings: tuple[HoldingSpec, ...] = ()
    investment_events: tuple[InvestmentEvent, ...] = ()


@dataclass(frozen=True)
class Persona:
    """What a sandbox username logs into."""

    username: str
    summary: str
    accounts: tuple[AccountSpec, ...]
    owner: dict[str, Any]
    ownership_type: str = "individual"
    one_offs: tuple[OneOff, ...] = ()
    cycle_days: int = 14
    history_days: int = 760
