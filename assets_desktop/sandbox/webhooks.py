"""Webhooks signed exactly as Plaid signs them, and their delivery with bounded retries.

The body is 2-space-indented JSON; `Plaid-Verification` carries an ES256 JWT whose header is
`{"alg": "ES256", "kid": <uuid>, "typ": "JWT"}` and whose payload is
`{"iat": <unix seconds>, "request_body_sha256": <hex sha256 of the exact body bytes>}`.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from assets_desktop.sandbox.state import SandboxState, iso, utcnow
from assets_desktop.sandbox.webhook_events import attempt_made, record_event

log = logging.getLogger(__name__)


def _b64url(number: int) -> str:
    return base64.urlsafe_b64encode(number.to_bytes(32, "big")).rstrip(b"=").decode("ascii")


class WebhookSigner:
    """One P-256 key with a UUID `kid`; signs webhook bodies and publishes its JWK."""

    def __init__(self, key: ec.EllipticCurvePrivateKey, kid: str, created_at: int) -> None:
        self.key = key
        self.kid = kid
        self.created_at = created_at

    @classmethod
    def for_state(cls, state: SandboxState) -> WebhookSigner:
        """The state's key, or a new one stored in the state (so a state file keeps it)."""
        if state.webhook_key_pem and state.webhook_kid and state.webhook_key_created_at:
            key = serialization.load_pem_private_key(state.webhook_key_pem.encode(), None)
            if isinstance(key, ec.EllipticCurvePrivateKey):
                return cls(key, state.webhook_kid, state.webhook_key_created_at)
        signer = cls(ec.generate_private_key(ec.SECP256R1()), str(uuid.uuid4()), int(time.time()))
        state.webhook_key_pem = signer.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode("ascii")
        state.webhook_kid = signer.kid
        state.webhook_key_created_at = signer.created_at
        return signer

    def jwk(self) -> dict[str, Any]:
        """The public key as `/webhook_verification_key/get` returns it."""
        numbers = self.key.public_key().public_numbers()
        return {
            "alg": "ES256",
            "crv": "P-256",
            "kid": self.kid,
            "kty": "EC",
            "use": "sig",
            "x": _b64url(numbers.x),
            "y": _b64url(numbers.y),
            "created_at": self.created_at,
            "expired_at": None,
        }

    def sign(self, body: bytes, *, iat: int | None = None) -> str:
        """The `Plaid-Verification` JWT for these exact body bytes."""
        payload = {
            "iat": int(time.time()) if iat is None else iat,
            "request_body_sha256": hashlib.sha256(body).hexdigest(),
        }
        return jwt.encode(
            payload, self.key, algorithm="ES256", headers={"kid": self.kid, "typ": "JWT"}
        )


def webhook_body(payload: dict[str, Any]) -> bytes:
    """Plaid's serialisation: 2-space indented JSON."""
    return json.dumps(payload, indent=2).encode("utf-8")


class WebhookSender:
    """Delivers signed webhooks in the background; retries a bounded number of times."""

    def __init__(
        self,
        signer: WebhookSigner,
        state: SandboxState,
        *,
        max_attempts: int = 4,
        backoff: float = 0.5,
        timeout: float = 10.0,
    ) -> None:
        self.signer = signer
        self.state = state
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.timeout = timeout
        self._client: httpx.AsyncClient | None = None
        self._tasks: set[asyncio.Task[bool]] = set()
        self.persist: Callable[[], None] = lambda: None  # keeps the events list in the state file

    def send(self, url: str, payload: dict[str, Any]) -> asyncio.Task[bool]:
        """Start delivering `payload` to `url`; the task's result says if it was accepted."""
        return self.send_in_order(url, [payload])

    def send_in_order(self, url: str, payloads: list[dict[str, Any]]) -> asyncio.Task[bool]:
        """Deliver `payloads` one after another (a FAST report's webhook before the FULL one)."""

        async def deliver_all() -> bool:
            accepted = [await self.deliver(url, payload) for payload in payloads]
            return all(accepted)

        task = asyncio.get_running_loop().create_task(deliver_all())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def deliver(self, url: str, payload: dict[str, Any]) -> bool:
        """POST until a 200 or `max_attempts` tries, waiting backoff × 4^n between them."""
        body = webhook_body(payload)
        record: dict[str, Any] = {
            "url": url,
            "payload": payload,
            "attempts": 0,
            "delivered": False,
            "last_status": None,
            "sent_at": iso(utcnow()),
        }
        self.state.webhooks_sent.append(record)
        event = record_event(self.state, url, payload)
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self.timeout)
        for attempt in range(self.max_attempts):
            if attempt:
                await asyncio.sleep(self.backoff * 4 ** (attempt - 1))
            record["attempts"] = attempt + 1
            headers = {
                "Content-Type": "application/json",
                "Plaid-Verification": self.signer.sign(body),
                "User-Agent": "Plaid Verifier",
            }
            try:
                response = await self._client.post(url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                log.info("webhook to %s failed (attempt %d): %s", url, attempt + 1, exc)
                record["last_status"] = type(exc).__name__
                attempt_made(event, None, final=attempt + 1 == self.max_attempts)
                continue
            record["last_status"] = response.status_code
            attempt_made(event, response.status_code, final=attempt + 1 == self.max_attempts)
            if response.status_code == 200:
                record["delivered"] = True
                self.persist()
                return True
        self.persist()
        return False

    async def drain(self) -> None:
        """Wait for deliveries in flight (used at shutdown and by tests)."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def aclose(self) -> None:
        """Cancel deliveries in flight and close the HTTP client."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._client is not None:
            await self._client.aclose()
            self._client = None
