"""The sandbox's webhook events list: ASSETS only, 7 days kept, delivery status followed."""

from __future__ import annotations

import datetime as dt

import pytest

from assets_desktop.sandbox.state import SandboxState, iso, utcnow
from assets_desktop.sandbox.webhook_events import attempt_made, record_event, webhook_events_list

READY = {"webhook_type": "ASSETS", "webhook_code": "PRODUCT_READY", "asset_report_id": "r1"}


@pytest.mark.asyncio
async def test_events_older_than_7_days_are_dropped_and_others_are_not_recorded() -> None:
    state = SandboxState()
    old = record_event(state, "http://127.0.0.1:9/hook", READY)
    assert old is not None
    old["sent_time"] = iso(utcnow() - dt.timedelta(days=7, minutes=1))
    link = {"webhook_type": "LINK", "webhook_code": "SESSION_FINISHED", "link_token": "l"}
    assert record_event(state, "http://127.0.0.1:9/hook", link) is None
    new = record_event(state, "http://127.0.0.1:9/hook", {**READY, "asset_report_id": "r2"})
    attempt_made(new, None, final=False)
    assert new is not None and new["delivery_status"] == "PENDING"
    attempt_made(new, 503, final=True)
    listed = await webhook_events_list(state, {})
    assert [e["payload"]["asset_report_id"] for e in listed["webhook_events"]] == ["r2"]
    event = listed["webhook_events"][0]
    assert (event["delivery_status"], event["attempt_count"], event["last_http_status_code"]) == (
        "FAILED",
        2,
        503,
    )
    assert "seq" not in event
    # The list survives a restart with a state file.
    again = SandboxState.from_json(state.to_json())
    assert (await webhook_events_list(again, {}))["webhook_events"] == listed["webhook_events"]
