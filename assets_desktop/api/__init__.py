"""The async Plaid client over one long-lived httpx.AsyncClient. No Qt.

- `client.PlaidClient`: resource objects (`client.reports`, `client.items`, …), one typed
  method per endpoint; `polling.wait_for_report` waits until a report is built.
- `errors`: RetryLater / UserActionRequired / PlaidBug and the transport errors.
- `transport`: the retry rules (billed creates are never resent blindly).
- `webhook_verify.WebhookVerifier`, `webhook_receiver.WebhookReceiver`: verified webhooks.
- `redact`: keeps secrets out of logs.
"""

from assets_desktop.api.client import PlaidClient
from assets_desktop.api.errors import (
    MalformedResponseError,
    NotAPdfError,
    OutcomeUnknownError,
    PlaidApiError,
    PlaidBug,
    PlaidConnectionError,
    PlaidError,
    PlaidTimeoutError,
    PlaidTransportError,
    ReportGenerationFailed,
    ReportWaitTimeoutError,
    RetryLater,
    UserActionRequired,
)
from assets_desktop.api.transport import RetryPolicy

__all__ = [
    "MalformedResponseError",
    "NotAPdfError",
    "OutcomeUnknownError",
    "PlaidApiError",
    "PlaidBug",
    "PlaidClient",
    "PlaidConnectionError",
    "PlaidError",
    "PlaidTimeoutError",
    "PlaidTransportError",
    "ReportGenerationFailed",
    "ReportWaitTimeoutError",
    "RetryLater",
    "RetryPolicy",
    "UserActionRequired",
]
