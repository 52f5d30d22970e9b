"""Credit Relay, `/credit/relay/*` (`client.relay`).

The lender shares a report with a partner (a `secondary_client_id`) through a relay token and
revokes it with `remove`; the partner reads the report with its own keys (`get`, `pdf/get`) and
may ask for a fresh one (`refresh`). Only Asset Reports are relayed (`report_type: asset`).
"""

from __future__ import annotations

from assets_desktop.api.connection import Endpoints, non_empty
from assets_desktop.api.models import RelayCreated, RelayRefreshed, ReportDownload

REPORT_TYPE = "asset"


class Relay(Endpoints):
    """`/credit/relay/create`, `/get`, `/pdf/get`, `/refresh` and `/remove`."""

    async def create(
        self, asset_report_token: str, secondary_client_id: str, *, webhook: str | None = None
    ) -> str:
        """A relay token sharing the report with the partner `secondary_client_id`."""
        body = {
            "report_tokens": [asset_report_token],
            "secondary_client_id": secondary_client_id,
            **non_empty(webhook=webhook),
        }
        result = await self.connection.write(
            "/credit/relay/create", body, RelayCreated, "Sharing the report through Credit Relay"
        )
        return result.relay_token

    async def get(self, relay_token: str, *, include_insights: bool = False) -> ReportDownload:
        """The relayed report, read with the receiving partner's keys (with its raw bytes)."""
        body = {
            "relay_token": relay_token,
            "report_type": REPORT_TYPE,
            "include_insights": include_insights,
        }
        return await self.connection.report(
            "/credit/relay/get", body, "Downloading the relayed report"
        )

    async def pdf(self, relay_token: str) -> bytes:
        """The relayed report's PDF."""
        body = {"relay_token": relay_token, "report_type": REPORT_TYPE}
        return await self.connection.pdf(
            "/credit/relay/pdf/get", body, "Downloading the relayed PDF"
        )

    async def refresh(self, relay_token: str, *, webhook: str | None = None) -> RelayRefreshed:
        """Ask for a fresh report behind the relay token (the token stays the same)."""
        body = {
            "relay_token": relay_token,
            "report_type": REPORT_TYPE,
            **non_empty(webhook=webhook),
        }
        return await self.connection.write(
            "/credit/relay/refresh", body, RelayRefreshed, "Refreshing the relayed report"
        )

    async def remove(self, relay_token: str) -> bool:
        """Revoke the relay token (the partner can no longer read the report)."""
        return await self.connection.remove(
            "/credit/relay/remove", {"relay_token": relay_token}, "Revoking the relay token"
        )
