"""Build Asset Reports from generated Items and render them as Plaid's `report` JSON.

`build_report` takes the snapshot a report freezes (transactions cut to `days_requested`,
daily historical balances, owners, warnings); `render_report_json` turns it into the `report`
object of `/asset_report/get` for one request (`include_insights`, `days_to_include`, fast).
Historical balances follow Plaid's example exactly: newest first, one per day starting the
day before `date_generated`, and the value on day D is `current` plus the amounts of the
account's transactions dated after D (depository and credit accounts only).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from assets_desktop.sandbox.data import GeneratedItem, Txn
from assets_desktop.sandbox.investments import cut as cut_investments
from assets_desktop.sandbox.persona_spec import balance_direction

MAX_TRANSACTIONS = 15_000
TOO_LARGE_MESSAGE = "asset report is too large to be generated, try again with a shorter date range"
USER_FIELDS = (
    "client_user_id",
    "first_name",
    "middle_name",
    "last_name",
    "ssn",
    "phone_number",
    "email",
)
HISTORY_TYPES = frozenset({"depository", "credit"})


class ReportTooLargeError(Exception):
    """The report would hold more than 15,000 transactions (ASSET_REPORT_GENERATION_FAILED)."""

    def __init__(self, count: int) -> None:
        super().__init__(TOO_LARGE_MESSAGE)
        self.count = count


@dataclass(frozen=True)
class StoredAccount:
    """One account as frozen in a report."""

    account: dict[str, Any]
    owners: list[dict[str, Any]]
    ownership_type: str | None
    transactions: tuple[Txn, ...]
    history: tuple[tuple[str, int], ...]
    earliest: dt.date | None
    investments: dict[str, Any] | None = None  # only with add_ons ["investments"]

    @property
    def account_id(self) -> str:
        return str(self.account["account_id"])


@dataclass(frozen=True)
class StoredItem:
    """One Item as frozen in a report."""

    item_id: str
    institution_id: str
    institution_name: str
    date_last_updated: dt.datetime
    accounts: tuple[StoredAccount, ...]


@dataclass(frozen=True)
class StoredReport:
    """Everything a built report needs to be rendered again, any number of times."""

    asset_report_id: str
    client_report_id: str | None
    days_requested: int
    user: dict[str, str | None]
    date_generated: dt.datetime
    items: tuple[StoredItem, ...]
    warnings: tuple[dict[str, Any], ...]
    transaction_count: int
    _dates: dict[dt.date, str] = field(default_factory=dict, compare=False, repr=False)


def owners_unavailable(item_id: str) -> dict[str, Any]:
    """Plaid's OWNERS_UNAVAILABLE warning for an Item whose institution has no identity data."""
    return {
        "warning_type": "ASSET_REPORT_WARNING",
        "warning_code": "OWNERS_UNAVAILABLE",
        "cause": {
            "error_type": "ITEM_ERROR",
            "error_code": "PRODUCTS_NOT_SUPPORTED",
            "error_message": "The following products are not supported by this institution: "
            "Identity",
            "display_message": None,
            "item_id": item_id,
        },
    }


