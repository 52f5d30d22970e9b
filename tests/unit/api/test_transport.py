"""Retries: bounded, backoff with jitter, Retry-After honoured, and never a blind billed resend."""

from __future__ import annotations

import httpx
import pytest

from assets_desktop import PLAID_VERSION
from assets_desktop.api import (
    MalformedResponseError,
    OutcomeUnknownError,
    PlaidConnectionError,
    PlaidTimeoutError,
    RetryLater,
    RetryPolicy,
    UserActionRequired,
)
from tests.unit.api.helpers import (
    CLIENT_ID,
    FAST_RETRY,
    SECRET,
    Recorder,
    client_for,
    ok,
    plaid_error,
    raise_,
)

CREATED = {"asset_report_token": "assets-sandbox-tok", "asset_report_id": "rid-1"}
INSTITUTION = {"institution": {"institution_id": "ins_109508", "name": "First Platypus Bank"}}


@pytest.mark.asyncio
async def test_keys_go_in_the_body_and_the_version_header_is_sent() -> None:
    recorder = Recorder(ok(INSTITUTION))
    client = client_for(recorder)
    try:
        institution = (await client.institutions.get_by_id("ins_109508")).institution
    finally:
        await client.aclose()
    assert institution.name == "First Platypus Bank"
    request = recorder.requests[0]
    assert request.headers["Plaid-Version"] == PLAID_VERSION
    assert request.headers["Content-Type"] == "application/json"
    assert recorder.bodies()[0] == {
        "client_id": CLIENT_ID,
        "secret": SECRET,
        "institution_id": "ins_109508",
        "country_codes": ["US"],
    }


@pytest.mark.asyncio
async def test_429_with_retry_after_is_retried_after_that_delay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr("assets_desktop.api.transport.asyncio.sleep", fake_sleep)
    recorder = Recorder(
        plaid_error(429, "RATE_LIMIT_EXCEEDED", "RATE_LIMIT", **{"Retry-After": "2"}),
        ok(CREATED),
    )
    client = client_for(recorder)
    try:
        created = await client.reports.create(["access-sandbox-x"], 30)
    finally:
        await client.aclose()
    assert created.asset_report_id == "rid-1"
    assert len(recorder.requests) == 2  # a 429 means Plaid did nothing: safe even for create
    assert slept == [2.0]


@pytest.mark.asyncio
async def test_retry_after_beyond_the_cap_is_not_waited_for() -> None:
    recorder = Recorder(
        plaid_error(429, "RATE_LIMIT_EXCEEDED", "RATE_LIMIT", **{"Retry-After": "3600"})
    )
    client = client_for(recorder)
    try:
        with pytest.raises(RetryLater) as raised:
            await client.items.get("access-sandbox-x")
    finally:
        await client.aclose()
    assert len(recorder.requests) == 1
    assert raised.value.retry_after == 3600.0


@pytest.mark.asyncio
async def test_5xx_on_a_read_is_retried_a_bounded_number_of_times() -> None:
    recorder = Recorder(plaid_error(500, "API_ERROR", "INTERNAL_SERVER_ERROR"))
    client = client_for(recorder)
    try:
        with pytest.raises(RetryLater) as raised:
            await client.items.get("access-sandbox-x")
    finally:
        await client.aclose()
    assert len(recorder.requests) == 4  # FAST_RETRY.max_attempts
    assert raised.value.status == 500


@pytest.mark.asyncio
async def test_5xx_on_a_read_then_success() -> None:
    recorder = Recorder(
        plaid_error(503, "API_ERROR", "PLANNED_MAINTENANCE"),
        ok({"item": {"item_id": "item-1"}}),
    )
    client = client_for(recorder)
    try:
        item = await client.items.get("access-sandbox-x")
    finally:
        await client.aclose()
    assert item.item.item_id == "item-1"
    assert len(recorder.requests) == 2


@pytest.mark.asyncio
async def test_5xx_on_billed_create_is_not_retried() -> None:
    recorder = Recorder(plaid_error(500, "API_ERROR", "INTERNAL_SERVER_ERROR"), ok(CREATED))
    client = client_for(recorder)
    try:
        with pytest.raises(RetryLater):
            await client.reports.create(["access-sandbox-x"], 30)
    finally:
        await client.aclose()
    assert len(recorder.requests) == 1


@pytest.mark.asyncio
async def test_connect_failure_is_retried_even_for_create_because_nothing_was_sent() -> None:
    recorder = Recorder(raise_(httpx.ConnectError), ok(CREATED))
    client = client_for(recorder)
    try:
        created = await client.reports.create(["access-sandbox-x"], 30)
    finally:
        await client.aclose()
    assert created.asset_report_token == "assets-sandbox-tok"
    assert len(recorder.requests) == 2


