"""Typed errors of the Plaid client, mapped once from Plaid's error body or the transport.

```
PlaidError                      every failure the client raises; `user_message` is shown as is
├── PlaidApiError               Plaid answered with its error object (status, error_type, ...)
│   ├── RetryLater              429, 5xx, PRODUCT_NOT_READY, INSTITUTION_DOWN, ...
│   ├── UserActionRequired      bad keys, ITEM_LOGIN_REQUIRED, a removed token, ...
│   │   └── ReportGenerationFailed   the report could not be built (get, or an ERROR webhook)
│   └── PlaidBug                the request itself was wrong (INVALID_FIELD, UNKNOWN_FIELDS, ...)
└── PlaidTransportError         no usable answer
    ├── PlaidConnectionError    could not connect, or the connection was lost (a read)
    ├── PlaidTimeoutError       no answer within the timeout (a read)
    ├── MalformedResponseError  an answer that is not the JSON Plaid sends
    ├── OutcomeUnknownError     a write was sent but its answer was lost: NOT retried
    ├── NotAPdfError            the PDF endpoint sent something else
    └── ReportWaitTimeoutError       the report was still not ready when the wait ended
```

Callers key off the class (retry later / ask the user / report a bug), never the HTTP status.
Messages never contain secrets: tokens are not echoed and Plaid's messages pass the redactor.
"""

from __future__ import annotations

from typing import Any, TypedDict, Unpack

from assets_desktop.api.redact import redact
from assets_desktop.domain.errors import AppError

RETRY_LATER_CODES = frozenset(
    {
        "PRODUCT_NOT_READY",
        "INSTITUTION_DOWN",
        "INSTITUTION_NOT_RESPONDING",
        "INSTITUTION_NOT_AVAILABLE",
        "INTERNAL_SERVER_ERROR",
        "PLANNED_MAINTENANCE",
        "RATE_LIMIT",
        "DATA_QUALITY_CHECK_FAILED",
    }
)
#: The Assets product's error types: ASSET_REPORT_ERROR, and ASSETS_ERROR (schema 1.778.0).
ASSETS_ERROR_TYPES = frozenset({"ASSET_REPORT_ERROR", "ASSETS_ERROR"})
GENERATION_FAILED_CODES = frozenset(
    {"ASSET_REPORT_GENERATION_FAILED", "DATA_UNAVAILABLE", "PRODUCT_NOT_ENABLED"}
)
BUG_CODES = frozenset(
    {
        "INVALID_FIELD",
        "UNKNOWN_FIELDS",
        "MISSING_FIELDS",
        "INVALID_BODY",
        "INVALID_HEADERS",
        "INVALID_CONFIGURATION",
        "INCOMPATIBLE_API_VERSION",
        "NOT_FOUND",
        "NO_LONGER_AVAILABLE",
        "SANDBOX_WEBHOOK_INVALID",
        "SANDBOX_PRODUCT_NOT_ENABLED",
        "INVALID_WEBHOOK_VERIFICATION_KEY_ID",
    }
)

