"""One POST to Plaid with bounded, safe retries; every failure mapped to a typed error.

Retry rules (one place):

- The request never left (connect error, connect or pool timeout): retried for every endpoint,
  billed ones included, since Plaid cannot have acted on it.
- 429 `RATE_LIMIT_EXCEEDED`: retried for every endpoint (Plaid refused it before acting),
  waiting `Retry-After` when given (up to `RetryPolicy.max_retry_after`, else not retried).
- 5xx, a lost connection, a read/write timeout: retried only for READS (`Kind.READ`).
- For a WRITE (`Kind.WRITE`, `Kind.BILLED`) whose request may have reached Plaid but whose answer
  was lost (or unreadable), nothing is retried: `OutcomeUnknownError` is raised, carrying the
  `client_report_id` of a billed create. That is how a lost response never becomes a duplicate,
  billed report: the app asks the user instead of guessing.

Deadline: each attempt ends within `deadline` seconds (default four times the per-read `timeout`),
however slowly the server sends: a trickled answer becomes a `PlaidTimeoutError` like a silent one.

Backoff: exponential from `initial_delay`, capped at `max_delay`, with jitter (50-100 % of the
step), at most `max_attempts` attempts in all. Every sleep is an await: cancelling the caller
cancels the wait at once.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
import msgspec

from assets_desktop import PLAID_VERSION
from assets_desktop.api import redact
from assets_desktop.api.errors import (
    MalformedResponseError,
    OutcomeUnknownError,
    PlaidApiError,
    PlaidConnectionError,
    PlaidError,
    PlaidTimeoutError,
    ResponseTooLargeError,
    RetryLater,
    error_from_body,
)
from assets_desktop.domain.json_input import ANY_JSON, decode_untrusted

log = logging.getLogger(__name__)
T = TypeVar("T")

REQUEST_ID_HEADER = "Plaid-Request-ID"
DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024


class Kind(enum.Enum):
    """How safe an endpoint is to repeat."""

    READ = "read"  # no effect on Plaid (or only an unused token): repeat freely
    BILLED_READ = "billed_read"  # a read billed per call (PDFs): repeated only when never sent
    WRITE = "write"  # changes something: never repeated once it may have been sent
    BILLED = "billed"  # creates a billed report: same as WRITE, and names its client_report_id


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded exponential backoff with jitter; `Retry-After` honoured up to a cap."""

    max_attempts: int = 4
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before attempt `attempt + 1` (attempt counts from 1)."""
        if retry_after is not None:
            return max(0.0, retry_after)
        step = min(self.max_delay, self.initial_delay * 2 ** (attempt - 1))
        return float(step * random.uniform(0.5, 1.0))


@dataclass(frozen=True)
class RawResponse:
    """A 200 answer: its bytes exactly as received, content type and request id."""

    content: bytes
    content_type: str
    request_id: str | None


class _BodyTooLargeError(Exception):
    pass


class Transport:
    """The long-lived httpx.AsyncClient of one environment, and the retry loop around it."""

    def __init__(
        self,
        base_url: str,
        client_id: str,
        secret: str,
        *,
        timeout: float = 30.0,
        deadline: float | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        redact.install()  # every log record of the process is scrubbed from now on
        redact.register_secret(client_id)
        redact.register_secret(secret)
        self._keys = {"client_id": client_id, "secret": secret}
        self.retry = retry or RetryPolicy()
        self.deadline = deadline if deadline is not None else 4 * timeout
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            headers={
                "Plaid-Version": PLAID_VERSION,
                "User-Agent": "assets-desktop",
                "Content-Type": "application/json",
            },
            transport=transport,
        )

    @property
    def base_url(self) -> str:
        """The environment's base URL."""
        return str(self._http.base_url).rstrip("/")

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def call(
        self,
        path: str,
        body: dict[str, Any],
        decode: Callable[[RawResponse], T],
        *,
        kind: Kind,
        operation: str,
        client_report_id: str | None = None,
        max_bytes: int = DEFAULT_MAX_BODY_BYTES,
    ) -> T:
        """POST `body` (plus the keys) to `path` and `decode` the 200 answer; else a PlaidError.

        `decode` raises MalformedResponseError (or NotAPdfError) for an unusable answer; for a
        write that becomes OutcomeUnknownError, since Plaid did act on it. The tokens `body`
        carries are registered as secrets first.
        """
        redact.register_tokens(body)
        payload = msgspec.json.encode({**self._keys, **body})
        attempt = 0
        while True:
            attempt += 1
            started = time.perf_counter()
            try:
                return decode(await self._bounded_attempt(path, payload, operation, max_bytes))
            except PlaidError as error:
                delay = self._retry_delay(error, kind, attempt)
                if delay is None:
                    raise self._final(error, kind, operation, client_report_id) from error
                log.info(
                    "POST %s failed after %.0f ms (%s); retry %d of %d in %.2f s",
                    path,
                    (time.perf_counter() - started) * 1000,
                    type(error).__name__,
                    attempt,
                    self.retry.max_attempts - 1,
                    delay,
                )
                await asyncio.sleep(delay)

    def _retry_delay(self, error: PlaidError, kind: Kind, attempt: int) -> float | None:
        """Seconds to wait before retrying after `error`, or None: do not retry."""
        if attempt >= self.retry.max_attempts:
            return None
        if isinstance(error, _NotSentError):
            return self.retry.delay(attempt)
        if isinstance(error, RetryLater) and error.status == 429:
            if error.retry_after is not None and error.retry_after > self.retry.max_retry_after:
                return None
            return self.retry.delay(attempt, error.retry_after)
        if kind is not Kind.READ:
            return None
        if isinstance(error, RetryLater) and error.status >= 500:
            return self.retry.delay(attempt)
        if isinstance(error, PlaidConnectionError | PlaidTimeoutError):
            return self.retry.delay(attempt)
        return None

    def _final(
        self, error: PlaidError, kind: Kind, operation: str, client_report_id: str | None
    ) -> PlaidError:
        if isinstance(error, _NotSentError):
            return error.public
        if kind in (Kind.READ, Kind.BILLED_READ) or isinstance(error, PlaidApiError):
            return error
        # A write that may have reached Plaid, whose answer was lost or unreadable.
        what = "a new asset report" if kind is Kind.BILLED else "the change"
        named = f" (client_report_id {client_report_id})" if client_report_id else ""
        return OutcomeUnknownError(
            f"{operation} may or may not have worked: the request reached Plaid but the answer "
            f"was lost ({error.user_message.rstrip('.')}). It was not sent again, so at most one "
            f"{what} exists{named}. Check whether it arrived (for a report, wait for its "
            "notification or look in the Plaid Dashboard) before trying again.",
            operation=operation,
            client_report_id=client_report_id,
        )

    async def _bounded_attempt(
        self, path: str, payload: bytes, operation: str, max_bytes: int
    ) -> RawResponse:
        """One attempt, abandoned when it has not ended `deadline` seconds after it began."""
        try:
            async with asyncio.timeout(self.deadline):
                return await self._attempt(path, payload, operation, max_bytes)
        except TimeoutError as error:
            raise PlaidTimeoutError(
                f"{operation} failed: {self.base_url} did not send its whole answer within "
                f"{self.deadline:.0f} s. Check the network connection and try again.",
                operation=operation,
            ) from error

    async def _attempt(
        self, path: str, payload: bytes, operation: str, max_bytes: int
    ) -> RawResponse:
        try:
            request = self._http.build_request("POST", path, content=payload)
            response = await self._http.send(request, stream=True)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise PlaidConnectionError(
                f"{operation} failed: {self.base_url!r} is not a usable address ({error}). "
                "Correct the environment's URL in Settings.",
                operation=operation,
            ) from error
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
            raise _NotSentError(_transport_error(error, operation, self.base_url)) from error
        except httpx.TransportError as error:
            raise _transport_error(error, operation, self.base_url) from error
        try:
            content = await _read_capped(response, max_bytes)
        except _BodyTooLargeError:
            raise ResponseTooLargeError(
                f"{operation} failed: Plaid's answer was larger than {max_bytes:,} bytes, so "
                "it was not read. Try again; if it persists, report it.",
                operation=operation,
            ) from None
        except httpx.TransportError as error:
            raise _transport_error(error, operation, self.base_url) from error
        finally:
            await response.aclose()
        request_id = response.headers.get(REQUEST_ID_HEADER)
        content_type = response.headers.get("content-type", "")
        log.debug("POST %s -> %d (%d bytes)", path, response.status_code, len(content))
        if response.status_code == 200:
            return RawResponse(content, content_type, request_id)
        raise _status_error(response, content, operation, request_id)


