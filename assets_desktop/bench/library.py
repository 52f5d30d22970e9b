"""Opening the largest report from the encrypted library, beside a plain `json.loads`.

The report is synthesised here (15,000 transactions over 731 days, Insights fields filled), saved
to a library in a temporary folder with an in-memory keyring (the user's keyring is untouched),
then opened the way the app opens it: read the sealed blob, AES-GCM decrypt, SHA-256 check,
msgspec decode into the typed model.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring
import keyring.backend

from assets_desktop.bench.figures import Figure, median_ms
from assets_desktop.domain.report import decode_report_response
from assets_desktop.store.library import Library

TRANSACTIONS = 15_000
DAYS = 731


class _MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def synthesize_report(transactions: int = TRANSACTIONS, seed: int = 7) -> bytes:
    """An `/asset_report/get` response with `transactions` transactions over 6 accounts."""
    rng = random.Random(seed)
    end = dt.date(2026, 11, 20)
    merchants = ["Starbucks", "Shell", "Kroger", "Amazon", "Uber", "Target", "Netflix", "Chipotle"]
    accounts: list[dict[str, Any]] = []
    per_account = transactions // 6
    for a in range(6):
        count = per_account + (transactions % 6 if a == 0 else 0)
        txns = []
        for i in range(count):
            merchant = rng.choice(merchants)
            day = end - dt.timedelta(days=rng.randrange(DAYS))
            txns.append(
                {
                    "transaction_id": f"txn-{a}-{i:05d}-{rng.getrandbits(40):010x}",
                    "account_id": f"acc-{a}",
                    "amount": round(rng.uniform(-3000, 400), 2),
                    "date": day.isoformat(),
                    "pending": False,
                    "original_description": f"{merchant.upper()} #{rng.randrange(9999)} POS",
                    "iso_currency_code": "USD",
                    "unofficial_currency_code": None,
                    "name": merchant,
                    "merchant_name": merchant,
                    "category": ["Shops", "Food and Drink"],
                    "category_id": "13005000",
                    "credit_category": {"primary": "FOOD_AND_DRINK", "detailed": "FOOD_COFFEE"},
                    "location": {"city": "Austin", "region": "TX", "lat": None, "lon": None},
                    "payment_meta": {"reference_number": None, "payee": None, "payer": None},
                    "transaction_type": "place",
                    "check_number": None,
                    "date_transacted": day.isoformat(),
                    "pending_transaction_id": None,
                    "account_owner": None,
                }
            )
        balances = [
            {"date": (end - dt.timedelta(days=d)).isoformat(), "current": 5000.0 + d,
             "iso_currency_code": "USD", "unofficial_currency_code": None}
            for d in range(DAYS)
        ]  # fmt: skip
        accounts.append(
            {
                "account_id": f"acc-{a}",
                "name": f"Plaid Account {a}",
                "mask": f"{a:04d}",
                "type": "depository",
                "subtype": "checking",
                "balances": {"available": 5000.0, "current": 5100.0, "limit": None},
                "days_available": DAYS,
                "owners": [{"names": ["Alberta Charleson"], "phone_numbers": [], "emails": []}],
                "transactions": txns,
                "historical_balances": balances,
            }
        )
    body = {
        "report": {
            "asset_report_id": "bench-largest",
            "client_report_id": "bench",
            "date_generated": "2026-11-20T12:00:00Z",
            "days_requested": DAYS,
            "user": {"first_name": "Alberta", "last_name": "Charleson"},
            "items": [
                {
                    "item_id": "item-bench",
                    "institution_id": "ins_109508",
                    "institution_name": "First Platypus Bank",
                    "date_last_updated": "2026-11-20T12:00:00Z",
                    "accounts": accounts,
                }
            ],
        },
        "warnings": [],
        "request_id": "bench",
    }
    return json.dumps(body).encode()


def longest_stall_ms(work: Callable[[], object], tick: float = 0.001) -> float:
    """The longest gap between ticks of this thread while `work` runs in a worker thread."""
    done = threading.Event()

    def worker() -> None:
        try:
            work()
        finally:
            done.set()

    thread = threading.Thread(target=worker)
    longest, last = 0.0, time.perf_counter()
    thread.start()
    while not done.is_set():
        time.sleep(tick)
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    thread.join()
    return longest * 1000


def run(quick: bool) -> list[Figure]:
    """Save the largest report, then time opening it (decrypt + decode) and its parts."""
    repeat = 2 if quick else 9
    raw = synthesize_report()
    previous = keyring.get_keyring()
    keyring.set_keyring(_MemoryKeyring())
    try:
        with (
            tempfile.TemporaryDirectory(prefix="assets-bench-") as folder,
            Library(Path(folder)) as library,
        ):
            loan = library.create_loan_file(["Alberta Charleson"], "purchase", "8250")
            start = time.perf_counter()
            record = library.save_report(loan.id, raw, source="bench")
            save_ms = (time.perf_counter() - start) * 1000
            assert library.open_report(record.id).report.transaction_count() == TRANSACTIONS
            open_ms = median_ms(lambda: library.open_report(record.id), repeat)
            pieces_ms = median_ms(lambda: library.open_report(record.id, in_pieces=True), repeat)
            stall_whole = statistics.median(
                longest_stall_ms(lambda: library.open_report(record.id)) for _ in range(repeat)
            )
            stall_pieces = statistics.median(
                longest_stall_ms(lambda: library.open_report(record.id, in_pieces=True))
                for _ in range(repeat)
            )
            decrypt_ms = median_ms(lambda: library.report_json(record.id), repeat)
            decode_ms = median_ms(lambda: decode_report_response(raw), repeat)
            loads_ms = median_ms(lambda: json.loads(raw), repeat)
    finally:
        keyring.set_keyring(previous)
    size = f"{len(raw) / 1e6:.1f} MB, {TRANSACTIONS:,} txns"
    peer = f"json.loads of the same bytes ({size})"
    return [
        Figure(
            "library: open largest report (read + decrypt + SHA-256 + decode)",
            open_ms, "ms", peer=peer, peer_value=loads_ms, target="well under 1 s",
        ),
        Figure(
            "library: read + decrypt + SHA-256 check alone", decrypt_ms, "ms",
            peer=peer, peer_value=loads_ms,
        ),
        Figure(
            "library: decode alone (msgspec, typed)", decode_ms, "ms",
            peer=peer, peer_value=loads_ms,
        ),
        Figure(
            "library: open largest report in pieces (for worker threads)", pieces_ms, "ms",
            peer="one decode call", peer_value=open_ms,
        ),
        Figure(
            "library: UI-thread stall while a worker opens it, in pieces", stall_pieces, "ms",
            peer="one decode call", peer_value=stall_whole, target="< 100 ms",
        ),
        Figure("library: save largest report (encrypt + commit, fsync)", save_ms, "ms"),
    ]  # fmt: skip