@pytest.mark.asyncio
@pytest.mark.parametrize("lost", [httpx.ReadError, httpx.RemoteProtocolError, httpx.ReadTimeout])
async def test_lost_answer_to_create_is_outcome_unknown_and_never_resent(
    lost: type[httpx.TransportError],
) -> None:
    recorder = Recorder(raise_(lost), ok(CREATED))
    client = client_for(recorder)
    try:
        with pytest.raises(OutcomeUnknownError) as raised:
            await client.reports.create(
                ["access-sandbox-x"], 30, client_report_id="loan-42-attempt-1"
            )
    finally:
        await client.aclose()
    assert len(recorder.requests) == 1
    assert raised.value.client_report_id == "loan-42-attempt-1"
    assert "loan-42-attempt-1" in raised.value.user_message
    assert "not sent again" in raised.value.user_message


@pytest.mark.asyncio
async def test_create_always_sends_a_client_report_id() -> None:
    recorder = Recorder(raise_(httpx.ReadError))
    client = client_for(recorder)
    try:
        with pytest.raises(OutcomeUnknownError) as raised:
            await client.reports.refresh("assets-sandbox-old")
    finally:
        await client.aclose()
    sent = recorder.bodies()[0]["options"]["client_report_id"]
    assert sent and raised.value.client_report_id == sent


@pytest.mark.asyncio
async def test_malformed_200_to_create_is_outcome_unknown() -> None:
    recorder = Recorder(httpx.Response(200, content=b'{"asset_report_tok'))
    client = client_for(recorder)
    try:
        with pytest.raises(OutcomeUnknownError):
            await client.reports.create(["access-sandbox-x"], 30)
    finally:
        await client.aclose()
    assert len(recorder.requests) == 1


@pytest.mark.asyncio
async def test_lost_connection_on_a_read_is_retried_then_reported() -> None:
    recorder = Recorder(raise_(httpx.ReadError))
    client = client_for(recorder)
    try:
        with pytest.raises(PlaidConnectionError) as raised:
            await client.items.get("access-sandbox-x")
    finally:
        await client.aclose()
    assert len(recorder.requests) == 4
    assert "connection" in raised.value.user_message
    assert "try again" in raised.value.user_message


@pytest.mark.asyncio
async def test_timeout_on_a_read_becomes_a_typed_timeout() -> None:
    recorder = Recorder(raise_(httpx.ReadTimeout))
    client = client_for(recorder, retry=RetryPolicy(max_attempts=2, initial_delay=0.001))
    try:
        with pytest.raises(PlaidTimeoutError) as raised:
            await client.items.get("access-sandbox-x")
    finally:
        await client.aclose()
    assert len(recorder.requests) == 2
    assert "did not answer in time" in raised.value.user_message


@pytest.mark.asyncio
async def test_malformed_json_on_a_read_is_a_typed_error_not_retried() -> None:
    recorder = Recorder(httpx.Response(200, content=b"<html>proxy</html>"))
    client = client_for(recorder)
    try:
        with pytest.raises(MalformedResponseError) as raised:
            await client.items.get("access-sandbox-x")
    finally:
        await client.aclose()
    assert len(recorder.requests) == 1
    assert "not the JSON expected" in raised.value.user_message


@pytest.mark.asyncio
async def test_user_errors_are_not_retried() -> None:
    recorder = Recorder(plaid_error(400, "INVALID_INPUT", "INVALID_API_KEYS"))
    client = client_for(recorder)
    try:
        with pytest.raises(UserActionRequired):
            await client.items.get("access-sandbox-x")
    finally:
        await client.aclose()
    assert len(recorder.requests) == 1


@pytest.mark.asyncio
async def test_request_id_comes_from_the_header_when_the_body_lacks_it() -> None:
    response = httpx.Response(
        400,
        json={"error_type": "INVALID_INPUT", "error_code": "INVALID_ACCESS_TOKEN"},
        headers={"Plaid-Request-ID": "HDR77"},
    )
    client = client_for(Recorder(response))
    try:
        with pytest.raises(UserActionRequired) as raised:
            await client.items.get("access-sandbox-x")
    finally:
        await client.aclose()
    assert raised.value.request_id == "HDR77"


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    policy = RetryPolicy(initial_delay=1.0, max_delay=8.0)
    for attempt, step in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (7, 8.0)]:
        delays = {policy.delay(attempt) for _ in range(50)}
        assert all(step * 0.5 <= d <= step for d in delays)
        assert len(delays) > 1  # jittered
    assert policy.delay(1, retry_after=3.0) == 3.0


@pytest.mark.asyncio
async def test_an_unusable_base_url_is_a_typed_error_naming_settings() -> None:
    from assets_desktop.api import PlaidClient

    client = PlaidClient("ftp://plaid.example", CLIENT_ID, SECRET, retry=FAST_RETRY)
    try:
        with pytest.raises(PlaidConnectionError) as raised:
            await client.items.get("access-sandbox-x")
    finally:
        await client.aclose()
    assert "Settings" in raised.value.user_message
