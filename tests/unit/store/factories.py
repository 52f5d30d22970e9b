"""Small report JSON and PDF bytes for library tests."""

from __future__ import annotations

import datetime as dt
import json

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def report_json(
    asset_report_id: str = "rep-1",
    transactions: int = 3,
    generated: str = "2026-11-20T15:04:05Z",
    borrower: str = "Alberta Charleson",
    extra: dict[str, object] | None = None,
) -> bytes:
    """An `/asset_report/get` response, serialised the way Plaid does (with odd spacing kept)."""
    day = dt.date(2026, 11, 19)
    txns = [
        {
            "transaction_id": f"{asset_report_id}-t{i}",
            "account_id": "acc-1",
            "amount": round(12.5 + i, 2) if i % 3 else -2500.0,
            "date": (day - dt.timedelta(days=i % 60)).isoformat(),
            "original_description": "PAYROLL ACME" if i % 3 == 0 else f"Coffee {i}",
            "pending": False,
            "iso_currency_code": "USD",
            "unofficial_currency_code": None,
        }
        for i in range(transactions)
    ]
    body = {
        "report": {
            "asset_report_id": asset_report_id,
            "client_report_id": "loan-42",
            "date_generated": generated,
            "days_requested": 60,
            "user": {"first_name": borrower.split()[0], "last_name": borrower.split()[-1]},
            "items": [
                {
                    "item_id": "item-1",
                    "institution_id": "ins_109508",
                    "institution_name": "First Platypus Bank",
                    "date_last_updated": generated,
                    "accounts": [
                        {
                            "account_id": "acc-1",
                            "name": "Plaid Checking",
                            "mask": "0000",
                            "type": "depository",
                            "subtype": "checking",
                            "balances": {"available": 1200.5, "current": 1300.0, "limit": None},
                            "days_available": 60,
                            "owners": [{"names": [borrower]}],
                            "transactions": txns,
                            "historical_balances": [],
                        }
                    ],
                }
            ],
        },
        "warnings": [],
        "request_id": "req-abc",
        **(extra or {}),
    }
    return json.dumps(body, indent=1).encode()
