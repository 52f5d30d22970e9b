"""Opening the largest report from the encrypted library, beside a plain `json.loads`.

The report is the sandbox's largest persona (`bench.fixtures`: `user_heavy_spender`, ~14,500
transactions over 731 days, insights on), saved to a library in a temporary folder with an
in-memory keyring (the user's keyring is untouched), then opened the way the app opens it: read
the sealed blob, AES-GCM decrypt, SHA-256 check, msgspec decode into the typed model.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import keyring
import keyring.backend

from assets_desktop.bench.figures import Figure, median_ms
from assets_desktop.bench.fixtures import largest_report_bytes
from assets_desktop.domain.report import decode_report_response
from assets_desktop.store.library import Library


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
    raw = largest_report_bytes()
    count = decode_report_response(raw).report.transaction_count()
    previous = keyring.get_keyring()
    keyring.set_keyring(_MemoryKeyring())
    try:
        with (
            tempfile.TemporaryDirectory(prefix="assets-bench-") as folder,
            Library(Path(folder)) as library,
        ):
            loan = library.loan_files.create(["Alberta Charleson"], "purchase", "8250")
            start = time.perf_counter()
            record = library.reports.save(loan.id, raw, source="bench")
            save_ms = (time.perf_counter() - start) * 1000
            assert library.reports.open(record.id).report.transaction_count() == count
            open_ms = median_ms(lambda: library.reports.open(record.id), repeat)
            pieces_ms = median_ms(lambda: library.reports.open(record.id, in_pieces=True), repeat)
            stall_whole = statistics.median(
                longest_stall_ms(lambda: library.reports.open(record.id)) for _ in range(repeat)
            )
            stall_pieces = statistics.median(
                longest_stall_ms(lambda: library.reports.open(record.id, in_pieces=True))
                for _ in range(repeat)
            )
            decrypt_ms = median_ms(lambda: library.reports.json(record.id), repeat)
            decode_ms = median_ms(lambda: decode_report_response(raw), repeat)
            loads_ms = median_ms(lambda: json.loads(raw), repeat)
    finally:
        keyring.set_keyring(previous)
    size = f"{len(raw) / 1e6:.1f} MB, {count:,} txns"
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
