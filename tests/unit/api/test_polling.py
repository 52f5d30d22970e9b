"""wait_for_report: polls while PRODUCT_NOT_READY, respects the production floor, ends early on a
webhook, times out, and cancels cleanly."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from assets_desktop.api import ReportGenerationFailed, ReportWaitTimeoutError, UserActionRequired
from assets_desktop.api.client import PlaidClient
from assets_desktop.api.models import ReportBytes, ReportDownload
from assets_desktop.api.polling import ReportWait, wait_for_report
from assets_desktop.api.webhook_receiver import WebhookReceiver
from assets_desktop.api.webhook_verify import WebhookVerifier
from tests.unit.api.helpers import REPORT_BODY, Recorder, client_for, not_ready, plaid_error

REPORT_ID = "3f2c1c1e-0000-4000-8000-000000000001"


async def wait_decoded(client: PlaidClient, token: str, **rules: Any) -> ReportDownload:
    """The decoded report once built, waited for by `rules` (ReportWait's fields)."""
    return await wait_for_report(client, lambda: client.reports.get(token), ReportWait(**rules))


async def wait_bytes(client: PlaidClient, token: str, **rules: Any) -> ReportBytes:
    return await wait_for_report(
        client, lambda: client.reports.get_bytes(token), ReportWait(**rules)
    )


def ready() -> httpx.Response:
    return httpx.Response(200, json=REPORT_BODY)


@pytest.mark.asyncio
async def test_polls_until_ready_reporting_progress() -> None:
    recorder = Recorder(not_ready(), not_ready(), ready())
    client = client_for(recorder)
    seen: list[tuple[str, float]] = []
    try:
        download = await wait_decoded(
            client,
            "assets-sandbox-t",
            interval=0.01,
            progress=lambda text, s: seen.append((text, s)),
        )
    finally:
        await client.aclose()
    assert download.response.report.asset_report_id == REPORT_ID
    assert len(recorder.requests) == 3
    assert [text for text, _ in seen] == [
        "Plaid is building the report (1 checks so far)",
        "Plaid is building the report (2 checks so far)",
    ]


@pytest.mark.asyncio
async def test_other_errors_end_the_wait_at_once() -> None:
    recorder = Recorder(
        not_ready(), plaid_error(400, "INVALID_INPUT", "INVALID_ASSET_REPORT_TOKEN")
    )
    client = client_for(recorder)
    try:
        with pytest.raises(UserActionRequired):
            await wait_decoded(client, "assets-sandbox-t", interval=0.01)
    finally:
        await client.aclose()
    assert len(recorder.requests) == 2


@pytest.mark.asyncio
async def test_never_ready_ends_in_a_typed_timeout() -> None:
    client = client_for(Recorder(not_ready()))
    try:
        with pytest.raises(ReportWaitTimeoutError) as raised:
            await wait_decoded(client, "assets-sandbox-t", interval=0.02, timeout=0.1)
    finally:
        await client.aclose()
    assert "still building" in raised.value.user_message


@pytest.mark.asyncio
async def test_production_is_never_polled_faster_than_every_4_seconds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slept: list[float] = []
    clock = {"now": 0.0}

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)
        clock["now"] += seconds

    loop = asyncio.get_running_loop()
    monkeypatch.setattr(loop, "time", lambda: clock["now"])
    monkeypatch.setattr("assets_desktop.api.polling.asyncio.sleep", fake_sleep)
    client = client_for(Recorder(not_ready(), not_ready(), ready()), environment="production")
    try:
        await wait_decoded(client, "assets-production-t", interval=0.5)
    finally:
        await client.aclose()
    assert slept == [4.0, 4.0]
    assert client.connection.min_poll_interval == 4.0


@pytest.mark.asyncio
async def test_cancelling_the_wait_stops_polling() -> None:
    recorder = Recorder(not_ready())
    client = client_for(recorder)
    try:
        task = asyncio.ensure_future(wait_decoded(client, "assets-sandbox-t", interval=0.05))
        await asyncio.sleep(0.12)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        count = len(recorder.requests)
        await asyncio.sleep(0.15)
        assert len(recorder.requests) == count
    finally:
        await client.aclose()


