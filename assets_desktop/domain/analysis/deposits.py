"""Large deposits (Fannie Mae B3-4.2-02) and the deposits whose source is evident.

A candidate is an inflow (negative Plaid amount) into a depository account, dated from
`window_start` to `window_end` inclusive, strictly greater than the threshold. It is *sourced*
(listed, not flagged) when it is:

* a **transfer**: an outflow of the same amount and currency from another asset account
  (depository or investment) of the report within `transfer_window_days` days (each outflow
  sources one deposit; the nearest date wins). Money from a credit or loan account is borrowed,
  so it stays flagged;
* **payroll**: recurring deposits from the same source into the same account. Its normalised
  description (upper case, digits and reference noise removed) is shared by at least two other
  deposits at regular intervals (at least two gaps, and two thirds of them, of 5-35 days) and its
  amount is at most 1.5 × their median; or the description names payroll (PAYROLL, DIR DEP,
  GUSTO, ADP, SALARY, …) or the insights category is payroll or wages, and at least one other
  deposit of the account has the same source.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from assets_desktop.domain.analysis.money import to_cents
from assets_desktop.domain.analysis.types import ASSET_TYPES, DepositSource
from assets_desktop.domain.report import Account, Transaction

PAYROLL_WORDS = re.compile(  # bank text often glues words ("ACH Electronic CreditGUSTO PAY")
    r"PAYROLL|PAYRLL|\bPYRL\b|DIRECT ?DEP|\bDIR DEP|GUSTO|\bADP\b|PAYCHEX|SALARY|PAYCHECK|"
    r"\bWAGES?\b|SSA TREAS|SOC SEC|TREAS 310"
)
_NOISE = frozenset({"PPD", "CCD", "WEB", "ID", "ACH", "CO", "ENTRY", "DESCR", "INDN", "TRN", "REF",
                    "CONF", "DATE", "ON", "SEC", "TEL", "IAT"})  # fmt: skip
_NON_LETTERS = re.compile(r"[^A-Z]+")
RECURRING_MIN_OTHERS = 2
RECURRING_GAP_DAYS = (5, 35)
RECURRING_MAX_RATIO = Decimal("1.5")

_Outflow = tuple[dt.date, str, str]  # date, account_id, transaction_id


@dataclass(frozen=True)
class Candidate:
    """A deposit above the threshold, with what sources it (if anything)."""

    account: Account
    transaction: Transaction
    cents: int
    currency: str
    source: DepositSource | None = None
    counterpart: tuple[str, str] | None = None  # (account_id, transaction_id)


def normalise_source(description: str) -> str:
    """`ACME CORP PAYROLL PPD ID: 99812` → `ACME CORP PAYROLL`: the deposit's source, stable
    across pay dates."""
    words = _NON_LETTERS.sub(" ", description.upper()).split()
    return " ".join(w for w in words if w not in _NOISE and len(w) > 1)


def transaction_currency(transaction: Transaction, account: Account) -> str:
    """The transaction's currency, else its account's."""
    return (
        transaction.iso_currency_code
        or transaction.unofficial_currency_code
        or account.balances.currency
    )


def find_candidates(
    accounts: Sequence[Account],
    threshold: Decimal,
    currency: str,
    window_start: dt.date,
    window_end: dt.date,
) -> list[Candidate]:
    """Depository inflows in the window, in `currency`, strictly above `threshold`."""
    threshold_cents = threshold * 100
    below = -float(threshold)  # a cheap float pre-filter; the exact test is in cents below
    found: list[Candidate] = []
    for account in accounts:
        if account.type != "depository":
            continue
        for transaction in account.transactions:
            amount = transaction.amount
            if amount >= 0 or amount > below + 0.01:
                continue
            if not window_start <= transaction.date <= window_end:
                continue
            cents = -to_cents(amount)
            if cents > threshold_cents and transaction_currency(transaction, account) == currency:
                if transaction.pending and _posted_later(transaction, account):
                    continue  # the posted copy of this deposit is the one to review
                found.append(Candidate(account, transaction, cents, currency))
    found.sort(key=lambda c: (c.transaction.date, c.transaction.transaction_id))
    return found


def _posted_later(pending: Transaction, account: Account) -> bool:
    return any(t.pending_transaction_id == pending.transaction_id for t in account.transactions)


def source_candidates(
    candidates: list[Candidate], accounts: Sequence[Account], transfer_window_days: int
) -> list[Candidate]:
    """The candidates with `source` set where a transfer or payroll explains them."""
    if not candidates:
        return []
    outflows = _outflows_by_amount(accounts, {(c.currency, c.cents) for c in candidates})
    counterparts = _match_transfers(candidates, outflows, transfer_window_days)
    recurring = _RecurrenceIndex()
    result: list[Candidate] = []
    for index, candidate in enumerate(candidates):
        counterpart = counterparts.get(index)
        if counterpart is not None:
            result.append(replace(candidate, source="transfer", counterpart=counterpart))
        elif recurring.is_payroll(candidate):
            result.append(replace(candidate, source="payroll"))
        else:
            result.append(candidate)
    return result


def _outflows_by_amount(
    accounts: Sequence[Account], wanted: set[tuple[str, int]]
) -> dict[tuple[str, int], list[_Outflow]]:
    # A two-decimal amount parses to the float nearest to it, and so does cents / 100 (true
    # division is correctly rounded): comparing floats first skips almost every transaction.
    wanted_amounts = {cents / 100 for _, cents in wanted}
    index: dict[tuple[str, int], list[_Outflow]] = defaultdict(list)
    for account in accounts:
        if account.type not in ASSET_TYPES:  # a cash advance or loan draw is borrowed money
            continue
        for t in account.transactions:
            if t.amount in wanted_amounts:
                key = (transaction_currency(t, account), to_cents(t.amount))
                if key in wanted:
                    index[key].append((t.date, account.account_id, t.transaction_id))
    return index


def _match_transfers(
    candidates: list[Candidate],
    outflows: dict[tuple[str, int], list[_Outflow]],
    window_days: int,
) -> dict[int, tuple[str, str]]:
    """Pair deposits with outflows of other accounts, nearest dates first; each used once."""
    pairs: list[tuple[int, int, str, str]] = []  # distance, candidate index, account, transaction
    for index, candidate in enumerate(candidates):
        for date, account_id, transaction_id in outflows.get(
            (candidate.currency, candidate.cents), []
        ):
            distance = abs((date - candidate.transaction.date).days)
            if account_id != candidate.account.account_id and distance <= window_days:
                pairs.append((distance, index, account_id, transaction_id))
    pairs.sort()
    matched: dict[int, tuple[str, str]] = {}
    used: set[str] = set()
    for _, index, account_id, transaction_id in pairs:
        if index not in matched and transaction_id not in used:
            matched[index] = (account_id, transaction_id)
            used.add(transaction_id)
    return matched


def _says_payroll(transaction: Transaction) -> bool:
    """Payroll words in the description, or (with insights) a payroll or wages category."""
    credit = transaction.credit_category
    return bool(
        PAYROLL_WORDS.search(transaction.description.upper())
        or (transaction.category and "Payroll" in transaction.category)
        or (credit is not None and credit.detailed == "INCOME_WAGES")
    )


class _RecurrenceIndex:
    """Deposits of an account grouped by normalised source, built on first use per account."""

    def __init__(self) -> None:
        self._groups: dict[str, dict[str, list[tuple[dt.date, int, str]]]] = {}
        self._sources: dict[str, str] = {}

    def _source(self, description: str) -> str:
        source = self._sources.get(description)
        if source is None:
            source = self._sources[description] = normalise_source(description)
        return source

    def _groups_of(self, account: Account) -> dict[str, list[tuple[dt.date, int, str]]]:
        groups = self._groups.get(account.account_id)
        if groups is None:
            groups = defaultdict(list)
            for t in account.transactions:
                if t.amount < 0:
                    groups[self._source(t.description)].append(
                        (t.date, -to_cents(t.amount), t.transaction_id)
                    )
            self._groups[account.account_id] = groups
        return groups

    def is_payroll(self, candidate: Candidate) -> bool:
        source = self._source(candidate.transaction.description)
        if not source:
            return False
        group = self._groups_of(candidate.account).get(source, [])
        others = [g for g in group if g[2] != candidate.transaction.transaction_id]
        if others and _says_payroll(candidate.transaction):
            return True
        if len(others) < RECURRING_MIN_OTHERS:
            return False
        dates = sorted({g[0] for g in group})
        gaps = [(b - a).days for a, b in itertools.pairwise(dates)]
        regular = [g for g in gaps if RECURRING_GAP_DAYS[0] <= g <= RECURRING_GAP_DAYS[1]]
        if len(regular) < RECURRING_MIN_OTHERS or 3 * len(regular) < 2 * len(gaps):
            return False
        typical = statistics.median(g[1] for g in others)
        return candidate.cents <= RECURRING_MAX_RATIO * Decimal(typical)
