"""Every fault mode of `assets-desktop sandbox`, from its command-line options: the client's
create → wait → fetch takes as long as the retry policy says (lower and upper bounds), ends in
the typed outcome, and never sends a billed request twice."""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from assets_desktop.api import (
    MalformedResponseError,
    OutcomeUnknownError,
    PlaidClient,
    ReportGenerationFailed,
    ReportWaitTimeoutError,
    RetryLater,
    RetryPolicy,
)
from assets_desktop.api.polling import ReportWait, wait_for_report
from assets_desktop.sandbox.runtime import DEFAULT_CLIENT_ID, DEFAULT_SECRET

POLICY = RetryPolicy(max_attempts=4, initial_delay=0.2, max_delay=1.0)
BACKOFF = [0.2, 0.4, 0.8]  # the policy's steps; each wait is 50-100 % of its step
SLACK = 1.5  # seconds of process, loopback and report generation time on a loaded machine
GET = "/asset_report/get"
CREATE = "/asset_report/create"


@dataclass
class CommandSandbox:
    base_url: str
    output: str = ""

    def posts(self, path: str) -> int:
        """How many POSTs to `path` reached the server: its access log, plus the requests whose
        connection it dropped on purpose (logged as faults, absent from the access log)."""
        answered = re.findall(rf'"POST {re.escape(path)} HTTP/1.1"', self.output)
        dropped = re.findall(rf"fault drop_\w+ on POST {re.escape(path)} ", self.output)
        return len(answered) + len(dropped)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def command_sandbox(*options: str) -> Iterator[CommandSandbox]:
    """`assets-desktop sandbox OPTIONS` in a child process, on a free port."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "assets_desktop", "sandbox", "--port", str(port),
         "--ready-delay", "0.3", "--exit-with-parent", *options],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    server = CommandSandbox(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, "the sandbox command exited"
                time.sleep(0.05)
        yield server
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=10)
        server.output = out.decode("utf-8", "replace")


async def _journey(server: CommandSandbox, wait_timeout: float = 20.0) -> bytes:
    """Link an Item (outside the timed part), then create → wait → fetch the PDF."""
    client = PlaidClient(server.base_url, DEFAULT_CLIENT_ID, DEFAULT_SECRET, retry=POLICY)
    try:
        public = await client.items.sandbox_public_token_create("ins_109508")
        token = (await client.items.public_token_exchange(public.public_token)).access_token
        created = await client.reports.create([token], 30)
        await wait_for_report(
            client,
            lambda: client.reports.get_bytes(created.asset_report_token),
            ReportWait(interval=0.1, timeout=wait_timeout),
        )
        return await client.reports.pdf(created.asset_report_token)
    finally:
        await client.aclose()


async def _timed(server: CommandSandbox, wait_timeout: float = 20.0) -> tuple[float, object]:
    started = time.monotonic()
    try:
        outcome: object = await _journey(server, wait_timeout)
    except Exception as error:
        outcome = error
    return time.monotonic() - started, outcome


# (options, typed outcome, smallest and largest extra seconds the faults may cost)
RECOVERED = {
    "latency": (["--latency", "0.25"], 0.25 * 6, 0.25 * 12),
    "429 with Retry-After": (
        ["--rate-limit-next", "2", "--retry-after", "1", "--fault-path", CREATE],
        2.0,
        2.0,
    ),
    "500 on reads": (
        ["--server-error-next", "3", "--fault-path", GET],
        sum(BACKOFF) / 2,
        sum(BACKOFF),
    ),
    "503 on reads": (
        ["--maintenance-next", "3", "--fault-path", GET],
        sum(BACKOFF) / 2,
        sum(BACKOFF),
    ),
    "dropped connections on reads": (
        ["--drop-connection-next", "2", "--fault-path", GET],
        sum(BACKOFF[:2]) / 2,
        sum(BACKOFF[:2]),
    ),
}


@pytest.mark.parametrize("mode", list(RECOVERED))
def test_recoverable_faults_cost_the_policys_backoff_and_nothing_more(mode: str) -> None:
    """Run on a plain asyncio loop: no Qt socket notifiers outlive it."""
    asyncio.run(_recoverable_faults_cost_the_policys_backoff_and_nothing_more(mode))


async def _recoverable_faults_cost_the_policys_backoff_and_nothing_more(mode: str) -> None:
    options, least, most = RECOVERED[mode]
    with command_sandbox() as healthy:
        baseline, outcome = await _timed(healthy)
    assert isinstance(outcome, bytes) and outcome.startswith(b"%PDF")
    with command_sandbox(*options) as faulty:
        elapsed, outcome = await _timed(faulty)
    assert isinstance(outcome, bytes) and outcome.startswith(b"%PDF"), outcome
    assert least <= elapsed, f"{mode}: {elapsed:.2f} s, the faults alone cost ≥ {least:.2f} s"
    assert elapsed <= baseline + most + SLACK, f"{mode}: {elapsed:.2f} s"
    created = faulty.posts(CREATE) - (2 if mode == "429 with Retry-After" else 0)
    assert created == 1  # a 429 is refused before Plaid acts: only one create was handled


FAILED = {
    "500 on create": (["--server-error-next", "1", "--fault-path", CREATE], RetryLater),
    "503 on create": (["--maintenance-next", "1", "--fault-path", CREATE], RetryLater),
    "answer to create lost": (
        ["--drop-response-next", "1", "--fault-path", CREATE],
        OutcomeUnknownError,
    ),
    "connection dropped on create": (
        ["--drop-connection-next", "1", "--fault-path", CREATE],
        OutcomeUnknownError,
    ),
    "generation failure": (["--fail-generation"], ReportGenerationFailed),
    "malformed JSON on get": (
        ["--malformed-json-next", "1", "--fault-path", GET],
        MalformedResponseError,
    ),
}


@pytest.mark.parametrize("mode", list(FAILED))
def test_unrecoverable_faults_end_at_once_in_a_typed_error_never_resending_create(
    mode: str,
) -> None:
    """Run on a plain asyncio loop: no Qt socket notifiers outlive it."""
    asyncio.run(_unrecoverable_faults_end_at_once_in_a_typed_error_never_resending_create(mode))


async def _unrecoverable_faults_end_at_once_in_a_typed_error_never_resending_create(
    mode: str,
) -> None:
    options, expected = FAILED[mode]
    with command_sandbox(*options) as faulty:
        elapsed, outcome = await _timed(faulty)
    assert isinstance(outcome, expected), outcome
    assert elapsed <= SLACK + 1.0, f"{mode}: {elapsed:.2f} s"
    assert faulty.posts(CREATE) == 1


def test_a_report_that_never_gets_ready_ends_at_the_wait_timeout() -> None:
    """Run on a plain asyncio loop: no Qt socket notifiers outlive it."""
    asyncio.run(_a_report_that_never_gets_ready_ends_at_the_wait_timeout())


async def _a_report_that_never_gets_ready_ends_at_the_wait_timeout() -> None:
    with command_sandbox("--never-ready") as faulty:
        elapsed, outcome = await _timed(faulty, wait_timeout=1.5)
    assert isinstance(outcome, ReportWaitTimeoutError), outcome
    assert 1.5 <= elapsed <= 1.5 + SLACK
    assert faulty.posts(CREATE) == 1
