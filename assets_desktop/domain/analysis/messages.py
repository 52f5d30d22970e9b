"""Flags and notes with sentences an underwriter can act on: what, where, how much, what to do."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from decimal import Decimal

from assets_desktop.domain.analysis.balances import NegativeRun
from assets_desktop.domain.analysis.deposits import Candidate
from assets_desktop.domain.analysis.money import cents_to_decimal, format_money, to_cents
from assets_desktop.domain.analysis.types import (
    AccountAnalysis,
    AnalysisParameters,
    Flag,
    FlagCode,
)
from assets_desktop.domain.report import Account, AssetReportResponse, Transaction

NO_INCOME_NOTE = (
    "No monthly income was given, so deposits were not checked for large deposits (a single "
    "deposit above 50% of the monthly qualifying income); give the income to run that check."
)
NO_BORROWER_NOTE = (
    "No borrower name was given and the report's user has none, so account owners were not "
    "compared with the borrower; give the borrower's name to run that check."
)
_WARNING_ACTIONS = {
    "OWNERS_UNAVAILABLE": "verify who holds the accounts another way (a statement or a VOD)",
    "TRANSACTIONS_UNAVAILABLE": "obtain statements covering the missing transactions",
    "INVESTMENTS_UNAVAILABLE": "obtain the latest investment statement",
}
_ORDER = {code: index for index, code in enumerate(FlagCode)}
_ORDER_FIRST = (FlagCode.OWNERS_UNAVAILABLE, FlagCode.OWNER_MISMATCH, FlagCode.INSUFFICIENT_HISTORY)


def flag_order(flag: Flag) -> tuple[int, dt.date, str]:
    """Account-level flags first, then the dated ones oldest first."""
    rank = _ORDER_FIRST.index(flag.code) if flag.code in _ORDER_FIRST else 9
    return (rank, flag.date or dt.date.min, flag.key)


def _borrowers(params: AnalysisParameters) -> str:
    names = params.borrowers
    if len(names) == 1:
        return f"the borrower {names[0]}"
    return "any borrower (" + ", ".join(names) + ")"


def _percent(ratio: Decimal) -> str:
    value = (ratio * 100).normalize()
    return f"{value:f}%"


def report_flags(
    response: AssetReportResponse, generated: dt.date, as_of: dt.date, stale_days: int
) -> list[Flag]:
    """STALE_DATA and one REPORT_WARNING per warning of the report."""
    flags: list[Flag] = []
    age = (as_of - generated).days
    if age > stale_days:
        flags.append(
            Flag(
                code=FlagCode.STALE_DATA,
                date=generated,
                message=(
                    f"The report was generated on {generated.isoformat()}, {age} days before the "
                    f"as-of date {as_of.isoformat()} (limit {stale_days} days); refresh the "
                    "report before relying on its balances."
                ),
                key=FlagCode.STALE_DATA.value,
                days=age,
            )
        )
    for warning in response.warnings:
        cause = warning.cause
        item_id = cause.item_id if cause else None
        where = f" for Item {item_id}" if item_id else ""
        detail = ""
        if cause is not None:
            text = cause.display_message or cause.error_message or ""
            detail = f" ({cause.error_code}{': ' + text if text else ''})"
        action = _WARNING_ACTIONS.get(
            warning.warning_code, "review the Item and refresh the report"
        )
        flags.append(
            Flag(
                code=FlagCode.REPORT_WARNING,
                message=(
                    f"Plaid warned {warning.warning_code} ({warning.warning_type}){where}{detail}; "
                    f"{action}."
                ),
                key=f"{FlagCode.REPORT_WARNING}:{warning.warning_code}:{item_id or '-'}",
            )
        )
    return flags


def account_flag(
    code: FlagCode,
    message: str,
    *,
    account_id: str,
    stable_key: str,
    currency: str,
    suffix: str = "",
    legacy_suffix: str | None = None,
    transaction_id: str | None = None,
    date: dt.date | None = None,
    amount: Decimal | None = None,
    days: int | None = None,
) -> Flag:
    """A flag on one account, keyed `code:stable_key[:suffix]`; its legacy key (the id-based
    key of earlier versions) is `code:account_id[:legacy_suffix]`, by default with `suffix`.
    `currency` is kept only with an amount."""
    legacy_tail = suffix if legacy_suffix is None else legacy_suffix
    return Flag(
        code=code,
        account_id=account_id,
        transaction_id=transaction_id,
        date=date,
        amount=amount,
        message=message,
        key=f"{code}:{stable_key}" + (f":{suffix}" if suffix else ""),
        currency=currency if amount is not None else None,
        days=days,
        legacy_key=f"{code}:{account_id}" + (f":{legacy_tail}" if suffix else ""),
    )


def account_flags(
    analysis: AccountAnalysis,
    account: Account,
    params: AnalysisParameters,
    fees: Sequence[Transaction],
    runs: Sequence[NegativeRun],
) -> list[Flag]:
    """Owner, history, NSF and negative-balance flags of one account."""
    flags: list[Flag] = []
    label, currency = analysis.label, analysis.currency
    flag = functools.partial(
        account_flag,
        account_id=analysis.account_id,
        stable_key=analysis.stable_key or analysis.account_id,
        currency=currency,
    )

    if not analysis.owner_names:
        flags.append(
            flag(
                FlagCode.OWNERS_UNAVAILABLE,
                f"Plaid returned no owner names for {label}; confirm the borrower holds this "
                "account (a statement or VOD showing the account holder) before counting its "
                "funds.",
            )
        )
    elif analysis.owner_match in ("mismatch", "partial"):
        owners = ", ".join(analysis.owner_names)
        if analysis.owner_match == "mismatch":
            message = (
                f"The owner of {label} ({owners}) does not match {_borrowers(params)}; "
                "confirm the borrower is an account holder (then include the account) or "
                "leave its funds out of eligible assets."
            )
        else:
            message = (
                f"The owner of {label} ({owners}) only partly matches {_borrowers(params)}; "
                "confirm it is the borrower (e.g. a statement with the full name), then "
                "include the account to count its funds."
            )
        flags.append(flag(FlagCode.OWNER_MISMATCH, message))
    if not analysis.history_ok:
        required = params.required_history_days
        flags.append(
            flag(
                FlagCode.INSUFFICIENT_HISTORY,
                f"{label} has {analysis.days_available} days of history; a {params.purpose} "
                f"needs {required}. Request a report with days_requested of at least "
                f"{required + 1} or statements covering the last {required} days.",
                days=analysis.days_available,
            )
        )
    fee_count = f"{len(fees)} such fee{'' if len(fees) == 1 else 's'}"
    for fee in fees:
        amount = cents_to_decimal(to_cents(fee.amount))
        suffix = f"{fee.date.isoformat()}:{amount}"
        flags.append(
            flag(
                FlagCode.NSF_FEE,
                f"NSF/overdraft fee of {format_money(amount, currency)} on "
                f'{fee.date.isoformat()} in {label} ("{fee.description}"), {fee_count} on this '
                "account; ask the borrower for a letter of explanation.",
                suffix=suffix,
                legacy_suffix=fee.transaction_id or suffix,
                transaction_id=fee.transaction_id,
                date=fee.date,
                amount=amount,
            )
        )
    for run in runs:
        span = (
            f"on {run.start.isoformat()}"
            if run.days == 1
            else f"for {run.days} consecutive days from {run.start.isoformat()} to "
            f"{run.end.isoformat()}"
        )
        flags.append(
            flag(
                FlagCode.NEGATIVE_BALANCE,
                f"{label} ended the day with a negative balance {span} (lowest "
                f"{format_money(run.lowest, currency)}); ask the borrower for a letter of "
                "explanation and check for undisclosed debts.",
                suffix=run.start.isoformat(),
                date=run.start,
                amount=-run.lowest,
                days=run.days,
            )
        )
    return flags


def large_deposit_flag(
    candidate: Candidate, params: AnalysisParameters, threshold: Decimal, stable_key: str
) -> Flag:
    """LARGE_DEPOSIT for an unsourced deposit above the threshold."""
    transaction = candidate.transaction
    amount = cents_to_decimal(candidate.cents)
    currency = candidate.currency
    income = params.monthly_income or Decimal(0)
    if params.purpose == "purchase":
        action = (
            "document its source (gift letter, proof of sale, written explanation) or subtract "
            "it from verified funds"
        )
    else:
        action = (
            "a refinance needs no sourcing, but confirm it is not borrowed money (count any "
            "related debt)"
        )
    description = f' ("{transaction.description}")' if transaction.description else ""
    message = (
        f"Deposit of {format_money(amount, currency)}{description} on "
        f"{transaction.date.isoformat()} into {candidate.account.label} exceeds "
        f"{_percent(params.large_deposit_ratio)} of the monthly income of "
        f"{format_money(income, currency)} ({format_money(threshold, currency)}); {action}."
    )
    return account_flag(
        FlagCode.LARGE_DEPOSIT,
        message,
        account_id=candidate.account.account_id,
        stable_key=stable_key,
        currency=currency,
        suffix=f"{transaction.date.isoformat()}:{amount}",
        legacy_suffix=transaction.transaction_id,
        transaction_id=transaction.transaction_id,
        date=transaction.date,
        amount=amount,
    )


def deposit_notes(
    params: AnalysisParameters,
    accounts: Sequence[AccountAnalysis],
    threshold: Decimal,
    window_start: dt.date,
    window_end: dt.date,
) -> list[str]:
    """What the large-deposit check covered."""
    notes = [
        f"Large deposits: single deposits into depository accounts from "
        f"{window_start.isoformat()} to {window_end.isoformat()} above "
        f"{format_money(threshold, params.income_currency)} "
        f"({_percent(params.large_deposit_ratio)} of the monthly income)."
    ]
    others = sorted(
        {a.currency for a in accounts if a.type == "depository"} - {params.income_currency}
    )
    if others:
        notes.append(
            f"Deposits in {', '.join(others)} were not checked: the income is in "
            f"{params.income_currency}, and amounts in different currencies are never compared."
        )
    if params.purpose == "refinance":
        notes.append(
            "Refinance: large deposits need no sourcing, but borrowed funds and any related debt "
            "must still be counted."
        )
    return notes


def balance_notes(accounts: Sequence[AccountAnalysis]) -> list[str]:
    """Accounts left out of totals for lack of a balance."""
    missing = [a.label for a in accounts if a.current is None and a.available is None]
    if not missing:
        return []
    return [
        f"No current or available balance for {', '.join(missing)}: left out of the totals; "
        "obtain a statement with the ending balance."
    ]
