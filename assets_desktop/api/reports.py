"""Asset reports and audit copies: `client.reports` and `client.audit_copies`.

`/asset_report/create` and `/refresh` are BILLED: never resent once they may have reached Plaid
(see `api.transport`); `client_report_id` is always set so an `OutcomeUnknownError` can name the
attempt. PDFs are bytes, checked for content type, `%PDF` and size.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, ClassVar

import msgspec

from assets_desktop.api import redact
from assets_desktop.api.connection import Endpoints, non_empty
from assets_desktop.api.errors import MalformedResponseError
from assets_desktop.api.models import (
    AuditCopyCreateResponse,
    ReportBytes,
    ReportCreated,
    ReportDownload,
)
from assets_desktop.api.transport import Kind, RawResponse
from assets_desktop.domain.report import ReportUser


class _ByToken(Endpoints):
    """What a report and its audit copies share: a PDF and a removal, each by its token
    (`{prefix}/pdf/get`, `{prefix}/remove`)."""

    prefix: ClassVar[str]
    token_field: ClassVar[str]
    noun: ClassVar[str]

    async def pdf(self, token: str, *, days_to_include: int | None = None) -> bytes:
        """The PDF bytes (content type and `%PDF` checked, size capped); `days_to_include`
        shortens its transaction history."""
        body: dict[str, Any] = {self.token_field: token}
        _add_days_to_include(body, days_to_include)
        operation = f"Downloading the {self.noun} PDF"
        return await self.connection.pdf(f"{self.prefix}/pdf/get", body, operation)

    async def remove(self, token: str) -> bool:
        """Remove it at Plaid: a report goes with every audit copy of it; an audit copy is
        revoked alone."""
        body = {self.token_field: token}
        return await self.connection.remove(
            f"{self.prefix}/remove", body, f"Removing the {self.noun}"
        )


class Reports(_ByToken):
    """`/asset_report/create`, `/refresh`, `/filter`, `/get`, `/pdf/get` and `/remove`."""

    prefix, token_field, noun = "/asset_report", "asset_report_token", "asset report"

    async def create(
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

    async def refresh(
        self,
        asset_report_token: str,
        *,
        days_requested: int | None = None,
        client_report_id: str | None = None,
        webhook: str | None = None,
        user: ReportUser | None = None,
    ) -> ReportCreated:
        """`/asset_report/refresh` (BILLED): a new report with fresh data; same rules as create."""
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

    async def filter(
        self, asset_report_token: str, account_ids_to_exclude: Sequence[str]
    ) -> ReportCreated:
        """`/asset_report/filter`: a new report without some accounts (not billed)."""
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
        return await self.connection.json(
            path,
            body,
            ReportCreated,
            kind=kind,
            operation=operation,
            client_report_id=client_report_id,
        )

    async def get(
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
        body: dict[str, Any] = {
            "asset_report_token": asset_report_token,
            "include_insights": include_insights,
        }
        if fast_report:
            body["fast_report"] = True
        _add_days_to_include(body, days_to_include)
        return await self.connection.report(
            "/asset_report/get", body, "Downloading the asset report"
        )

    async def get_bytes(
        self, asset_report_token: str, *, include_insights: bool = False
    ) -> ReportBytes:
        """`/asset_report/get` without the typed decode: the bytes, checked only for shape.

        Raises RetryLater (PRODUCT_NOT_READY) while building, MalformedResponseError when the
        answer is not a JSON object holding a report. Decode later, off the event loop.
        """
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

        return await self.connection.transport.call(
            "/asset_report/get", body, check, kind=Kind.READ, operation=operation
        )


class AuditCopies(_ByToken):
    """`/asset_report/audit_copy/create`, `/get`, `/pdf/get` and `/remove`."""

    prefix, token_field, noun = "/asset_report/audit_copy", "audit_copy_token", "audit copy"

    async def create(self, asset_report_token: str, auditor_id: str) -> str:
        """The audit copy token of the report for `auditor_id`."""
        result = await self.connection.write(
            "/asset_report/audit_copy/create",
            {"asset_report_token": asset_report_token, "auditor_id": auditor_id},
            AuditCopyCreateResponse,
            "Creating the audit copy",
        )
        return result.audit_copy_token

    async def get(self, audit_copy_token: str) -> ReportDownload:
        """The report as the auditor sees it, with its raw bytes."""
        return await self.connection.report(
            "/asset_report/audit_copy/get",
            {"audit_copy_token": audit_copy_token},
            "Downloading the audit copy",
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
    options = {"client_report_id": client_report_id, **non_empty(webhook=webhook)}
    if user is not None:
        redact.register_secret(user.ssn)
        fields = {k: v for k, v in msgspec.structs.asdict(user).items() if v is not None}
        if fields:
            options["user"] = fields
    return options


def _add_days_to_include(body: dict[str, Any], days_to_include: int | None) -> None:
    if days_to_include is not None:
        body["options"] = {"days_to_include": days_to_include}