# What the user should read and do, by error_code: (why, what to do).
_ADVICE: dict[str, tuple[str, str]] = {
    "INVALID_API_KEYS": (
        "Plaid did not accept the client_id and secret of this environment.",
        "Check the keys in Settings (they differ between Sandbox and Production).",
    ),
    "ITEM_LOGIN_REQUIRED": (
        "the bank needs the borrower to sign in again.",
        "Send the borrower a new Hosted Link in update mode, then try again.",
    ),
    "INVALID_CREDENTIALS": (
        "the bank username or password was wrong.",
        "Ask the borrower to link the bank again with the right credentials.",
    ),
    "INVALID_MFA": (
        "the bank's security answer or code was wrong.",
        "Ask the borrower to link the bank again.",
    ),
    "ITEM_LOCKED": (
        "the bank locked the account after too many attempts.",
        "The borrower must unlock it with the bank, then link it again.",
    ),
    "INVALID_ACCESS_TOKEN": (
        "Plaid does not know this bank connection in this environment (removed, or another "
        "environment).",
        "Remove the Item here and add it again.",
    ),
    "INVALID_PUBLIC_TOKEN": (
        "the link result expired (30 minutes) or was already used.",
        "Add the Item again.",
    ),
    "INVALID_LINK_TOKEN": (
        "the link session expired or belongs to another environment.",
        "Start a new Hosted Link session.",
    ),
    "INVALID_ASSET_REPORT_TOKEN": (
        "Plaid no longer has this report (it was removed, or belongs to another environment).",
        "Open the copy kept in the library, or create a new report.",
    ),
    "INVALID_AUDIT_COPY_TOKEN": (
        "the audit copy was removed, or its report was removed.",
        "Create a new audit copy from a current report.",
    ),
    "INVALID_PARENT": (
        "the original report never finished or was removed.",
        "Create a new report instead.",
    ),
    "INVALID_INSTITUTION": ("Plaid does not know this institution.", "Pick another institution."),
    "PRODUCT_NOT_ENABLED": (
        "a bank connection was not set up for Assets, or its consent was withdrawn.",
        "Add the Item again with the Assets product.",
    ),
    "DATA_UNAVAILABLE": (
        "a bank could not provide its data.",
        "Check each Item's status (one may need the borrower to sign in again), then retry.",
    ),
    "ASSET_REPORT_GENERATION_FAILED": (
        "Plaid could not build the report (a temporary failure, or more than 15,000 transactions).",
        "Try again; if it fails again, ask for fewer days.",
    ),
    "INSIGHTS_NOT_ENABLED": (
        "this Plaid account is not enabled for Asset Report Insights.",
        "Open the report without insights, or ask Plaid to enable them.",
    ),
    "PRODUCT_NOT_READY": (
        "Plaid is still building it.",
        "Wait a little and try again.",
    ),
    "RATE_LIMIT_EXCEEDED": (
        "Plaid's rate limit was reached.",
        "Wait a minute and try again.",
    ),
    "INTERNAL_SERVER_ERROR": (
        "Plaid had an internal error.",
        "Try again in a few minutes.",
    ),
    "PLANNED_MAINTENANCE": (
        "Plaid is down for planned maintenance.",
        "Try again later.",
    ),
    "INSTITUTION_DOWN": (
        "the bank is not answering Plaid right now.",
        "Try again later.",
    ),
    "INSTITUTION_NOT_RESPONDING": (
        "the bank is not answering Plaid right now.",
        "Try again later.",
    ),
    "INSTITUTION_NO_LONGER_SUPPORTED": (
        "Plaid no longer supports this bank.",
        "Ask the borrower for statements from this bank, or link another bank.",
    ),
    "UNAUTHORIZED_ENVIRONMENT": (
        "these keys are not allowed in this environment.",
        "Use keys for this environment, or ask Plaid for access.",
    ),
}


class PlaidError(AppError):
    """Any failure of a Plaid call; `user_message` says what failed, why and what to do."""

    retryable = False

    def __init__(self, user_message: str, *, operation: str = "The Plaid request") -> None:
        self.operation = operation
        super().__init__(redact(user_message))


