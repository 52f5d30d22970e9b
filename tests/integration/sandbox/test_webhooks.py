"""Signed webhooks: verified end to end with the published key; tampering, wrong key, stale iat."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.sandbox.server import SandboxConfig
from tests.integration.sandbox.helpers import Api, Receiver, wait_until


class Rejected(Exception):
    """The webhook failed verification."""


def verify(api: Api, headers: dict[str, str], body: bytes, *, max_age: int = 300) -> dict[str, Any]:
    """Plaid's documented verification steps, against the sandbox's published key."""
    token = headers["plaid-verification"]
    header = jwt.get_unverified_header(token)
    if header.get("alg") != "ES256":
        raise Rejected("alg is not ES256")
    key = api.ok("/webhook_verification_key/get", key_id=header["kid"])["key"]
    if key["expired_at"] is not None:
        raise Rejected("key expired")
    public = ECAlgorithm.from_jwk(json.dumps(key))
    try:
        claims = jwt.decode(token, public, algorithms=["ES256"], options={"verify_iat": False})
    except jwt.InvalidTokenError as exc:
        raise Rejected(f"bad signature: {exc}") from exc
    if claims["iat"] < time.time() - max_age:
        raise Rejected("iat older than 5 minutes")
    digest = hashlib.sha256(body).hexdigest()
    if not hmac.compare_digest(digest, claims["request_body_sha256"]):
        raise Rejected("body hash mismatch")
    payload: dict[str, Any] = json.loads(body)
    return payload


def _ready_webhook(api: Api, receiver: Receiver) -> tuple[dict[str, str], bytes, str]:
    token = api.link(webhook=receiver.url)
    report_id = api.report(token)["asset_report_id"]
    wait_until(lambda: receiver.received)
    headers, body = receiver.received[0]
    return headers, body, report_id


def test_product_ready_webhook_verifies_with_the_published_key(
    api: Api, receiver: Receiver
) -> None:
    headers, body, report_id = _ready_webhook(api, receiver)
    header = jwt.get_unverified_header(headers["plaid-verification"])
    assert header == {"alg": "ES256", "kid": header["kid"], "typ": "JWT"}
    assert body.startswith(b'{\n  "') and body == json.dumps(json.loads(body), indent=2).encode()
    payload = verify(api, headers, body)
    assert payload == {
        "webhook_type": "ASSETS",
        "asset_report_id": report_id,
        "webhook_code": "PRODUCT_READY",
        "report_type": "FULL",
        "environment": "sandbox",
    }


def test_tampered_body_is_rejected(api: Api, receiver: Receiver) -> None:
    headers, body, _ = _ready_webhook(api, receiver)
    tampered = body.replace(b"PRODUCT_READY", b"ERROR")
    with pytest.raises(Rejected, match="body hash"):
        verify(api, headers, tampered)
    with pytest.raises(Rejected, match="body hash"):  # re-serialised: whitespace matters
        verify(api, headers, json.dumps(json.loads(body)).encode())


def test_signature_from_another_key_is_rejected(api: Api, receiver: Receiver) -> None:
    headers, body, _ = _ready_webhook(api, receiver)
    kid = jwt.get_unverified_header(headers["plaid-verification"])["kid"]
    claims = {"iat": int(time.time()), "request_body_sha256": hashlib.sha256(body).hexdigest()}
    forged = jwt.encode(
        claims, ec.generate_private_key(ec.SECP256R1()), algorithm="ES256", headers={"kid": kid}
    )
    with pytest.raises(Rejected, match="bad signature"):
        verify(api, {"plaid-verification": forged}, body)


def test_stale_iat_is_rejected(api: Api, receiver: Receiver, sandbox: EmbeddedSandbox) -> None:
    _, body, _ = _ready_webhook(api, receiver)
    stale = sandbox.sandbox.signer.sign(body, iat=int(time.time()) - 301)
    with pytest.raises(Rejected, match="iat"):
        verify(api, {"plaid-verification": stale}, body)
    verify(api, {"plaid-verification": sandbox.sandbox.signer.sign(body)}, body)


def test_unknown_kid_is_refused(api: Api) -> None:
    api.error("/webhook_verification_key/get", "INVALID_WEBHOOK_VERIFICATION_KEY_ID", key_id="x")


def test_report_webhook_goes_to_options_webhook_before_the_item_webhook(api: Api) -> None:
    item_hook, report_hook = Receiver(), Receiver()
    try:
        token = api.link(webhook=item_hook.url)
        api.report(token, webhook=report_hook.url)
        wait_until(lambda: report_hook.received)
        api.report(token)
        wait_until(lambda: item_hook.received)
        assert len(report_hook.received) == 1
    finally:
        item_hook.close()
        report_hook.close()


@pytest.fixture
def sandbox_config() -> SandboxConfig:
    return SandboxConfig(ready_delay=0.0, webhook_attempts=3, webhook_backoff=0.05)


def test_failed_deliveries_are_retried_a_bounded_number_of_times(
    api: Api, receiver: Receiver, sandbox: EmbeddedSandbox
) -> None:
    receiver.statuses = [500, 503]
    token = api.link(webhook=receiver.url)
    api.report(token)
    wait_until(lambda: sandbox.state.webhooks_sent and sandbox.state.webhooks_sent[0]["delivered"])
    assert len(receiver.received) == 3
    assert receiver.received[0][1] == receiver.received[2][1]  # the same body each time
    receiver.statuses = [500, 500, 500, 500]
    api.report(token)
    wait_until(
        lambda: (
            len(sandbox.state.webhooks_sent) == 2
            and sandbox.state.webhooks_sent[1]["attempts"] == 3
        )
    )
    time.sleep(0.3)
    assert len(receiver.received) == 6 and not sandbox.state.webhooks_sent[1]["delivered"]


def test_fire_webhook_posts_to_the_item_webhook(api: Api, receiver: Receiver) -> None:
    token = api.link(webhook=receiver.url)
    report_id = api.report(token)["asset_report_id"]
    wait_until(lambda: receiver.received)
    api.ok(
        "/sandbox/item/fire_webhook",
        access_token=token,
        webhook_code="ERROR",
        webhook_type="ASSETS",
    )
    wait_until(lambda: len(receiver.received) == 2)
    payload = verify(api, *receiver.received[1])
    assert payload["webhook_code"] == "ERROR" and payload["asset_report_id"] == report_id
    assert payload["error"]["error_type"] == "ASSET_REPORT_ERROR"
    silent = api.link()
    api.error(
        "/sandbox/item/fire_webhook",
        "SANDBOX_WEBHOOK_INVALID",
        access_token=silent,
        webhook_code="PRODUCT_READY",
    )
    no_assets = api.link(webhook=receiver.url, products=("transactions",))
    api.error(
        "/sandbox/item/fire_webhook",
        "SANDBOX_PRODUCT_NOT_ENABLED",
        access_token=no_assets,
        webhook_code="PRODUCT_READY",
    )
