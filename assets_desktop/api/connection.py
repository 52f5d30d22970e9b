"""What every resource of a `PlaidClient` shares: the environment, its transport, and the three
ways Plaid answers (typed JSON, an Asset Report with its bytes, a PDF)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypedDict, TypeVar

import httpx
import msgspec

from assets_desktop.api import redact
from assets_desktop.api.errors import MalformedResponseError, NotAPdfError, ResponseTooLargeError
from assets_desktop.api.models import RemovedResponse, ReportDownload
from assets_desktop.api.transport import Kind, RawResponse, RetryPolicy, Transport
from assets_desktop.domain.json_input import decode_untrusted
from assets_desktop.domain.report import NotAnAssetReportError, decode_report_response
from assets_desktop.domain.vocabulary import PlaidEnvironment

T = TypeVar("T")

# Plaid allows 15 /asset_report/get per minute per report in production: never poll faster.
PRODUCTION_MIN_POLL_INTERVAL = 4.0
DEFAULT_POLL_INTERVAL = {
    PlaidEnvironment.LOCAL: 0.25,
    PlaidEnvironment.SANDBOX: 1.0,
    PlaidEnvironment.PRODUCTION: 5.0,
}
DEFAULT_MAX_PDF_BYTES = 100 * 1024 * 1024


class ConnectionOptions(TypedDict, total=False):
    """The optional arguments of `PlaidConnection` (and so of `PlaidClient`)."""

    environment: str
    timeout: float
    deadline: float | None
    retry: RetryPolicy | None
    transport: httpx.AsyncBaseTransport | None
    max_pdf_bytes: int


class PlaidConnection:
    """One environment's transport and rules, shared by the client's resources.

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
        environment: str = PlaidEnvironment.LOCAL,
        timeout: float = 30.0,
        deadline: float | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        max_pdf_bytes: int = DEFAULT_MAX_PDF_BYTES,
    ) -> None:
        try:
            self.environment = PlaidEnvironment(environment)
        except ValueError:
            names = ", ".join(PlaidEnvironment)
            raise ValueError(f"environment must be one of {names}, not {environment!r}") from None
        self.max_pdf_bytes = max_pdf_bytes
        self.transport = Transport(
            base_url,
            client_id,
            secret,
            timeout=timeout,
            deadline=deadline,
            retry=retry,
            transport=transport,
        )

    @property
    def min_poll_interval(self) -> float:
        """The fastest `/asset_report/get` polling allowed here (4 s in production)."""
        production = self.environment is PlaidEnvironment.PRODUCTION
        return PRODUCTION_MIN_POLL_INTERVAL if production else 0.0

    @property
    def default_poll_interval(self) -> float:
        """The polling interval used when the caller names none."""
        return DEFAULT_POLL_INTERVAL[self.environment]

    async def json(
        self,
        path: str,
        body: dict[str, Any],
        type_: type[T],
        *,
        kind: Kind,
        operation: str,
        client_report_id: str | None = None,
    ) -> T:
        """POST `body` to `path`; the answer decoded as `type_` (MalformedResponseError if not),
        its tokens registered as secrets."""
        return await self.transport.call(
            path,
            body,
            _json_decoder(type_, operation),
            kind=kind,
            operation=operation,
            client_report_id=client_report_id,
        )

    async def read(self, path: str, body: dict[str, Any], type_: type[T], operation: str) -> T:
        """A read, repeated on failure as `api.transport` allows for reads."""
        return await self.json(path, body, type_, kind=Kind.READ, operation=operation)

    async def write(self, path: str, body: dict[str, Any], type_: type[T], operation: str) -> T:
        """A write, never repeated once it may have reached Plaid."""
        return await self.json(path, body, type_, kind=Kind.WRITE, operation=operation)

    async def remove(self, path: str, body: dict[str, Any], operation: str) -> bool:
        """A `/…/remove` (a write): whether Plaid says it removed the thing."""
        return bool((await self.write(path, body, RemovedResponse, operation)).removed)

    async def report(self, path: str, body: dict[str, Any], operation: str) -> ReportDownload:
        """An Asset Report answer (a read): decoded, with its bytes exactly as received."""

        def decode(raw: RawResponse) -> ReportDownload:
            try:
                response = decode_report_response(raw.content)
            except NotAnAssetReportError as error:
                raise MalformedResponseError(
                    f"{operation} failed: {error}. Try again; if it persists, report it.",
                    operation=operation,
                ) from error
            return ReportDownload(
                response=response, raw=raw.content, request_id=response.request_id or raw.request_id
            )

        return await self.transport.call(path, body, decode, kind=Kind.READ, operation=operation)

    async def pdf(self, path: str, body: dict[str, Any], operation: str) -> bytes:
        """A PDF (billed per call): content type and `%PDF` checked, size capped."""

        def check(raw: RawResponse) -> bytes:
            media = raw.content_type.split(";")[0].strip().lower()
            if media != "application/pdf" or not raw.content.startswith(b"%PDF"):
                start = "starts with %PDF" if raw.content.startswith(b"%PDF") else "is not a PDF"
                raise NotAPdfError(
                    f"{operation} failed: Plaid answered with {media or 'no content type'} "
                    f"({len(raw.content):,} bytes that {start}) instead of a PDF. The report "
                    "itself is unaffected; try the PDF again later.",
                    operation=operation,
                )
            return raw.content

        try:
            return await self.transport.call(
                path,
                body,
                check,
                kind=Kind.BILLED_READ,
                operation=operation,
                max_bytes=self.max_pdf_bytes,
            )
        except ResponseTooLargeError as error:
            raise NotAPdfError(
                f"{operation} failed: the PDF is larger than {self.max_pdf_bytes:,} bytes, "
                "the most this app accepts. Open the report's JSON view instead.",
                operation=operation,
            ) from error


def _json_decoder(type_: type[T], operation: str) -> Callable[[RawResponse], T]:
    decoder = msgspec.json.Decoder(type_)

    def decode(raw: RawResponse) -> T:
        try:
            result = decode_untrusted(raw.content, decoder)
        except msgspec.DecodeError as error:
            raise MalformedResponseError(
                f"{operation} failed: Plaid's answer was not the JSON expected ({error}). "
                "Try again; if it persists, report it.",
                operation=operation,
            ) from error
        if isinstance(result, msgspec.Struct):
            redact.register_tokens(msgspec.structs.asdict(result))
        return result

    return decode


def non_empty(**fields: Any) -> dict[str, Any]:
    """The optional text and list fields of a request that were given (None, '' and empty
    lists are left out, as Plaid wants an absent field rather than an empty one)."""
    return {name: value for name, value in fields.items() if value}


class Endpoints:
    """A group of Plaid endpoints (`client.items`, `client.reports`, …) on one connection."""

    def __init__(self, connection: PlaidConnection) -> None:
        self.connection = connection
