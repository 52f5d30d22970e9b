"""`analyze`: every underwriting check of one Asset Report, as one immutable `Analysis`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from assets_desktop.domain.analysis import messages
from assets_desktop.domain.analysis.balances import (
    FeeDetector,
    balance_figures,
    daily_balances,
    negative_runs,
)
from assets_desktop.domain.analysis.deposits import (
    Candidate,
    find_candidates,
    source_candidates,
    transaction_currency,
)
from assets_desktop.domain.analysis.money import cents_to_decimal, optional_decimal, to_cents
from assets_desktop.domain.analysis.names import match_owner_names
from assets_desktop.domain.analysis.types import (
    ASSET_TYPES,
    LIABILITY_TYPES,
    AccountAnalysis,
    Analysis,
    AnalysisParameters,
    CurrencyTotals,
    Flag,
    OwnerMatch,
    SourcedDeposit,
)
from assets_desktop.domain.report import Account, AssetReportResponse, Item

ZERO = Decimal("0.00")


def report_borrower(response: AssetReportResponse) -> str | None:
    """The report `user`'s first and last name, or None when neither is set."""
    user = response.report.user
    name = " ".join(part.strip() for part in (user.first_name, user.last_name) if part)
    return name.strip() or None


def analyze(response: AssetReportResponse, params: AnalysisParameters) -> Analysis:
    """Run every check of the underwriting analysis on a report. Pure; never raises on a
    schema-valid report."""
    report = response.report
    generated = report.date_generated.date()
    borrower = (params.borrower or "").strip() or report_borrower(response)
    as_of = params.as_of or generated
    params = dataclasses.replace(params, borrower=borrower, as_of=as_of)
    required = params.required_history_days
    window_end = min(as_of, generated)
    window_start = _days_before(window_end, required)

    flags: list[Flag] = [*messages.report_flags(response, generated, as_of, params.stale_days)]
    notes: list[str] = []
    fees = FeeDetector()
    accounts: list[AccountAnalysis] = []
    per_account_flags: dict[str, list[Flag]] = defaultdict(list)
    pairs = [(item, account) for item in report.items for account in item.accounts]
    stable_keys = unique_account_keys(pairs)
    for item, account in pairs:
        analysis, account_flags = _analyze_account(
            item, account, params, generated, fees, stable_keys[account.account_id]
        )
        accounts.append(analysis)
        per_account_flags[account.account_id].extend(account_flags)

    threshold: Decimal | None = None
    sourced: list[SourcedDeposit] = []
    unsourced: dict[str, int] = defaultdict(int)
    if params.monthly_income is None:
        notes.append(messages.NO_INCOME_NOTE)
    else:
        threshold = params.monthly_income * params.large_deposit_ratio
        all_accounts = [account for _, account in pairs]
        candidates = find_candidates(
            all_accounts, threshold, params.income_currency, window_start, window_end
        )
        for candidate in source_candidates(candidates, all_accounts, params.transfer_window_days):
            if candidate.source is None:
                unsourced[candidate.currency] += candidate.cents
                per_account_flags[candidate.account.account_id].append(
                    messages.large_deposit_flag(
                        candidate, params, threshold, stable_keys[candidate.account.account_id]
                    )
                )
            else:
                sourced.append(_sourced(candidate))
        notes.extend(messages.deposit_notes(params, accounts, threshold, window_start, window_end))

    for account_id in dict.fromkeys(a.account_id for a in accounts):
        flags.extend(sorted(per_account_flags[account_id], key=messages.flag_order))
    if not params.borrowers:
        notes.append(messages.NO_BORROWER_NOTE)
    notes.extend(messages.balance_notes(accounts))
    history_ok = all(a.history_ok for a in accounts if a.is_asset)
    return Analysis(
        asset_report_id=report.asset_report_id,
        date_generated=generated,
        as_of=as_of,
        parameters=params,
        totals=_totals(accounts, unsourced),
        accounts=tuple(accounts),
        flags=_unique_keys(flags),
        sourced_deposits=tuple(sourced),
        notes=tuple(notes),
        history_required_days=required,
        history_ok=history_ok,
        review_window_start=window_start,
        large_deposit_threshold=threshold,
    )


def _unique_keys(flags: list[Flag]) -> tuple[Flag, ...]:
    """Keys are unique even if a report repeats an id: the second of a key gets `#2`, …"""
    keys = numbered(flag.key for flag in flags)
    return tuple(
        flag if key == flag.key else dataclasses.replace(flag, key=key)
        for flag, key in zip(flags, keys, strict=True)
    )


def numbered(keys: Iterable[str]) -> list[str]:
    """`keys` with repeats told apart: the second of a key gets `#2`, the third `#3`, …"""
    seen: dict[str, int] = defaultdict(int)
    unique: list[str] = []
    for key in keys:
        seen[key] += 1
        unique.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return unique


