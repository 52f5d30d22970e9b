"""Waiting: one `poll_until` for every wait of the app, and the asset report wait built on it.

`poll_until` tries an attempt every interval until it gives an answer, ending in the caller's
typed error when the overall timeout passes (even in the middle of an attempt); a `wake` can cut
a pause short. Every wait is an await: cancelling the task cancels the wait at once. Its users:
the report wait here, Hosted Link sessions (`services.items`), the local sandbox's start.

The report wait (`wait_for_report`):

- Polls only while Plaid answers `PRODUCT_NOT_READY`; any other error ends the wait with it.
- Never faster than the client's floor (4 s against production: Plaid allows 15 gets per minute
  per report), even when a webhook wakes the wait.
- An overall `timeout` ends in `ReportWaitTimeoutError` (the report keeps building at Plaid).
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
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from assets_desktop.api.errors import ReportGenerationFailed, ReportWaitTimeoutError, RetryLater

if TYPE_CHECKING:
    from assets_desktop.api.client import PlaidClient

log = logging.getLogger(__name__)

T = TypeVar("T")
DEFAULT_TIMEOUT = 300.0
NOT_READY = "PRODUCT_NOT_READY"
SLEPT_SECONDS = 60.0  # wall clock ahead of the loop's clock by this much: the machine slept

WaitProgress = Callable[[str, float], None]
"""Called with (what is happening, seconds waited so far)."""

Wake = Callable[[float], Awaitable[bool]]
"""Waits at most the seconds given; True when the next attempt is due at once."""


async def poll_until(
    attempt: Callable[[], Awaitable[T | None]],
    *,
    interval: float,
    timeout: float,  # noqa: ASYNC109 - an overall budget ending in the caller's typed error
    timed_out: Callable[[int], Exception],
    wake: Wake | None = None,
    min_gap: float = 0.0,
    waiting: Callable[[int, float], None] | None = None,
    poll: bool = True,
    first: Callable[[], Awaitable[object]] | None = None,
) -> T:
    """The first answer of `attempt()` that is not None.

    Args:
        attempt: one try; None means "not yet". Its errors end the wait.
        interval: seconds between attempts.
        timeout: overall seconds; then `timed_out(attempts made)` is raised.
        wake: does the pausing instead of a plain sleep, and may end a pause early.
        min_gap: attempts never closer than this, even when woken.
        waiting: called with (attempts made, seconds waited) before each pause.
        poll: False: after a pause, attempt only when `wake` said so.
        first: run once, within the budget, before the first attempt.
    """
    loop = asyncio.get_running_loop()
    started = loop.time()
    deadline = started + timeout
    attempts = 0
    last = -math.inf
    due = poll
    budget = asyncio.timeout_at(deadline)
    try:
        async with budget:
            if first is not None:
                await first()
            while True:
                if due:
                    gap = last + min_gap - loop.time()
                    if gap > 0:
                        await asyncio.sleep(gap)
                    last = loop.time()
                    attempts += 1
                    answer = await attempt()
                    if answer is not None:
                        return answer
                now = loop.time()
                if now >= deadline:
                    raise timed_out(attempts)
                if waiting is not None:
                    waiting(attempts, now - started)
                pause = min(interval, deadline - now) if poll else deadline - now
                if wake is None:
                    await asyncio.sleep(pause)
                    due = poll
                else:
                    due = await wake(pause) or poll
    except TimeoutError as error:
        if not budget.expired():  # an attempt's own timeout, not the wait's
            raise
        raise timed_out(attempts) from error


class WebhookSource(Protocol):
    """What the wait needs from a webhook receiver."""

    def subscribe(self, key: str) -> asyncio.Queue[dict[str, Any]]: ...

    def unsubscribe(self, key: str, queue: asyncio.Queue[dict[str, Any]]) -> None: ...

    async def catch_up(self) -> int: ...


@dataclass(frozen=True)
class ReportWait:
    """How to wait for one report.

    Attributes:
        asset_report_id: needed to match webhooks; without it only polling is used.
        interval: seconds between gets (default per environment; never under the floor).
        timeout: overall seconds before ReportWaitTimeoutError.
        progress: called before each pause with a sentence and the seconds waited.
        webhooks: a WebhookReceiver whose URL was given to Plaid for this report.
        poll: False: get the report only when a PRODUCT_READY webhook says it is ready.
    """

    asset_report_id: str | None = None
    interval: float | None = None
    timeout: float = DEFAULT_TIMEOUT
    progress: WaitProgress | None = None
    webhooks: WebhookSource | None = None
    poll: bool = True


async def wait_for_report(
    client: PlaidClient, get: Callable[[], Awaitable[T]], wait: ReportWait = ReportWait()
) -> T:
    """The answer of `get` (e.g. `client.reports.get_bytes(token)`) once Plaid has built the
    report: `get` is repeated while it raises PRODUCT_NOT_READY, by `wait`'s rules.

    Raises:
        ReportWaitTimeoutError, ReportGenerationFailed, or any error of the get itself.
    """
    connection = client.connection
    webhooks, key = wait.webhooks, wait.asset_report_id
    queue = webhooks.subscribe(key) if webhooks is not None and key else None

    async def attempt() -> T | None:
        try:
            return await get()
        except RetryLater as error:
            if error.error_code != NOT_READY:
                raise
            return None

    def timed_out(polls: int) -> ReportWaitTimeoutError:
        return ReportWaitTimeoutError(
            f"The report was not ready after {wait.timeout:.0f} s ({polls} checks): Plaid is "
            "still building it. It will finish; check again later from the report list.",
            operation="Waiting for the asset report",
        )

    def waiting(polls: int, seconds: float) -> None:
        if wait.progress is not None:
            wait.progress(f"Plaid is building the report ({polls} checks so far)", seconds)

    async def on_webhook(pause: float) -> bool:
        assert queue is not None and webhooks is not None
        loop = asyncio.get_running_loop()
        wall, mono = time.time(), loop.time()
        ready = await _sleep_or_webhook(queue, pause)
        if (time.time() - wall) - (loop.time() - mono) > SLEPT_SECONDS:
            log.info("The machine slept: catching up on missed webhooks")
            await webhooks.catch_up()
            ready = _drain(queue) or ready
        return ready

    interval = wait.interval if wait.interval is not None else connection.default_poll_interval
    floor = connection.min_poll_interval
    try:
        return await poll_until(
            attempt,
            interval=max(interval, floor),
            timeout=wait.timeout,
            timed_out=timed_out,
            wake=on_webhook if queue is not None else None,
            min_gap=floor,
            waiting=waiting,
            poll=wait.poll,
            first=webhooks.catch_up if queue is not None and webhooks is not None else None,
        )
    finally:
        if queue is not None and webhooks is not None and key:
            webhooks.unsubscribe(key, queue)


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
