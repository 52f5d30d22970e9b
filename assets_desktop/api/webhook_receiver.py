"""A tiny loopback HTTP receiver for Plaid webhooks (asyncio.start_server; runs on the app's loop).

Bound to 127.0.0.1 on an ephemeral port; `url` is what to pass as `options.webhook` (reports) or
`webhook` (Items, link tokens). Every POST is verified (`WebhookVerifier`) before anything sees
it: a rejected webhook gets 401 and is logged without its body. Verified payloads are delivered
to subscribers by key: `asset_report_id` for ASSETS webhooks, `link_token` for LINK ones.
Webhooks may arrive before anyone subscribes (a report can be ready before `create` returns
here), so the last few per key are kept and handed to a later subscriber. Duplicates are
harmless: subscribers treat events idempotently.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from typing import Any

from assets_desktop.api.webhook_verify import WebhookRejectedError, WebhookVerifier

log = logging.getLogger(__name__)

PATH = "/plaid/webhook"
MAX_BODY_BYTES = 1024 * 1024
_REMEMBERED_KEYS = 256
_READ_TIMEOUT = 10.0

Event = dict[str, Any]


def event_key(payload: Event) -> str | None:
    """The subscription key of a webhook payload: its asset_report_id, else its link_token."""
    for field in ("asset_report_id", "link_token"):
        value = payload.get(field)
        if isinstance(value, str) and value:
            return value
    return None


class WebhookReceiver:
    """Receives, verifies and dispatches webhooks on 127.0.0.1:<ephemeral port>."""

    def __init__(self, verifier: WebhookVerifier, host: str = "127.0.0.1") -> None:
        self._verifier = verifier
        self._host = host
        self._server: asyncio.Server | None = None
        self._port = 0
        self._subscribers: dict[str, list[asyncio.Queue[Event]]] = {}
        self._recent: OrderedDict[str, list[Event]] = OrderedDict()
        self.rejected = 0
        self.accepted = 0

    @property
    def url(self) -> str:
        """The webhook URL to give Plaid (or the local sandbox)."""
        if self._server is None:
            raise RuntimeError("the webhook receiver is not started")
        return f"http://{self._host}:{self._port}{PATH}"

    async def start(self) -> str:
        """Start listening; returns `url`."""
        if self._server is None:
            self._server = await asyncio.start_server(self._handle, self._host, 0)
            self._port = self._server.sockets[0].getsockname()[1]
            log.info("Webhook receiver listening on %s", self.url)
        return self.url

    async def aclose(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2.0)
            self._server = None

    def subscribe(self, key: str) -> asyncio.Queue[Event]:
        """A queue of verified webhooks for `key` (asset_report_id or link_token)."""
        queue: asyncio.Queue[Event] = asyncio.Queue()
        for event in self._recent.get(key, []):
            queue.put_nowait(event)
        self._subscribers.setdefault(key, []).append(queue)
        return queue

    def unsubscribe(self, key: str, queue: asyncio.Queue[Event]) -> None:
        """Stop delivering to `queue`."""
        queues = self._subscribers.get(key, [])
        if queue in queues:
            queues.remove(queue)
        if not queues:
            self._subscribers.pop(key, None)

    def deliver(self, payload: Event) -> None:
        """Hand a verified payload to its subscribers (and remember it for late ones)."""
        key = event_key(payload)
        if key is None:
            return
        remembered = self._recent.setdefault(key, [])
        remembered.append(payload)
        del remembered[:-4]
        self._recent.move_to_end(key)
        while len(self._recent) > _REMEMBERED_KEYS:
            self._recent.popitem(last=False)
        for queue in self._subscribers.get(key, []):
            queue.put_nowait(payload)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            status, reason = await asyncio.wait_for(self._serve(reader), _READ_TIMEOUT)
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError, ValueError):
            status, reason = 400, "Bad Request"
        except asyncio.LimitOverrunError:
            status, reason = 431, "Request Header Fields Too Large"
        try:
            writer.write(
                f"HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\n"
                "Connection: close\r\n\r\n".encode("ascii")
            )
            await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader) -> tuple[int, str]:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _version = lines[0].split(" ", 2)
        headers: dict[str, str] = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        if method != "POST" or target.split("?")[0] != PATH:
            return 404, "Not Found"
        length = int(headers.get("content-length", "0"))
        if length > MAX_BODY_BYTES:
            return 413, "Payload Too Large"
        body = await reader.readexactly(length)
        try:
            payload = await self._verifier.verify(body, headers)
        except WebhookRejectedError as rejected:
            self.rejected += 1
            log.warning("Rejected a webhook: %s", rejected.reason)
            return 401, "Unauthorized"
        self.accepted += 1
        log.info(
            "Webhook %s/%s for %s",
            payload.get("webhook_type"),
            payload.get("webhook_code"),
            payload.get("asset_report_id") or "a link session",
        )
        self.deliver(payload)
        return 200, "OK"
