"""The async Plaid API client."""

from __future__ import annotations

from typing import Any

import httpx

from assets_desktop import PLAID_VERSION


class PlaidApiError(Exception):
    """An error body returned by Plaid."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        self.status = status
        self.error_type = str(body.get("error_type", "API_ERROR"))
        self.error_code = str(body.get("error_code", "UNKNOWN"))
        self.display_message = body.get("display_message")
        self.request_id = body.get("request_id")
        super().__init__(f"{self.error_type}/{self.error_code}: {body.get('error_message')}")


class PlaidClient:
    """One environment's client: base URL and keys; reuse one instance for the app's lifetime."""

    def __init__(
        self, base_url: str, client_id: str, secret: str, *, timeout: float = 30.0
    ) -> None:
        self._client_id = client_id
        self._secret = secret
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=timeout,
            headers={"Plaid-Version": PLAID_VERSION, "User-Agent": "assets-desktop"},
        )

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        payload = {"client_id": self._client_id, "secret": self._secret, **body}
        response = await self._http.post(path, json=payload)
        data: dict[str, Any] = response.json()
        if response.status_code != 200:
            raise PlaidApiError(response.status_code, data)
        return data

    async def institution_by_id(self, institution_id: str) -> dict[str, Any]:
        """`/institutions/get_by_id` for a US institution."""
        data = await self._post(
            "/institutions/get_by_id",
            {"institution_id": institution_id, "country_codes": ["US"]},
        )
        institution: dict[str, Any] = data["institution"]
        return institution

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()
