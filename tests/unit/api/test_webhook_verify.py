"""Webhook verification as Plaid specifies: ES256 by kid, fresh iat, raw-body SHA-256."""

from __future__ import annotations

import json
import time

import pytest

from assets_desktop.api.webhook_verify import WebhookRejectedError, WebhookVerifier
from tests.unit.api.webhook_signing import Signer, body_of

PAYLOAD = {
    "webhook_type": "ASSETS",
    "webhook_code": "PRODUCT_READY",
    "asset_report_id": "3f2c1c1e-0000-4000-8000-000000000001",
    "report_type": "FULL",
    "environment": "sandbox",
}


@pytest.mark.asyncio
async def test_a_signed_webhook_verifies_and_the_key_is_cached() -> None:
    signer = Signer()
    verifier = WebhookVerifier(signer.fetch)
    body = body_of(PAYLOAD)
    for _ in range(3):
        payload = await verifier.verify(body, {"Plaid-Verification": signer.sign(body)})
        assert payload == PAYLOAD
    assert signer.fetches == 1


@pytest.mark.asyncio
async def test_header_lookup_is_case_insensitive() -> None:
    signer = Signer()
    body = body_of(PAYLOAD)
    payload = await WebhookVerifier(signer.fetch).verify(
        body, {"plaid-verification": signer.sign(body)}
    )
    assert payload["webhook_code"] == "PRODUCT_READY"


@pytest.mark.asyncio
async def test_the_raw_bytes_are_hashed_so_reserialised_json_fails() -> None:
    signer = Signer()
    body = body_of(PAYLOAD)
    compact = json.dumps(json.loads(body)).encode()
    with pytest.raises(WebhookRejectedError, match="request_body_sha256"):
        await WebhookVerifier(signer.fetch).verify(
            compact, {"Plaid-Verification": signer.sign(body)}
        )


@pytest.mark.asyncio
async def test_a_tampered_body_is_refused() -> None:
    signer = Signer()
    body = body_of(PAYLOAD)
    tampered = body.replace(b"PRODUCT_READY", b"ERROR")
    with pytest.raises(WebhookRejectedError, match="does not match"):
        await WebhookVerifier(signer.fetch).verify(
            tampered, {"Plaid-Verification": signer.sign(body)}
        )


@pytest.mark.asyncio
async def test_a_stale_iat_is_refused() -> None:
    signer = Signer()
    body = body_of(PAYLOAD)
    token = signer.sign(body, iat=time.time() - 301)
    with pytest.raises(WebhookRejectedError, match="old"):
        await WebhookVerifier(signer.fetch).verify(body, {"Plaid-Verification": token})


@pytest.mark.asyncio
async def test_an_iat_just_under_five_minutes_is_accepted() -> None:
    signer = Signer()
    body = body_of(PAYLOAD)
    token = signer.sign(body, iat=time.time() - 290)
    assert await WebhookVerifier(signer.fetch).verify(body, {"Plaid-Verification": token})


@pytest.mark.asyncio
async def test_a_signature_by_another_key_is_refused() -> None:
    published, impostor = Signer(), Signer()
    body = body_of(PAYLOAD)
    with pytest.raises(WebhookRejectedError, match="signature"):
        await WebhookVerifier(published.fetch).verify(
            body, {"Plaid-Verification": impostor.sign(body)}
        )


@pytest.mark.asyncio
async def test_non_es256_algorithms_are_refused_before_fetching_a_key() -> None:
    signer = Signer()
    body = body_of(PAYLOAD)
    with pytest.raises(WebhookRejectedError, match="not ES256"):
        await WebhookVerifier(signer.fetch).verify(
            body, {"Plaid-Verification": signer.sign(body, alg="HS256")}
        )
    assert signer.fetches == 0


@pytest.mark.asyncio
async def test_an_expired_key_is_refused() -> None:
    signer = Signer()
    signer.expired_at = int(time.time()) - 10
    body = body_of(PAYLOAD)
    with pytest.raises(WebhookRejectedError, match="expired"):
        await WebhookVerifier(signer.fetch).verify(body, {"Plaid-Verification": signer.sign(body)})


@pytest.mark.asyncio
@pytest.mark.parametrize("headers", [{}, {"Plaid-Verification": "not-a-jwt"}])
async def test_missing_or_garbage_headers_are_refused(headers: dict[str, str]) -> None:
    with pytest.raises(WebhookRejectedError):
        await WebhookVerifier(Signer().fetch).verify(body_of(PAYLOAD), headers)
