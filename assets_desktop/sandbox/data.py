"""Deterministic sandbox data: institutions, and Items generated from personas.

`generate_item` is a pure function of (persona, seed, item_id, created, now). Every day's
transactions of an account come from a hash of (seed, item_id, account, date) and pay cycles
are anchored on the day the Item was `created`, so a later `now` (a refresh) yields exactly the
same older transactions plus the newer ones. Balances are consistent with the transactions:
an account shows its persona balance on the day the Item was created, and on any later day
that balance minus the amounts since (Plaid convention: positive amount = money out).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from assets_desktop.sandbox.catalog import Kind
from assets_desktop.sandbox.investments import account_investments
from assets_desktop.sandbox.ledger import LedgerBuilder
from assets_desktop.sandbox.persona_spec import AccountSpec, Persona, balance_direction
from assets_desktop.sandbox.personas import ALIASES, PERSONAS

INSTITUTIONS: dict[str, str] = {
    "ins_109508": "First Platypus Bank",
    "ins_130016": "First Platypus Balance Bank",
    "ins_109509": "First Gingham Credit Union",
    "ins_109510": "Tattersall Federal Credit Union",
    "ins_109511": "Tartan Bank",
    "ins_109512": "Houndstooth Bank",
    "ins_43": "Tartan-Dominion Bank of Canada",
    "ins_116834": "Flexible Platypus Open Banking",
    "ins_117650": "Royal Bank of Plaid",
    "ins_127287": "Platypus OAuth Bank",
    "ins_132241": "First Platypus OAuth App2App Bank",
    "ins_117181": "Flexible Platypus Open Banking",
    "ins_135858": "Windowpane Bank",
    "ins_132363": "Unhealthy Platypus Bank - Degraded",
    "ins_132361": "Unhealthy Platypus Bank - Down",
    "ins_133402": "Unsupported Platypus Bank",
    "ins_3": "Chase",
    "ins_10": "American Express",
}
#: Institutions that do not provide identity data: their accounts have no owners and the report
#: carries an OWNERS_UNAVAILABLE warning.
NO_IDENTITY: frozenset[str] = frozenset({"ins_109512"})

_ID_ALPHABET = (string.ascii_letters + string.digits).encode()
_ID_TABLE = bytes(_ID_ALPHABET[i % len(_ID_ALPHABET)] for i in range(256))


class UnknownPersonaError(ValueError):
    """The username names no sandbox persona."""


class Txn(NamedTuple):
    """A generated transaction; `amount` in cents, positive = money out."""

    transaction_id: str
    account_id: str
    date: dt.date
    amount: int
    description: str
    kind: Kind


@dataclass(frozen=True)
class GeneratedItem:
    """An Item's accounts, owners and full transaction history as of `now`."""

    institution_id: str
    institution_name: str
    username: str
    item_id: str
    accounts: list[dict[str, Any]]
    owners_available: bool
    owners: list[dict[str, Any]]
    ownership_type: str | None
    seed: int
    now: dt.datetime
    created: dt.datetime
    transactions: dict[str, tuple[Txn, ...]] = field(repr=False)
    current_cents: dict[str, int] = field(repr=False)
    opened: dict[str, dt.date] = field(repr=False)
    #: account_id → the `investments` object of an investment account with holdings.
    investments: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    def refreshed(self, now: dt.datetime) -> GeneratedItem:
        """The same Item seen at a later `now`: older transactions unchanged, newer added."""
        return generate_item(
            self.username,
            self.institution_id,
            item_id=self.item_id,
            seed=self.seed,
            now=now,
            created=self.created,
        )

    def transaction_count(self) -> int:
        """All transactions of all accounts (the whole generated history)."""
        return sum(len(txns) for txns in self.transactions.values())


def known_usernames() -> list[str]:
    """Every username that logs into a persona (aliases included), sorted."""
    return sorted({*PERSONAS, *ALIASES})


def persona_for(username: str) -> Persona:
    """The persona behind a username; raises UnknownPersonaError with the known names."""
    persona = PERSONAS.get(ALIASES.get(username, username))
    if persona is None:
        raise UnknownPersonaError(
            f"unknown sandbox username {username!r}; use one of: {', '.join(known_usernames())}"
        )
    return persona


def institution_name(institution_id: str) -> str | None:
    """The name of a sandbox institution, or None if it is unknown."""
    return INSTITUTIONS.get(institution_id)


