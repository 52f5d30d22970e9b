"""Report and PDF downloads: raw bytes kept exactly, tolerant decoding, PDFs checked as bytes."""

from __future__ import annotations

import json

import httpx
import pytest

from assets_desktop.api import MalformedResponseError, NotAPdfError, RetryLater
from assets_desktop.domain.report import ReportUser
from tests.unit.api.helpers import REPORT_BODY, Recorder, client_for, not_ready, ok, plaid_error

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF"


def pdf_response(content: bytes = PDF, content_type: str = "application/pdf") -> httpx.Response:
    return httpx.Response(
        200, content=content, headers={"Content-Type": content_type, "Plaid-Request-ID": "P1"}
    )


@pytest.mark.asyncio
async def test_report_get_keeps_the_bytes_exactly_and_tolerates_nulls_and_warnings() -> None:
    raw = json.dumps(REPORT_BODY, indent=3).encode() + b"\n"
    recorder = Recorder(httpx.Response(200, content=raw))
    client = client_for(recorder)
    try:
        download = await client.reports.get(
            "assets-sandbox-tok", include_insights=True, days_to_include=30
        )
    finally:
        await client.aclose()
    assert download.raw == raw
    assert download.request_id == "REPREQ1"
    report = download.response.report
    assert report.client_report_id is None
    account = report.items[0].accounts[0]
    assert account.balances.current is None
    assert download.response.warnings[0].warning_code == "OWNERS_UNAVAILABLE"
    sent = recorder.bodies()[0]
    assert sent["include_insights"] is True
    assert sent["options"] == {"days_to_include": 30}
    assert "fast_report" not in sent


@pytest.mark.asyncio
async def test_report_get_not_ready_is_retry_later() -> None:
    client = client_for(Recorder(not_ready()))
    try:
        with pytest.raises(RetryLater) as raised:
            await client.reports.get("assets-sandbox-tok")
    finally:
        await client.aclose()
    assert raised.value.error_code == "PRODUCT_NOT_READY"


@pytest.mark.asyncio
async def test_a_json_that_is_not_a_report_is_malformed() -> None:
    client = client_for(Recorder(ok({"hello": "world"})))
    try:
        with pytest.raises(MalformedResponseError) as raised:
            await client.reports.get("assets-sandbox-tok")
    finally:
        await client.aclose()
    assert "not a Plaid Asset Report" in raised.value.user_message


@pytest.mark.asyncio
async def test_pdf_is_returned_as_bytes_and_sends_only_the_pdf_fields() -> None:
    recorder = Recorder(pdf_response())
    client = client_for(recorder)
    try:
        pdf = await client.reports.pdf("assets-sandbox-tok", days_to_include=60)
    finally:
        await client.aclose()
    assert pdf == PDF
    sent = recorder.bodies()[0]
    assert set(sent) == {"client_id", "secret", "asset_report_token", "options"}


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("content", "content_type", "expected"),
    [
        (b"<html>oops</html>", "text/html", "text/html"),
        (b"not a pdf at all", "application/pdf", "is not a PDF"),
        (PDF, "application/octet-stream", "application/octet-stream"),
    ],
)
async def test_anything_but_a_pdf_is_a_clear_error(
    content: bytes, content_type: str, expected: str
) -> None:
    client = client_for(Recorder(pdf_response(content, content_type)))
    try:
        with pytest.raises(NotAPdfError) as raised:
            await client.reports.pdf("assets-sandbox-tok")
    finally:
        await client.aclose()
    assert expected in raised.value.user_message
    assert "instead of a PDF" in raised.value.user_message


@pytest.mark.asyncio
async def test_a_pdf_over_the_size_cap_is_refused() -> None:
    client = client_for(Recorder(pdf_response()), max_pdf_bytes=1000)
    try:
        with pytest.raises(NotAPdfError) as raised:
            await client.audit_copies.pdf("a-sandbox-copy")
    finally:
        await client.aclose()
    assert "larger than 1,000 bytes" in raised.value.user_message


