"""The loopback receiver accepts only verified webhooks and hands them to subscribers."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from assets_desktop.api.webhook_receiver import WebhookReceiver
from assets_desktop.api.webhook_verify import WebhookVerifier
from tests.unit.api.webhook_signing import Signer, body_of

PAYLOAD = {
    "webhook_type": "ASSETS",
    "webhook_code": "PRODUCT_READY",
    "asset_report_id": "rep-1",
    "environment": "sandbox",
}


@pytest.mark.asyncio
async def test_a_verified_webhook_reaches_its_subscriber_and_a_forged_one_does_not() -> None:
    signer = Signer()
    receiver = WebhookReceiver(WebhookVerifier(signer.fetch))
    url = await receiver.start()
    assert url.startswith("http://127.0.0.1:") and url.endswith("/plaid/webhook")
    queue = receiver.subscribe("rep-1")
    body = body_of(PAYLOAD)
    try:
        async with httpx.AsyncClient() as http:
            forged = await http.post(
                url,
                content=body.replace(b"rep-1", b"rep-2"),
                headers={"Plaid-Verification": signer.sign(body)},
            )
            unsigned = await http.post(url, content=body)
            good = await http.post(
                url, content=body, headers={"Plaid-Verification": signer.sign(body)}
            )
            wrong_path = await http.post(url.replace("/plaid/webhook", "/other"), content=body)
        event = await asyncio.wait_for(queue.get(), 2)
    finally:
        await receiver.aclose()
    assert (forged.status_code, unsigned.status_code, good.status_code) == (401, 401, 200)
    assert wrong_path.status_code == 404
    assert event == PAYLOAD
    assert queue.empty()
    assert (receiver.accepted, receiver.rejected) == (1, 2)
