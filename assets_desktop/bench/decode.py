"""Decode time of the largest Asset Report beside `json.loads` and the official plaid-python.

The report is the one Plaid allows at most: persona `user_heavy_spender` (close to 15,000
transactions over 731 days, with insights), encoded exactly as the local sandbox's
`/asset_report/get` sends it (`bench.fixtures`, shared with the other benchmarks). If the sandbox
cannot build it, a synthetic report of 15,000 transactions is used instead (the figure's name
says which).

Peers, measured on the same bytes in the same run:
- `json.loads`: the floor any typed decoding builds on;
- plaid-python (`AssetReportGetResponse` through its `ApiClient.deserialize`, type checks on, as
  the SDK does for every response), when installed (`pip install -e .[bench]`); skipped
  otherwise.
"""

from __future__ import annotations

import importlib
import json
import sys
import uuid
from typing import Any

from assets_desktop.bench.figures import Figure, median_ms
from assets_desktop.bench.fixtures import largest_report_bytes
from assets_desktop.domain.report import decode_report_response

PERSONA = "user_heavy_spender"
TRANSACTIONS = 15_000


def largest_report() -> tuple[bytes, str]:
    """The largest report's bytes and where they came from."""
    try:
        return largest_report_bytes(), f"{PERSONA}, as the local sandbox sends it"
    except Exception as error:  # no persona yet, or the sandbox failed: synthesize
        print(f"decode bench: sandbox report unavailable ({error}); synthesizing", file=sys.stderr)
        return synthetic_report(TRANSACTIONS), "synthetic 15,000-transaction report"


def synthetic_report(transactions: int) -> bytes:
    """A schema-shaped report with `transactions` transactions over 3 accounts (with insights)."""
    per_account = transactions // 3
    accounts = []
    for index in range(3):
        account_id = f"acct{index:033d}"
        accounts.append(
            {
                "account_id": account_id,
                "name": f"Plaid Account {index}",
                "official_name": None,
                "mask": f"{index}{index}{index}{index}",
                "type": "depository",
                "subtype": "checking",
                "days_available": 731,
                "balances": {
                    "available": None,
                    "current": 1234.56,
                    "limit": None,
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                },
                "historical_balances": [
                    {
                        "date": f"2026-{1 + d % 12:02d}-{1 + d % 28:02d}",
                        "current": 1000.0 + d,
                        "iso_currency_code": "USD",
                        "unofficial_currency_code": None,
                    }
                    for d in range(731)
                ],
                "owners": [
                    {
                        "names": ["Alberta Bobbeth Charleson"],
                        "phone_numbers": [],
                        "emails": [],
                        "addresses": [],
                    }
                ],
                "ownership_type": None,
                "transactions": [_transaction(account_id, t) for t in range(per_account)],
            }
        )
    body = {
        "report": {
            "asset_report_id": str(uuid.UUID(int=1)),
            "client_report_id": None,
            "date_generated": "2026-11-24T10:00:00Z",
            "days_requested": 731,
            "user": {
                "client_user_id": None,
                "first_name": None,
                "middle_name": None,
                "last_name": None,
                "ssn": None,
                "phone_number": None,
                "email": None,
            },
            "items": [
                {
                    "item_id": "item" + "0" * 33,
                    "institution_id": "ins_109508",
                    "institution_name": "First Platypus Bank",
                    "date_last_updated": "2026-11-24T10:00:00Z",
                    "accounts": accounts,
                }
            ],
        },
        "warnings": [],
        "request_id": "BENCH0000000001",
    }
    return json.dumps(body, indent=2).encode()


def _transaction(account_id: str, index: int) -> dict[str, Any]:
    return {
        "transaction_id": f"txn{account_id[-6:]}{index:028d}",
        "account_id": account_id,
        "amount": round((index % 500) * 1.37 - 200, 2),
        "date": f"20{24 + index % 2}-{1 + index % 12:02d}-{1 + index % 28:02d}",
        "pending": False,
        "original_description": f"POS PURCHASE MERCHANT {index % 300} #{index}",
        "iso_currency_code": "USD",
        "unofficial_currency_code": None,
        "name": f"Merchant {index % 300}",
        "merchant_name": f"Merchant {index % 300}",
        "category": ["Shops", "Supermarkets and Groceries"],
        "category_id": "19047000",
        "credit_category": {"primary": "GENERAL_MERCHANDISE", "detailed": "GROCERIES"},
        "location": {
            "address": None,
            "city": "San Francisco",
            "region": "CA",
            "postal_code": None,
            "country": "US",
            "lat": None,
            "lon": None,
            "store_number": None,
        },
        "payment_meta": {
            "reference_number": None,
            "ppd_id": None,
            "payee": None,
            "by_order_of": None,
            "payer": None,
            "payment_method": None,
            "payment_processor": None,
            "reason": None,
        },
        "transaction_type": "place",
        "check_number": None,
        "date_transacted": None,
        "pending_transaction_id": None,
        "account_owner": None,
    }


def plaid_python_decoder() -> Any | None:
    """A callable bytes -> AssetReportGetResponse via plaid-python, or None when not installed."""
    try:  # imported by name: plaid-python is optional and untyped
        plaid = importlib.import_module("plaid")
        model = importlib.import_module("plaid.model.asset_report_get_response")
    except ImportError:
        return None
    response_type = model.AssetReportGetResponse
    api_client = plaid.ApiClient(plaid.Configuration(host=plaid.Environment.Sandbox))

    class _Response:
        def __init__(self, data: bytes) -> None:
            self.data = data

        def getheader(self, name: str) -> None:
            return None

    def decode(raw: bytes) -> Any:
        return api_client.deserialize(_Response(raw), (response_type,), True)

    return decode


def run(quick: bool) -> list[Figure]:
    """Median decode times of the largest report: ours, json.loads, plaid-python."""
    raw, origin = largest_report()
    decoded = decode_report_response(raw)
    count = decoded.report.transaction_count()
    repeat = 3 if quick else 9
    ours = median_ms(lambda: decode_report_response(raw), repeat=repeat)
    floor = median_ms(lambda: json.loads(raw), repeat=repeat)
    label = f"decode largest report ({count:,} txns, {len(raw) / 1e6:.1f} MB; {origin})"
    figures = [
        Figure(
            label,
            ours,
            "ms",
            peer="json.loads of the same bytes",
            peer_value=floor,
            target="small multiple of json.loads",
        ),
    ]
    official = plaid_python_decoder()
    if official is None:
        print("decode bench: plaid-python not installed; its peer is skipped", file=sys.stderr)
        return figures
    if quick:  # it takes about half a minute per decode: full mode only
        print("decode bench: plaid-python peer runs in full mode only", file=sys.stderr)
        return figures
    try:
        official_ms = median_ms(lambda: official(raw), repeat=3, warmup=0)
    except Exception as error:  # the SDK refusing Plaid-valid data is itself a finding
        print(f"decode bench: plaid-python failed to decode ({error!r:.300})", file=sys.stderr)
        return figures
    figures.append(
        Figure(
            "decode largest report: assets-desktop (msgspec)",
            ours,
            "ms",
            peer="plaid-python AssetReportGetResponse",
            peer_value=official_ms,
            target="faster than the official SDK",
        )
    )
    return figures


if __name__ == "__main__":
    from assets_desktop.bench.figures import format_table

    print(format_table(run(quick="--quick" in sys.argv)))
