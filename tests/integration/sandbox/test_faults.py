"""Each fault mode, switched at run time on a live sandbox."""

from __future__ import annotations

import time

import httpx
import pytest

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from tests.integration.sandbox.helpers import Api, Receiver, wait_until

INSTITUTION = {"institution_id": "ins_109508", "country_codes": ["US"]}


def test_faults_are_the_same_object_on_the_app_and_the_embedded_server(
    sandbox: EmbeddedSandbox,
) -> None:
    assert sandbox.faults is sandbox.app.state.faults


def test_latency_is_added_to_every_response(api: Api, sandbox: EmbeddedSandbox) -> None:
    sandbox.faults.latency = 0.3
    start = time.monotonic()
    api.ok("/institutions/get_by_id", **INSTITUTION)
    assert time.monotonic() - start >= 0.3


def test_rate_limit_answers_429_with_retry_after_then_recovers(
    api: Api, sandbox: EmbeddedSandbox
) -> None:
    sandbox.faults.rate_limit_next, sandbox.faults.retry_after = 2, 7
    for _ in range(2):
        response = api.post("/institutions/get_by_id", **INSTITUTION)
        assert response.status_code == 429 and response.headers["retry-after"] == "7"
        assert response.json()["error_type"] == "RATE_LIMIT_EXCEEDED"
        assert response.json()["error_code"] == "RATE_LIMIT"
    api.ok("/institutions/get_by_id", **INSTITUTION)


@pytest.mark.parametrize(
    ("switch", "status", "code"),
    [
        ("server_error_next", 500, "INTERNAL_SERVER_ERROR"),
        ("maintenance_next", 503, "PLANNED_MAINTENANCE"),
    ],
)
def test_server_errors_then_recovery(
    api: Api, sandbox: EmbeddedSandbox, switch: str, status: int, code: str
) -> None:
    setattr(sandbox.faults, switch, 1)
    assert (
        api.error("/institutions/get_by_id", code, status, **INSTITUTION)["error_type"]
        == "API_ERROR"
    )
    api.ok("/institutions/get_by_id", **INSTITUTION)


def test_paths_restrict_the_counted_faults(api: Api, sandbox: EmbeddedSandbox) -> None:
    sandbox.faults.paths = {"/asset_report/get"}
    sandbox.faults.server_error_next = 1
    token = api.link()
    report = api.report(token)["asset_report_token"]
    api.error("/asset_report/get", "INTERNAL_SERVER_ERROR", 500, asset_report_token=report)
    api.ok("/asset_report/get", asset_report_token=report)


def test_dropped_connection_gives_no_response_and_handles_nothing(
    api: Api, sandbox: EmbeddedSandbox
) -> None:
    token = api.link()
    sandbox.faults.drop_connection_next = 1
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        api.post("/asset_report/create", access_tokens=[token], days_requested=10)
    assert sandbox.state.reports_created == 0
    api.report(token)  # the next request is served normally
    assert sandbox.state.reports_created == 1


def test_dropped_response_still_creates_the_report_once(api: Api, sandbox: EmbeddedSandbox) -> None:
    token = api.link()
    sandbox.faults.drop_response_next = 1
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        api.post("/asset_report/create", access_tokens=[token], days_requested=10)
    assert sandbox.state.reports_created == 1
    (report,) = sandbox.state.reports.values()
    api.ok("/asset_report/get", asset_report_token=report.asset_report_token)


def test_malformed_json_is_a_truncated_200(api: Api, sandbox: EmbeddedSandbox) -> None:
    sandbox.faults.malformed_json_next = 1
    response = api.post("/institutions/get_by_id", **INSTITUTION)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    with pytest.raises(ValueError):
        response.json()
    api.ok("/institutions/get_by_id", **INSTITUTION)


def test_pdf_not_pdf_serves_other_bytes_as_a_pdf(api: Api, sandbox: EmbeddedSandbox) -> None:
    report = api.report(api.link())["asset_report_token"]
    sandbox.faults.pdf_not_pdf = True
    response = api.post("/asset_report/pdf/get", asset_report_token=report)
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert not response.content.startswith(b"%PDF")


def test_fail_generation_ends_in_an_error_webhook(
    api: Api, sandbox: EmbeddedSandbox, receiver: Receiver
) -> None:
    sandbox.faults.fail_generation = True
    created = api.report(api.link(webhook=receiver.url))
    error = api.error(
        "/asset_report/get",
        "ASSET_REPORT_GENERATION_FAILED",
        asset_report_token=created["asset_report_token"],
    )
    assert error["error_type"] == "ASSET_REPORT_ERROR"
    wait_until(lambda: receiver.received)
    payload = httpx.Response(200, content=receiver.received[0][1]).json()
    assert payload["webhook_code"] == "ERROR"
    assert payload["asset_report_id"] == created["asset_report_id"]
    assert payload["error"]["error_code"] == "ASSET_REPORT_GENERATION_FAILED"


def test_never_ready_keeps_product_not_ready(api: Api, sandbox: EmbeddedSandbox) -> None:
    sandbox.faults.never_ready = True
    report = api.report(api.link())["asset_report_token"]
    for _ in range(3):
        api.error("/asset_report/get", "PRODUCT_NOT_READY", asset_report_token=report)


def test_reset_restores_a_healthy_server(api: Api, sandbox: EmbeddedSandbox) -> None:
    sandbox.faults.server_error_next = 5
    sandbox.faults.paths = {"/nowhere"}
    sandbox.faults.reset()
    assert sandbox.faults.server_error_next == 0 and sandbox.faults.paths is None
    api.ok("/institutions/get_by_id", **INSTITUTION)
