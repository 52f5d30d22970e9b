"""Load check of a team library: simulated underwriters open, annotate and save at once.

A throw-away PostgreSQL cluster on 127.0.0.1 (`bench.pg_cluster`); 20 underwriters (each its own
library, as on 20 computers) loop for 60 s (quick: 5 for 5 s): open their loan file and report,
write a note on the report, and save their loan file with the version they read — every 10th
time the one loan file they all share, where a save refused because a colleague saved first
(ConcurrentChangeError) is reloaded and redone, as the app does. At the end every accepted
write must be in the activity log (zero lost writes) and no other error may have happened.
Prints throughput and the p99 of one open-annotate-save cycle.
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
from dataclasses import dataclass, field

from assets_desktop.bench.figures import Figure
from assets_desktop.store.keys import Access

UNDERWRITERS, SECONDS = 20, 60.0
SHARED_EVERY = 10  # every 10th save goes to the loan file all of them share
_ACCESS_PASSPHRASE = "bench team passphrase"  # noqa: S105 - a throw-away bench library
QUICK_UNDERWRITERS, QUICK_SECONDS = 5, 5.0


@dataclass
class _Tally:
    cycles: list[float] = field(default_factory=list)
    saved: int = 0  # accepted writes (notes + loan file saves)
    retried: int = 0  # loan file saves refused as concurrent, then redone
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def run(quick: bool) -> list[Figure]:
    try:
        from assets_desktop.bench.pg_cluster import fresh_database, start_server
    except ImportError:
        print("team load: skipped (psycopg not installed: pip install -e .[team])", file=sys.stderr)
        return []
    server = start_server()
    if isinstance(server, str):
        print(f"team load: skipped ({server})", file=sys.stderr)
        return []
    try:
        url = fresh_database(server, "team_load")
        count, seconds = (QUICK_UNDERWRITERS, QUICK_SECONDS) if quick else (UNDERWRITERS, SECONDS)
        return _load(url, count, seconds)
    finally:
        server.stop()


def _load(url: str, count: int, seconds: float) -> list[Figure]:
    from assets_desktop.store.library import Library

    with Library(url, access=_access()) as admin:
        shared = admin.loan_files.create(["Shared Borrower"], "purchase").id
        reports = [
            admin.reports.add(admin.loan_files.create([f"Borrower N{i}"], "purchase").id, f"r{i}")
            for i in range(count)
        ]
    tally = _Tally()
    deadline = time.monotonic() + seconds
    workers = [
        threading.Thread(target=_underwriter, args=(url, shared, r.id, deadline, tally))
        for r in reports
    ]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    with Library(url, access=_access()) as admin:
        logged = sum(1 for e in admin.activity.entries() if e.what in ("note", "loan file updated"))
    lost = tally.saved - logged
    cycles = sorted(tally.cycles)
    p99 = cycles[min(len(cycles) - 1, int(len(cycles) * 0.99))] * 1000 if cycles else 0.0
    print(
        f"team load: {count} underwriters × {seconds:g} s: {len(cycles)} cycles, "
        f"{tally.saved} writes accepted, {logged} in the log (lost {lost}), "
        f"{tally.retried} concurrent saves reloaded and redone, {len(tally.errors)} errors"
        + (f" (first: {tally.errors[0]})" if tally.errors else ""),
        file=sys.stderr,
    )
    label = f"team library: {count} underwriters"
    return [
        Figure(f"{label}, open-annotate-save cycles", len(cycles) / elapsed, "/s"),
        Figure(f"{label}, cycle p99", p99, "ms"),
        Figure(f"{label}, median cycle", statistics.median(cycles) * 1000 if cycles else 0, "ms"),
        Figure(f"{label}, errors + lost writes", len(tally.errors) + abs(lost), "", target="≤ 0"),
    ]


def _access() -> Access:
    """No keyring here: the bench library's key is under a passphrase (cheap scrypt cost)."""
    return Access(passphrase=_ACCESS_PASSPHRASE, kdf_n=2**14)


def _underwriter(url: str, shared: str, report_id: str, deadline: float, tally: _Tally) -> None:
    from assets_desktop.store.errors import ConcurrentChangeError
    from assets_desktop.store.library import Library

    try:
        library = Library(url, access=_access())
    except Exception as error:
        with tally.lock:
            tally.errors.append(repr(error))
        return
    with library:
        n = 0
        while time.monotonic() < deadline:
            n += 1
            began = time.perf_counter()
            try:
                report = library.reports.get(report_id)
                library.loan_files.get(report.loan_file_id)
                library.reports.set_notes(report_id, f"note {n}", expected_version=report.version)
                saved, retried = 1, 0
                target = shared if n % SHARED_EVERY == 0 else report.loan_file_id
                while True:
                    loan = library.loan_files.get(target)
                    try:
                        library.loan_files.update(
                            target, notes=f"{report_id} {n}", expected_version=loan.version
                        )
                        break
                    except ConcurrentChangeError:
                        retried += 1
                saved += 1
            except Exception as error:
                with tally.lock:
                    tally.errors.append(repr(error))
                continue
            with tally.lock:
                tally.cycles.append(time.perf_counter() - began)
                tally.saved += saved
                tally.retried += retried
