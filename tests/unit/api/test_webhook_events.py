"""`/beta/webhook_events/list` in the client: pages followed by cursor, payloads checked."""

from __future__ import annotations

from typing import Any

import pytest

from assets_desktop.api.webhook_events import WebhookCatchUp

from .helpers import Recorder, client_for, ok


def event(code: str, payload: Any, message_id: str = "m1") -> dict[str, Any]:
    return {
        "webhook_message_id": message_id,
        "webhook_type": "ASSETS",
        "webhook_code": code,
        "item_id": None,
        "sent_time": "2026-12-04T10:00:00Z",
        "payload": payload,
        "destination_url": "http://127.0.0.1:9/plaid/webhook",
        "delivery_status": "FAILED",
        "last_http_status_code": None,
        "attempt_count": 4,
        "last_attempt_time": "2026-12-04T10:00:10Z",
    }


READY = {"webhook_type": "ASSETS", "webhook_code": "PRODUCT_READY", "asset_report_id": "r1"}


@pytest.mark.asyncio
async def test_catch_up_follows_the_cursor_and_refuses_payloads_that_disagree() -> None:
    recorder = Recorder(
        ok(
            {
                "webhook_events": [
                    event("PRODUCT_READY", READY),
                    event("ERROR", READY, "m2"),  # code disagrees with its payload
                ],
                "has_more": True,
                "next_cursor": "c1",
            }
        ),
        ok(
            {
                "webhook_events": [event("PRODUCT_READY", "not an object", "m3")],
                "has_more": False,
                "next_cursor": "c2",
            }
        ),
        ok({"webhook_events": [], "has_more": False, "next_cursor": "c2"}),
    )
    client = client_for(recorder)
    catch_up = WebhookCatchUp(client.webhooks.events_list)
    assert await catch_up.events() == [READY]
    assert catch_up.refused == 2
    assert await catch_up.events() == []  # later: only what came after c2
    bodies = recorder.bodies()
    assert [b.get("cursor") for b in bodies] == [None, "c1", "c2"]
    assert all(b["webhook_types"] == ["ASSETS"] for b in bodies)
    await client.aclose()