def stable_id(*parts: object, length: int = 37) -> str:
    """A Plaid-shaped case-sensitive alphanumeric id derived from `parts`."""
    key = "|".join(map(str, parts)).encode()
    return hashlib.blake2b(key, digest_size=length).digest().translate(_ID_TABLE).decode()


def account_id_for(item_id: str, mask: str) -> str:
    """The account id of the account with `mask` in Item `item_id` (37 characters)."""
    return stable_id("account", item_id, mask)


def _cents(value: int | None) -> float | None:
    return None if value is None else round(value / 100, 2)


def generate_item(
    username: str,
    institution_id: str,
    *,
    item_id: str,
    seed: int,
    now: dt.datetime,
    created: dt.datetime | None = None,
) -> GeneratedItem:
    """Generate an Item for a persona as of `now`.

    `created` is when the Item was linked (defaults to `now`): persona balances hold on that
    day and one-off events sit a fixed number of days before it. Pass the same `created` on
    every later call (a refresh) so older history stays identical.
    """
    persona = persona_for(username)
    name = institution_name(institution_id) or institution_id
    now = _utc(now)
    created = min(_utc(created) if created else now, now)
    anchor, today = created.date(), now.date()
    cycle_days = persona.cycle_days
    oldest = today - dt.timedelta(days=740)
    opened = {
        a.mask: anchor - dt.timedelta(days=a.history_days or persona.history_days)
        for a in persona.accounts
    }
    first_day = max(min(opened.values()), oldest)
    cycles_back = -(-(anchor - first_day).days // cycle_days)
    cycles_ahead = -(-(today - anchor).days // cycle_days)
    builder = LedgerBuilder(persona, seed, item_id, anchor)
    builder.place_one_offs()
    for index in range(cycles_back, -cycles_ahead - 1, -1):
        end = anchor - dt.timedelta(days=cycle_days * index)
        builder.cycle(end - dt.timedelta(days=cycle_days - 1), cycle_days)

    accounts: list[dict[str, Any]] = []
    transactions: dict[str, tuple[Txn, ...]] = {}
    current_cents: dict[str, int] = {}
    opened_by_id: dict[str, dt.date] = {}
    investments: dict[str, dict[str, Any]] = {}
    for spec in persona.accounts:
        account_id = account_id_for(item_id, spec.mask)
        start = max(opened[spec.mask], oldest)
        txns: list[Txn] = []
        since_created = 0
        for date in sorted(d for d in builder.days[spec.mask] if start <= d <= today):
            iso = date.isoformat()
            for n, (amount, description, kind) in enumerate(builder.days[spec.mask][date]):
                tid = stable_id("txn", seed, item_id, spec.mask, iso, n)
                txns.append(Txn(tid, account_id, date, amount, description, kind))
                if date > anchor:
                    since_created += amount
        direction = balance_direction(spec.type)
        pinned = spec.current
        if spec.opening_balance is not None:
            moved = sum(t.amount for t in txns if t.date <= anchor)
            pinned = spec.opening_balance + direction * moved
        current = pinned + direction * since_created
        if spec.holdings:  # an investment account is worth its positions
            current = sum(h.value for h in spec.holdings)
            investments[account_id] = account_investments(
                spec, account_id, stable_id, anchor, today
            )
        transactions[account_id] = tuple(txns)
        current_cents[account_id] = current
        opened_by_id[account_id] = opened[spec.mask]
        accounts.append(_account_dict(spec, account_id, current, now))
    has_identity = institution_id not in NO_IDENTITY
    return GeneratedItem(
        institution_id=institution_id,
        institution_name=name,
        username=username,
        item_id=item_id,
        accounts=accounts,
        owners_available=has_identity,
        owners=[persona.owner] if has_identity else [],
        ownership_type=persona.ownership_type if has_identity else None,
        seed=seed,
        now=now,
        created=created,
        transactions=transactions,
        current_cents=current_cents,
        opened=opened_by_id,
        investments=investments,
    )


def _account_dict(
    spec: AccountSpec, account_id: str, current: int, now: dt.datetime
) -> dict[str, Any]:
    available = None if spec.available_offset is None else current - spec.available_offset
    shown = None if spec.balances_unknown else current
    return {
        "account_id": account_id,
        "balances": {
            "available": None if spec.balances_unknown else _cents(available),
            "current": _cents(shown),
            "limit": _cents(spec.limit),
            "margin_loan_amount": None,
            "iso_currency_code": "USD",
            "unofficial_currency_code": None,
        },
        "mask": spec.mask,
        "name": spec.name,
        "official_name": spec.official_name,
        "type": spec.type,
        "subtype": spec.subtype,
    }


def _utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)