@pytest.mark.asyncio
async def test_pdf_errors_still_come_as_typed_json_errors() -> None:
    client = client_for(Recorder(plaid_error(400, "INVALID_INPUT", "INVALID_AUDIT_COPY_TOKEN")))
    try:
        with pytest.raises(Exception) as raised:
            await client.audit_copies.pdf("a-sandbox-copy")
    finally:
        await client.aclose()
    assert type(raised.value).__name__ == "UserActionRequired"


@pytest.mark.asyncio
async def test_every_endpoint_posts_to_its_path() -> None:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)
        answers = {
            "/sandbox/public_token/create": {"public_token": "public-sandbox-p"},
            "/item/public_token/exchange": {"access_token": "access-sandbox-a", "item_id": "i"},
            "/item/get": {"item": {"item_id": "i", "webhook": None, "error": None}},
            "/item/remove": {},
            "/accounts/get": {"accounts": [{"account_id": "a", "name": "n", "type": "t"}]},
            "/link/token/create": {
                "link_token": "link-sandbox-l",
                "expiration": "2026-11-24T12:00:00Z",
                "hosted_link_url": "http://x/hosted",
            },
            "/link/token/get": {"link_token": "link-sandbox-l", "link_sessions": []},
            "/asset_report/create": {
                "asset_report_token": "assets-sandbox-t",
                "asset_report_id": "r",
            },
            "/asset_report/refresh": {
                "asset_report_token": "assets-sandbox-u",
                "asset_report_id": "s",
            },
            "/asset_report/filter": {
                "asset_report_token": "assets-sandbox-v",
                "asset_report_id": "t",
            },
            "/asset_report/remove": {"removed": True},
            "/asset_report/audit_copy/create": {"audit_copy_token": "a-sandbox-c"},
            "/asset_report/audit_copy/remove": {"removed": True},
            "/webhook_verification_key/get": {
                "key": {"alg": "ES256", "kid": "k", "kty": "EC", "crv": "P-256", "x": "x", "y": "y"}
            },
            "/sandbox/item/fire_webhook": {"webhook_fired": True},
        }
        if request.url.path in ("/asset_report/get", "/asset_report/audit_copy/get"):
            return httpx.Response(200, json=REPORT_BODY)
        return ok(answers[request.url.path])

    client = client_for(handler)
    try:
        public = await client.items.sandbox_public_token_create(
            "ins_109508", username="user_good", password="pass_good", webhook="http://w"
        )
        exchanged = await client.items.public_token_exchange(public.public_token)
        assert (await client.items.get(exchanged.access_token)).item.item_id == "i"
        assert (await client.items.accounts_get(exchanged.access_token)).accounts[
            0
        ].account_id == "a"
        link = await client.link.token_create(
            client_name="Assets Desktop", client_user_id="loan-1", hosted_link={}
        )
        assert link.hosted_link_url == "http://x/hosted"
        assert (await client.link.token_get(link.link_token)).link_sessions == ()
        created = await client.reports.create(
            [exchanged.access_token], 60, user=ReportUser(first_name="Alberta", ssn="123-45-6789")
        )
        await client.reports.get(created.asset_report_token)
        await client.reports.refresh(created.asset_report_token, days_requested=30)
        await client.reports.filter(created.asset_report_token, ["acc"])
        copy = await client.audit_copies.create(created.asset_report_token, "fannie_mae")
        await client.audit_copies.get(copy)
        assert await client.audit_copies.remove(copy)
        assert await client.reports.remove(created.asset_report_token)
        assert (await client.webhooks.verification_key_get("k")).kid == "k"
        assert await client.webhooks.sandbox_fire(exchanged.access_token, "PRODUCT_READY")
        await client.items.remove(exchanged.access_token)
    finally:
        await client.aclose()
    assert len(paths) == 17
    assert len(set(paths)) == 17


@pytest.mark.asyncio
async def test_optional_fields_not_given_are_left_out_of_the_body() -> None:
    recorder = Recorder(ok({"public_token": "public-sandbox-1", "request_id": "R"}))
    client = client_for(recorder)
    try:
        await client.items.sandbox_public_token_create("ins_1", webhook="", username="user_good")
        await client.items.sandbox_public_token_create("ins_1")
    finally:
        await client.aclose()
    with_user, bare = recorder.bodies()
    assert with_user["options"] == {"override_username": "user_good"}
    assert "options" not in bare