def _days_before(date: dt.date, days: int) -> dt.date:
    try:
        return date - dt.timedelta(days=days)
    except OverflowError:  # a report dated in year 1
        return dt.date.min


def account_key(item: Item, account: Account) -> str:
    """`ins_109508/checking/0000`: institution, subtype (or type) and mask (or name), which
    Plaid keeps across refreshes and new reports of the same Item, unlike its ids."""
    kind = (account.subtype or account.type or "account").strip().lower().replace(" ", "-")
    tail = account.mask or "-".join(account.name.lower().split()) or "account"
    return f"{item.institution_id or item.institution_name}/{kind}/{tail}"


def unique_account_keys(pairs: list[tuple[Item, Account]]) -> dict[str, str]:
    """Stable keys by account id; a second account with the same key gets `#2`, …"""
    keys = numbered(account_key(item, account) for item, account in pairs)
    return {account.account_id: key for (_, account), key in zip(pairs, keys, strict=True)}


def _best_owner_match(borrowers: tuple[str, ...], owner_names: tuple[str, ...]) -> OwnerMatch:
    """The best match of any borrower or co-borrower with the account's owners."""
    best: OwnerMatch = "unavailable"
    for borrower in borrowers:
        result = match_owner_names(borrower, owner_names)
        if _MATCH_RANK[result] > _MATCH_RANK[best]:
            best = result
    return best


_MATCH_RANK: dict[str, int] = {"unavailable": 0, "mismatch": 1, "partial": 2, "match": 3}


def vested_value(account: Account) -> Decimal | None:
    """The sum of the holdings' `vested_value` when Plaid reports it (investments add-on)."""
    if account.investments is None:
        return None
    known = [h.vested_value for h in account.investments.holdings if h.vested_value is not None]
    if not known:
        return None
    return cents_to_decimal(sum(to_cents(v) for v in known))


def _analyze_account(
    item: Item,
    account: Account,
    params: AnalysisParameters,
    generated: dt.date,
    fees: FeeDetector,
    stable_key: str,
) -> tuple[AccountAnalysis, list[Flag]]:
    days = daily_balances(account)
    figures = balance_figures(days, generated)
    runs = negative_runs(days) if account.type == "depository" else []
    fee_transactions = fees.fees(account.transactions)
    owner_names = tuple(name for owner in account.owners for name in owner.names if name.strip())
    owner_match = _best_owner_match(params.borrowers, owner_names)
    days_available = max(0, int(account.days_available))
    is_asset = account.type in ASSET_TYPES
    balances = account.balances
    analysis = AccountAnalysis(
        account_id=account.account_id,
        item_id=item.item_id,
        institution_name=item.institution_name,
        name=account.name,
        mask=account.mask,
        label=account.label,
        type=account.type,
        subtype=account.subtype,
        currency=balances.currency,
        current=optional_decimal(balances.current),
        available=optional_decimal(balances.available),
        limit=optional_decimal(balances.limit),
        days_available=days_available,
        average_balance_30=figures.averages[30],
        average_balance_60=figures.averages[60],
        average_balance_90=figures.averages[90],
        minimum_balance_60=figures.minimum_60,
        nsf_count=len(fee_transactions),
        negative_days=sum(run.days for run in runs),
        owner_match=owner_match,
        owner_names=owner_names,
        history_ok=not is_asset or days_available >= params.required_history_days,
        stable_key=stable_key,
        vested_value=vested_value(account),
    )
    flags = messages.account_flags(analysis, account, params, fee_transactions, runs)
    return analysis, flags


def _sourced(candidate: Candidate) -> SourcedDeposit:
    assert candidate.source is not None
    transaction = candidate.transaction
    counterpart = candidate.counterpart or (None, None)
    return SourcedDeposit(
        account_id=candidate.account.account_id,
        transaction_id=transaction.transaction_id,
        date=transaction.date,
        amount=cents_to_decimal(candidate.cents),
        currency=transaction_currency(transaction, candidate.account),
        source=candidate.source,
        description=transaction.description,
        counterpart_account_id=counterpart[0],
        counterpart_transaction_id=counterpart[1],
    )


def _totals(
    accounts: list[AccountAnalysis], unsourced: dict[str, int]
) -> dict[str, CurrencyTotals]:
    assets: dict[str, Decimal] = defaultdict(lambda: ZERO)
    liabilities: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for account in accounts:
        balance = account.current if account.current is not None else account.available
        if account.type in ASSET_TYPES:
            assets[account.currency] += balance if balance is not None else ZERO
        elif account.type in LIABILITY_TYPES:
            liabilities[account.currency] += balance if balance is not None else ZERO
    currencies = sorted(set(assets) | set(liabilities) | set(unsourced))
    return {
        code: CurrencyTotals(
            assets=assets[code],
            liabilities=liabilities[code],
            unsourced_large_deposits=cents_to_decimal(unsourced.get(code, 0)),
        )
        for code in currencies
    }
