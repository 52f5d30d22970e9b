"""Killing the process at random moments of saves never loses or damages an earlier record.

Savers are forked from a warm zygote process (see crash_child.py) and killed with SIGKILL: each
is a separate process with its own SQLite connection, as a crashed app would be.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from assets_desktop.store.library import Library

from .file_keyring import FileKeyring

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 30


class Zygote:
    def __init__(self, data_dir: Path, keyring_file: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), str(data_dir), str(keyring_file)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.readline() == "ZYGOTE"

    def readline(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "the zygote process died"
        return line.strip()

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture
def zygote(tmp_path: Path) -> Iterator[Zygote]:
    keyring.set_keyring(FileKeyring(tmp_path / "keyring.json"))
    Library(tmp_path / "library").close()  # the key is made once, before the savers start
    process = Zygote(tmp_path / "library", tmp_path / "keyring.json")
    yield process
    process.close()


def run_and_kill(zygote: Zygote, seed: int, rng: random.Random) -> list[str]:
    """Fork a saver, SIGKILL it at a random moment; every line it printed, in order."""
    zygote.send(f"fork {seed}")
    start = zygote.readline().split()
    assert start[0] == "START"
    pid = int(start[1])
    lines: list[str] = []
    if rng.random() < 0.15:
        time.sleep(rng.uniform(0, 0.005))  # while the library opens
    else:
        lines.append(zygote.readline())
        for _ in range(rng.randint(0, 3)):
            lines.append(zygote.readline())  # let a few saves land
        time.sleep(rng.uniform(0, 0.03))  # then kill, most likely in the middle of a save
    os.kill(pid, signal.SIGKILL)
    while _alive(pid):
        time.sleep(0.001)
    zygote.send("sync")  # everything the saver printed comes before SYNC
    while (line := zygote.readline()) != "SYNC":
        lines.append(line)
    return lines


def _alive(pid: int) -> bool:
    """False once the process is gone (or a zombie: it holds no locks or files any more)."""
    try:
        os.kill(pid, 0)
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # no such process (ProcessLookupError, FileNotFoundError)
        return False
    return ") Z " not in stat


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_sigkill_during_saves_never_loses_an_acknowledged_record(
    zygote: Zygote, tmp_path: Path
) -> None:
    rng = random.Random(20261125)
    acknowledged: dict[str, tuple[str, str]] = {}
    for seed in range(KILLS):
        for line in run_and_kill(zygote, seed, rng):
            if line.startswith("SAVED "):
                _, loan_id, report_id, digest = line.split()
                acknowledged[report_id] = (loan_id, digest)
        with Library(tmp_path / "library") as library:
            _check(library, acknowledged, thorough=seed == KILLS - 1)
    assert len(acknowledged) >= KILLS  # saves really did land between the kills


def _check(library: Library, acknowledged: dict[str, tuple[str, str]], thorough: bool) -> None:
    """Every acknowledged record is intact and decrypts; nothing half-saved exists."""
    for report_id, (loan_id, digest) in acknowledged.items():
        assert hashlib.sha256(library.reports.json(report_id)).hexdigest() == digest
        assert library.loan_files.get(loan_id).borrower_names[0].startswith("Borrower ")
        if thorough:
            assert library.reports.open(report_id).report.asset_report_id.startswith("r")
            assert library.reports.pdf(report_id) is not None
            notes = [e.detail for e in library.activity.entries(loan_file_id=loan_id)]
            assert notes[-1].startswith("saved ")
    reports = library.reports.all()
    for record in reports:
        assert record.has_json and record.has_pdf and record.state == "ready"
    # Each save wrote a loan file, its report and a note together: all three, or none.
    assert {r.loan_file_id for r in reports} == {f.id for f in library.loan_files.all()}
    assert len(library.activity.entries()) == 3 * len(reports)
