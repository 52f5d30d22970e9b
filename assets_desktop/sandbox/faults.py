"""Fault modes, switchable at run time per sandbox instance (tests and demos).

`EmbeddedSandbox.faults` and `app.state.faults` are the same `Faults` object: set a field and
the next requests see it. The `*_next` counters count down on each request they hit; `paths`
restricts them to some endpoints (None = every path). Each fault applied is logged
(`fault drop_connection_next on POST /asset_report/create`) on uvicorn's log, beside the access
log, which does not show the requests whose connection was dropped.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assets_desktop.sandbox.errors import PlaidError, new_request_id

log = logging.getLogger("uvicorn.error")  # the command's log, printed beside the access log


@dataclass
class Faults:
    """What goes wrong, on purpose, in this sandbox instance."""

    latency: float = 0.0  # seconds added to every response
    rate_limit_next: int = 0  # next N requests: 429 RATE_LIMIT_EXCEEDED with Retry-After
    retry_after: int = 1
    server_error_next: int = 0  # next N requests: 500 API_ERROR / INTERNAL_SERVER_ERROR
    maintenance_next: int = 0  # next N requests: 503 API_ERROR / PLANNED_MAINTENANCE
    drop_connection_next: int = 0  # next N requests: connection closed before handling
    drop_response_next: int = 0  # next N requests: handled, then closed without a response
    malformed_json_next: int = 0  # next N requests: 200 with a truncated JSON body
    pdf_not_pdf: bool = False  # PDF endpoints answer 200 application/pdf with non-PDF bytes
    fail_generation: bool = False  # reports end in an ERROR webhook + GENERATION_FAILED
    never_ready: bool = False  # reports stay PRODUCT_NOT_READY
    paths: set[str] | None = None  # restrict the *_next faults to these paths

    def reset(self) -> None:
        """Back to a healthy server."""
        for name, value in Faults().__dict__.items():
            setattr(self, name, value)

    def take(self, counter: str, path: str) -> bool:
        """Consume one unit of a `*_next` counter if it applies to `path`."""
        if self.paths is not None and path not in self.paths:
            return False
        remaining: int = getattr(self, counter)
        if remaining <= 0:
            return False
        setattr(self, counter, remaining - 1)
        log.info("fault %s on POST %s (%d more)", counter, path, remaining - 1)
        return True


def _error_messages(error: PlaidError) -> list[Message]:
    body = json.dumps(error.body(new_request_id())).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in error.headers.items()]
    return [
        {"type": "http.response.start", "status": error.status, "headers": headers},
        {"type": "http.response.body", "body": body},
    ]


def _drop_connection(receive: Receive) -> None:
    """Close the client's socket without a response.

    ASGI has no "abort" message, so this reaches uvicorn's request cycle (the owner of
    `receive`) for its transport, and marks the cycle disconnected so uvicorn does not try
    to answer "500 Internal Server Error" on the closed socket.
    """
    cycle = getattr(receive, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        raise ConnectionAbortedError("drop_connection needs uvicorn (no transport to close)")
    transport.close()
    cycle.disconnected = True  # type: ignore[union-attr]


class FaultMiddleware:
    """Raw ASGI middleware applying `app.state.faults` to every HTTP request."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        faults, path = self.faults, scope["path"]
        if faults.latency > 0:
            await asyncio.sleep(faults.latency)
        if faults.take("drop_connection_next", path):
            _drop_connection(receive)
            return
        error = self._error_fault(path)
        if error is not None:
            for message in _error_messages(error):
                await send(message)
            return
        if faults.take("drop_response_next", path):
            await self.app(scope, receive, _discard)
            _drop_connection(receive)
            return
        if faults.take("malformed_json_next", path):
            await self.app(scope, receive, _truncating(send))
            return
        await self.app(scope, receive, send)
        return

    def _error_fault(self, path: str) -> PlaidError | None:
        faults = self.faults
        if faults.take("rate_limit_next", path):
            return PlaidError(
                429,
                "RATE_LIMIT_EXCEEDED",
                "RATE_LIMIT",
                "rate limit exceeded for attempts to access this item. please try again later",
                "Too many requests were made. Try again later.",
                headers={"Retry-After": str(faults.retry_after)},
            )
        if faults.take("server_error_next", path):
            return PlaidError(
                500, "API_ERROR", "INTERNAL_SERVER_ERROR", "an unexpected error occurred"
            )
        if faults.take("maintenance_next", path):
            return PlaidError(
                503,
                "API_ERROR",
                "PLANNED_MAINTENANCE",
                "the Plaid API is undergoing planned maintenance. please try again later",
                "This service is under maintenance. Please try again later.",
            )
        return None


async def _discard(message: Message) -> None:
    """A `send` that throws the response away."""


def _truncating(send: Send) -> Send:
    """A `send` that turns the response into a 200 whose JSON body is cut in half."""
    chunks: list[bytes] = []

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            full = b"".join(chunks)
            body = full[: max(1, len(full) // 2)]
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})

    return wrapped
