"""Replayed and forged webhooks cost nothing: a replay is a no-op, unknown kids are not looked
up again and again."""

from __future__ import annotations

import asyncio
import time
import uuid

import httpx
import pytest

from assets_desktop.api.errors import PlaidApiError
from assets_desktop.api.models import WebhookKey
from assets_desktop.api.webhook_receiver import WebhookReceiver
from assets_desktop.api.webhook_verify import (
    KEY_LOOKUPS_PER_MINUTE,
    WebhookRejectedError,
    WebhookVerifier,
)
from tests.unit.api.webhook_signing import Signer, body_of

PAYLOAD = {"webhook_type": "ASSETS", "webhook_code": "PRODUCT_READY", "asset_report_id": "rep-1"}


def test_a_replayed_webhook_is_answered_but_not_delivered_again() -> None:
    """Run on a plain asyncio loop: no Qt socket notifiers outlive it."""
    asyncio.run(_replayed_webhook())


async def _replayed_webhook() -> None:
    signer = Signer()
    receiver = WebhookReceiver(WebhookVerifier(signer.fetch))
    url = await receiver.start()
    queue = receiver.subscribe("rep-1")
    body = body_of(PAYLOAD)
    header = {"Plaid-Verification": signer.sign(body)}
    other = body_of({**PAYLOAD, "webhook_code": "ERROR"})
    try:
        async with httpx.AsyncClient() as http:
            answers = [(await http.post(url, content=body, headers=header)).status_code]
            answers.append((await http.post(url, content=body, headers=header)).status_code)
            fresh_header = {"Plaid-Verification": signer.sign(body, iat=time.time() + 1)}
            answers.append((await http.post(url, content=body, headers=fresh_header)).status_code)
            other_header = {"Plaid-Verification": signer.sign(other)}
            answers.append((await http.post(url, content=other, headers=other_header)).status_code)
        first = await asyncio.wait_for(queue.get(), 2)
        second = await asyncio.wait_for(queue.get(), 2)
    finally:
        await receiver.aclose()
    assert answers == [200, 200, 200, 200]  # Plaid must not retry a replay
    assert (first["webhook_code"], second["webhook_code"]) == ("PRODUCT_READY", "ERROR")
    assert queue.empty()
    assert (receiver.accepted, receiver.replayed) == (2, 2)


class KnownKids:
    """Plaid's key endpoint: knows one kid, answers INVALID_WEBHOOK_VERIFICATION_KEY_ID else."""

    def __init__(self, signer: Signer) -> None:
        self.signer = signer
        self.lookups: list[str] = []

    async def fetch(self, kid: str) -> WebhookKey:
        self.lookups.append(kid)
        if kid != self.signer.kid:
            raise PlaidApiError(
                400,
                {
                    "error_type": "INVALID_INPUT",
                    "error_code": "INVALID_WEBHOOK_VERIFICATION_KEY_ID",
                    "error_message": "invalid key_id provided",
                },
                operation="Fetching the webhook key",
            )
        return await self.signer.fetch(kid)


@pytest.mark.asyncio
async def test_forged_webhooks_with_unknown_kids_do_not_each_cost_a_key_lookup() -> None:
    signer = Signer()
    plaid = KnownKids(signer)
    verifier = WebhookVerifier(plaid.fetch)
    body = body_of(PAYLOAD)
    genuine = {"Plaid-Verification": signer.sign(body)}
    await verifier.verify(body, genuine)  # Plaid's key, looked up once and cached
    plaid.lookups.clear()
    forged_kid = str(uuid.uuid4())
    for _ in range(20):  # the same unknown kid again and again
        with pytest.raises(WebhookRejectedError):
            await verifier.verify(body, {"Plaid-Verification": Signer(forged_kid).sign(body)})
    assert plaid.lookups == [forged_kid]
    for _ in range(50):  # a new unknown kid every time
        forger = Signer(str(uuid.uuid4()))
        with pytest.raises(WebhookRejectedError):
            await verifier.verify(body, {"Plaid-Verification": forger.sign(body)})
    assert len(plaid.lookups) <= KEY_LOOKUPS_PER_MINUTE
    await verifier.verify(body, genuine)  # Plaid's own (cached) key still verifies
    assert len(plaid.lookups) <= KEY_LOOKUPS_PER_MINUTE