class _NotSentError(PlaidError):
    """Internal: the request never left, so any endpoint may be retried."""

    def __init__(self, public: PlaidError) -> None:
        self.public = public
        super().__init__(public.user_message, operation=public.operation)


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _BodyTooLargeError
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _BodyTooLargeError
        chunks.append(chunk)
    return b"".join(chunks)


def _transport_error(error: httpx.TransportError, operation: str, base_url: str) -> PlaidError:
    if isinstance(error, httpx.TimeoutException):
        return PlaidTimeoutError(
            f"{operation} failed: {base_url} did not answer in time. Check the network "
            "connection and try again.",
            operation=operation,
        )
    if isinstance(error, httpx.ConnectError):
        why = f"could not connect to {base_url}"
    else:
        why = f"the connection to {base_url} was lost before the answer arrived"
    return PlaidConnectionError(
        f"{operation} failed: {why}. Check the network connection (or that the local sandbox "
        "is running) and try again.",
        operation=operation,
    )


def _status_error(
    response: httpx.Response, content: bytes, operation: str, request_id: str | None
) -> PlaidError:
    status = response.status_code
    try:
        body = decode_untrusted(content, ANY_JSON)
    except msgspec.DecodeError:
        body = None
    if not isinstance(body, dict) or "error_code" not in body:
        if status == 429 or status >= 500:
            body = {
                "error_type": "API_ERROR",
                "error_code": "RATE_LIMIT_EXCEEDED" if status == 429 else "INTERNAL_SERVER_ERROR",
                "error_message": f"HTTP {status} without a Plaid error body",
            }
        else:
            return MalformedResponseError(
                f"{operation} failed: the server answered HTTP {status} with something that is "
                "not a Plaid error. Check the environment's URL in Settings.",
                operation=operation,
            )
    return error_from_body(
        status,
        body,
        operation=operation,
        request_id=request_id,
        retry_after=_retry_after(response),
    )


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())
