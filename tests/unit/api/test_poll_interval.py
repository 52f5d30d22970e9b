"""The report wait polls at the caller's interval, never under production's 4 s floor (fake
clock: no real waiting), and the bytes-only get checks shape without decoding."""

from __future__ import annotations

import asyncio
import contextlib
import json
from types import SimpleNamespace

import httpx
import pytest

from assets_desktop.api import polling
from assets_desktop.api.connection import DEFAULT_POLL_INTERVAL
from assets_desktop.api.errors import MalformedResponseError
from assets_desktop.api.reports import report_shape_problem
from tests.unit.api.helpers import REPORT_BODY, Recorder, client_for, not_ready


class FakeClock:
    """Stands in for the event loop's clock and asyncio.sleep inside api.polling."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class NeverExpires(contextlib.nullcontext[None]):
    """Stands in for asyncio.timeout_at under the fake clock."""

    def expired(self) -> bool:
        return False


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(
        polling,
        "asyncio",
        SimpleNamespace(
            get_running_loop=lambda: fake,
            sleep=fake.sleep,
            wait_for=asyncio.wait_for,
            Queue=asyncio.Queue,
            timeout_at=lambda when: NeverExpires(),  # the fake clock never ends the budget
        ),
    )
    return fake


def _ready() -> httpx.Response:
    return httpx.Response(200, json=REPORT_BODY)


async def _wait(environment: str, interval: float | None) -> None:
    """Three PRODUCT_NOT_READY answers, then the report's bytes."""
    recorder = Recorder(not_ready(), not_ready(), not_ready(), _ready())
    client = client_for(recorder, environment=environment)
    try:
        download = await polling.wait_for_report(
            client,
            lambda: client.reports.get_bytes("assets-t"),
            polling.ReportWait(interval=interval),
        )
    finally:
        await client.aclose()
    assert json.loads(download.raw) == REPORT_BODY
    assert len(recorder.requests) == 4


@pytest.mark.asyncio
async def test_the_interval_setting_is_the_pause_between_checks(clock: FakeClock) -> None:
    await _wait("sandbox", 7.5)
    assert clock.sleeps == [7.5, 7.5, 7.5]


@pytest.mark.asyncio
async def test_production_never_polls_faster_than_every_4_seconds(clock: FakeClock) -> None:
    await _wait("production", 1.0)
    assert clock.sleeps and min(clock.sleeps) >= 4.0
    assert sum(clock.sleeps) >= 3 * 4.0


@pytest.mark.asyncio
async def test_a_slower_setting_is_kept_in_production(clock: FakeClock) -> None:
    await _wait("production", 12.0)
    assert clock.sleeps == [12.0, 12.0, 12.0]


@pytest.mark.asyncio
async def test_no_interval_uses_the_environment_default(clock: FakeClock) -> None:
    await _wait("production", None)
    assert clock.sleeps == [DEFAULT_POLL_INTERVAL["production"]] * 3


@pytest.mark.asyncio
async def test_bytes_only_get_refuses_an_answer_that_is_not_a_report() -> None:
    client = client_for(Recorder(httpx.Response(200, json={"request_id": "r", "items": []})))
    try:
        with pytest.raises(MalformedResponseError) as raised:
            await client.reports.get_bytes("assets-t")
    finally:
        await client.aclose()
    assert "not a Plaid Asset Report (no report in it)" in raised.value.user_message


def test_shape_check_names_what_is_wrong() -> None:
    report = json.dumps(REPORT_BODY).encode()
    assert report_shape_problem(report) == ""
    assert report_shape_problem(b"  " + report + b"\n") == ""
    assert report_shape_problem(report[:-40]) == "not a complete JSON object"
    assert report_shape_problem(b"[1, 2]") == "not a complete JSON object"
    assert report_shape_problem(b"") == "not a complete JSON object"
    assert report_shape_problem(b'{"error": "x"}') == "no report in it"
