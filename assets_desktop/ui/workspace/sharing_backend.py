"""The back end's sharing part: the loan's GSE token and Credit Relay tokens (see
`services.sharing`). Mixed into `WorkspaceBackend`; every change refreshes the tree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assets_desktop.services.workspace import when

if TYPE_CHECKING:
    from collections.abc import Callable

    from assets_desktop.services.workspace import Workspace


@dataclass(frozen=True)
class SharedToken:
    """A GSE or relay token as the dialogs show it."""

    copy_id: str
    report_id: str
    token: str  # '' when the keyring no longer has it
    created: str
    partner: str = ""  # a relay token's secondary_client_id


class SharingBackend:
    """GSE and relay token actions of the window's back end."""

    workspace: Workspace
    on_change: Callable[[], None]

    def gse_token(self, report_id: str) -> SharedToken | None:
        """The live GSE token of the report's loan file (it may point at another report)."""
        library = self.workspace.library
        copy = library.tokens.gse(library.reports.get(report_id).loan_file_id)
        if copy is None:
            return None
        return SharedToken(
            copy.id, copy.report_id, self.workspace.audit_copy_token(copy.id),
            when(copy.created_at),
        )  # fmt: skip

    async def create_gse_token(self, report_id: str) -> SharedToken:
        """Create the loan's GSE token from this report; returns it to show."""
        from assets_desktop.services import sharing

        await self._changing(
            sharing.create_gse_token(self.workspace.connected(), self.workspace.library, report_id)
        )
        found = self.gse_token(report_id)
        assert found is not None
        return found

    async def update_gse_token(self, report_id: str) -> None:
        """Point the loan's GSE token at this report."""
        from assets_desktop.services import sharing

        await self._changing(
            sharing.update_gse_token(self.workspace.connected(), self.workspace.library, report_id)
        )

    def relay_tokens(self, report_id: str) -> list[SharedToken]:
        """The live relay tokens sharing this report, oldest first."""
        return [
            SharedToken(
                c.id,
                c.report_id,
                self.workspace.audit_copy_token(c.id),
                when(c.created_at),
                partner=c.partner,
            )
            for c in self.workspace.library.audit_copies.of_report(report_id)
            if c.kind == "relay" and c.active
        ]

    async def create_relay_token(self, report_id: str, secondary_client_id: str) -> str:
        """Share the report with a partner; the relay token to give it."""
        from assets_desktop.services import sharing

        copy = await self._changing(
            sharing.create_relay_token(
                self.workspace.connected(), self.workspace.library, report_id, secondary_client_id
            )
        )
        return self.workspace.audit_copy_token(copy.id)

    async def open_relayed_report(self, relay_token: str, loan_file_id: str | None) -> str:
        """Read a report relayed to us into the library; its report id."""
        from assets_desktop.services import sharing

        record = await self._changing(
            sharing.open_relayed_report(
                self.workspace.connected(), self.workspace.library, relay_token, loan_file_id
            )
        )
        return str(record.id)

    async def remove_shared_token(self, copy_id: str) -> None:
        """Revoke a GSE or relay token."""
        from assets_desktop.services import sharing

        await self._changing(
            sharing.remove_shared_token(self.workspace.connected(), self.workspace.library, copy_id)
        )

    async def _changing(self, work: Any) -> Any:
        try:
            return await work
        finally:
            self.on_change()
