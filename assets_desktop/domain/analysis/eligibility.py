"""Which funds of an account count towards the loan, and why (Fannie Mae B3-4.x).

Every account gets an eligible amount and one reason code (`Eligibility`):

| code | amount |
|---|---|
| DEPOSITORY | the current balance (checking, savings, money market, CD, cash management) |
| DEPOSITORY_LESS_UNSOURCED | the balance less unsourced large deposits (purchase, B3-4.2-02) |
| SECURITIES | 100% of the value (stocks, bonds, mutual funds, B3-4.3-01) |
| RETIREMENT | vested value × the retirement factor (B3-4.3-03; 100% by default) |
| OWNERS_UNCONFIRMED | counted by type, but Plaid gave no owner: confirm ownership |
| OWNER_MISMATCH | 0 until the underwriter includes the account |
| EXCLUDED | 0: the underwriter excluded the account |
| NEGATIVE_BALANCE | 0: a negative balance counts as zero |
| NO_BALANCE | 0: Plaid gave no balance |
| LIABILITY | 0: credit and loan accounts are debts |
| NOT_ELIGIBLE_TYPE | 0: prepaid, EBT, HSA, education, custodial, crypto, other |
| OTHER_CURRENCY | not counted: listed apart, never converted |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from typing import Literal

from assets_desktop.domain.analysis.money import format_money
from assets_desktop.domain.analysis.types import AccountAnalysis

ZERO = Decimal("0.00")
FundsKind = Literal["liquid", "securities", "retirement"]


class Eligibility(StrEnum):
    """The reason code of an account's eligible amount."""

    DEPOSITORY = "DEPOSITORY"
    DEPOSITORY_LESS_UNSOURCED = "DEPOSITORY_LESS_UNSOURCED"
    SECURITIES = "SECURITIES"
    RETIREMENT = "RETIREMENT"
    OWNERS_UNCONFIRMED = "OWNERS_UNCONFIRMED"
    OWNER_MISMATCH = "OWNER_MISMATCH"
    EXCLUDED = "EXCLUDED"
    NEGATIVE_BALANCE = "NEGATIVE_BALANCE"
    NO_BALANCE = "NO_BALANCE"
    LIABILITY = "LIABILITY"
    NOT_ELIGIBLE_TYPE = "NOT_ELIGIBLE_TYPE"
    OTHER_CURRENCY = "OTHER_CURRENCY"


LIQUID_SUBTYPES = frozenset({"checking", "savings", "money market", "cd", "cash management"})
RETIREMENT_SUBTYPES = frozenset(
    {"401a", "401k", "403b", "457b", "ira", "keogh", "lif", "lira", "lrif", "lrsp", "pension",
     "prif", "profit sharing plan", "qshr", "rdsp", "retirement", "rlif", "roth", "roth 401k",
     "rrif", "rrsp", "sarsep", "sep ira", "simple ira", "sipp", "thrift savings plan"}
)  # fmt: skip
INELIGIBLE_INVESTMENT_SUBTYPES = frozenset(
    {"529", "education savings account", "resp", "ugma", "utma", "hsa", "crypto exchange",
     "non-custodial wallet", "health reimbursement arrangement"}
)  # fmt: skip
_INELIGIBLE_REASONS = {
    "prepaid": "prepaid cards are not an acceptable asset",
    "ebt": "government benefit (EBT) balances are not an acceptable asset",
    "hsa": "health savings funds are restricted to medical expenses",
}


@dataclass(frozen=True)
class AccountEligibility:
    """What one account contributes, with the rule that decided it in a sentence.

    `balance` is the figure the rule started from (vested value for retirement when Plaid gave
    it), `deducted` the unsourced large deposits taken off it, `eligible` what counts (0 for
    accounts in another currency, which `other_currency_amount` lists apart).
    """

    account_id: str
    label: str
    currency: str
    kind: FundsKind | None
    balance: Decimal | None
    deducted: Decimal
    eligible: Decimal
    code: Eligibility
    explanation: str
    other_currency_amount: Decimal | None = None


def funds_kind(account: AccountAnalysis) -> FundsKind | None:
    """liquid (depository), securities or retirement; None for what is never an asset."""
    subtype = (account.subtype or "").strip().lower()
    if account.type == "depository":
        return "liquid" if subtype in LIQUID_SUBTYPES or not subtype else None
    if account.type in ("investment", "brokerage"):
        if subtype in RETIREMENT_SUBTYPES:
            return "retirement"
        return None if subtype in INELIGIBLE_INVESTMENT_SUBTYPES else "securities"
    return None


