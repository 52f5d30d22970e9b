"""Public result types of the underwriting analysis (immutable, exact to the cent).

Money is `Decimal` with two places; amounts in flags and sourced deposits are positive. Every
type is a frozen dataclass so the UI can hold, compare and hash results freely.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Literal

Purpose = Literal["purchase", "refinance"]
OwnerMatch = Literal["match", "partial", "mismatch", "unavailable"]
DepositSource = Literal["transfer", "payroll"]

#: Days of history an underwriter must review, per loan purpose (Fannie Mae B3-4.2-01).
REQUIRED_HISTORY_DAYS: dict[str, int] = {"purchase": 60, "refinance": 30}


class FlagCode(StrEnum):
    """Every flag the analysis raises."""

    LARGE_DEPOSIT = "LARGE_DEPOSIT"
    NSF_FEE = "NSF_FEE"
    NEGATIVE_BALANCE = "NEGATIVE_BALANCE"
    INSUFFICIENT_HISTORY = "INSUFFICIENT_HISTORY"
    OWNER_MISMATCH = "OWNER_MISMATCH"
    OWNERS_UNAVAILABLE = "OWNERS_UNAVAILABLE"
    STALE_DATA = "STALE_DATA"
    REPORT_WARNING = "REPORT_WARNING"

    @property
    def label(self) -> str:
        """`Large deposit`: the code for people (views, worksheet, changes)."""
        return _FLAG_LABELS.get(self.value, self.value.replace("_", " ").capitalize())


_FLAG_LABELS = {
    "LARGE_DEPOSIT": "Large deposit",
    "NSF_FEE": "NSF / overdraft fee",
    "NEGATIVE_BALANCE": "Negative balance",
    "INSUFFICIENT_HISTORY": "Insufficient history",
    "OWNER_MISMATCH": "Owner mismatch",
    "OWNERS_UNAVAILABLE": "Owners unavailable",
    "STALE_DATA": "Stale data",
    "REPORT_WARNING": "Report warning",
}


@dataclass(frozen=True)
class AnalysisParameters:
    """What the underwriter tells the analysis about the loan.

    `borrower` defaults to the report's `user` (first and last name); `as_of` to the date of
    `date_generated`. A deposit is large when strictly greater than
    `large_deposit_ratio` × `monthly_income`; without an income there is no large-deposit check.
    Only deposits in `income_currency` are compared with the income. `min_history_days`, when
    set (the user's "flag history shorter than" setting), replaces the rule for the purpose.
    """

    purpose: Purpose = "purchase"
    monthly_income: Decimal | None = None
    borrower: str | None = None
    as_of: dt.date | None = None
    stale_days: int = 45
    large_deposit_ratio: Decimal = Decimal("0.5")
    transfer_window_days: int = 3
    income_currency: str = "USD"
    min_history_days: int | None = None
    co_borrowers: tuple[str, ...] = ()

    @property
    def borrowers(self) -> tuple[str, ...]:
        """The borrower and every co-borrower whose name is known."""
        names = (self.borrower, *self.co_borrowers)
        return tuple(name.strip() for name in names if name and name.strip())

    @property
    def required_history_days(self) -> int:
        """60 for a purchase, 30 for a refinance (or `min_history_days`): also the large-deposit
        review window."""
        if self.min_history_days is not None:
            return self.min_history_days
        return REQUIRED_HISTORY_DAYS[self.purpose]


@dataclass(frozen=True, kw_only=True)
class Flag:
    """Something an underwriter must look at, with a sentence saying what to do.

    `key` identifies the flag stably across reopening the report, a refresh of it and a new
    report of the same loan file: code, the account's stable key (institution, subtype, mask)
    and the deposit's or fee's date and amount — never Plaid's ids, which a new report
    re-issues. `legacy_key` is the id-based key of earlier versions (decisions recorded under
    it still apply). `amount` is positive. `days` is the length of a NEGATIVE_BALANCE run. A flag
    of the whole report (STALE_DATA, REPORT_WARNING) names no account.
    """

    code: FlagCode
    message: str
    key: str
    account_id: str | None = None
    transaction_id: str | None = None
    date: dt.date | None = None
    amount: Decimal | None = None
    currency: str | None = None
    days: int | None = None
    legacy_key: str | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        """The key, then the legacy key when there is one."""
        return (self.key, self.legacy_key) if self.legacy_key else (self.key,)


@dataclass(frozen=True)
class AccountAnalysis:
    """The figures of one account. Balances are None when Plaid gave none.

    Averages are over end-of-day balances of the 30/60/90 days ending the day before
    `date_generated` (over the days present when fewer exist); None when no day is present.
    """

    account_id: str
    item_id: str
    institution_name: str
    name: str
    mask: str | None
    label: str
    type: str
    subtype: str | None
    currency: str
    current: Decimal | None
    available: Decimal | None
    limit: Decimal | None
    days_available: int
    average_balance_30: Decimal | None
    average_balance_60: Decimal | None
    average_balance_90: Decimal | None
    minimum_balance_60: Decimal | None
    nsf_count: int
    negative_days: int
    owner_match: OwnerMatch
    owner_names: tuple[str, ...]
    history_ok: bool
    stable_key: str = ""
    vested_value: Decimal | None = None

    @property
    def is_asset(self) -> bool:
        """Depository and investment accounts count towards assets."""
        return self.type in ASSET_TYPES

    @property
    def is_liability(self) -> bool:
        """Credit and loan accounts are liabilities, never assets."""
        return self.type in LIABILITY_TYPES


ASSET_TYPES = frozenset({"depository", "investment", "brokerage"})
LIABILITY_TYPES = frozenset({"credit", "loan"})


@dataclass(frozen=True, kw_only=True)
class TransactionRef:
    """A transaction of a report in the analysis's terms: an exact amount and its currency."""

    account_id: str
    transaction_id: str
    date: dt.date
    amount: Decimal
    currency: str
    description: str


@dataclass(frozen=True, kw_only=True)
class SourcedDeposit(TransactionRef):
    """A deposit above the large-deposit threshold whose source is evident, so not flagged.

    `transfer`: an outflow of the same amount from another account of the report within the
    transfer window (`counterpart_*` name it). `payroll`: recurring deposits from the same source.
    """

    source: DepositSource
    counterpart_account_id: str | None = None
    counterpart_transaction_id: str | None = None


@dataclass(frozen=True)
class CurrencyTotals:
    """Totals in one currency. `verified_assets` = assets − unsourced large deposits (≥ 0)."""

    assets: Decimal = Decimal("0.00")
    liabilities: Decimal = Decimal("0.00")
    unsourced_large_deposits: Decimal = Decimal("0.00")

    @property
    def verified_assets(self) -> Decimal:
        """Assets less the unsourced large deposits (Fannie Mae B3-4.2-02, purchase)."""
        return max(self.assets - self.unsourced_large_deposits, Decimal("0.00"))


@dataclass(frozen=True)
class Analysis:
    """The whole underwriting analysis of one report."""

    asset_report_id: str
    date_generated: dt.date
    as_of: dt.date
    parameters: AnalysisParameters  # with borrower and as_of resolved
    totals: dict[str, CurrencyTotals]
    accounts: tuple[AccountAnalysis, ...]
    flags: tuple[Flag, ...]
    sourced_deposits: tuple[SourcedDeposit, ...]
    notes: tuple[str, ...]
    history_required_days: int
    history_ok: bool
    review_window_start: dt.date
    large_deposit_threshold: Decimal | None

    def account(self, account_id: str) -> AccountAnalysis | None:
        """The analysis of one account, or None."""
        return next((a for a in self.accounts if a.account_id == account_id), None)

    def flags_for(self, account_id: str) -> tuple[Flag, ...]:
        """The flags of one account."""
        return tuple(f for f in self.flags if f.account_id == account_id)

    @property
    def flagged_transaction_ids(self) -> frozenset[str]:
        """Ids of every transaction some flag points at (to highlight rows)."""
        return frozenset(f.transaction_id for f in self.flags if f.transaction_id)


@dataclass(frozen=True)
class AccountRef:
    """An account named in a diff."""

    account_id: str
    label: str
    type: str
    currency: str
    current: Decimal | None


@dataclass(frozen=True)
class BalanceChange:
    """The current (and available) balance of an account in both reports."""

    account_id: str
    label: str
    currency: str
    current_before: Decimal | None
    current_after: Decimal | None
    available_before: Decimal | None
    available_after: Decimal | None

    @property
    def current_change(self) -> Decimal | None:
        """after − before, or None when either is missing."""
        if self.current_before is None or self.current_after is None:
            return None
        return self.current_after - self.current_before


@dataclass(frozen=True, kw_only=True)
class NewTransaction(TransactionRef):
    """A transaction present in the newer report only. `amount` keeps Plaid's sign (+ = out)."""

    pending: bool


@dataclass(frozen=True)
class ReportDiff:
    """What changed from an older report (e.g. the original) to a newer one (its refresh)."""

    older_report_id: str
    newer_report_id: str
    accounts_added: tuple[AccountRef, ...] = ()
    accounts_removed: tuple[AccountRef, ...] = ()
    balance_changes: tuple[BalanceChange, ...] = ()
    new_transactions: tuple[NewTransaction, ...] = ()
    new_flags: tuple[Flag, ...] = ()
    resolved_flags: tuple[Flag, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        """True when nothing changed."""
        return not (
            self.accounts_added
            or self.accounts_removed
            or self.balance_changes
            or self.new_transactions
            or self.new_flags
            or self.resolved_flags
        )