class FakeWebhooks:
    def __init__(self) -> None:
        self.queues: dict[str, asyncio.Queue[dict[str, Any]]] = {}
        self.unsubscribed = False

    def subscribe(self, key: str) -> asyncio.Queue[dict[str, Any]]:
        self.queues[key] = asyncio.Queue()
        return self.queues[key]

    def unsubscribe(self, key: str, queue: asyncio.Queue[dict[str, Any]]) -> None:
        self.unsubscribed = True

    async def catch_up(self) -> int:
        """Missed webhooks: the events in `missed`, delivered to the subscribers."""
        for payload in self.missed:
            self.queues[payload["asset_report_id"]].put_nowait(payload)
        return len(self.missed)

    missed: tuple[dict[str, Any], ...] = ()


@pytest.mark.asyncio
async def test_a_product_ready_webhook_ends_a_long_wait_early() -> None:
    recorder = Recorder(not_ready(), ready())
    client = client_for(recorder)
    hooks = FakeWebhooks()
    loop = asyncio.get_running_loop()
    try:
        task = asyncio.ensure_future(
            wait_decoded(
                client, "assets-sandbox-t", asset_report_id=REPORT_ID, interval=60, webhooks=hooks
            )
        )
        await asyncio.sleep(0.05)
        started = loop.time()
        hooks.queues[REPORT_ID].put_nowait(
            {
                "webhook_type": "ASSETS",
                "webhook_code": "PRODUCT_READY",
                "asset_report_id": REPORT_ID,
            }
        )
        download = await asyncio.wait_for(task, 5)
        assert loop.time() - started < 2
    finally:
        await client.aclose()
    assert download.response.report.asset_report_id == REPORT_ID
    assert hooks.unsubscribed


@pytest.mark.asyncio
async def test_without_polling_the_report_is_fetched_once_on_a_caught_up_webhook() -> None:
    recorder = Recorder(ready())
    client = client_for(recorder)
    hooks = FakeWebhooks()
    hooks.missed = (
        {"webhook_type": "ASSETS", "webhook_code": "PRODUCT_READY", "asset_report_id": REPORT_ID},
    )
    try:
        download = await asyncio.wait_for(
            wait_bytes(
                client, "assets-sandbox-t", asset_report_id=REPORT_ID, webhooks=hooks, poll=False
            ),
            5,
        )
    finally:
        await client.aclose()
    assert len(recorder.requests) == 1 and download.raw


@pytest.mark.asyncio
async def test_an_error_webhook_ends_the_wait_with_generation_failed() -> None:
    client = client_for(Recorder(not_ready()))
    hooks = FakeWebhooks()
    try:
        task = asyncio.ensure_future(
            wait_decoded(
                client, "assets-sandbox-t", asset_report_id=REPORT_ID, interval=60, webhooks=hooks
            )
        )
        await asyncio.sleep(0.05)
        hooks.queues[REPORT_ID].put_nowait(
            {
                "webhook_type": "ASSETS",
                "webhook_code": "ERROR",
                "asset_report_id": REPORT_ID,
                "error": {
                    "error_type": "ASSET_REPORT_ERROR",
                    "error_code": "ASSET_REPORT_GENERATION_FAILED",
                    "error_message": "asset report is too large",
                },
            }
        )
        with pytest.raises(ReportGenerationFailed) as raised:
            await asyncio.wait_for(task, 5)
    finally:
        await client.aclose()
    assert "fewer days" in raised.value.user_message


@pytest.mark.asyncio
async def test_receiver_remembers_a_webhook_that_came_before_the_subscription() -> None:
    async def no_key(kid: str) -> Any:
        raise AssertionError("not used")

    receiver = WebhookReceiver(WebhookVerifier(no_key))
    event = {"webhook_type": "ASSETS", "webhook_code": "PRODUCT_READY", "asset_report_id": "r1"}
    receiver.deliver(event)
    queue = receiver.subscribe("r1")
    assert queue.get_nowait() == event
    receiver.unsubscribe("r1", queue)
