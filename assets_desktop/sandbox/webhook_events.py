"""`/beta/webhook_events/list`: the ASSETS webhooks the sandbox sent, kept for 7 days.

A desktop behind NAT rarely receives a pushed webhook; it can list what was sent (delivered or
not) and catch up. Each delivery of an ASSETS webhook records one event, updated as its
attempts go; events older than 7 days are dropped. Pages of at most `count` (1-100, default
100) in the order sent; `next_cursor` continues after the last one returned (also later, when
newer events have arrived).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from assets_desktop.sandbox.state import SandboxState, iso, utcnow
from assets_desktop.sandbox.validation import field_error

Body = dict[str, Any]
RETENTION = dt.timedelta(days=7)
CURSOR_PREFIX = "webhook-events-"
DEFAULT_COUNT = 100


def record_event(state: SandboxState, url: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    """A new PENDING event for an ASSETS webhook about to be delivered (None for others)."""
    if payload.get("webhook_type") != "ASSETS":
        return None
    _prune(state)
    state.webhook_events_seq += 1
    event: dict[str, Any] = {
        "seq": state.webhook_events_seq,  # for cursors; not sent
        "webhook_message_id": str(uuid.uuid4()),
        "webhook_type": payload["webhook_type"],
        "webhook_code": payload.get("webhook_code", ""),
        "item_id": payload.get("item_id"),
        "sent_time": iso(utcnow()),
        "payload": payload,
        "destination_url": url,
        "delivery_status": "PENDING",
        "last_http_status_code": None,
        "attempt_count": 0,
        "last_attempt_time": None,
    }
    state.webhook_events.append(event)
    return event


def attempt_made(event: dict[str, Any] | None, status: int | None, *, final: bool) -> None:
    """Note one delivery attempt (its HTTP status, or None when the connection failed)."""
    if event is None:
        return
    event["attempt_count"] += 1
    event["last_attempt_time"] = iso(utcnow())
    event["last_http_status_code"] = status
    if status == 200:
        event["delivery_status"] = "DELIVERED"
    elif final:
        event["delivery_status"] = "FAILED"


async def webhook_events_list(state: SandboxState, body: Body) -> Body:
    """A page of retained events matching the filters."""
    _prune(state)
    count = body.get("count") or DEFAULT_COUNT
    cursor = body.get("cursor")
    if cursor:
        after = _cursor_seq(cursor)
        events = [e for e in state.webhook_events if e["seq"] > after]
    else:
        since = _start_time(body.get("start_time"))
        events = [e for e in state.webhook_events if since is None or _sent(e) >= since]
    for name, key in (
        ("webhook_types", "webhook_type"),
        ("webhook_codes", "webhook_code"),
        ("item_ids", "item_id"),
        ("delivery_statuses", "delivery_status"),
    ):
        wanted = body.get(name)
        if wanted:
            events = [e for e in events if e[key] in wanted]
    page = events[:count]
    if page:
        last = page[-1]["seq"]
    else:  # nothing (more) to return: continue after everything retained so far
        newest = state.webhook_events[-1]["seq"] if state.webhook_events else 0
        last = max(_cursor_seq(cursor) if cursor else 0, newest)
    return {
        "webhook_events": [{k: v for k, v in e.items() if k != "seq"} for e in page],
        "has_more": len(events) > len(page),
        "next_cursor": f"{CURSOR_PREFIX}{last}",
    }


def _prune(state: SandboxState) -> None:
    cutoff = utcnow() - RETENTION
    state.webhook_events[:] = [e for e in state.webhook_events if _sent(e) >= cutoff]


def _sent(event: dict[str, Any]) -> dt.datetime:
    return dt.datetime.fromisoformat(event["sent_time"].replace("Z", "+00:00"))


def _cursor_seq(cursor: str) -> int:
    digits = cursor.removeprefix(CURSOR_PREFIX)
    if not cursor.startswith(CURSOR_PREFIX) or not digits.isdigit():
        raise field_error("cursor is not a next_cursor from /beta/webhook_events/list")
    return int(digits)


def _start_time(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise field_error(f"start_time {value!r} is not an ISO 8601 date-time") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    if when < utcnow() - RETENTION:
        raise field_error("start_time must be within the last 7 days")
    return when
