"""Per-account figures from transactions and `historical_balances`: averages, minimum, NSF fees,
runs of negative end-of-day balances. Single passes; money in integer cents."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from assets_desktop.domain.analysis.money import cents_to_decimal, mean_cents, to_cents
from assets_desktop.domain.report import Account, Transaction

AVERAGE_WINDOWS = (30, 60, 90)
MINIMUM_WINDOW = 60

_FEE_WORDS = re.compile(
    r"\bNSF\b|N\.S\.F|INSUFFICIENT\s+FUND|NON[-\s]?SUFFICIENT|OVERDRAFT|OVERDRAWN|\bOD\s+FEE|"
    r"RETURNED\s+ITEM|\bRET(URN)?\s+ITEM|UNPAID\s+ITEM|RETURNED\s+CHECK\s+FEE",
)
_TRANSFER_WORDS = re.compile(r"TRANSFER|\bXFER\b|\bPROTECTION\b")
_FEE_MARKERS = re.compile(r"\bFEE\b|\bCHARGE\b|\bCHG\b")
_FEE_CATEGORIES = frozenset({"overdraft", "insufficient funds"})
_FEE_CREDIT_CATEGORIES = frozenset({"BANK_FEES_OVERDRAFT_FEES", "BANK_FEES_INSUFFICIENT_FUNDS"})


@dataclass(frozen=True)
class BalanceFigures:
    """Averages and minimum over the days ending the day before `date_generated`."""

    averages: dict[int, Decimal | None]
    minimum_60: Decimal | None


@dataclass(frozen=True)
class NegativeRun:
    """Consecutive days with a negative end-of-day balance."""

    start: dt.date
    end: dt.date
    days: int
    lowest: Decimal


def daily_balances(account: Account) -> dict[dt.date, int]:
    """End-of-day balance in cents per date (the first entry wins if a date repeats)."""
    entries = account.historical_balances
    try:  # reversed, so the first entry of a repeated date is written last and wins
        return {e.date: round(e.current * 100) for e in reversed(entries)}
    except OverflowError:  # an absurd balance (x * 100 overflows): the exact, slower path
        return {e.date: to_cents(e.current) for e in reversed(entries)}


def balance_figures(days: dict[dt.date, int], generated: dt.date) -> BalanceFigures:
    """Average end-of-day balance over the last 30/60/90 days before `generated` (over the days
    present), and the minimum over the last 60; None where no day is present."""
    sums = dict.fromkeys(AVERAGE_WINDOWS, 0)
    counts = dict.fromkeys(AVERAGE_WINDOWS, 0)
    minimum: int | None = None
    for date, cents in days.items():
        age = (generated - date).days
        if age < 1 or age > AVERAGE_WINDOWS[-1]:
            continue
        for window in AVERAGE_WINDOWS:
            if age <= window:
                sums[window] += cents
                counts[window] += 1
        if age <= MINIMUM_WINDOW and (minimum is None or cents < minimum):
            minimum = cents
    averages = {w: mean_cents(sums[w], counts[w]) if counts[w] else None for w in AVERAGE_WINDOWS}
    return BalanceFigures(averages, None if minimum is None else cents_to_decimal(minimum))


def negative_runs(days: dict[dt.date, int]) -> list[NegativeRun]:
    """Runs of consecutive calendar days whose end-of-day balance is below zero, oldest first."""
    runs: list[NegativeRun] = []
    start: dt.date | None = None
    previous: dt.date | None = None
    lowest = 0
    for date in sorted(d for d, cents in days.items() if cents < 0):
        if start is not None and previous is not None and (date - previous).days == 1:
            lowest = min(lowest, days[date])
        else:
            if start is not None and previous is not None:
                runs.append(_run(start, previous, lowest))
            start, lowest = date, days[date]
        previous = date
    if start is not None and previous is not None:
        runs.append(_run(start, previous, lowest))
    return runs


def _run(start: dt.date, end: dt.date, lowest: int) -> NegativeRun:
    return NegativeRun(start, end, (end - start).days + 1, cents_to_decimal(lowest))


class FeeDetector:
    """Recognises NSF, overdraft and returned-item fees; caches verdicts per description and
    per category, so 15,000 transactions cost one dict lookup or two each."""

    def __init__(self) -> None:
        self._by_description: dict[str, bool] = {}
        self._by_category: dict[tuple[str, ...], bool] = {}

    def fees(self, transactions: Iterable[Transaction]) -> list[Transaction]:
        """The outflows whose description or (insights) category says NSF/overdraft fee."""
        by_description, by_category = self._by_description, self._by_category
        found: list[Transaction] = []
        for t in transactions:
            if t.amount <= 0:
                continue
            category = t.category
            if category:
                verdict = by_category.get(category)
                if verdict is None:
                    verdict = by_category[category] = any(
                        c.casefold() in _FEE_CATEGORIES for c in category
                    )
                if verdict:
                    found.append(t)
                    continue
            credit = t.credit_category
            if credit is not None and credit.detailed in _FEE_CREDIT_CATEGORIES:
                found.append(t)
                continue
            description = t.original_description or t.name or t.merchant_name or ""
            verdict = by_description.get(description)
            if verdict is None:
                verdict = by_description[description] = _is_fee_description(description)
            if verdict:
                found.append(t)
        return found


def _is_fee_description(description: str) -> bool:
    text = description.upper()
    if not _FEE_WORDS.search(text):
        return False
    # "OVERDRAFT PROTECTION TRANSFER FROM SAVINGS" moves money; it is no fee unless it says so.
    return not _TRANSFER_WORDS.search(text) or bool(_FEE_MARKERS.search(text))
