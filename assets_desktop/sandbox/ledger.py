"""The day-by-day ledger behind a generated Item: persona rules turned into transactions.

Each (account, day) draws from its own deterministic stream keyed by (seed, item, account,
date), and pay cycles are anchored on the day the Item was created, so generating a longer
stretch of time never changes the days already generated.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import struct
from collections.abc import Sequence
from typing import TypeVar

from assets_desktop.sandbox import catalog
from assets_desktop.sandbox.catalog import Kind
from assets_desktop.sandbox.persona_spec import (
    AccountSpec,
    Balancer,
    Persona,
    Spending,
    balance_direction,
)


class Draws:
    """A cheap deterministic stream of uniform draws keyed by `parts` (blake2b blocks)."""

    __slots__ = ("_block", "_index", "_key", "_values")

    def __init__(self, *parts: object) -> None:
        self._key = "|".join(map(str, parts)).encode()
        self._block = 0
        self._index = 16
        self._values: tuple[int, ...] = ()

    def random(self) -> float:
        if self._index == 16:
            block = self._key + self._block.to_bytes(4, "big")
            self._values = _UNPACK(hashlib.blake2b(block, digest_size=64).digest())
            self._block += 1
            self._index = 0
        value = self._values[self._index]
        self._index += 1
        return value / 4294967296.0

    def randint(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def choice(self, options: Sequence[T]) -> T:
        return options[int(self.random() * len(options))]

    def weighted(self, options: Sequence[T], cumulative: Sequence[int]) -> T:
        return options[bisect.bisect_right(cumulative, self.random() * cumulative[-1])]


_UNPACK = struct.Struct(">16I").unpack
T = TypeVar("T")


_Day = list[tuple[int, str, Kind]]


def _describe(kind: Kind, mask: str | None) -> str:
    return kind.description.format(mask=mask) if "{mask}" in kind.description else kind.description


def _signed(kind: Kind, amount: int) -> int:
    return -abs(amount) if kind.inflow else abs(amount)


class LedgerBuilder:
    """Generates one Item's per-day transaction lists, cycle by cycle."""

    def __init__(self, persona: Persona, seed: int, item_id: str, anchor: dt.date) -> None:
        self.persona = persona
        self.seed = seed
        self.item_id = item_id
        self.anchor = anchor
        self.days: dict[str, dict[dt.date, _Day]] = {a.mask: {} for a in persona.accounts}
        # One-off amounts per account and date; balancers leave them where they land.
        self.one_offs: dict[str, list[tuple[dt.date, int]]] = {a.mask: [] for a in persona.accounts}

    def add(self, mask: str, date: dt.date, amount: int, kind: Kind, other: str | None) -> None:
        self.days[mask].setdefault(date, []).append((amount, _describe(kind, other), kind))

    def place_one_offs(self) -> None:
        for event in self.persona.one_offs:
            date = self.anchor - dt.timedelta(days=event.days_before)
            amount = _signed(event.kind, event.amount)
            self.add(event.mask, date, amount, event.kind, event.counter)
            self.one_offs[event.mask].append((date, amount))
            if event.counter and event.counter_kind:
                self.add(event.counter, date, -amount, event.counter_kind, event.mask)
                self.one_offs[event.counter].append((date, -amount))

    def level(self, spec: AccountSpec, end: dt.date) -> int:
        """The balance a balanced account holds at the end of `end` (its cycle level)."""
        later = sum(a for d, a in self.one_offs[spec.mask] if end < d <= self.anchor)
        return spec.current + later

    def cycle(self, start: dt.date, length: int) -> None:
        dates = [start + dt.timedelta(days=i) for i in range(length)]
        for spec in self.persona.accounts:
            for offset, date in enumerate(dates):
                self._day(spec, date, offset)
            if spec.balancer is not None:
                self._balance(spec, dates)

    def _day(self, spec: AccountSpec, date: dt.date, offset: int) -> None:
        if not spec.spending and not spec.recurring:
            return
        rng = Draws(self.seed, self.item_id, spec.mask, date.toordinal())
        for rec in spec.recurring:
            if rec.cycle_day is not None:
                due = rec.cycle_day == offset
            else:
                due = rec.month_day is not None and date.day == _month_day(date, rec.month_day)
            if not due:
                continue
            raw = rec.amount if rec.amount is not None else rng.randint(rec.kind.low, rec.kind.high)
            amount = _signed(rec.kind, raw)
            self.add(spec.mask, date, amount, rec.kind, rec.counter)
            if rec.counter and rec.counter_kind:
                self.add(rec.counter, date, -amount, rec.counter_kind, spec.mask)
        for spending in spec.spending:
            count = rng.choice(spending.per_day)
            if not count:
                continue
            kinds, cumulative = _weights(spending)
            for _ in range(count):
                kind = rng.weighted(kinds, cumulative)
                amount = _signed(kind, rng.randint(kind.low, kind.high))
                self.add(spec.mask, date, amount, kind, None)

    def _balance(self, spec: AccountSpec, dates: list[dt.date]) -> None:
        balancer = spec.balancer
        assert balancer is not None
        days = self.days[spec.mask]
        start_level = self.level(spec, dates[0] - dt.timedelta(days=1))
        end_level = self.level(spec, dates[-1])
        if balancer.at_start:
            # A card: the cycle's purchases are paid off when the cycle closes, so what is owed
            # climbs from its level during the cycle and comes back to it (never below zero).
            flow = sum(a for d in dates for a, _, _ in days.get(d, ()))
            direction = balance_direction(spec.type)
            payment = direction * (end_level - start_level) - flow
            self._transfer(spec, balancer, dates[-1], payment, first=False)
            return
        balance = start_level
        fees = 0
        for date in dates:
            day = days.get(date, [])
            balance -= sum(a for a, _, _ in day)
            if balance < 0 and not spec.overdraft_fees and date != dates[-1]:
                # Overdraft protection: cover the shortfall from savings the same day.
                self._transfer(spec, balancer, date, balance - end_level, first=False)
                balance = end_level
            if spec.overdraft_fees and balance < 0 and fees < 3 and any(a > 0 for a, _, _ in day):
                rng = Draws(self.seed, self.item_id, spec.mask, date.toordinal(), "fee")
                was_negative = balance + sum(a for a, _, _ in day) < 0
                kind = (
                    catalog.OVERDRAFT_FEE
                    if not was_negative
                    else rng.choice((catalog.NSF_FEE, catalog.RETURNED_ITEM_FEE))
                )
                day.append((kind.low, kind.description, kind))
                days[date] = day
                balance -= kind.low
                fees += 1
        self._transfer(spec, balancer, dates[-1], balance - end_level, first=False)

    def _transfer(
        self, spec: AccountSpec, balancer: Balancer, date: dt.date, amount: int, *, first: bool
    ) -> None:
        if amount == 0:
            return
        kind = balancer.out_kind if amount > 0 else balancer.in_kind
        mirror = balancer.counter_in_kind if amount > 0 else balancer.counter_out_kind
        if kind is None:
            return
        entry = (amount, _describe(kind, balancer.counter), kind)
        day = self.days[spec.mask].setdefault(date, [])
        if first:
            day.insert(0, entry)
        else:
            day.append(entry)
        if balancer.counter and mirror is not None:
            self.add(balancer.counter, date, -amount, mirror, spec.mask)


_WEIGHTS: dict[int, tuple[tuple[Kind, ...], tuple[int, ...]]] = {}


def _weights(spending: Spending) -> tuple[tuple[Kind, ...], tuple[int, ...]]:
    """The kinds of a Spending with cumulative weights (cached per Spending object)."""
    cached = _WEIGHTS.get(id(spending))
    if cached is None:
        kinds = tuple(kind for kind, weight in spending.kinds if weight > 0)
        weights = [weight for _, weight in spending.kinds if weight > 0]
        cached = _WEIGHTS[id(spending)] = (kinds, tuple(itertools.accumulate(weights)))
    return cached


def _month_day(date: dt.date, wanted: int) -> int:
    """`wanted` clamped to the length of `date`'s month (rent on the 31st lands on the 30th)."""
    if wanted <= 28:
        return wanted
    next_month = (date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return min(wanted, (next_month - dt.timedelta(days=1)).day)
