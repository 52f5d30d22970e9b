"""What changed between two reports of a loan file (an original and its refresh, say)."""

from __future__ import annotations

from assets_desktop.domain.analysis.deposits import transaction_currency
from assets_desktop.domain.analysis.engine import analyze
from assets_desktop.domain.analysis.money import cents_to_decimal, optional_decimal, to_cents
from assets_desktop.domain.analysis.types import (
    AccountRef,
    AnalysisParameters,
    BalanceChange,
    NewTransaction,
    ReportDiff,
)
from assets_desktop.domain.report import Account, AssetReportResponse


def _ref(account: Account) -> AccountRef:
    return AccountRef(
        account_id=account.account_id,
        label=account.label,
        type=account.type,
        currency=account.balances.currency,
        current=optional_decimal(account.balances.current),
    )


def diff_reports(
    older: AssetReportResponse, newer: AssetReportResponse, params: AnalysisParameters
) -> ReportDiff:
    """Accounts added and removed (by account_id), current/available balance changes,
    transactions whose id is new, and flags (by key) new in — or gone from — the newer report.

    Both reports are analysed with the same parameters; an unset `as_of` means each report's
    own date, so a refresh is not flagged stale against its original.
    """
    old_accounts = {a.account_id: a for a in older.report.accounts()}
    new_accounts = {a.account_id: a for a in newer.report.accounts()}
    changes: list[BalanceChange] = []
    for account_id, account in new_accounts.items():
        before = old_accounts.get(account_id)
        if before is None:
            continue
        change = BalanceChange(
            account_id=account_id,
            label=account.label,
            currency=account.balances.currency,
            current_before=optional_decimal(before.balances.current),
            current_after=optional_decimal(account.balances.current),
            available_before=optional_decimal(before.balances.available),
            available_after=optional_decimal(account.balances.available),
        )
        if (change.current_before, change.available_before) != (
            change.current_after,
            change.available_after,
        ):
            changes.append(change)
    old_ids = {t.transaction_id for a in old_accounts.values() for t in a.transactions}
    new_transactions = [
        NewTransaction(
            account_id=account.account_id,
            transaction_id=t.transaction_id,
            date=t.date,
            amount=cents_to_decimal(to_cents(t.amount)),
            currency=transaction_currency(t, account),
            description=t.description,
            pending=t.pending,
        )
        for account in new_accounts.values()
        for t in account.transactions
        if t.transaction_id not in old_ids
    ]
    new_transactions.sort(key=lambda t: (t.date, t.transaction_id), reverse=True)
    old_flags = analyze(older, params).flags
    new_flags = analyze(newer, params).flags
    old_keys = {f.key for f in old_flags}
    new_keys = {f.key for f in new_flags}
    return ReportDiff(
        older_report_id=older.report.asset_report_id,
        newer_report_id=newer.report.asset_report_id,
        accounts_added=tuple(_ref(a) for i, a in new_accounts.items() if i not in old_accounts),
        accounts_removed=tuple(_ref(a) for i, a in old_accounts.items() if i not in new_accounts),
        balance_changes=tuple(changes),
        new_transactions=tuple(new_transactions),
        new_flags=tuple(f for f in new_flags if f.key not in old_keys),
        resolved_flags=tuple(f for f in old_flags if f.key not in new_keys),
    )