@dataclass(frozen=True)
class AccountInputs:
    """What the underwriter decided about one account, and its unsourced large deposits."""

    currency: str
    purchase: bool
    retirement_factor: Decimal
    unsourced: Decimal = ZERO
    ownership: Literal["rules", "included", "excluded"] = "rules"
    reason: str = ""


def eligibility(account: AccountAnalysis, inputs: AccountInputs) -> AccountEligibility:
    """The eligible amount of one account and the reason for it."""
    kind = funds_kind(account)
    label, cur = account.label, account.currency
    balance = account.current if account.current is not None else account.available
    if kind == "retirement" and account.vested_value is not None:
        balance = account.vested_value

    def result(
        code: Eligibility, eligible: Decimal, text: str, deducted: Decimal = ZERO
    ) -> AccountEligibility:
        return AccountEligibility(
            account.account_id, label, cur, kind, balance, deducted, eligible, code, text
        )

    if account.is_liability:
        return result(Eligibility.LIABILITY, ZERO, f"{label} is a {account.type} account: a debt.")
    if kind is None:
        why = _INELIGIBLE_REASONS.get((account.subtype or "").lower(), "not an acceptable asset")
        kind_text = account.subtype or account.type
        return result(Eligibility.NOT_ELIGIBLE_TYPE, ZERO, f"{label} ({kind_text}): {why}.")
    if inputs.ownership == "excluded":
        because = f": {inputs.reason}" if inputs.reason else ""
        return result(Eligibility.EXCLUDED, ZERO, f"Excluded by the underwriter{because}.")
    if account.owner_match in ("mismatch", "partial") and inputs.ownership != "included":
        owners = ", ".join(account.owner_names)
        return result(
            Eligibility.OWNER_MISMATCH,
            ZERO,
            f"Held by {owners}, not a borrower on this loan file: not counted until the "
            "underwriter confirms ownership and includes it.",
        )
    if balance is None:
        return result(Eligibility.NO_BALANCE, ZERO, f"Plaid gave no balance for {label}.")
    if cur != inputs.currency:
        return AccountEligibility(
            account.account_id, label, cur, kind, balance, ZERO, ZERO,
            Eligibility.OTHER_CURRENCY,
            f"In {cur}, not {inputs.currency}: listed apart and not converted.",
            other_currency_amount=max(balance, ZERO),
        )  # fmt: skip
    if balance <= 0:
        return result(
            Eligibility.NEGATIVE_BALANCE,
            ZERO,
            f"Balance {format_money(balance, cur)}: a negative or zero balance counts as zero.",
        )
    unconfirmed = account.owner_match == "unavailable" and inputs.ownership != "included"
    included = (
        " Included by the underwriter" + (f": {inputs.reason}." if inputs.reason else ".")
        if inputs.ownership == "included"
        else ""
    )
    confirm = " Plaid gave no owner: confirm the borrower holds it." if unconfirmed else ""
    code, eligible, text, deducted = _by_kind(account, kind, balance, inputs)
    return result(
        Eligibility.OWNERS_UNCONFIRMED if unconfirmed else code,
        eligible,
        text + included + confirm,
        deducted,
    )


def _by_kind(
    account: AccountAnalysis, kind: FundsKind, balance: Decimal, inputs: AccountInputs
) -> tuple[Eligibility, Decimal, str, Decimal]:
    cur = account.currency
    if kind == "securities":
        return (
            Eligibility.SECURITIES,
            balance,
            f"Stocks, bonds or funds: 100% of {format_money(balance, cur)} (B3-4.3-01).",
            ZERO,
        )
    if kind == "retirement":
        eligible = (balance * inputs.retirement_factor).quantize(
            Decimal("0.01"), rounding=ROUND_DOWN
        )
        what = "vested value" if account.vested_value is not None else "balance"
        percent = f"{(inputs.retirement_factor * 100).normalize():f}%"
        return (
            Eligibility.RETIREMENT,
            eligible,
            f"Retirement: {percent} of the {what} {format_money(balance, cur)} (B3-4.3-03).",
            ZERO,
        )
    deducted = min(inputs.unsourced, balance)
    if deducted > 0:
        return (
            Eligibility.DEPOSITORY_LESS_UNSOURCED,
            balance - deducted,
            f"Balance {format_money(balance, cur)} less {format_money(deducted, cur)} of "
            "unsourced large deposits (B3-4.2-02).",
            deducted,
        )
    return Eligibility.DEPOSITORY, balance, f"Balance {format_money(balance, cur)}.", ZERO


def by_account(rows: tuple[AccountEligibility, ...]) -> Mapping[str, AccountEligibility]:
    """Eligibility rows by account id."""
    return {row.account_id: row for row in rows}
