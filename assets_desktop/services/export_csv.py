"""Transactions to CSV, with money in and money out in separate columns (no sign puzzles)."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

from assets_desktop.domain.analysis.types import Flag
from assets_desktop.domain.report import Transaction

__all__ = ["CSV_HEADER", "write_transactions_csv"]

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
    with tmp.open("w", newline="", encoding="utf-8") as handle:
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
