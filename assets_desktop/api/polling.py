"""Wait for an asset report: poll while PRODUCT_NOT_READY; a PRODUCT_READY webhook ends it early.

- Polls only while Plaid answers `PRODUCT_NOT_READY`; any other error ends the wait with it.
- Never faster than the client's floor (4 s against production: Plaid allows 15 gets per minute
  per report), even when a webhook wakes the wait.
- An overall `timeout` ends in `ReportWaitTimeoutError` (the report keeps building at Plaid), even
  in the middle of a get whose answer is still arriving.
- Every wait is an await: cancelling the task cancels the wait at once, nothing left behind.
- With a `WebhookReceiver`, an ASSETS `PRODUCT_READY` for the report triggers the next get at
  once; an ASSETS `ERROR` ends the wait with `ReportGenerationFailed`.
- The wait first catches up on the webhooks that did not reach us (`/beta/webhook_events/list`,
  through the receiver), and again after the machine slept (the wall clock jumped ahead of the
  loop's monotonic clock), so a wait resumed after a start, a reconnect or a sleep ends as soon
  as Plaid said the report is ready. `poll=False` gets the report only on such a webhook.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from assets_desktop.api.errors import ReportGenerationFailed, ReportWaitTimeoutError, RetryLater
from assets_desktop.api.models import ReportBytes, ReportDownload

if TYPE_CHECKING:
    from assets_desktop.api.report_endpoints import ReportEndpoints

log = logging.getLogger(__name__)

T = TypeVar("T")
DEFAULT_TIMEOUT = 300.0
NOT_READY = "PRODUCT_NOT_READY"
SLEPT_SECONDS = 60.0  # wall clock ahead of the loop's clock by this much: the machine slept

WaitProgress = Callable[[str, float], None]
"""Called with (what is happening, seconds waited so far)."""


class WebhookSource(Protocol):
    """What the wait needs from a webhook receiver."""

    def subscribe(self, key: str) -> asyncio.Queue[dict[str, Any]]: ...

    def unsubscribe(self, key: str, queue: asyncio.Queue[dict[str, Any]]) -> None: ...

    async def catch_up(self) -> int: ...


async def wait_for_report(
    client: ReportEndpoints,
    asset_report_token: str,
    *,
    asset_report_id: str | None = None,
    include_insights: bool = False,
    fast_report: bool = False,
    days_to_include: int | None = None,
    interval: float | None = None,
    timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109 - an overall budget ending in a typed error
    progress: WaitProgress | None = None,
    webhooks: WebhookSource | None = None,
    audit_copy: bool = False,
) -> ReportDownload:
    """The report once Plaid has built it (decoded, with its raw bytes).

    Args:
        client: the environment's client.
        asset_report_token: the report to fetch (an audit copy token when `audit_copy`).
        asset_report_id: needed to match webhooks; without it only polling is used.
        include_insights, fast_report, days_to_include: passed to `/asset_report/get`.
        interval: seconds between polls (default per environment; never under the floor).
        timeout: overall seconds before ReportWaitTimeoutError.
        progress: called before each wait with a sentence and the seconds waited.
        webhooks: a WebhookReceiver whose URL was given to Plaid for this report.

    Raises:
        ReportWaitTimeoutError, ReportGenerationFailed, or any error of the get itself.
    """

    async def get() -> ReportDownload:
        if audit_copy:
            return await client.audit_copy_get(asset_report_token)
        return await client.asset_report_get(
            asset_report_token,
            include_insights=include_insights,
            fast_report=fast_report,
            days_to_include=days_to_include,
        )

    return await poll_until_ready(
        client,
        get,
        asset_report_id=asset_report_id,
        interval=interval,
        timeout=timeout,
        progress=progress,
        webhooks=webhooks,
    )


async def wait_for_report_bytes(
    client: ReportEndpoints,
    asset_report_token: str,
    *,
    asset_report_id: str | None = None,
    include_insights: bool = False,
    interval: float | None = None,
    timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
    progress: WaitProgress | None = None,
    webhooks: WebhookSource | None = None,
    poll: bool = True,
) -> ReportBytes:
    """As `wait_for_report`, but the ready report's bytes are only shape-checked, not decoded
    (no 70-160 ms typed decode of the largest report on the event loop)."""

    async def get() -> ReportBytes:
        return await client.asset_report_get_bytes(
            asset_report_token, include_insights=include_insights
        )

    return await poll_until_ready(
        client,
        get,
        asset_report_id=asset_report_id,
        interval=interval,
        timeout=timeout,
        progress=progress,
        webhooks=webhooks,
        poll=poll,
    )


async def poll_until_ready(
    client: ReportEndpoints,
    get: Callable[[], Awaitable[T]],
    *,
    asset_report_id: str | None,
    interval: float | None,
    timeout: float,  # noqa: ASYNC109
    progress: WaitProgress | None,
    webhooks: WebhookSource | None,
    poll: bool = True,
) -> T:
    """Call `get` until it stops raising PRODUCT_NOT_READY, every `interval` seconds (default per
    environment, never under the client's floor) or sooner on a PRODUCT_READY webhook, pushed or
    caught up; with `poll=False`, only on such a webhook."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    deadline = started + timeout
    floor = client.min_poll_interval
    step = max(interval if interval is not None else client.default_poll_interval, floor)
    queue = webhooks.subscribe(asset_report_id) if webhooks and asset_report_id else None
    last_get = -float("inf")
    polls = 0
    should_get = poll

    def timed_out() -> ReportWaitTimeoutError:
        return ReportWaitTimeoutError(
            f"The report was not ready after {timeout:.0f} s ({polls} checks): Plaid is "
            "still building it. It will finish; check again later from the report list.",
            operation="Waiting for the asset report",
        )

    try:
        async with asyncio.timeout_at(deadline):
            if queue is not None and webhooks is not None:
                await webhooks.catch_up()
            while True:
                if should_get:
                    gap = last_get + floor - loop.time()
                    if gap > 0:
                        await asyncio.sleep(gap)
                    last_get = loop.time()
                    polls += 1
                    try:
                        return await get()
                    except RetryLater as error:
                        if error.error_code != NOT_READY:
                            raise
                now = loop.time()
                if now >= deadline:
                    raise timed_out()
                if progress is not None:
                    progress(f"Plaid is building the report ({polls} checks so far)", now - started)
                pause = min(step if poll else deadline - now, deadline - now)
                if queue is None or webhooks is None:
                    await asyncio.sleep(pause)
                    continue
                wall, mono = time.time(), loop.time()
                ready = await _sleep_or_webhook(queue, pause)
                if (time.time() - wall) - (loop.time() - mono) > SLEPT_SECONDS:
                    log.info("The machine slept: catching up on missed webhooks")
                    await webhooks.catch_up()
                    ready = _drain(queue) or ready
                should_get = poll or ready
    except TimeoutError as error:
        raise timed_out() from error
    finally:
        if queue is not None and webhooks is not None and asset_report_id:
            webhooks.unsubscribe(asset_report_id, queue)


async def _sleep_or_webhook(queue: asyncio.Queue[dict[str, Any]], pause: float) -> bool:
    """Sleep `pause` seconds, or less if a webhook for the report arrives first; True when a
    PRODUCT_READY came."""
    event: dict[str, Any] | None = None
    with contextlib.suppress(TimeoutError):
        event = await asyncio.wait_for(queue.get(), pause)
    ready = False
    while event is not None:
        ready = _check_event(event) or ready
        event = queue.get_nowait() if not queue.empty() else None
    return ready


def _drain(queue: asyncio.Queue[dict[str, Any]]) -> bool:
    """Check the webhooks already queued; True when a PRODUCT_READY is among them."""
    ready = False
    while not queue.empty():
        ready = _check_event(queue.get_nowait()) or ready
    return ready


def _check_event(event: dict[str, Any]) -> bool:
    if event.get("webhook_type") != "ASSETS":
        return False
    code = event.get("webhook_code")
    if code == "PRODUCT_READY":
        log.info("PRODUCT_READY webhook: fetching the report now")
        return True
    elif code == "ERROR":
        error = event.get("error")
        body = (
            error
            if isinstance(error, dict)
            else {
                "error_type": "ASSET_REPORT_ERROR",
                "error_code": "ASSET_REPORT_GENERATION_FAILED",
            }
        )
        raise ReportGenerationFailed(400, body, operation="Building the asset report")
    return False
