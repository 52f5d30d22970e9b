"""GSE audit copy tokens, `/credit/audit_copy_token/*` (`client.credit`).

One VOA token per loan for Fannie Mae (Day 1 Certainty) or Freddie Mac (AIM): create it from an
Asset Report, point it at a refreshed report with `update`, revoke it with `remove`.
"""

from __future__ import annotations

from assets_desktop.api.connection import Endpoints
from assets_desktop.api.models import AuditCopyCreateResponse, UpdatedResponse


class Credit(Endpoints):
    """`/credit/audit_copy_token/create`, `/update` and `/remove`."""

    async def audit_copy_token_create(self, asset_report_token: str) -> str:
        """A GSE audit copy token for the report (give it to Fannie Mae or Freddie Mac)."""
        result = await self.connection.write(
            "/credit/audit_copy_token/create",
            {"report_tokens": [asset_report_token]},
            AuditCopyCreateResponse,
            "Creating the GSE audit copy token",
        )
        return result.audit_copy_token

    async def audit_copy_token_update(self, audit_copy_token: str, asset_report_token: str) -> bool:
        """Point the GSE token at another report (e.g. the refresh before closing)."""
        result = await self.connection.write(
            "/credit/audit_copy_token/update",
            {"audit_copy_token": audit_copy_token, "report_tokens": [asset_report_token]},
            UpdatedResponse,
            "Updating the GSE audit copy token",
        )
        return bool(result.updated)

    async def audit_copy_token_remove(self, audit_copy_token: str) -> bool:
        """Revoke the GSE token (the report and other copies are not affected)."""
        return await self.connection.remove(
            "/credit/audit_copy_token/remove",
            {"audit_copy_token": audit_copy_token},
            "Removing the GSE audit copy token",
        )
