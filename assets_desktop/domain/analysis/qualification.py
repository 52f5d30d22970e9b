"""Does the borrower have enough? Funds required, eligible assets, reserves — to the cent.

    funds_required = cash_to_close + reserve_months × monthly_housing_payment (PITIA)

Eligible assets follow `eligibility` per account and the underwriter's dispositions. Closing
funds are drawn from liquid (depository) assets first, then securities, then retirement; what
remains is the reserves, in months of PITIA (rounded down to the hundredth: never overstated).
Missing loan data gives `sufficient = None` ("not assessed") with what to enter.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Literal

from assets_desktop.domain.analysis.decisions import Disposition
from assets_desktop.domain.analysis.earnest import EarnestMoneyCheck, check_earnest_money
from assets_desktop.domain.analysis.eligibility import (
    ZERO,
    AccountEligibility,
    AccountInputs,
    Eligibility,
    FundsKind,
    eligibility,
)
from assets_desktop.domain.analysis.money import format_money
from assets_desktop.domain.analysis.types import Analysis, Flag, FlagCode
from assets_desktop.domain.report import AssetReportResponse

Status = Literal["sufficient", "short", "not_assessed"]
_OWNER_FLAGS = (FlagCode.OWNER_MISMATCH, FlagCode.OWNERS_UNAVAILABLE)
_DRAW_ORDER: tuple[FundsKind, ...] = ("liquid", "securities", "retirement")
LIQUIDATION_RATIO = Decimal("1.2")


@dataclass(frozen=True)
class LoanTerms:
    """What the loan needs: cash to close (down payment + closing costs − already paid), the
    monthly housing payment (PITIA), the reserve months required, and the optional earnest
    money deposit. `retirement_factor` is the share of vested retirement funds that counts
    (1 by the Selling Guide since 2015; some lenders' overlays use 0.6-0.7)."""

    cash_to_close: Decimal | None = None
    monthly_housing_payment: Decimal | None = None
    reserve_months: Decimal | None = None
    retirement_factor: Decimal = Decimal(1)
    earnest_money: Decimal | None = None
    earnest_money_date: dt.date | None = None
    currency: str = "USD"


@dataclass(frozen=True)
class Gift:
    """A large deposit sourced as a gift (B3-4.3-04)."""

    key: str
    account_id: str
    date: dt.date | None
    amount: Decimal
    donor: str | None


@dataclass(frozen=True)
class Qualification:
    """The answer, its figures and one sentence per fact in `notes`."""

    currency: str
    status: Status
    accounts: tuple[AccountEligibility, ...]
    cash_to_close: Decimal | None
    monthly_housing_payment: Decimal | None
    reserve_months: Decimal | None
    reserves_required: Decimal | None
    funds_required: Decimal | None
    eligible_assets: Decimal
    eligible_by_kind: Mapping[str, Decimal]
    closing_from: Mapping[str, Decimal]
    reserves_after_closing: Decimal | None
    reserve_months_available: Decimal | None
    shortfall: Decimal | None
    unsourced_deducted: Decimal
    gifts: tuple[Gift, ...]
    earnest_money: EarnestMoneyCheck | None
    notes: tuple[str, ...]

    @property
    def sufficient(self) -> bool | None:
        """True, False, or None when not assessed."""
        return None if self.status == "not_assessed" else self.status == "sufficient"

    @property
    def liquid_eligible(self) -> Decimal:
        return self.eligible_by_kind["liquid"]

    def account(self, account_id: str) -> AccountEligibility | None:
        return next((a for a in self.accounts if a.account_id == account_id), None)


def decisions_by_flag(
    flags: Iterable[Flag], decisions: Iterable[Disposition]
) -> dict[str, Disposition]:
    """The disposition of each flag (by the flag's key), matching its key or legacy key; the
    last decision of a key wins."""
    latest = {d.key: d for d in decisions}
    found: dict[str, Disposition] = {}
    for flag in flags:
        for key in flag.keys:
            if key in latest:
                found[flag.key] = latest[key]
                break
    return found


def qualify(
    analysis: Analysis,
    terms: LoanTerms,
    decisions: Iterable[Disposition] = (),
    response: AssetReportResponse | None = None,
) -> Qualification:
    """Qualify the borrower on this report. Pure; cheap (no transaction is re-read, except for
    the earnest money check when `response` and an amount are given)."""
    decided = decisions_by_flag(analysis.flags, decisions)
    purchase = analysis.parameters.purpose == "purchase"
    unsourced: dict[str, Decimal] = defaultdict(lambda: ZERO)
    ownership: dict[str, tuple[Literal["included", "excluded"], str]] = {}
    gifts: list[Gift] = []
    for flag in analysis.flags:
        decision = decided.get(flag.key)
        if flag.code == FlagCode.LARGE_DEPOSIT and flag.account_id and flag.amount is not None:
            if _deducted(decision, purchase):
                unsourced[flag.account_id] += flag.amount
            if decision and decision.kind == "sourced" and decision.source == "gift_letter":
                amount = decision.gift_amount or flag.amount
                donor = decision.gift_donor
                gifts.append(Gift(flag.key, flag.account_id, flag.date, amount, donor))
        elif decision and flag.account_id:
            if decision.kind == "excluded":
                ownership[flag.account_id] = ("excluded", decision.reason)
            elif flag.code in _OWNER_FLAGS and _includes(flag, decision):
                ownership.setdefault(flag.account_id, ("included", decision.reason))
    rows = tuple(
        eligibility(
            account,
            AccountInputs(
                currency=terms.currency,
                purchase=purchase,
                retirement_factor=terms.retirement_factor,
                unsourced=unsourced[account.account_id],
                ownership=ownership.get(account.account_id, ("rules", ""))[0],
                reason=ownership.get(account.account_id, ("rules", ""))[1],
            ),
        )
        for account in analysis.accounts
    )
    return _answer(analysis, terms, rows, tuple(gifts), response)


def _deducted(decision: Disposition | None, purchase: bool) -> bool:
    if decision is None:
        return purchase
    if decision.kind == "excluded":
        return True
    return purchase and decision.kind != "sourced"


def _includes(flag: Flag, decision: Disposition) -> bool:
    if decision.kind == "included":
        return True
    return flag.code == FlagCode.OWNERS_UNAVAILABLE and decision.kind == "accepted"


def _answer(
    analysis: Analysis,
    terms: LoanTerms,
    rows: tuple[AccountEligibility, ...],
    gifts: tuple[Gift, ...],
    response: AssetReportResponse | None,
) -> Qualification:
    cur = terms.currency
    by_kind: dict[str, Decimal] = {
        k: sum((r.eligible for r in rows if r.kind == k), ZERO) for k in _DRAW_ORDER
    }
    eligible = sum(by_kind.values(), ZERO)
    deducted = sum((r.deducted for r in rows), ZERO)
    notes = _account_notes(analysis, rows, deducted, cur)
    earnest = (
        check_earnest_money(response, analysis, terms.earnest_money, terms.earnest_money_date, cur)
        if response is not None and terms.earnest_money is not None
        else None
    )
    if earnest is not None:
        notes.append(earnest.message)
    missing = _missing(terms)
    ctc, pitia, months = terms.cash_to_close, terms.monthly_housing_payment, terms.reserve_months
    if missing or ctc is None or pitia is None or months is None:
        notes.insert(0, f"Not assessed: enter {missing} in the loan file.")
        return Qualification(
            cur, "not_assessed", rows, ctc, pitia, months, None, None, eligible, by_kind,
            {k: ZERO for k in _DRAW_ORDER}, None, None, None, deducted, gifts, earnest,
            tuple(notes),
        )  # fmt: skip
    reserves_required = (months * pitia).quantize(Decimal("0.01"))
    required = ctc + reserves_required
    closing_from = _draw(by_kind, ctc)
    after = eligible - ctc
    available = (
        (max(after, ZERO) / pitia).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        if pitia > 0
        else None
    )
    shortfall = max(required - eligible, ZERO)
    status: Status = "sufficient" if eligible >= required else "short"
    notes[:0] = _verdict(status, eligible, required, ctc, months, pitia, available, shortfall, cur)
    notes += _closing_notes(rows, closing_from, by_kind, cur)
    return Qualification(
        cur, status, rows, ctc, pitia, months, reserves_required, required, eligible, by_kind,
        closing_from, after, available, shortfall if status == "short" else None, deducted,
        gifts, earnest, tuple(notes),
    )  # fmt: skip


def _missing(terms: LoanTerms) -> str:
    names = [
        name
        for name, value in (
            ("the cash to close", terms.cash_to_close),
            ("the monthly housing payment (PITIA)", terms.monthly_housing_payment),
            ("the reserve months required (0 if none)", terms.reserve_months),
        )
        if value is None
    ]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _draw(by_kind: Mapping[str, Decimal], cash_to_close: Decimal) -> dict[str, Decimal]:
    """Cash to close from liquid assets first, then securities, then retirement."""
    left = cash_to_close
    drawn: dict[str, Decimal] = {}
    for kind in _DRAW_ORDER:
        take = min(max(left, ZERO), by_kind[kind])
        drawn[kind] = take
        left -= take
    return drawn


def _verdict(
    status: Status,
    eligible: Decimal,
    required: Decimal,
    ctc: Decimal,
    months: Decimal,
    pitia: Decimal,
    available: Decimal | None,
    shortfall: Decimal,
    cur: str,
) -> list[str]:
    def m(amount: Decimal) -> str:
        return format_money(amount, cur)

    need = (
        f"{m(required)} required (cash to close {m(ctc)} + {months.normalize():f} months × "
        f"PITIA {m(pitia)})"
    )
    reserves = f"; {available:f} months of reserves remain after closing" if available else ""
    if status == "sufficient":
        return [f"Sufficient: {m(eligible)} of eligible assets covers the {need}{reserves}."]
    return [f"Short by {m(shortfall)}: {m(eligible)} of eligible assets against the {need}."]


def _account_notes(
    analysis: Analysis, rows: tuple[AccountEligibility, ...], deducted: Decimal, cur: str
) -> list[str]:
    notes: list[str] = []
    if deducted > 0:
        notes.append(
            f"{format_money(deducted, cur)} of unsourced large deposits deducted (B3-4.2-02); "
            "source them to count them."
        )
    if analysis.parameters.purpose == "refinance":
        notes.append("Refinance: large deposits are not deducted (B3-4.2-02).")
    others = [r for r in rows if r.code == Eligibility.OWNER_MISMATCH]
    if others:
        labels = ", ".join(r.label for r in others)
        notes.append(f"Not counted until included (held by someone else): {labels}.")
    foreign = [r for r in rows if r.code == Eligibility.OTHER_CURRENCY]
    if foreign:
        listed = ", ".join(
            f"{r.label} {format_money(r.other_currency_amount or ZERO, r.currency)}"
            for r in foreign
        )
        notes.append(f"Listed apart, not converted to {cur}: {listed}.")
    return notes


def _closing_notes(
    rows: tuple[AccountEligibility, ...],
    closing_from: Mapping[str, Decimal],
    by_kind: Mapping[str, Decimal],
    cur: str,
) -> list[str]:
    notes: list[str] = []
    securities = closing_from["securities"]
    if securities > 0:
        counted = [r for r in rows if r.kind == "securities" and r.eligible > 0]
        value = sum((r.balance or ZERO for r in counted), ZERO)
        if value < LIQUIDATION_RATIO * securities:
            notes.append(
                f"{format_money(securities, cur)} of the cash to close comes from securities "
                f"worth {format_money(value, cur)}, less than 120% of it: document the "
                "liquidation (B3-4.3-01)."
            )
        else:
            notes.append(
                f"{format_money(securities, cur)} of the cash to close comes from securities "
                "worth at least 120% of it: no proof of liquidation is needed (B3-4.3-01)."
            )
    if closing_from["retirement"] > 0:
        notes.append(
            f"{format_money(closing_from['retirement'], cur)} of the cash to close comes from "
            "retirement funds: document the withdrawal terms (B3-4.3-03)."
        )
    return notes
