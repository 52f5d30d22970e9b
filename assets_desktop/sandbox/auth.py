"""Plaid's API keys: `client_id` + `secret` in the body or in PLAID-CLIENT-ID / PLAID-SECRET."""

from __future__ import annotations

import hmac
from typing import Any

from starlette.datastructures import Headers

from assets_desktop.sandbox.errors import invalid_input


def check_keys(body: dict[str, Any], headers: Headers, identities: dict[str, str]) -> str:
    """The caller's client_id when its pair (body or headers) is one of `identities`
    (client_id → secret: the lender and the Credit Relay partner); else INVALID_API_KEYS."""
    given_id = body.get("client_id", headers.get("plaid-client-id"))
    given_secret = body.get("secret", headers.get("plaid-secret"))
    if given_id is None or given_secret is None:
        raise invalid_input(
            "INVALID_API_KEYS",
            "invalid client_id or secret provided: send both, in the body (client_id, secret) "
            "or in the PLAID-CLIENT-ID and PLAID-SECRET headers",
        )
    for client_id, secret in identities.items():
        ok_id = isinstance(given_id, str) and hmac.compare_digest(
            given_id.encode(), client_id.encode()
        )
        ok_secret = isinstance(given_secret, str) and hmac.compare_digest(
            given_secret.encode(), secret.encode()
        )
        if ok_id and ok_secret:
            return client_id
    raise invalid_input(
        "INVALID_API_KEYS",
        "invalid client_id or secret provided: use the keys the local sandbox printed at "
        "start (or set with --client-id/--secret)",
    )
