"""The async Plaid client: one typed method per endpoint the sandbox (and Plaid) serves.

One `PlaidClient` per environment, created once and kept for the app's lifetime (one long-lived
httpx.AsyncClient; `Plaid-Version: 2020-09-14`; keys in the body). Methods raise only the typed
errors of `api.errors`. Retry and duplicate-report rules are in `api.transport`:

- `/asset_report/create` and `/asset_report/refresh` are billed: they are retried only when the
  request provably never left (connect failure) or Plaid refused it with 429. If the request may
  have reached Plaid and the answer is lost, `OutcomeUnknownError` is raised with the
  `client_report_id` (always set: a UUID is generated when the caller gives none) and nothing is
  sent again. So a lost answer can never create a second, billed report behind the user's back.
- PDFs are billed per call in production: retried only when never sent or refused with 429.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import httpx
import msgspec

from assets_desktop.api import redact
from assets_desktop.api.errors import (
    MalformedResponseError,
    NotAPdfError,
    PlaidApiError,
    ResponseTooLargeError,
)
from assets_desktop.api.models import (
    AccountsGetResponse,
    AuditCopyCreateResponse,
    FireWebhookResponse,
    InstitutionResponse,
    ItemGetResponse,
    LinkTokenCreateResponse,
    LinkTokenGetResponse,
    PublicTokenCreateResponse,
    PublicTokenExchangeResponse,
    RemovedResponse,
    ReportCreated,
    ReportDownload,
    WebhookKey,
    WebhookKeyResponse,
)
from assets_desktop.api.transport import Kind as Kind
from assets_desktop.api.transport import RawResponse, RetryPolicy, Transport
from assets_desktop.domain.report import (
    NotAnAssetReportError,
    ReportUser,
    decode_report_response,
)

__all__ = ["PlaidApiError", "PlaidClient"]

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
            return decoder.decode(raw.content)
        except msgspec.DecodeError as error:
            raise MalformedResponseError(
                f"{operation} failed: Plaid's answer was not the JSON expected ({error}). "
                "Try again; if it persists, report it.",
                operation=operation,
            ) from error

    return decode


class PlaidClient:
    """One environment's client: base URL and keys; reuse one instance for the app's lifetime.

    Args:
        base_url: e.g. `https://sandbox.plaid.com` or the local sandbox's URL.
        client_id, secret: the environment's keys (registered with the log redactor).
        environment: `local`, `sandbox` or `production`; sets the polling floor.
        timeout: seconds per request (connect at most 10 s).
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
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        max_pdf_bytes: int = DEFAULT_MAX_PDF_BYTES,
    ) -> None:
        if environment not in ENVIRONMENTS:
            raise ValueError(f"environment must be one of {ENVIRONMENTS}, not {environment!r}")
        self.environment = environment
        self.max_pdf_bytes = max_pdf_bytes
        self._transport = Transport(
            base_url, client_id, secret, timeout=timeout, retry=retry, transport=transport
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

    # Items -------------------------------------------------------------------------------

    async def sandbox_public_token_create(
        self,
        institution_id: str,
        initial_products: Sequence[str] = ("assets",),
        *,
        webhook: str | None = None,
        username: str | None = None,
        password: str | None = None,
    ) -> PublicTokenCreateResponse:
        """`/sandbox/public_token/create`: a public token for a sandbox persona (sandbox only)."""
        options: dict[str, Any] = {}
        if webhook:
            options["webhook"] = webhook
        if username:
            options["override_username"] = username
        if password:
            options["override_password"] = password
        body: dict[str, Any] = {
            "institution_id": institution_id,
            "initial_products": list(initial_products),
        }
        if options:
            body["options"] = options
        result = await self._json(
            "/sandbox/public_token/create",
            body,
            PublicTokenCreateResponse,
            kind=Kind.READ,
            operation="Creating a sandbox bank connection",
        )
        redact.register_secret(result.public_token)
        return result

    async def item_public_token_exchange(self, public_token: str) -> PublicTokenExchangeResponse:
        """`/item/public_token/exchange`: the Item's access token (the public token is spent)."""
        redact.register_secret(public_token)
        result = await self._json(
            "/item/public_token/exchange",
            {"public_token": public_token},
            PublicTokenExchangeResponse,
            kind=Kind.WRITE,
            operation="Finishing the bank connection",
        )
        redact.register_secret(result.access_token)
        return result

    async def item_get(self, access_token: str) -> ItemGetResponse:
        """`/item/get`: the Item's institution, products, webhook and error."""
        redact.register_secret(access_token)
        return await self._json(
            "/item/get",
            {"access_token": access_token},
            ItemGetResponse,
            kind=Kind.READ,
            operation="Checking the bank connection",
        )

    async def item_remove(self, access_token: str, *, reason_code: str | None = None) -> None:
        """`/item/remove`: revoke the access token (existing reports stay)."""
        redact.register_secret(access_token)
        body: dict[str, Any] = {"access_token": access_token}
        if reason_code:
            body["reason_code"] = reason_code
        await self._json(
            "/item/remove",
            body,
            RemovedResponse,
            kind=Kind.WRITE,
            operation="Removing the bank connection",
        )

    async def accounts_get(self, access_token: str) -> AccountsGetResponse:
        """`/accounts/get`: the Item's accounts with cached balances."""
        redact.register_secret(access_token)
        return await self._json(
            "/accounts/get",
            {"access_token": access_token},
            AccountsGetResponse,
            kind=Kind.READ,
            operation="Reading the accounts",
        )

    async def institutions_get_by_id(
        self, institution_id: str, country_codes: Sequence[str] = ("US",)
    ) -> InstitutionResponse:
        """`/institutions/get_by_id`."""
        return await self._json(
            "/institutions/get_by_id",
            {"institution_id": institution_id, "country_codes": list(country_codes)},
            InstitutionResponse,
            kind=Kind.READ,
            operation="Looking up the institution",
        )

    async def institution_by_id(self, institution_id: str) -> dict[str, Any]:
        """`/institutions/get_by_id` for a US institution, as plain data (name, id, ...)."""
        result = await self.institutions_get_by_id(institution_id)
        return msgspec.to_builtins(result.institution)  # type: ignore[no-any-return]

    # Hosted Link -------------------------------------------------------------------------

    async def link_token_create(
        self,
        *,
        client_name: str,
        client_user_id: str,
        products: Sequence[str] = ("assets",),
        webhook: str | None = None,
        hosted_link: dict[str, Any] | None = None,
        access_token: str | None = None,
        language: str = "en",
        country_codes: Sequence[str] = ("US",),
    ) -> LinkTokenCreateResponse:
        """`/link/token/create`; pass `hosted_link={}` (or its options) for a Hosted Link URL."""
        body: dict[str, Any] = {
            "client_name": client_name,
            "language": language,
            "country_codes": list(country_codes),
            "user": {"client_user_id": client_user_id},
        }
        if access_token:
            redact.register_secret(access_token)
            body["access_token"] = access_token
        else:
            body["products"] = list(products)
        if webhook:
            body["webhook"] = webhook
        if hosted_link is not None:
            body["hosted_link"] = hosted_link
        result = await self._json(
            "/link/token/create",
            body,
            LinkTokenCreateResponse,
            kind=Kind.READ,
            operation="Creating a Hosted Link session",
        )
        redact.register_secret(result.link_token)
        return result

    async def link_token_get(self, link_token: str) -> LinkTokenGetResponse:
        """`/link/token/get`: the link token's sessions and their results."""
        return await self._json(
            "/link/token/get",
            {"link_token": link_token},
            LinkTokenGetResponse,
            kind=Kind.READ,
            operation="Checking the Hosted Link session",
        )

    # Asset reports -----------------------------------------------------------------------

    async def asset_report_create(
        self,
        access_tokens: Sequence[str],
        days_requested: int,
        *,
        client_report_id: str | None = None,
        webhook: str | None = None,
        user: ReportUser | None = None,
        add_ons: Sequence[str] = (),
        require_all_items: bool | None = None,
    ) -> ReportCreated:
        """`/asset_report/create` (BILLED): never resent once it may have reached Plaid.

        `client_report_id` defaults to a fresh UUID; an `OutcomeUnknownError` names it.
        """
        for token in access_tokens:
            redact.register_secret(token)
        report_id = client_report_id or str(uuid.uuid4())
        options = _report_options(report_id, webhook, user)
        if add_ons:
            options["add_ons"] = list(add_ons)
        if require_all_items is not None:
            options["require_all_items"] = require_all_items
        body = {
            "access_tokens": list(access_tokens),
            "days_requested": days_requested,
            "options": options,
        }
        return await self._created(
            "/asset_report/create", body, Kind.BILLED, "Creating the asset report", report_id
        )

    async def asset_report_refresh(
        self,
        asset_report_token: str,
        *,
        days_requested: int | None = None,
        client_report_id: str | None = None,
        webhook: str | None = None,
        user: ReportUser | None = None,
    ) -> ReportCreated:
        """`/asset_report/refresh` (BILLED): a new report with fresh data; same rules as create."""
        redact.register_secret(asset_report_token)
        report_id = client_report_id or str(uuid.uuid4())
        body: dict[str, Any] = {
            "asset_report_token": asset_report_token,
            "options": _report_options(report_id, webhook, user),
        }
        if days_requested is not None:
            body["days_requested"] = days_requested
        return await self._created(
            "/asset_report/refresh", body, Kind.BILLED, "Refreshing the asset report", report_id
        )

    async def asset_report_filter(
        self, asset_report_token: str, account_ids_to_exclude: Sequence[str]
    ) -> ReportCreated:
        """`/asset_report/filter`: a new report without some accounts (not billed)."""
        redact.register_secret(asset_report_token)
        body = {
            "asset_report_token": asset_report_token,
            "account_ids_to_exclude": list(account_ids_to_exclude),
        }
        return await self._created(
            "/asset_report/filter", body, Kind.WRITE, "Filtering the asset report", None
        )

    async def _created(
        self,
        path: str,
        body: dict[str, Any],
        kind: Kind,
        operation: str,
        client_report_id: str | None,
    ) -> ReportCreated:
        result = await self._json(
            path,
            body,
            ReportCreated,
            kind=kind,
            operation=operation,
            client_report_id=client_report_id,
        )
        redact.register_secret(result.asset_report_token)
        return result

    async def asset_report_get(
        self,
        asset_report_token: str,
        *,
        include_insights: bool = False,
        fast_report: bool = False,
        days_to_include: int | None = None,
    ) -> ReportDownload:
        """`/asset_report/get`: the decoded report AND its bytes exactly as received.

        Raises RetryLater (error_code PRODUCT_NOT_READY) while the report is being built.
        """
        redact.register_secret(asset_report_token)
        body: dict[str, Any] = {
            "asset_report_token": asset_report_token,
            "include_insights": include_insights,
        }
        if fast_report:
            body["fast_report"] = True
        if days_to_include is not None:
            body["options"] = {"days_to_include": days_to_include}
        return await self._report("/asset_report/get", body, "Downloading the asset report")

    async def asset_report_pdf_get(
        self, asset_report_token: str, *, days_to_include: int | None = None
    ) -> bytes:
        """`/asset_report/pdf/get`: the PDF bytes (content type and `%PDF` checked, size capped)."""
        redact.register_secret(asset_report_token)
        body: dict[str, Any] = {"asset_report_token": asset_report_token}
        if days_to_include is not None:
            body["options"] = {"days_to_include": days_to_include}
        return await self._pdf("/asset_report/pdf/get", body, "Downloading the report PDF")

    async def asset_report_remove(self, asset_report_token: str) -> bool:
        """`/asset_report/remove`: delete the report at Plaid (and every audit copy of it)."""
        redact.register_secret(asset_report_token)
        result = await self._json(
            "/asset_report/remove",
            {"asset_report_token": asset_report_token},
            RemovedResponse,
            kind=Kind.WRITE,
            operation="Removing the asset report",
        )
        return bool(result.removed)

    # Audit copies ------------------------------------------------------------------------

    async def audit_copy_create(self, asset_report_token: str, auditor_id: str) -> str:
        """`/asset_report/audit_copy/create`: the audit copy token for `auditor_id`."""
        redact.register_secret(asset_report_token)
        result = await self._json(
            "/asset_report/audit_copy/create",
            {"asset_report_token": asset_report_token, "auditor_id": auditor_id},
            AuditCopyCreateResponse,
            kind=Kind.WRITE,
            operation="Creating the audit copy",
        )
        redact.register_secret(result.audit_copy_token)
        return result.audit_copy_token

    async def audit_copy_get(self, audit_copy_token: str) -> ReportDownload:
        """`/asset_report/audit_copy/get`: the report as the auditor sees it, with raw bytes."""
        redact.register_secret(audit_copy_token)
        return await self._report(
            "/asset_report/audit_copy/get",
            {"audit_copy_token": audit_copy_token},
            "Downloading the audit copy",
        )

    async def audit_copy_pdf_get(
        self, audit_copy_token: str, *, days_to_include: int | None = None
    ) -> bytes:
        """`/asset_report/audit_copy/pdf/get`: the audit copy's PDF bytes."""
        redact.register_secret(audit_copy_token)
        body: dict[str, Any] = {"audit_copy_token": audit_copy_token}
        if days_to_include is not None:
            body["options"] = {"days_to_include": days_to_include}
        return await self._pdf(
            "/asset_report/audit_copy/pdf/get", body, "Downloading the audit copy PDF"
        )

    async def audit_copy_remove(self, audit_copy_token: str) -> bool:
        """`/asset_report/audit_copy/remove`: revoke one audit copy."""
        redact.register_secret(audit_copy_token)
        result = await self._json(
            "/asset_report/audit_copy/remove",
            {"audit_copy_token": audit_copy_token},
            RemovedResponse,
            kind=Kind.WRITE,
            operation="Removing the audit copy",
        )
        return bool(result.removed)

    # Webhooks ----------------------------------------------------------------------------

    async def webhook_verification_key_get(self, key_id: str) -> WebhookKey:
        """`/webhook_verification_key/get`: the JWK that signs webhooks with this `kid`."""
        result = await self._json(
            "/webhook_verification_key/get",
            {"key_id": key_id},
            WebhookKeyResponse,
            kind=Kind.READ,
            operation="Fetching the webhook verification key",
        )
        return result.key

    async def sandbox_item_fire_webhook(
        self, access_token: str, webhook_code: str, webhook_type: str = "ASSETS"
    ) -> bool:
        """`/sandbox/item/fire_webhook`: make the sandbox send a webhook to the Item's URL."""
        redact.register_secret(access_token)
        result = await self._json(
            "/sandbox/item/fire_webhook",
            {
                "access_token": access_token,
                "webhook_code": webhook_code,
                "webhook_type": webhook_type,
            },
            FireWebhookResponse,
            kind=Kind.WRITE,
            operation="Firing a sandbox webhook",
        )
        return result.webhook_fired

    # Helpers -----------------------------------------------------------------------------

    async def _report(self, path: str, body: dict[str, Any], operation: str) -> ReportDownload:
        def decode(raw: RawResponse) -> ReportDownload:
            try:
                response = decode_report_response(raw.content)
            except NotAnAssetReportError as error:
                raise MalformedResponseError(
                    f"{operation} failed: {error}. Try again; if it persists, report it.",
                    operation=operation,
                ) from error
            return ReportDownload(
                response=response,
                raw=raw.content,
                request_id=response.request_id or raw.request_id,
            )

        return await self._transport.call(path, body, decode, kind=Kind.READ, operation=operation)

    async def _pdf(self, path: str, body: dict[str, Any], operation: str) -> bytes:
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
            return await self._transport.call(
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

    async def wait_for_report(self, *args: Any, **kwargs: Any) -> ReportDownload:
        """`api.polling.wait_for_report` with this client (see it for arguments)."""
        from assets_desktop.api.polling import wait_for_report

        return await wait_for_report(self, *args, **kwargs)


def _report_options(
    client_report_id: str, webhook: str | None, user: ReportUser | None
) -> dict[str, Any]:
    options: dict[str, Any] = {"client_report_id": client_report_id}
    if webhook:
        options["webhook"] = webhook
    if user is not None:
        redact.register_secret(user.ssn)
        fields = {k: v for k, v in msgspec.structs.asdict(user).items() if v is not None}
        if fields:
            options["user"] = fields
    return options
