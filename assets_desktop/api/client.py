"""The async Plaid client: one typed method per endpoint the sandbox (and Plaid) serves.

One `PlaidClient` per environment, created once and kept for the app's lifetime (one long-lived
httpx.AsyncClient; `Plaid-Version: 2020-09-14`; keys in the body). Methods raise only the typed
errors of `api.errors`. Retry and duplicate-report rules are in `api.transport`:

- `/asset_report/create` and `/asset_report/refresh` are billed: they are retried only when the
  request provably never left (connect failure) or Plaid refused it with 429. If the request may
  have reached Plaid and the answer is lost, `OutcomeUnknownError` is raised with the
  `client_report_id` (always set: a UUID is generated when the caller gives none) and nothing is
  sent again. So a lost answer can never create a second, billed report behind the user's back.
- PDFs are billed per call in production: retried only when never sent or refused with 429.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from assets_desktop.api import redact
from assets_desktop.api.client_base import (
    DEFAULT_MAX_PDF_BYTES,
    DEFAULT_POLL_INTERVAL,
    ENVIRONMENTS,
    PRODUCTION_MIN_POLL_INTERVAL,
)
from assets_desktop.api.credit_endpoints import CreditEndpoints
from assets_desktop.api.errors import PlaidApiError
from assets_desktop.api.models import (
    AccountsGetResponse,
    FireWebhookResponse,
    InstitutionResponse,
    ItemGetResponse,
    LinkTokenCreateResponse,
    LinkTokenGetResponse,
    PublicTokenCreateResponse,
    PublicTokenExchangeResponse,
    RemovedResponse,
    WebhookKey,
    WebhookKeyResponse,
)
from assets_desktop.api.relay_endpoints import RelayEndpoints
from assets_desktop.api.transport import Kind
from assets_desktop.api.webhook_events import WebhookEventsEndpoints

__all__ = [
    "DEFAULT_MAX_PDF_BYTES",
    "DEFAULT_POLL_INTERVAL",
    "ENVIRONMENTS",
    "PRODUCTION_MIN_POLL_INTERVAL",
    "PlaidApiError",
    "PlaidClient",
]


class PlaidClient(RelayEndpoints, CreditEndpoints, WebhookEventsEndpoints):
    """One environment's client: base URL and keys; reuse one instance for the app's lifetime.

    Args:
        base_url: e.g. `https://sandbox.plaid.com` or the local sandbox's URL.
        client_id, secret: the environment's keys (registered with the log redactor).
        environment: `local`, `sandbox` or `production`; sets the polling floor.
        timeout: seconds without progress before a request fails (connect at most 10 s).
        deadline: seconds before any one request attempt fails (default four times `timeout`).
        retry: the backoff policy; tests pass short delays.
        transport: an httpx transport (unit tests pass `httpx.MockTransport`).
        max_pdf_bytes: PDFs larger than this are refused.
    """

    # Items -------------------------------------------------------------------------------

    async def sandbox_public_token_create(
        self,
        institution_id: str,
        initial_products: Sequence[str] = ("assets",),
        *,
        webhook: str | None = None,
        username: str | None = None,
        password: str | None = None,
    ) -> PublicTokenCreateResponse:
        """`/sandbox/public_token/create`: a public token for a sandbox persona (sandbox only)."""
        options: dict[str, Any] = {}
        if webhook:
            options["webhook"] = webhook
        if username:
            options["override_username"] = username
        if password:
            options["override_password"] = password
        body: dict[str, Any] = {
            "institution_id": institution_id,
            "initial_products": list(initial_products),
        }
        if options:
            body["options"] = options
        result = await self._json(
            "/sandbox/public_token/create",
            body,
            PublicTokenCreateResponse,
            kind=Kind.READ,
            operation="Creating a sandbox bank connection",
        )
        redact.register_secret(result.public_token)
        return result

    async def item_public_token_exchange(self, public_token: str) -> PublicTokenExchangeResponse:
        """`/item/public_token/exchange`: the Item's access token (the public token is spent)."""
        redact.register_secret(public_token)
        result = await self._json(
            "/item/public_token/exchange",
            {"public_token": public_token},
            PublicTokenExchangeResponse,
            kind=Kind.WRITE,
            operation="Finishing the bank connection",
        )
        redact.register_secret(result.access_token)
        return result

    async def item_get(self, access_token: str) -> ItemGetResponse:
        """`/item/get`: the Item's institution, products, webhook and error."""
        redact.register_secret(access_token)
        return await self._json(
            "/item/get",
            {"access_token": access_token},
            ItemGetResponse,
            kind=Kind.READ,
            operation="Checking the bank connection",
        )

    async def item_remove(self, access_token: str, *, reason_code: str | None = None) -> None:
        """`/item/remove`: revoke the access token (existing reports stay)."""
        redact.register_secret(access_token)
        body: dict[str, Any] = {"access_token": access_token}
        if reason_code:
            body["reason_code"] = reason_code
        await self._json(
            "/item/remove",
            body,
            RemovedResponse,
            kind=Kind.WRITE,
            operation="Removing the bank connection",
        )

    async def accounts_get(self, access_token: str) -> AccountsGetResponse:
        """`/accounts/get`: the Item's accounts with cached balances."""
        redact.register_secret(access_token)
        return await self._json(
            "/accounts/get",
            {"access_token": access_token},
            AccountsGetResponse,
            kind=Kind.READ,
            operation="Reading the accounts",
        )

    async def institutions_get_by_id(
        self, institution_id: str, country_codes: Sequence[str] = ("US",)
    ) -> InstitutionResponse:
        """`/institutions/get_by_id`."""
        return await self._json(
            "/institutions/get_by_id",
            {"institution_id": institution_id, "country_codes": list(country_codes)},
            InstitutionResponse,
            kind=Kind.READ,
            operation="Looking up the institution",
        )

    async def institution_by_id(self, institution_id: str) -> dict[str, Any]:
        """`/institutions/get_by_id` for a US institution, as plain data (name, id, ...)."""
        result = await self.institutions_get_by_id(institution_id)
        return msgspec.to_builtins(result.institution)  # type: ignore[no-any-return]

    # Hosted Link -------------------------------------------------------------------------

    async def link_token_create(
        self,
        *,
        client_name: str,
        client_user_id: str,
        products: Sequence[str] = ("assets",),
        webhook: str | None = None,
        hosted_link: dict[str, Any] | None = None,
        access_token: str | None = None,
        language: str = "en",
        country_codes: Sequence[str] = ("US",),
    ) -> LinkTokenCreateResponse:
        """`/link/token/create`; pass `hosted_link={}` (or its options) for a Hosted Link URL."""
        body: dict[str, Any] = {
            "client_name": client_name,
            "language": language,
            "country_codes": list(country_codes),
            "user": {"client_user_id": client_user_id},
        }
        if access_token:
            redact.register_secret(access_token)
            body["access_token"] = access_token
        else:
            body["products"] = list(products)
        if webhook:
            body["webhook"] = webhook
        if hosted_link is not None:
            body["hosted_link"] = hosted_link
        result = await self._json(
            "/link/token/create",
            body,
            LinkTokenCreateResponse,
            kind=Kind.READ,
            operation="Creating a Hosted Link session",
        )
        redact.register_secret(result.link_token)
        return result

    async def link_token_get(self, link_token: str) -> LinkTokenGetResponse:
        """`/link/token/get`: the link token's sessions and their results."""
        return await self._json(
            "/link/token/get",
            {"link_token": link_token},
            LinkTokenGetResponse,
            kind=Kind.READ,
            operation="Checking the Hosted Link session",
        )

    # Webhooks ----------------------------------------------------------------------------

    async def webhook_verification_key_get(self, key_id: str) -> WebhookKey:
        """`/webhook_verification_key/get`: the JWK that signs webhooks with this `kid`."""
        result = await self._json(
            "/webhook_verification_key/get",
            {"key_id": key_id},
            WebhookKeyResponse,
            kind=Kind.READ,
            operation="Fetching the webhook verification key",
        )
        return result.key

    async def sandbox_item_fire_webhook(
        self, access_token: str, webhook_code: str, webhook_type: str = "ASSETS"
    ) -> bool:
        """`/sandbox/item/fire_webhook`: make the sandbox send a webhook to the Item's URL."""
        redact.register_secret(access_token)
        result = await self._json(
            "/sandbox/item/fire_webhook",
            {
                "access_token": access_token,
                "webhook_code": webhook_code,
                "webhook_type": webhook_type,
            },
            FireWebhookResponse,
            kind=Kind.WRITE,
            operation="Firing a sandbox webhook",
        )
        return result.webhook_fired
