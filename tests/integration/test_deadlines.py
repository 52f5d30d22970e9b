"""Every request and every report wait ends by its deadline, however slowly a server answers."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from assets_desktop.api import PlaidClient, PlaidTimeoutError, ReportWaitTimeoutError, RetryPolicy
from assets_desktop.api.polling import ReportWait, wait_for_report

TRICKLE_EVERY = 0.5
NO_RETRY = RetryPolicy(max_attempts=1)


class TricklingServer:
    """Answers every request `200` with a large body, then sends it one byte every 0.5 s."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.connections = 0
        self.base_url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def __enter__(self) -> TricklingServer:
        accept = threading.Thread(target=self._accept, daemon=True)
        accept.start()
        self._threads.append(accept)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            worker = threading.Thread(target=self._trickle, args=(conn,), daemon=True)
            worker.start()
            self._threads.append(worker)

    def _trickle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(1.0)
            try:
                conn.recv(65536)
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 100000\r\n\r\n{"
                )
                while not self._stop.wait(TRICKLE_EVERY):
                    conn.sendall(b" ")
            except OSError:
                return  # the client gave up and closed the connection


@pytest.fixture
def trickling() -> Iterator[TricklingServer]:
    with TricklingServer() as server:
        yield server


def test_a_trickled_answer_ends_in_a_typed_timeout_by_the_deadline(
    trickling: TricklingServer,
) -> None:
    """Run on a plain asyncio loop: no Qt socket notifiers outlive it."""
    asyncio.run(_a_trickled_answer_ends_in_a_typed_timeout_by_the_deadline(trickling))


async def _a_trickled_answer_ends_in_a_typed_timeout_by_the_deadline(
    trickling: TricklingServer,
) -> None:
    client = PlaidClient(
        trickling.base_url,
        "trickle-client-id",
        "trickle-secret-value",
        timeout=1.0,
        deadline=2.0,
        retry=NO_RETRY,
    )
    started = time.monotonic()
    try:
        with pytest.raises(PlaidTimeoutError) as raised:
            await client.items.get("access-sandbox-x")
    finally:
        await client.aclose()
    elapsed = time.monotonic() - started
    assert 1.9 <= elapsed < 3.5  # the per-read timeout (1 s) alone never fires here
    assert "within 2 s" in raised.value.user_message


def test_a_report_wait_ends_by_its_timeout_while_a_get_trickles(
    trickling: TricklingServer,
) -> None:
    """Run on a plain asyncio loop: no Qt socket notifiers outlive it."""
    asyncio.run(_a_report_wait_ends_by_its_timeout_while_a_get_trickles(trickling))


async def _a_report_wait_ends_by_its_timeout_while_a_get_trickles(
    trickling: TricklingServer,
) -> None:
    client = PlaidClient(
        trickling.base_url,
        "trickle-client-id",
        "trickle-secret-value",
        timeout=30.0,
        retry=NO_RETRY,
    )
    started = time.monotonic()
    try:
        with pytest.raises(ReportWaitTimeoutError):
            await wait_for_report(
                client,
                lambda: client.reports.get_bytes("assets-sandbox-token"),
                ReportWait(timeout=3.0),
            )
    finally:
        await client.aclose()
    elapsed = time.monotonic() - started
    assert 2.9 <= elapsed < 4.5  # the loop clock may run a hair ahead of monotonic()
    assert trickling.connections == 1
