"""A tiny loopback HTTP receiver for Plaid webhooks, handing verified payloads to the app's loop.

Bound to 127.0.0.1 on an ephemeral port; `url` is what to pass as `options.webhook` (reports) or
`webhook` (Items, link tokens). The HTTP side is the standard library's ThreadingHTTPServer in a
daemon thread (no socket notifiers on the Qt/asyncio loop, answers within Plaid's 10 s even when
the loop is busy); verification and delivery run ON the loop via `run_coroutine_threadsafe`.
Every POST is verified (`WebhookVerifier`) before anything sees it: a rejected webhook gets 401
(400 when authentic but not a JSON object) and is logged without its body. Verified payloads
are delivered to subscribers by key: `asset_report_id` for ASSETS webhooks, `link_token` for
LINK ones. Webhooks may arrive before anyone subscribes (a report can be ready before `create`
returns here), so the last few per key are kept and handed to a later subscriber.
A verified body seen in the last `REPLAY_WINDOW_SECONDS` (Plaid's 5-minute `iat` window) is
answered 200 and ignored: a replayed webhook is a no-op. `catch_up()` delivers the same way the
events listed by `/beta/webhook_events/list` that never arrived (`api.webhook_events`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import http.server
import logging
import threading
import time
from collections import OrderedDict
from typing import Any

from assets_desktop.api.errors import PlaidError
from assets_desktop.api.webhook_events import WebhookCatchUp
from assets_desktop.api.webhook_verify import WebhookRejectedError, WebhookVerifier

log = logging.getLogger(__name__)

PATH = "/plaid/webhook"
MAX_BODY_BYTES = 1024 * 1024
_REMEMBERED_KEYS = 256
_ANSWER_WITHIN = 9.0
REPLAY_WINDOW_SECONDS = 5 * 60
_REMEMBERED_BODIES = 10_000

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
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._subscribers: dict[str, list[asyncio.Queue[Event]]] = {}
        self._recent: OrderedDict[str, list[Event]] = OrderedDict()
        self._seen: OrderedDict[str, float] = OrderedDict()  # body SHA-256 -> when first seen
        self.rejected = 0
        self.accepted = 0
        self.replayed = 0
        self.caught_up = 0
        self.catch_up_source: WebhookCatchUp | None = None  # `/beta/webhook_events/list`

    @property
    def url(self) -> str:
        """The webhook URL to give Plaid (or the local sandbox)."""
        if self._server is None:
            raise RuntimeError("the webhook receiver is not started")
        return f"http://{self._host}:{self._server.server_address[1]}{PATH}"

    async def start(self) -> str:
        """Start listening; returns `url`."""
        if self._server is None:
            self._loop = asyncio.get_running_loop()
            self._server = _Server((self._host, 0), _Handler, self)
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="webhook-receiver",
                daemon=True,
            )
            self._thread.start()
            log.info("Webhook receiver listening on %s", self.url)
        return self.url

    async def aclose(self) -> None:
        """Stop listening (waits for the server thread, off the loop)."""
        server, self._server = self._server, None
        if server is not None:
            await asyncio.to_thread(server.shutdown)
            server.server_close()

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

    async def catch_up(self) -> int:
        """Deliver the ASSETS events Plaid sent that did not reach us (after a start, a
        reconnect or a long sleep); how many. A failed listing is logged: polling goes on."""
        if self.catch_up_source is None:
            return 0
        try:
            payloads = await self.catch_up_source.events()
        except PlaidError as error:
            log.warning("Could not list missed webhooks (%s); polling goes on", error)
            return 0
        for payload in payloads:
            self.deliver(payload)
        self.caught_up += len(payloads)
        return len(payloads)

    async def receive(self, body: bytes, headers: dict[str, str]) -> int:
        """Verify and deliver one webhook (on the loop); the HTTP status to answer."""
        try:
            payload = await self._verifier.verify(body, headers)
        except WebhookRejectedError as rejected:
            self.rejected += 1
            log.warning("Rejected a webhook: %s", rejected.reason)
            return rejected.status
        if self._replayed(body):
            self.replayed += 1
            log.warning("Ignored a replayed webhook (same body within 5 minutes)")
            return 200
        self.accepted += 1
        log.info(
            "Webhook %s/%s for %s",
            payload.get("webhook_type"),
            payload.get("webhook_code"),
            payload.get("asset_report_id") or "a link session",
        )
        self.deliver(payload)
        return 200

    def _replayed(self, body: bytes) -> bool:
        """True if this verified body was already received within the replay window."""
        now = time.monotonic()
        while self._seen and next(iter(self._seen.values())) < now - REPLAY_WINDOW_SECONDS:
            self._seen.popitem(last=False)
        digest = hashlib.sha256(body).hexdigest()
        if digest in self._seen:
            return True
        self._seen[digest] = now
        while len(self._seen) > _REMEMBERED_BODIES:
            self._seen.popitem(last=False)
        return False

    def _receive_from_thread(self, body: bytes, headers: dict[str, str]) -> int:
        loop = self._loop
        if loop is None or loop.is_closed():
            return 503
        try:
            future = asyncio.run_coroutine_threadsafe(self.receive(body, headers), loop)
            return future.result(timeout=_ANSWER_WITHIN)
        except (concurrent.futures.TimeoutError, RuntimeError):
            return 503


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[http.server.BaseHTTPRequestHandler],
        receiver: WebhookReceiver,
    ) -> None:
        self.receiver = receiver
        super().__init__(address, handler)


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server
    timeout = _ANSWER_WITHIN

    def do_POST(self) -> None:
        if self.path.split("?")[0] != PATH:
            self._answer(404)
            return
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            self._answer(400)
            return
        if length < 0 or length > MAX_BODY_BYTES:
            self._answer(413)
            return
        body = self.rfile.read(length)
        headers = {name.lower(): value for name, value in self.headers.items()}
        self._answer(self.server.receiver._receive_from_thread(body, headers))

    def do_GET(self) -> None:
        self._answer(405)

    def _answer(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("webhook receiver: " + format, *args)
