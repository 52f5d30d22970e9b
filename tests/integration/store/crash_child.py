"""Saver processes for the crash test, forked from one warm "zygote" so each starts in ~ms.

`python crash_child.py DATA_DIR KEYRING_FILE` imports everything, prints `ZYGOTE`, then for each
stdin line `fork SEED` forks a saver; for `sync` it prints `SYNC`. A saver prints
`START <pid>`, opens the library, prints `READY`, then saves records in a loop and prints
`SAVED <loan id> <report id> <sha256>` after each commit, until it is killed.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sys
from pathlib import Path

import keyring

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1] / "unit" / "store")]

from factories import MINIMAL_PDF, report_json  # noqa: E402
from file_keyring import FileKeyring  # noqa: E402

from assets_desktop.store.library import Library  # noqa: E402


def save_forever(data_dir: str, seed: int) -> None:
    rng = random.Random(seed)
    print(f"START {os.getpid()}", flush=True)
    library = Library(data_dir)
    print("READY", flush=True)
    for n in range(10_000):
        size = rng.choice((3, 300, 800))
        raw = report_json(f"r{seed}-{n}", transactions=size, borrower=f"Borrower {seed}x{n}")
        padding = rng.randbytes(rng.choice((0, 200_000)))
        pdf = MINIMAL_PDF.replace(b"%%EOF", padding + b"\n%%EOF")
        with library.database.atomic():
            loan = library.loan_files.create([f"Borrower {seed}x{n}"], "purchase", n, f"note {n}")
            record = library.reports.save(loan.id, raw, pdf, source="import")
            library.activity.log(
                "note", f"loan file {loan.id}", detail=f"saved {n}", loan_file_id=loan.id
            )
        print(f"SAVED {loan.id} {record.id} {hashlib.sha256(raw).hexdigest()}", flush=True)


def main() -> None:
    data_dir, keyring_file = sys.argv[1], sys.argv[2]
    keyring.set_keyring(FileKeyring(keyring_file))
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed savers are reaped by the kernel
    print("ZYGOTE", flush=True)
    for line in sys.stdin:
        command = line.split()
        if command[0] == "sync":
            print("SYNC", flush=True)
            continue
        pid = os.fork()
        if pid == 0:
            try:
                save_forever(data_dir, int(command[1]))
            finally:
                os._exit(0)


if __name__ == "__main__":
    main()