def build_report(
    items: list[GeneratedItem],
    *,
    asset_report_id: str,
    client_report_id: str | None,
    days_requested: int,
    user: dict[str, Any],
    date_generated: dt.datetime,
    exclude_account_ids: frozenset[str] = frozenset(),
    investments: bool = False,
) -> StoredReport:
    """Freeze a report; raises ReportTooLargeError above 15,000 transactions.

    With `investments` (the `investments` add-on) investment accounts carry their holdings,
    securities and investment transactions.
    """
    if date_generated.tzinfo is None:
        date_generated = date_generated.replace(tzinfo=dt.UTC)
    today = date_generated.astimezone(dt.UTC).date()
    cutoff = today - dt.timedelta(days=days_requested)
    stored_items: list[StoredItem] = []
    warnings: list[dict[str, Any]] = []
    count = 0
    for item in items:
        accounts: list[StoredAccount] = []
        for account in item.accounts:
            account_id = account["account_id"]
            if account_id in exclude_account_ids:
                continue
            every = item.transactions.get(account_id, ())
            kept = tuple(t for t in every if cutoff < t.date <= today)
            count += len(kept)
            history: tuple[tuple[str, int], ...] = ()
            if account["type"] in HISTORY_TYPES and account["balances"]["current"] is not None:
                opened = item.opened.get(account_id, cutoff)
                history = _history(
                    item.current_cents[account_id],
                    every,
                    today,
                    max(cutoff, opened),
                    balance_direction(account["type"]),
                )
            accounts.append(
                StoredAccount(
                    account=account,
                    owners=item.owners,
                    ownership_type=item.ownership_type,
                    transactions=kept,
                    history=history,
                    earliest=every[0].date if every else None,
                    investments=item.investments.get(account_id) if investments else None,
                )
            )
        if not item.owners_available:
            warnings.append(owners_unavailable(item.item_id))
        stored_items.append(
            StoredItem(
                item_id=item.item_id,
                institution_id=item.institution_id,
                institution_name=item.institution_name,
                date_last_updated=item.now,
                accounts=tuple(accounts),
            )
        )
    if count > MAX_TRANSACTIONS:
        raise ReportTooLargeError(count)
    return StoredReport(
        asset_report_id=asset_report_id,
        client_report_id=client_report_id,
        days_requested=days_requested,
        user={name: _text(user.get(name)) for name in USER_FIELDS},
        date_generated=date_generated,
        items=tuple(stored_items),
        warnings=tuple(warnings),
        transaction_count=count,
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _history(
    current: int, txns: tuple[Txn, ...], today: dt.date, first: dt.date, direction: int = -1
) -> tuple[tuple[str, int], ...]:
    """End-of-day balances from the day before `today` back to `first`, newest first.

    For money held (direction -1) the balance on day D is `current` plus the amounts after D,
    Plaid's formula; for an amount owed (a card, direction +1) later purchases are subtracted.
    """
    totals: dict[dt.date, int] = {}
    for txn in reversed(txns):
        if txn.date < first:
            break
        if txn.date <= today:
            totals[txn.date] = totals.get(txn.date, 0) + txn.amount
    values: list[tuple[str, int]] = []
    balance = current - direction * totals.get(today, 0)
    day = today - dt.timedelta(days=1)
    while day >= first:
        values.append((day.isoformat(), balance))
        balance -= direction * totals.get(day, 0)
        day -= dt.timedelta(days=1)
    return tuple(values)


def _iso_datetime(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_report_json(
    stored: StoredReport, *, include_insights: bool, days_to_include: int | None, fast: bool
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The `report` object of `/asset_report/get` and its warnings, for one request."""
    days = stored.days_requested
    if days_to_include is not None:
        days = min(days, days_to_include)
    today = stored.date_generated.astimezone(dt.UTC).date()
    cutoff = today - dt.timedelta(days=days)
    items = []
    for item in stored.items:
        accounts = [
            _render_account(stored, account, today, cutoff, days, include_insights, fast)
            for account in item.accounts
        ]
        items.append(
            {
                "item_id": item.item_id,
                "institution_name": item.institution_name,
                "institution_id": item.institution_id,
                "date_last_updated": _iso_datetime(item.date_last_updated),
                "accounts": accounts,
            }
        )
    report = {
        "asset_report_id": stored.asset_report_id,
        "client_report_id": stored.client_report_id,
        "date_generated": _iso_datetime(stored.date_generated),
        "days_requested": stored.days_requested,
        "user": dict(stored.user),
        "items": items,
    }
    return report, [dict(w) for w in stored.warnings]


def _render_account(
    stored: StoredReport,
    account: StoredAccount,
    today: dt.date,
    cutoff: dt.date,
    days: int,
    include_insights: bool,
    fast: bool,
) -> dict[str, Any]:
    base = account.account
    days_available = 0
    if account.earliest is not None:
        days_available = max(0, min(days, (today - account.earliest).days + 1))
    transactions: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    if not fast:
        transactions = _render_transactions(stored, account, cutoff, include_insights)
        history = [
            {
                "date": date,
                "current": value / 100,
                "iso_currency_code": "USD",
                "unofficial_currency_code": None,
            }
            for date, value in account.history[:days]
        ]
    rendered = {
        "account_id": base["account_id"],
        "balances": dict(base["balances"]),
        "mask": base["mask"],
        "name": base["name"],
        "official_name": base["official_name"],
        "type": base["type"],
        "subtype": base["subtype"],
        "days_available": days_available,
        "transactions": transactions,
        "owners": copy.deepcopy(account.owners),
        "ownership_type": account.ownership_type,
        "historical_balances": history,
    }
    if account.investments is not None and not fast:
        rendered["investments"] = cut_investments(account.investments, cutoff)
    return rendered


def _render_transactions(
    stored: StoredReport, account: StoredAccount, cutoff: dt.date, include_insights: bool
) -> list[dict[str, Any]]:
    dates = stored._dates
    rendered = []
    for txn in account.transactions:
        if txn.date <= cutoff:
            continue
        iso = dates.get(txn.date)
        if iso is None:
            iso = dates[txn.date] = txn.date.isoformat()
        row = {
            "transaction_id": txn.transaction_id,
            "account_id": txn.account_id,
            "amount": txn.amount / 100,
            "date": iso,
            "pending": False,
            "original_description": txn.description,
            "iso_currency_code": "USD",
            "unofficial_currency_code": None,
        }
        if include_insights:
            insights = txn.kind.insights()  # shared: copy what a caller could mutate
            row.update(insights)
            row["category"] = list(insights["category"])
            row["location"] = dict(insights["location"])
            row["payment_meta"] = dict(insights["payment_meta"])
            row["credit_category"] = dict(insights["credit_category"])
        rendered.append(row)
    return rendered
