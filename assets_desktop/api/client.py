"""The async Plaid client: one resource object per group of endpoints, one typed method each.

One `PlaidClient` per environment, created once and kept for the app's lifetime (one long-lived
httpx.AsyncClient; `Plaid-Version: 2020-09-14`; keys in the body). Every resource holds the same
`PlaidConnection`: `client.items`, `client.institutions`, `client.link`, `client.reports`,
`client.audit_copies`, `client.credit` (GSE tokens), `client.relay`, `client.webhooks`. Methods
raise only the typed errors of `api.errors`. Retry and duplicate-report rules are in
`api.transport`:

- `/asset_report/create` and `/asset_report/refresh` are billed: they are retried only when the
  request provably never left (connect failure) or Plaid refused it with 429. If the request may
  have reached Plaid and the answer is lost, `OutcomeUnknownError` is raised with the
  `client_report_id` (always set: a UUID is generated when the caller gives none) and nothing is
  sent again. So a lost answer can never create a second, billed report behind the user's back.
- PDFs are billed per call in production: retried only when never sent or refused with 429.

Waiting for a report to be built is `api.polling.wait_for_report(client.reports, …)`.
"""

from __future__ import annotations

from typing import Unpack

from assets_desktop.api.connection import ConnectionOptions, PlaidConnection
from assets_desktop.api.credit import Credit
from assets_desktop.api.errors import PlaidApiError
from assets_desktop.api.items import Institutions, Items, Link
from assets_desktop.api.relay import Relay
from assets_desktop.api.reports import AuditCopies, Reports
from assets_desktop.api.webhook_events import Webhooks
from assets_desktop.domain.vocabulary import PlaidEnvironment

__all__ = ["PlaidApiError", "PlaidClient"]


class PlaidClient:
    """One environment's client: base URL and keys; reuse one instance for the app's lifetime.

    Args: as `PlaidConnection`: the base URL, the keys, then `ConnectionOptions` (environment,
    timeout, deadline, retry, transport, max_pdf_bytes).
    """

    def __init__(
        self, base_url: str, client_id: str, secret: str, **options: Unpack[ConnectionOptions]
    ) -> None:
        self.connection = PlaidConnection(base_url, client_id, secret, **options)
        self.items = Items(self.connection)
        self.institutions = Institutions(self.connection)
        self.link = Link(self.connection)
        self.reports = Reports(self.connection)
        self.audit_copies = AuditCopies(self.connection)
        self.credit = Credit(self.connection)
        self.relay = Relay(self.connection)
        self.webhooks = Webhooks(self.connection)

    @property
    def environment(self) -> PlaidEnvironment:
        """The environment this client talks to."""
        return self.connection.environment

    @property
    def base_url(self) -> str:
        """The environment's base URL."""
        return self.connection.transport.base_url

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.connection.transport.aclose()
