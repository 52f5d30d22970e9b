"""Sign webhooks as Plaid does, for the verifier's and receiver's tests."""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

from assets_desktop.api.models import WebhookKey


class Signer:
    """A P-256 key with a kid, signing bodies into a Plaid-Verification JWT."""

    def __init__(self, kid: str = "6c5516e1-92dc-479e-a8ff-5a51992e0001") -> None:
        self.kid = kid
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        jwk: dict[str, Any] = json.loads(
            jwt.algorithms.ECAlgorithm.to_jwk(self.private_key.public_key())
        )
        self.jwk = {**jwk, "alg": "ES256", "kid": kid, "use": "sig", "created_at": 1}
        self.fetches = 0
        self.expired_at: int | None = None

    async def fetch(self, kid: str) -> WebhookKey:
        self.fetches += 1
        return WebhookKey(
            alg="ES256",
            kid=kid,
            kty="EC",
            crv="P-256",
            x=self.jwk["x"],
            y=self.jwk["y"],
            expired_at=self.expired_at,
        )

    def sign(self, body: bytes, *, iat: float | None = None, alg: str = "ES256") -> str:
        claims = {
            "iat": int(time.time() if iat is None else iat),
            "request_body_sha256": hashlib.sha256(body).hexdigest(),
        }
        if alg == "HS256":
            return jwt.encode(
                claims, "shared-secret-" * 3, algorithm="HS256", headers={"kid": self.kid}
            )
        return jwt.encode(claims, self.private_key, algorithm=alg, headers={"kid": self.kid})


def body_of(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, indent=2).encode()