class PlaidApiError(PlaidError):
    """Plaid answered with its error object.

    Attributes: `status`, `error_type`, `error_code`, `error_message`, `display_message`,
    `request_id` (body, else the `Plaid-Request-ID` header), `causes` (raw dicts),
    `retry_after` (the answer's `Retry-After` seconds, if any).
    """

    def __init__(
        self,
        status: int,
        body: dict[str, Any],
        *,
        operation: str = "The Plaid request",
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.status = status
        self.retry_after = retry_after
        self.error_type = str(body.get("error_type") or "API_ERROR")
        self.error_code = str(body.get("error_code") or "UNKNOWN")
        message = body.get("error_message")
        self.error_message = redact(str(message)) if message else None
        display = body.get("display_message")
        self.display_message = str(display) if display else None
        self.request_id = str(body.get("request_id") or request_id or "") or None
        raw_causes = body.get("causes")
        self.causes: list[dict[str, Any]] = [
            c for c in (raw_causes if isinstance(raw_causes, list) else []) if isinstance(c, dict)
        ]
        super().__init__(self._compose(operation), operation=operation)

    def _compose(self, operation: str) -> str:
        why, todo = _ADVICE.get(self.error_code, (None, None))
        if why is None:
            why = self.display_message or self.error_message or f"Plaid said {self.error_code}."
            todo = self._default_todo()
        text = f"{operation} failed: {why} {todo}"
        cause_codes = sorted({str(c.get("error_code")) for c in self.causes if c.get("error_code")})
        if cause_codes:
            text += f" (per-Item causes: {', '.join(cause_codes)})"
        reference = f"{self.error_type}/{self.error_code}"
        if self.request_id:
            reference += f", request {self.request_id}"
        return f"{text} [{reference}]"

    def _default_todo(self) -> str:
        return "If it happens again, contact support with the reference below."


class RetryLater(PlaidApiError):  # noqa: N818 - the name says what to do
    """Temporary: rate limits, Plaid or bank outages, a report still being built."""

    retryable = True

    def _default_todo(self) -> str:
        return "Try again in a few minutes."


class UserActionRequired(PlaidApiError):  # noqa: N818 - the name says what to do
    """The user must fix something (keys, a bank login, a removed token); see `user_message`."""

    def _default_todo(self) -> str:
        return "Fix the problem described, then try again."


class ReportGenerationFailed(UserActionRequired):
    """Plaid could not build the report (from `/asset_report/get` or an ASSETS ERROR webhook)."""


class PlaidBug(PlaidApiError):  # noqa: N818 - the name says what to do
    """The request was wrong: a bug in this app (or a Plaid API change). Report it."""

    known = False

    def _default_todo(self) -> str:
        return "This is a bug in Assets Desktop: please report it with the reference below."


class ErrorContext(TypedDict, total=False):
    """The optional arguments of `PlaidApiError` (and so of `error_from_body`)."""

    operation: str
    request_id: str | None
    retry_after: float | None


def error_from_body(
    status: int, body: dict[str, Any], **context: Unpack[ErrorContext]
) -> PlaidApiError:
    """The typed error for a Plaid error object and its HTTP status."""
    kind = _error_class(
        status, str(body.get("error_type") or ""), str(body.get("error_code") or "")
    )
    return kind(status, body, **context)


def _error_class(status: int, error_type: str, code: str) -> type[PlaidApiError]:
    if (
        status == 429
        or status >= 500
        or (
            error_type in {"RATE_LIMIT_EXCEEDED", "API_ERROR", "INSTITUTION_ERROR"}
            and code != "INSTITUTION_NO_LONGER_SUPPORTED"
        )
        or code in RETRY_LATER_CODES
    ):
        return RetryLater
    if code in GENERATION_FAILED_CODES and error_type in ASSETS_ERROR_TYPES:
        return ReportGenerationFailed
    if code in BUG_CODES or error_type == "INVALID_REQUEST":
        return PlaidBug
    if error_type in {"ITEM_ERROR", "INVALID_INPUT", *ASSETS_ERROR_TYPES} or code in _ADVICE:
        return UserActionRequired
    return PlaidBug


class PlaidTransportError(PlaidError):
    """No usable answer from Plaid."""


class PlaidConnectionError(PlaidTransportError):
    """Could not connect, or the connection was lost on a read (retries exhausted)."""

    retryable = True


class PlaidTimeoutError(PlaidTransportError):
    """No answer within the timeout (retries exhausted)."""

    retryable = True


class MalformedResponseError(PlaidTransportError):
    """Plaid's answer was not the JSON it should be (truncated, HTML from a proxy, ...)."""


class ResponseTooLargeError(MalformedResponseError):
    """The answer was larger than the size cap, so it was not read."""


class OutcomeUnknownError(PlaidTransportError):
    """A write reached Plaid but its answer was lost; it was NOT retried.

    For `/asset_report/create` and `/refresh` the report may or may not exist (and be billed).
    `client_report_id` names the attempt so the user can look for it before trying again.
    """

    def __init__(
        self, user_message: str, *, operation: str, client_report_id: str | None = None
    ) -> None:
        self.client_report_id = client_report_id
        super().__init__(user_message, operation=operation)


class NotAPdfError(PlaidTransportError):
    """The PDF endpoint answered 200 with something that is not a PDF, or a PDF too large."""


class ReportWaitTimeoutError(PlaidTransportError):
    """The report was still not ready when the wait's overall timeout ended."""

    retryable = True
