"""The default policy's backoff is really waited between retries (not 0 s)."""

from __future__ import annotations

import time

import httpx
import pytest

from assets_desktop.api import PlaidConnectionError, RetryLater, RetryPolicy
from tests.unit.api.helpers import Recorder, client_for, ok, plaid_error, raise_

CREATED = {"asset_report_token": "assets-sandbox-tok", "asset_report_id": "rid-1"}
POLICY = RetryPolicy()  # the default: 4 attempts, 0.5 s doubling, jitter 50-100 % of each step
STEPS = [0.5, 1.0, 2.0]


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waits: list[float] = []

    async def record_sleep(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr("assets_desktop.api.transport.asyncio.sleep", record_sleep)
    return waits


def assert_backed_off(waits: list[float]) -> None:
    assert len(waits) == len(STEPS)
    for wait, step in zip(waits, STEPS, strict=True):
        assert step * 0.5 <= wait <= step, waits
    assert 1.75 <= sum(waits) <= 3.5


@pytest.mark.asyncio
async def test_three_5xx_on_a_read_wait_the_policys_backoff(slept: list[float]) -> None:
    recorder = Recorder(
        plaid_error(500, "API_ERROR", "INTERNAL_SERVER_ERROR"),
        plaid_error(503, "API_ERROR", "PLANNED_MAINTENANCE"),
        plaid_error(500, "API_ERROR", "INTERNAL_SERVER_ERROR"),
        ok({"item": {"item_id": "item-1"}}),
    )
    client = client_for(recorder, retry=POLICY)
    try:
        item = await client.items.get("access-sandbox-x")
    finally:
        await client.aclose()
    assert item.item.item_id == "item-1"
    assert_backed_off(slept)


@pytest.mark.asyncio
async def test_lost_connections_on_a_read_wait_the_backoff_then_fail(slept: list[float]) -> None:
    client = client_for(raise_(httpx.ReadError), retry=POLICY)
    try:
        with pytest.raises(PlaidConnectionError):
            await client.items.get("access-sandbox-x")
    finally:
        await client.aclose()
    assert_backed_off(slept)


@pytest.mark.asyncio
async def test_unsent_create_and_429_without_retry_after_wait_the_backoff(
    slept: list[float],
) -> None:
    recorder = Recorder(
        raise_(httpx.ConnectError),
        plaid_error(429, "RATE_LIMIT_EXCEEDED", "RATE_LIMIT"),
        raise_(httpx.ConnectError),
        ok(CREATED),
    )
    client = client_for(recorder, retry=POLICY)
    try:
        created = await client.reports.create(["access-sandbox-x"], 30)
    finally:
        await client.aclose()
    assert created.asset_report_id == "rid-1"
    assert_backed_off(slept)


@pytest.mark.asyncio
async def test_retry_after_is_honoured_exactly(slept: list[float]) -> None:
    recorder = Recorder(
        plaid_error(429, "RATE_LIMIT_EXCEEDED", "RATE_LIMIT", **{"Retry-After": "0"}),
        ok(CREATED),
    )
    client = client_for(recorder, retry=POLICY)
    try:
        await client.reports.create(["access-sandbox-x"], 30)
    finally:
        await client.aclose()
    assert slept == [0.0]


@pytest.mark.asyncio
async def test_a_real_retry_sequence_takes_at_least_the_backoff() -> None:
    """Without replacing sleep: three 503s on a read take ≥ the policy's smallest total wait."""
    policy = RetryPolicy(max_attempts=4, initial_delay=0.1, max_delay=1.0)
    recorder = Recorder(plaid_error(503, "API_ERROR", "PLANNED_MAINTENANCE"))
    client = client_for(recorder, retry=policy)
    started = time.monotonic()
    try:
        with pytest.raises(RetryLater):
            await client.items.get("access-sandbox-x")
    finally:
        await client.aclose()
    assert time.monotonic() - started >= (0.1 + 0.2 + 0.4) * 0.5
    assert len(recorder.requests) == 4
