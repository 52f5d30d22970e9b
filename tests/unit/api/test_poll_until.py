"""poll_until, the one wait of the app: the first answer wins, the budget ends in the caller's
typed error, a wake can cut a pause short (or be the only trigger), and an attempt's own errors
pass through untouched."""

from __future__ import annotations

import asyncio

import pytest

from assets_desktop.api.polling import poll_until
from assets_desktop.domain.errors import AppError


class WaitTookTooLong(AppError):
    """The caller's own typed timeout."""


def too_long(attempts: int) -> WaitTookTooLong:
    return WaitTookTooLong(f"gave up after {attempts} attempts")


class Script:
    """An attempt that answers None (not yet) `misses` times, then `answer`."""

    def __init__(self, misses: int, answer: str = "done") -> None:
        self.misses = misses
        self.answer = answer
        self.calls = 0

    async def __call__(self) -> str | None:
        self.calls += 1
        return self.answer if self.calls > self.misses else None


@pytest.mark.asyncio
async def test_the_first_answer_ends_the_wait_and_waiting_is_reported_between_attempts() -> None:
    attempt = Script(misses=2)
    seen: list[int] = []
    answer = await poll_until(
        attempt,
        interval=0.001,
        timeout=10,
        timed_out=too_long,
        waiting=lambda attempts, _seconds: seen.append(attempts),
    )
    assert answer == "done"
    assert attempt.calls == 3
    assert seen == [1, 2]


@pytest.mark.asyncio
async def test_the_budget_ends_in_the_callers_error_naming_the_attempts() -> None:
    attempt = Script(misses=10**9)
    with pytest.raises(WaitTookTooLong) as raised:
        await poll_until(attempt, interval=0.01, timeout=0.05, timed_out=too_long)
    assert raised.value.user_message == f"gave up after {attempt.calls} attempts"
    assert attempt.calls >= 1


@pytest.mark.asyncio
async def test_without_polling_only_a_wake_triggers_an_attempt() -> None:
    attempt = Script(misses=0)
    wakes: list[float] = []

    async def wake(pause: float) -> bool:
        wakes.append(pause)
        return len(wakes) == 3  # the third pause ends with "try now"

    answer = await poll_until(
        attempt, interval=0.001, timeout=10, timed_out=too_long, wake=wake, poll=False
    )
    assert answer == "done"
    assert attempt.calls == 1  # nothing was tried before the wake said so
    assert len(wakes) == 3


@pytest.mark.asyncio
async def test_a_wake_replaces_the_sleep_and_first_runs_before_the_first_attempt() -> None:
    order: list[str] = []
    attempt = Script(misses=1)

    async def counted() -> str | None:
        order.append("attempt")
        return await attempt()

    async def first() -> None:
        order.append("first")

    async def wake(pause: float) -> bool:
        order.append(f"wake {pause:g}")
        return True

    await poll_until(counted, interval=5, timeout=10, timed_out=too_long, wake=wake, first=first)
    assert order == ["first", "attempt", "wake 5", "attempt"]


@pytest.mark.asyncio
async def test_an_attempts_own_errors_pass_through_even_a_timeout() -> None:
    async def fails() -> str | None:
        raise TimeoutError("the attempt's own timeout")

    with pytest.raises(TimeoutError, match="the attempt's own timeout"):
        await poll_until(fails, interval=0.01, timeout=10, timed_out=too_long)


@pytest.mark.asyncio
async def test_cancelling_the_task_stops_the_wait() -> None:
    attempt = Script(misses=10**9)
    task = asyncio.ensure_future(poll_until(attempt, interval=0.01, timeout=60, timed_out=too_long))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    calls = attempt.calls
    await asyncio.sleep(0.05)
    assert attempt.calls == calls
