"""The core every endpoint group shares: the environment, its transport, JSON decoding."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import httpx
import msgspec

from assets_desktop.api.errors import MalformedResponseError
from assets_desktop.api.transport import Kind, RawResponse, RetryPolicy, Transport
from assets_desktop.domain.json_input import decode_untrusted

T = TypeVar("T")

ENVIRONMENTS = ("local", "sandbox", "production")
# Plaid allows 15 /asset_report/get per minute per report in production: never poll faster.
PRODUCTION_MIN_POLL_INTERVAL = 4.0
DEFAULT_POLL_INTERVAL = {"local": 0.25, "sandbox": 1.0, "production": 5.0}
DEFAULT_MAX_PDF_BYTES = 100 * 1024 * 1024


def _json_decoder(type_: type[T], operation: str) -> Callable[[RawResponse], T]:
    decoder = msgspec.json.Decoder(type_)

    def decode(raw: RawResponse) -> T:
        try:
            return decode_untrusted(raw.content, decoder)
        except msgspec.DecodeError as error:
            raise MalformedResponseError(
                f"{operation} failed: Plaid's answer was not the JSON expected ({error}). "
                "Try again; if it persists, report it.",
                operation=operation,
            ) from error

    return decode


class ClientBase:
    """One environment's client: base URL and keys; reuse one instance for the app's lifetime.

    Args:
        base_url: e.g. `https://sandbox.plaid.com` or the local sandbox's URL.
        client_id, secret: the environment's keys (registered with the log redactor).
        environment: `local`, `sandbox` or `production`; sets the polling floor.
        timeout: seconds without progress before a request fails (connect at most 10 s).
        deadline: seconds before any one request attempt fails, however it is progressing
            (default four times `timeout`).
        retry: the backoff policy; tests pass short delays.
        transport: an httpx transport (unit tests pass `httpx.MockTransport`).
        max_pdf_bytes: PDFs larger than this are refused.
    """

    def __init__(
        self,
        base_url: str,
        client_id: str,
        secret: str,
        *,
        environment: str = "local",
        timeout: float = 30.0,
        deadline: float | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        max_pdf_bytes: int = DEFAULT_MAX_PDF_BYTES,
    ) -> None:
        if environment not in ENVIRONMENTS:
            raise ValueError(f"environment must be one of {ENVIRONMENTS}, not {environment!r}")
        self.environment = environment
        self.max_pdf_bytes = max_pdf_bytes
        self._transport = Transport(
            base_url,
            client_id,
            secret,
            timeout=timeout,
            deadline=deadline,
            retry=retry,
            transport=transport,
        )

    @property
    def base_url(self) -> str:
        """The environment's base URL."""
        return self._transport.base_url

    @property
    def min_poll_interval(self) -> float:
        """The fastest `/asset_report/get` polling allowed here (4 s in production)."""
        return PRODUCTION_MIN_POLL_INTERVAL if self.environment == "production" else 0.0

    @property
    def default_poll_interval(self) -> float:
        """The polling interval used when the caller names none."""
        return DEFAULT_POLL_INTERVAL[self.environment]

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._transport.aclose()

    async def _json(
        self,
        path: str,
        body: dict[str, Any],
        type_: type[T],
        *,
        kind: Kind,
        operation: str,
        client_report_id: str | None = None,
    ) -> T:
        return await self._transport.call(
            path,
            body,
            _json_decoder(type_, operation),
            kind=kind,
            operation=operation,
            client_report_id=client_report_id,
        )
