"""Items, institutions and Hosted Link sessions: `client.items`, `client.institutions`,
`client.link`. Access, public and link tokens are registered with the log redactor."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assets_desktop.api.connection import Endpoints, non_empty
from assets_desktop.api.models import (
    AccountsGetResponse,
    InstitutionResponse,
    ItemGetResponse,
    LinkTokenCreateResponse,
    LinkTokenGetResponse,
    PublicTokenCreateResponse,
    PublicTokenExchangeResponse,
)


class Items(Endpoints):
    """`/sandbox/public_token/create`, `/item/public_token/exchange`, `/item/get`, `/item/remove`,
    `/accounts/get`."""

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
        options = non_empty(webhook=webhook, override_username=username, override_password=password)
        body: dict[str, Any] = {
            "institution_id": institution_id,
            "initial_products": list(initial_products),
        }
        if options:
            body["options"] = options
        return await self.connection.read(
            "/sandbox/public_token/create",
            body,
            PublicTokenCreateResponse,
            "Creating a sandbox bank connection",
        )

    async def public_token_exchange(self, public_token: str) -> PublicTokenExchangeResponse:
        """`/item/public_token/exchange`: the Item's access token (the public token is spent)."""
        return await self.connection.write(
            "/item/public_token/exchange",
            {"public_token": public_token},
            PublicTokenExchangeResponse,
            "Finishing the bank connection",
        )

    async def get(self, access_token: str) -> ItemGetResponse:
        """`/item/get`: the Item's institution, products, webhook and error."""
        return await self.connection.read(
            "/item/get",
            {"access_token": access_token},
            ItemGetResponse,
            "Checking the bank connection",
        )

    async def remove(self, access_token: str, *, reason_code: str | None = None) -> bool:
        """`/item/remove`: revoke the access token (existing reports stay)."""
        body = {"access_token": access_token, **non_empty(reason_code=reason_code)}
        return await self.connection.remove("/item/remove", body, "Removing the bank connection")

    async def accounts_get(self, access_token: str) -> AccountsGetResponse:
        """`/accounts/get`: the Item's accounts with cached balances."""
        return await self.connection.read(
            "/accounts/get",
            {"access_token": access_token},
            AccountsGetResponse,
            "Reading the accounts",
        )


class Institutions(Endpoints):
    """`/institutions/get_by_id`."""

    async def get_by_id(
        self, institution_id: str, country_codes: Sequence[str] = ("US",)
    ) -> InstitutionResponse:
        """`/institutions/get_by_id`."""
        return await self.connection.read(
            "/institutions/get_by_id",
            {"institution_id": institution_id, "country_codes": list(country_codes)},
            InstitutionResponse,
            "Looking up the institution",
        )


class Link(Endpoints):
    """`/link/token/create` and `/link/token/get` (Hosted Link sessions)."""

    async def token_create(
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
            **non_empty(access_token=access_token, webhook=webhook),
        }
        if not access_token:
            body["products"] = list(products)
        if hosted_link is not None:
            body["hosted_link"] = hosted_link
        return await self.connection.read(
            "/link/token/create", body, LinkTokenCreateResponse, "Creating a Hosted Link session"
        )

    async def token_get(self, link_token: str) -> LinkTokenGetResponse:
        """`/link/token/get`: the link token's sessions and their results."""
        return await self.connection.read(
            "/link/token/get",
            {"link_token": link_token},
            LinkTokenGetResponse,
            "Checking the Hosted Link session",
        )
