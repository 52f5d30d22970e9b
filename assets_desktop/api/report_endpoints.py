"""Asset report and audit copy endpoints (a part of PlaidClient).

`/asset_report/create` and `/refresh` are BILLED: never resent once they may have reached Plaid
(see `api.transport`); `client_report_id` is always set so an `OutcomeUnknownError` can name the
attempt. PDFs are bytes, checked for content type, `%PDF` and size.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from assets_desktop.api import redact
from assets_desktop.api.client_base import ClientBase
from assets_desktop.api.errors import MalformedResponseError, NotAPdfError, ResponseTooLargeError
from assets_desktop.api.models import (
    AuditCopyCreateResponse,
    RemovedResponse,
    ReportBytes,
    ReportCreated,
    ReportDownload,
)
from assets_desktop.api.transport import Kind, RawResponse
from assets_desktop.domain.report import NotAnAssetReportError, ReportUser, decode_report_response

if TYPE_CHECKING:
    from assets_desktop.api.polling import WebhookSource


class ReportEndpoints(ClientBase):
    """`/asset_report/*` and `/asset_report/audit_copy/*`."""

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

    async def asset_report_get_bytes(
        self, asset_report_token: str, *, include_insights: bool = False
    ) -> ReportBytes:
        """`/asset_report/get` without the typed decode: the bytes, checked only for shape.

        Raises RetryLater (PRODUCT_NOT_READY) while building, MalformedResponseError when the
        answer is not a JSON object holding a report. Decode later, off the event loop.
        """
        redact.register_secret(asset_report_token)
        body = {"asset_report_token": asset_report_token, "include_insights": include_insights}
        operation = "Downloading the asset report"

        def check(raw: RawResponse) -> ReportBytes:
            problem = report_shape_problem(raw.content)
            if problem:
                raise MalformedResponseError(
                    f"{operation} failed: the answer is not a Plaid Asset Report ({problem}). "
                    "Try again; if it persists, report it.",
                    operation=operation,
                )
            return ReportBytes(raw=raw.content, request_id=raw.request_id)

        return await self._transport.call(
            "/asset_report/get", body, check, kind=Kind.READ, operation=operation
        )

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

    async def wait_for_report(
        self,
        asset_report_token: str,
        *,
        asset_report_id: str | None = None,
        include_insights: bool = False,
        fast_report: bool = False,
        days_to_include: int | None = None,
        interval: float | None = None,
        timeout: float = 300.0,  # noqa: ASYNC109 - an overall budget ending in a typed error
        progress: Callable[[str, float], None] | None = None,
        webhooks: WebhookSource | None = None,
        audit_copy: bool = False,
    ) -> ReportDownload:
        """Poll until the report is built; see `api.polling.wait_for_report` for the rules."""
        from assets_desktop.api.polling import wait_for_report

        return await wait_for_report(
            self,
            asset_report_token,
            asset_report_id=asset_report_id,
            include_insights=include_insights,
            fast_report=fast_report,
            days_to_include=days_to_include,
            interval=interval,
            timeout=timeout,
            progress=progress,
            webhooks=webhooks,
            audit_copy=audit_copy,
        )

    async def wait_for_report_bytes(
        self,
        asset_report_token: str,
        *,
        asset_report_id: str | None = None,
        include_insights: bool = False,
        interval: float | None = None,
        timeout: float = 300.0,  # noqa: ASYNC109
        progress: Callable[[str, float], None] | None = None,
        webhooks: WebhookSource | None = None,
        poll: bool = True,
    ) -> ReportBytes:
        """Poll until built; the bytes only shape-checked (see `api.polling`)."""
        from assets_desktop.api.polling import wait_for_report_bytes

        return await wait_for_report_bytes(
            self,
            asset_report_token,
            asset_report_id=asset_report_id,
            include_insights=include_insights,
            interval=interval,
            timeout=timeout,
            progress=progress,
            webhooks=webhooks,
            poll=poll,
        )


def report_shape_problem(content: bytes) -> str:
    """Why `content` cannot be an `/asset_report/get` answer ('' when its shape is plausible).

    Cheap (no parse, a few ms for the largest report): a JSON object, complete at both ends,
    naming a report and its id. The full decode happens where the bytes are opened.
    """
    head, tail = content[:64].lstrip(), content[-64:].rstrip()
    if not head.startswith(b"{") or not tail.endswith(b"}"):
        return "not a complete JSON object"
    if b'"report"' not in content or b'"asset_report_id"' not in content:
        return "no report in it"
    return ""


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
