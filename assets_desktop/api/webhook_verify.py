"""Verify a Plaid webhook exactly as Plaid specifies (PyJWT + cryptography, no hand-rolled crypto).

1. Read the `Plaid-Verification` header: a compact JWT. Its header must say `alg: ES256`
   (anything else is refused before any key is fetched) and carry a `kid`.
2. Fetch the JWK for that `kid` with `/webhook_verification_key/get`, cached by kid. A kid
   Plaid does not know is remembered for `UNKNOWN_KID_SECONDS` and not asked about again, and
   at most `KEY_LOOKUPS_PER_MINUTE` new kids are looked up per minute: forged webhooks cannot
   turn into a stream of Plaid calls. A key with a non-null `expired_at` is refused.
3. Verify the ES256 signature with that P-256 key.
4. Refuse an `iat` more than 5 minutes old (or more than a minute in the future).
5. SHA-256 the RAW body bytes (never a re-serialised object) and compare the lower-case hex with
   the `request_body_sha256` claim using `hmac.compare_digest`.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import jwt
import msgspec

from assets_desktop.api.errors import PlaidError
from assets_desktop.api.models import WebhookKey
from assets_desktop.domain.errors import AppError
from assets_desktop.domain.json_input import ANY_JSON, decode_untrusted

log = logging.getLogger(__name__)

HEADER = "plaid-verification"
MAX_AGE_SECONDS = 5 * 60
MAX_CLOCK_SKEW_SECONDS = 60
UNKNOWN_KID_SECONDS = 10 * 60
KEY_LOOKUPS_PER_MINUTE = 5


class WebhookRejectedError(AppError):
    """A webhook that failed verification; `reason` says which step refused it, `status` is the
    HTTP answer (401 unless the webhook was authentic but its body unusable: 400)."""

    def __init__(self, reason: str, *, status: int = 401) -> None:
        self.reason = reason
        self.status = status
        super().__init__(f"A webhook was refused: {reason}.")


KeyFetcher = Callable[[str], Awaitable[WebhookKey]]


class WebhookVerifier:
    """Verifies webhooks with keys fetched by kid (`PlaidClient.webhook_verification_key_get`).

    Args:
        fetch_key: coroutine function kid -> WebhookKey.
        max_age: the oldest `iat` accepted, in seconds (Plaid: 5 minutes).
        clock: seconds since the epoch (tests pass a fixed clock).
    """

    def __init__(
        self,
        fetch_key: KeyFetcher,
        *,
        max_age: float = MAX_AGE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._fetch_key = fetch_key
        self._max_age = max_age
        self._clock = clock
        self._keys: dict[str, WebhookKey] = {}
        self._unknown: dict[str, float] = {}  # kid -> until when it is not looked up again
        self._lookups: list[float] = []  # when the last new kids were looked up

    async def verify(self, body: bytes, headers: Mapping[str, str]) -> dict[str, Any]:
        """The webhook's JSON payload if `body` is authentic; else WebhookRejectedError."""
        token = _header(headers)
        try:
            unverified = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise WebhookRejectedError(f"Plaid-Verification is not a JWT ({error})") from None
        if unverified.get("alg") != "ES256":
            raise WebhookRejectedError(f"the JWT algorithm is {unverified.get('alg')!r}, not ES256")
        kid = unverified.get("kid")
        if not isinstance(kid, str) or not kid:
            raise WebhookRejectedError("the JWT header has no kid")
        key = await self._key(kid)
        if key.expired_at is not None:
            raise WebhookRejectedError(f"the signing key {kid} expired")
        try:
            jwk = jwt.PyJWK(msgspec.to_builtins(key), algorithm="ES256")
            claims = jwt.decode(
                token,
                key=jwk,
                algorithms=["ES256"],
                options={"require": ["iat"], "verify_iat": False},
            )
        except jwt.PyJWTError as error:
            raise WebhookRejectedError(f"the signature does not verify ({error})") from None
        iat = claims.get("iat")
        if not isinstance(iat, int | float):
            raise WebhookRejectedError("the JWT has no numeric iat")
        now = self._clock()
        if now - iat > self._max_age:
            age = now - iat
            raise WebhookRejectedError(f"the JWT is {age:.0f} s old (at most {self._max_age:.0f})")
        if iat - now > MAX_CLOCK_SKEW_SECONDS:
            raise WebhookRejectedError("the JWT was issued in the future")
        claimed = claims.get("request_body_sha256")
        if not isinstance(claimed, str):
            raise WebhookRejectedError("the JWT has no request_body_sha256")
        actual = hashlib.sha256(body).hexdigest()
        if not hmac.compare_digest(actual, claimed.lower()):
            raise WebhookRejectedError("the body does not match request_body_sha256")
        try:
            payload = decode_untrusted(body, ANY_JSON)
        except msgspec.DecodeError as error:
            raise WebhookRejectedError(f"the body is not JSON ({error})", status=400) from None
        if not isinstance(payload, dict):
            raise WebhookRejectedError("the body is not a JSON object", status=400)
        return payload

    async def _key(self, kid: str) -> WebhookKey:
        cached = self._keys.get(kid)
        if cached is not None:
            return cached
        now = self._clock()
        if self._unknown.get(kid, 0.0) > now:
            raise WebhookRejectedError(f"no verification key for kid {kid} (unknown to Plaid)")
        self._lookups = [at for at in self._lookups if now - at < 60.0]
        if len(self._lookups) >= KEY_LOOKUPS_PER_MINUTE:
            raise WebhookRejectedError(
                f"no verification key for kid {kid} (too many new key ids this minute)"
            )
        self._lookups.append(now)
        try:
            key = await self._fetch_key(kid)
        except PlaidError as error:
            self._unknown = {k: until for k, until in self._unknown.items() if until > now}
            if len(self._unknown) < 10_000:
                self._unknown[kid] = now + UNKNOWN_KID_SECONDS
            raise WebhookRejectedError(f"no verification key for kid {kid} ({error})") from None
        if key.alg != "ES256" or key.kty != "EC" or key.crv != "P-256":
            raise WebhookRejectedError(f"the key {kid} is not an ES256 P-256 key")
        self._keys[kid] = key
        return key


def _header(headers: Mapping[str, str]) -> str:
    for name, value in headers.items():
        if name.lower() == HEADER:
            return value
    raise WebhookRejectedError("the Plaid-Verification header is missing")
