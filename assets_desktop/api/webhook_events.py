"""Webhook endpoints (`client.webhooks`) and catching up on missed webhooks.

A desktop behind NAT rarely receives Plaid's webhooks. Plaid keeps what it sent for 7 days,
delivered or not; `WebhookCatchUp` lists the ASSETS events after the last one it saw and hands
their payloads to the `WebhookReceiver`, the same route verified pushed webhooks take, so a
report wait resumes from them. Listed events arrive over the authenticated API (our keys, TLS)
and carry no signature of their own; each payload passes the checks a verified pushed body must
pass (a JSON object whose type and code agree with the event; an ASSETS event names its report)
or is refused and logged.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from assets_desktop.api.connection import Endpoints, non_empty
from assets_desktop.api.models import (
    FireWebhookResponse,
    WebhookEvent,
    WebhookEventsPage,
    WebhookKey,
    WebhookKeyResponse,
)

log = logging.getLogger(__name__)

ASSETS = "ASSETS"
MAX_PAGES = 20  # 2,000 events per catch-up at most


class Webhooks(Endpoints):
    """`/webhook_verification_key/get`, `/beta/webhook_events/list` and
    `/sandbox/item/fire_webhook`."""

    async def verification_key_get(self, key_id: str) -> WebhookKey:
        """The JWK that signs webhooks with this `kid`."""
        result = await self.connection.read(
            "/webhook_verification_key/get",
            {"key_id": key_id},
            WebhookKeyResponse,
            "Fetching the webhook verification key",
        )
        return result.key

    async def sandbox_fire(
        self, access_token: str, webhook_code: str, webhook_type: str = "ASSETS"
    ) -> bool:
        """`/sandbox/item/fire_webhook`: make the sandbox send a webhook to the Item's URL."""
        result = await self.connection.write(
            "/sandbox/item/fire_webhook",
            {
                "access_token": access_token,
                "webhook_code": webhook_code,
                "webhook_type": webhook_type,
            },
            FireWebhookResponse,
            "Firing a sandbox webhook",
        )
        return result.webhook_fired

    async def events_list(
        self,
        *,
        cursor: str | None = None,
        webhook_types: Sequence[str] = (),
        count: int | None = None,
    ) -> WebhookEventsPage:
        """A page of the webhooks Plaid sent in the last 7 days, oldest first."""
        body = non_empty(cursor=cursor, webhook_types=list(webhook_types))
        if count is not None:
            body["count"] = count
        return await self.connection.read(
            "/beta/webhook_events/list", body, WebhookEventsPage, "Listing the webhooks Plaid sent"
        )


def checked_payload(event: WebhookEvent) -> dict[str, Any] | None:
    """The event's payload if it passes the checks of a verified pushed body, else None."""
    payload = event.payload
    if not isinstance(payload, dict):
        reason = "its payload is not a JSON object"
    elif (payload.get("webhook_type"), payload.get("webhook_code")) != (
        event.webhook_type,
        event.webhook_code,
    ):
        reason = "its payload's webhook_type/webhook_code disagree with the event"
    elif event.webhook_type == ASSETS and not isinstance(payload.get("asset_report_id"), str):
        reason = "an ASSETS payload without an asset_report_id"
    else:
        return payload
    log.warning("Refused listed webhook event %s: %s", event.webhook_message_id, reason)
    return None


Lister = Callable[..., Awaitable[WebhookEventsPage]]


class WebhookCatchUp:
    """Lists ASSETS events after the last one seen (from the oldest retained at first)."""

    def __init__(self, list_events: Lister) -> None:
        self._list = list_events
        self._cursor: str | None = None
        self.refused = 0

    async def events(self) -> list[dict[str, Any]]:
        """Checked payloads of the events not seen yet, oldest first."""
        found: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            page = await self._list(cursor=self._cursor, webhook_types=[ASSETS])
            for event in page.webhook_events:
                payload = checked_payload(event)
                if payload is None:
                    self.refused += 1
                else:
                    found.append(payload)
            self._cursor = page.next_cursor or self._cursor
            if not page.has_more:
                break
        return found
