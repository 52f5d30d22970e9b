"""TEMPORARY stand-in for sandbox.data / reportgen / pdf (delete once they land).

Installed by this package's conftest only when `assets_desktop.sandbox.data` cannot be imported.
"""

from __future__ import annotations

import random
import sys
import types
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any


@dataclass
class GeneratedItem:
    institution_id: str
    institution_name: str
    username: str
    item_id: str
    accounts: list[dict[str, Any]]
    transactions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    owners_available: bool = True


class ReportTooLargeError(Exception):
    pass


def known_usernames() -> list[str]:
    return ["user_good", "user_heavy"]


def generate_item(
    username: str, institution_id: str, *, item_id: str, seed: int, now: datetime, **_: Any
) -> GeneratedItem:
    rng = random.Random(f"{seed}-{item_id}")
    accounts = []
    txns: dict[str, list[dict[str, Any]]] = {}
    for n, (name, sub) in enumerate([("Plaid Checking", "checking"), ("Plaid Saving", "savings")]):
        aid = item_id[:30] + f"acct{n:03d}"
        accounts.append(
            {
                "account_id": aid,
                "balances": {
                    "available": 100.0,
                    "current": 110.0,
                    "limit": None,
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
                "mask": f"{n}{n}{n}{n}",
                "name": name,
                "official_name": None,
                "type": "depository",
                "subtype": sub,
            }
        )
        count = 16000 if username == "user_heavy" else 30
        txns[aid] = [
            {
                "transaction_id": f"{aid}-{i}",
                "account_id": aid,
                "amount": round(rng.uniform(-50, 50), 2),
                "date": (now - timedelta(days=i % 700)).date().isoformat(),
                "pending": False,
                "original_description": "Coffee",
                "iso_currency_code": "USD",
                "unofficial_currency_code": None,
            }
            for i in range(count)
        ]
    return GeneratedItem(institution_id, "First Platypus Bank", username, item_id, accounts, txns)


def build_report(
    items,
    *,
    asset_report_id,
    client_report_id,
    days_requested,
    user,
    date_generated,
    exclude_account_ids=frozenset(),
):
    if sum(len(t) for i in items for t in i.transactions.values()) > 15000:
        raise ReportTooLargeError("too large")
    return dict(
        items=items,
        asset_report_id=asset_report_id,
        client_report_id=client_report_id,
        days_requested=days_requested,
        user=user,
        date_generated=date_generated,
        exclude=exclude_account_ids,
    )


def render_report_json(stored, *, include_insights, days_to_include, fast):
    user_keys = [
        "client_user_id",
        "first_name",
        "middle_name",
        "last_name",
        "ssn",
        "phone_number",
        "email",
    ]
    items = []
    for item in stored["items"]:
        accounts = []
        for a in item.accounts:
            if a["account_id"] in stored["exclude"]:
                continue
            tx = (
                []
                if fast
                else [
                    dict(t, **({"name": "Coffee"} if include_insights else {}))
                    for t in item.transactions[a["account_id"]]
                ]
            )
            accounts.append(
                {
                    **a,
                    "days_available": 30,
                    "transactions": tx,
                    "owners": [],
                    "historical_balances": [],
                    "ownership_type": None,
                }
            )
        items.append(
            {
                "item_id": item.item_id,
                "institution_name": item.institution_name,
                "institution_id": item.institution_id,
                "date_last_updated": stored["date_generated"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                "accounts": accounts,
            }
        )
    report = {
        "asset_report_id": stored["asset_report_id"],
        "client_report_id": stored["client_report_id"],
        "date_generated": stored["date_generated"].strftime("%Y-%m-%dT%H:%M:%SZ"),
        "days_requested": stored["days_requested"],
        "user": {k: stored["user"].get(k) for k in user_keys},
        "items": items,
    }
    return report, []


def render_report_pdf(report, warnings):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), f"Asset Report {report['asset_report_id']}")
    return doc.tobytes()


def install() -> None:
    for name, attrs in {
        "data": ["known_usernames", "generate_item", "GeneratedItem"],
        "reportgen": ["ReportTooLargeError", "build_report", "render_report_json"],
        "pdf": ["render_report_pdf"],
    }.items():
        module = types.ModuleType(f"assets_desktop.sandbox.{name}")
        for attr in attrs:
            setattr(module, attr, globals()[attr])
        sys.modules[module.__name__] = module
