"""The transactions table's columns and the per-row facts they show beyond the transaction:
the account's running balance (as the PDF prints it) and the source of a sourced deposit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from assets_desktop.domain.analysis.types import Flag, SourcedDeposit
from assets_desktop.domain.report import Account, Transaction
from assets_desktop.ui.report.slices import run_to_end

__all__ = [
    "HEADERS",
    "SIGN_EXPLANATION",
    "VISUAL_ORDER",
    "Column",
    "TransactionRows",
    "category_text",
    "running_balance_steps",
    "running_balances",
    "sourced_notes",
    "transaction_row_steps",
    "transaction_rows",
]

SIGN_EXPLANATION = (
    "Money in: deposits and credits. Money out: withdrawals, payments and fees. "
    "(Plaid reports money out as positive amounts and money in as negative ones.)"
)
OWED_TYPES = frozenset({"credit", "loan"})
STEP_ROWS = 2_000  # transactions per slice of `transaction_row_steps`


class Column(IntEnum):
    """Model columns (the view shows them in `VISUAL_ORDER`)."""

    DATE = 0
    ACCOUNT = 1
    DESCRIPTION = 2
    MERCHANT = 3
    CATEGORY = 4
    MONEY_IN = 5
    MONEY_OUT = 6
    FLAG = 7
    BALANCE = 8
    NOTE = 9


HEADERS = (
    "Date", "Account", "Description", "Merchant", "Category", "Money in", "Money out", "Flag",
    "Balance", "Source",
)  # fmt: skip

# Money first, then what describes it: insights columns never push the amounts off-screen.
VISUAL_ORDER = (
    Column.DATE,
    Column.MONEY_IN,
    Column.MONEY_OUT,
    Column.BALANCE,
    Column.ACCOUNT,
    Column.DESCRIPTION,
    Column.FLAG,
    Column.NOTE,
    Column.MERCHANT,
    Column.CATEGORY,
)


def category_text(txn: Transaction) -> str:
    """A transaction's category as `Food and Drink › Coffee`, "" when absent."""
    if txn.category:
        return " › ".join(txn.category)
    if txn.credit_category is not None:
        return txn.credit_category.detailed.replace("_", " ").title()
    return ""


def running_balances(accounts: Sequence[Account]) -> dict[str, float]:
    """The balance after each transaction, by transaction id, walking back from the current
    balance newest first (as the PDF does); accounts without a current balance are left out."""
    return run_to_end(running_balance_steps(accounts))


def running_balance_steps(accounts: Sequence[Account]) -> Generator[None, None, dict[str, float]]:
    """`running_balances`, yielding every `STEP_ROWS` transactions (see `slices`)."""
    balances: dict[str, float] = {}
    for account in accounts:
        running = account.balances.current
        if running is None:
            continue
        owed = account.type in OWED_TYPES
        newest_first = sorted(account.transactions, key=_date, reverse=True)
        for start in range(0, len(newest_first), STEP_ROWS):
            for txn in newest_first[start : start + STEP_ROWS]:
                balances[txn.transaction_id] = round(running, 2)
                running = running - txn.amount if owed else running + txn.amount
            yield
    return balances


def sourced_notes(sourced: Iterable[SourcedDeposit], labels: dict[str, str]) -> dict[str, str]:
    """ "Sourced: transfer from ••6204" (or "Sourced: payroll") per sourced deposit's id."""
    notes: dict[str, str] = {}
    for deposit in sourced:
        if deposit.source == "transfer" and deposit.counterpart_account_id:
            other = labels.get(deposit.counterpart_account_id, "another account")
            notes[deposit.transaction_id] = f"Sourced: transfer from {other}"
        else:
            notes[deposit.transaction_id] = f"Sourced: {str(deposit.source).replace('_', ' ')}"
    return notes


@dataclass(frozen=True)
class TransactionRows:
    """A report's transactions as the table's columns, worked out without Qt (any thread)."""

    transactions: list[Transaction]
    account_ids: list[str]
    labels: list[str]
    account_currency: list[str]
    balances: dict[str, float]
    notes: dict[str, str]
    amounts: list[float]
    ordinals: list[int]
    has_insights: bool
    flags_by_transaction: dict[str, list[Flag]]
    flagged: list[bool]
    newest_first: list[int]


def transaction_rows(
    accounts: Sequence[Account], flags: Iterable[Flag] = (), sourced: Iterable[SourcedDeposit] = ()
) -> TransactionRows:
    """Every transaction of `accounts`, account by account, with what the table shows of it."""
    return run_to_end(transaction_row_steps(accounts, flags, sourced))


def transaction_row_steps(
    accounts: Sequence[Account], flags: Iterable[Flag] = (), sourced: Iterable[SourcedDeposit] = ()
) -> Generator[None, None, TransactionRows]:
    """`transaction_rows`, yielding every `STEP_ROWS` transactions or so (~1.5 ms of Python
    each at 2,000), for the UI thread to work them out a slice a turn (see `slices`)."""
    txns: list[Transaction] = []
    account_ids: list[str] = []
    labels: list[str] = []
    currency: list[str] = []
    for account in accounts:
        count = len(account.transactions)
        txns.extend(account.transactions)
        account_ids.extend([account.account_id] * count)
        labels.extend([account.label] * count)
        currency.extend([account.balances.currency] * count)
    by_id: dict[str, list[Flag]] = {}
    for flag in flags:
        if flag.transaction_id:
            by_id.setdefault(flag.transaction_id, []).append(flag)
    yield
    balances = yield from running_balance_steps(accounts)
    ordinals: list[int] = []
    flagged: list[bool] = []
    has_insights = False
    for start in range(0, len(txns), STEP_ROWS):
        chunk = txns[start : start + STEP_ROWS]
        ordinals += [t.date.toordinal() for t in chunk]
        flagged += [t.transaction_id in by_id for t in chunk]
        has_insights = has_insights or any(
            t.merchant_name or t.category or t.credit_category for t in chunk
        )
        yield
    return TransactionRows(
        txns, account_ids, labels, currency,
        balances=balances,
        notes=sourced_notes(sourced, {a.account_id: a.label for a in accounts}),
        amounts=[t.amount for t in txns],
        ordinals=ordinals,
        has_insights=has_insights,
        flags_by_transaction=by_id,
        flagged=flagged,
        newest_first=sorted(range(len(txns)), key=ordinals.__getitem__, reverse=True),
    )  # fmt: skip


def _date(txn: Transaction) -> dt.date:
    return txn.date
