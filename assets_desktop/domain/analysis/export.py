"""The stable JSON of an analysis (and of a diff): plain dicts of str, numbers, null, lists.

Amounts are numbers rounded to cents; dates are ISO strings. Documented in README
("Underwriting analysis"); add fields, never rename or retype them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

from assets_desktop.domain.analysis.decisions import Disposition, disposition_to_json
from assets_desktop.domain.analysis.money import money_json
from assets_desktop.domain.analysis.qualification import Qualification, decisions_by_flag
from assets_desktop.domain.analysis.types import (
    AccountAnalysis,
    AccountRef,
    Analysis,
    Flag,
    ReportDiff,
    SourcedDeposit,
)

JsonDict = dict[str, Any]


def _fields_json(value: object, names: str) -> JsonDict:
    """The attributes of `value` named in `names` (space-separated), in that order, as JSON:
    amounts (Decimal) rounded to cents, dates as ISO strings, enums as their values, tuples as
    lists, None as null."""
    return {name: _json_value(getattr(value, name)) for name in names.split()}


def _json_value(value: object) -> Any:
    if isinstance(value, Decimal):
        return money_json(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def flag_to_json(flag: Flag) -> JsonDict:
    """One flag; `amount` positive or null."""
    return _fields_json(
        flag, "code account_id transaction_id date amount currency days message key"
    )


def account_to_json(account: AccountAnalysis) -> JsonDict:
    """One account's figures."""
    return _fields_json(
        account,
        "account_id item_id institution_name name mask type subtype currency current"
        " available limit days_available history_ok average_balance_30 average_balance_60"
        " average_balance_90 minimum_balance_60 nsf_count negative_days owner_match"
        " owner_names",
    )


def sourced_to_json(deposit: SourcedDeposit) -> JsonDict:
    """One deposit above the threshold whose source is evident."""
    return _fields_json(
        deposit,
        "account_id transaction_id date amount currency source description"
        " counterpart_account_id counterpart_transaction_id",
    )


def qualification_to_json(q: Qualification) -> JsonDict:
    """The answer to "does the borrower have enough?" (documented in README)."""
    earnest = q.earnest_money
    return {
        "currency": q.currency,
        "status": q.status,
        "cash_to_close": money_json(q.cash_to_close),
        "monthly_housing_payment": money_json(q.monthly_housing_payment),
        "reserve_months": None if q.reserve_months is None else float(q.reserve_months),
        "reserves_required": money_json(q.reserves_required),
        "funds_required": money_json(q.funds_required),
        "eligible_assets": money_json(q.eligible_assets),
        "liquid_eligible": money_json(q.liquid_eligible),
        "securities_eligible": money_json(q.eligible_by_kind["securities"]),
        "retirement_eligible": money_json(q.eligible_by_kind["retirement"]),
        "closing_from": {kind: money_json(v) for kind, v in q.closing_from.items()},
        "reserves_after_closing": money_json(q.reserves_after_closing),
        "reserve_months_available": (
            None if q.reserve_months_available is None else float(q.reserve_months_available)
        ),
        "sufficient": q.sufficient,
        "shortfall": money_json(q.shortfall),
        "unsourced_large_deposits_deducted": money_json(q.unsourced_deducted),
        "gifts": [_fields_json(g, "key account_id date amount donor") for g in q.gifts],
        "earnest_money": None
        if earnest is None
        else _fields_json(
            earnest,
            "amount date account_id transaction_id withdrawn_on average_balance_60 supported"
            " message",
        ),
        "notes": list(q.notes),
    }


def analysis_to_json(
    analysis: Analysis,
    qualification: Qualification | None = None,
    decisions: tuple[Disposition, ...] = (),
) -> JsonDict:
    """The stable JSON object of `assets-desktop analyze --format json`.

    With a qualification, each account gains `eligible_amount` and `eligibility` (its reason
    code) and the object gains `qualification`; each flag carries its `disposition` (or null).
    """
    params = analysis.parameters
    decided = decisions_by_flag(analysis.flags, decisions)
    accounts = [account_to_json(a) for a in analysis.accounts]
    if qualification is not None:
        for data in accounts:
            row = qualification.account(data["account_id"])
            data["eligible_amount"] = money_json(row.eligible) if row else None
            data["eligibility"] = row.code.value if row else None
            data["eligibility_explanation"] = row.explanation if row else None
    flags = []
    for flag in analysis.flags:
        data = flag_to_json(flag)
        decision = decided.get(flag.key)
        data["disposition"] = disposition_to_json(decision) if decision else None
        flags.append(data)
    result: JsonDict = {
        "asset_report_id": analysis.asset_report_id,
        "date_generated": analysis.date_generated.isoformat(),
        "as_of": analysis.as_of.isoformat(),
        "parameters": {
            "purpose": params.purpose,
            "monthly_income": money_json(params.monthly_income),
            "borrower": params.borrower,
            "co_borrowers": list(params.co_borrowers),
            "stale_days": params.stale_days,
        },
        "history_required_days": analysis.history_required_days,
        "history_ok": analysis.history_ok,
        "review_window_start": analysis.review_window_start.isoformat(),
        "large_deposit_threshold": money_json(analysis.large_deposit_threshold),
        "totals": {
            code: _fields_json(
                totals, "assets liabilities unsourced_large_deposits verified_assets"
            )
            for code, totals in analysis.totals.items()
        },
        "accounts": accounts,
        "flags": flags,
        "sourced_deposits": [sourced_to_json(d) for d in analysis.sourced_deposits],
        "notes": list(analysis.notes),
    }
    if qualification is not None:
        result["qualification"] = qualification_to_json(qualification)
    return result


def _ref_to_json(ref: AccountRef) -> JsonDict:
    return _fields_json(ref, "account_id label type currency current")


def diff_to_json(diff: ReportDiff) -> JsonDict:
    """The JSON of a report diff (same conventions as the analysis)."""
    return {
        "older_report_id": diff.older_report_id,
        "newer_report_id": diff.newer_report_id,
        "accounts_added": [_ref_to_json(r) for r in diff.accounts_added],
        "accounts_removed": [_ref_to_json(r) for r in diff.accounts_removed],
        "balance_changes": [
            _fields_json(
                c,
                "account_id label currency current_before current_after current_change"
                " available_before available_after",
            )
            for c in diff.balance_changes
        ],
        "new_transactions": [
            _fields_json(t, "account_id transaction_id date amount currency description pending")
            for t in diff.new_transactions
        ],
        "new_flags": [flag_to_json(f) for f in diff.new_flags],
        "resolved_flags": [flag_to_json(f) for f in diff.resolved_flags],
    }
