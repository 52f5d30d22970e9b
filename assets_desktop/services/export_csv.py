"""CSV exports: transactions (money in and money out in separate columns, no sign puzzles) and
the qualification (one row per account, then the figures). UTF-8 with a byte-order mark, so a
spreadsheet reads "••0000" and "€" correctly."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

from assets_desktop.domain.analysis.qualification import Qualification
from assets_desktop.domain.analysis.types import Flag
from assets_desktop.domain.report import Transaction

__all__ = [
    "CSV_HEADER",
    "QUALIFICATION_HEADER",
    "write_qualification_csv",
    "write_transactions_csv",
]

QUALIFICATION_HEADER = (
    "item",
    "currency",
    "balance",
    "deducted",
    "eligible",
    "code",
    "explanation",
)

CSV_HEADER = (
    "date",
    "account",
    "description",
    "merchant",
    "category",
    "money_in",
    "money_out",
    "currency",
    "pending",
    "flags",
    "transaction_id",
)


def write_transactions_csv(
    path: Path,
    transactions: Sequence[Transaction],
    account_labels: Sequence[str],
    currencies: Sequence[str],
    flags_by_transaction: Mapping[str, Sequence[Flag]] | None = None,
) -> int:
    """Write one row per transaction (ISO dates, plain decimal amounts); returns rows written.

    `money_in` holds deposits and `money_out` withdrawals, both positive, so a spreadsheet
    never has to know Plaid's convention (positive = money out).
    """
    flags_by_transaction = flags_by_transaction or {}
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADER)
        for txn, label, currency in zip(transactions, account_labels, currencies, strict=True):
            amount = txn.amount
            flags = flags_by_transaction.get(txn.transaction_id, ())
            writer.writerow(
                (
                    txn.date.isoformat(),
                    label,
                    txn.description,
                    txn.merchant_name or "",
                    " > ".join(txn.category or ()),
                    f"{-amount:.2f}" if amount < 0 else "",
                    f"{amount:.2f}" if amount > 0 else "",
                    currency,
                    "yes" if txn.pending else "no",
                    "; ".join(str(f.code) for f in flags),
                    txn.transaction_id,
                )
            )
    tmp.replace(path)
    return len(transactions)


def _cents(amount: object) -> str:
    return "" if amount is None else f"{amount:.2f}"


def write_qualification_csv(path: Path, q: Qualification) -> int:
    """One row per account (its eligible amount and reason), then one per figure; returns the
    number of rows written after the header."""
    rows: list[tuple[str, ...]] = [
        (r.label, r.currency, _cents(r.balance), _cents(r.deducted), _cents(r.eligible),
         r.code.value, r.explanation)
        for r in q.accounts
    ]  # fmt: skip
    figures = (
        ("cash to close", q.cash_to_close),
        ("reserves required", q.reserves_required),
        ("funds required", q.funds_required),
        ("eligible assets", q.eligible_assets),
        ("liquid eligible", q.liquid_eligible),
        ("reserves after closing", q.reserves_after_closing),
        ("shortfall", q.shortfall),
    )
    rows += [(name, q.currency, "", "", _cents(value), "", "") for name, value in figures]
    months = "" if q.reserve_months_available is None else str(q.reserve_months_available)
    rows.append(("reserve months available", "", "", "", months, "", ""))
    rows.append(("answer", "", "", "", "", q.status, " ".join(q.notes)))
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(QUALIFICATION_HEADER)
        writer.writerows(rows)
    tmp.replace(path)
    return len(rows)
