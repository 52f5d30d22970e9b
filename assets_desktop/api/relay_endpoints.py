"""Credit Relay, `/credit/relay/*` (a part of PlaidClient).

The lender shares a report with a partner (a `secondary_client_id`) through a relay token and
revokes it with `remove`; the partner reads the report with its own keys (`get`, `pdf/get`) and
may ask for a fresh one (`refresh`). Only Asset Reports are relayed (`report_type: asset`).
"""

from __future__ import annotations

from typing import Any

from assets_desktop.api import redact
from assets_desktop.api.models import RelayCreated, RelayRefreshed, RemovedResponse, ReportDownload
from assets_desktop.api.report_endpoints import ReportEndpoints
from assets_desktop.api.transport import Kind

REPORT_TYPE = "asset"


class RelayEndpoints(ReportEndpoints):
    """`/credit/relay/create`, `/get`, `/pdf/get`, `/refresh` and `/remove`."""

    async def credit_relay_create(
        self, asset_report_token: str, secondary_client_id: str, *, webhook: str | None = None
    ) -> str:
        """A relay token sharing the report with the partner `secondary_client_id`."""
        redact.register_secret(asset_report_token)
        body: dict[str, Any] = {
            "report_tokens": [asset_report_token],
            "secondary_client_id": secondary_client_id,
        }
        if webhook is not None:
            body["webhook"] = webhook
        result = await self._json(
            "/credit/relay/create", body, RelayCreated, kind=Kind.WRITE,
            operation="Sharing the report through Credit Relay",
        )  # fmt: skip
        redact.register_secret(result.relay_token)
        return result.relay_token

    async def credit_relay_get(
        self, relay_token: str, *, include_insights: bool = False
    ) -> ReportDownload:
        """The relayed report, read with the receiving partner's keys (with its raw bytes)."""
        redact.register_secret(relay_token)
        body = {
            "relay_token": relay_token,
            "report_type": REPORT_TYPE,
            "include_insights": include_insights,
        }
        return await self._report("/credit/relay/get", body, "Downloading the relayed report")

    async def credit_relay_pdf_get(self, relay_token: str) -> bytes:
        """The relayed report's PDF."""
        redact.register_secret(relay_token)
        body = {"relay_token": relay_token, "report_type": REPORT_TYPE}
        return await self._pdf("/credit/relay/pdf/get", body, "Downloading the relayed PDF")

    async def credit_relay_refresh(
        self, relay_token: str, *, webhook: str | None = None
    ) -> RelayRefreshed:
        """Ask for a fresh report behind the relay token (the token stays the same)."""
        redact.register_secret(relay_token)
        body: dict[str, Any] = {"relay_token": relay_token, "report_type": REPORT_TYPE}
        if webhook is not None:
            body["webhook"] = webhook
        return await self._json(
            "/credit/relay/refresh", body, RelayRefreshed, kind=Kind.WRITE,
            operation="Refreshing the relayed report",
        )  # fmt: skip

    async def credit_relay_remove(self, relay_token: str) -> bool:
        """Revoke the relay token (the partner can no longer read the report)."""
        redact.register_secret(relay_token)
        result = await self._json(
            "/credit/relay/remove", {"relay_token": relay_token}, RemovedResponse,
            kind=Kind.WRITE, operation="Revoking the relay token",
        )  # fmt: skip
        return bool(result.removed)
