"""Typed responses of the non-report endpoints (msgspec; unknown fields ignored, nullables None).

The report itself (`/asset_report/get`, `/audit_copy/get`) is `domain.report.AssetReportResponse`.
"""

from __future__ import annotations

from typing import Any

import msgspec

from assets_desktop.domain.report import AssetReportResponse, LinkedAccount, PlaidErrorBody


class _Response(msgspec.Struct, frozen=True, kw_only=True):
    request_id: str | None = None


class PublicTokenCreateResponse(_Response, frozen=True, kw_only=True):
    public_token: str


class PublicTokenExchangeResponse(_Response, frozen=True, kw_only=True):
    access_token: str
    item_id: str


class ItemInfo(msgspec.Struct, frozen=True, kw_only=True):
    """`item` of `/item/get`."""

    item_id: str
    institution_id: str | None = None
    institution_name: str | None = None
    webhook: str | None = None
    error: PlaidErrorBody | None = None
    available_products: tuple[str, ...] = ()
    billed_products: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    consented_products: tuple[str, ...] = ()
    consent_expiration_time: str | None = None
    update_type: str | None = None
    created_at: str | None = None
    paired_item_id: str | None = None  # schema 1.778.0


class ItemGetResponse(_Response, frozen=True, kw_only=True):
    item: ItemInfo
    status: dict[str, Any] | None = None


class RemovedResponse(_Response, frozen=True, kw_only=True):
    """`/item/remove` (only request_id in 2020-09-14) and the report/audit-copy removes."""

    removed: bool | None = None


class Institution(msgspec.Struct, frozen=True, kw_only=True):
    institution_id: str
    name: str
    products: tuple[str, ...] = ()
    country_codes: tuple[str, ...] = ()
    routing_numbers: tuple[str, ...] = ()
    oauth: bool = False
    connection_availability: str | None = None  # SUPPORTED | NOT_SUPPORTED (schema 1.778.0)
    url: str | None = None
    primary_color: str | None = None
    logo: str | None = None


class InstitutionResponse(_Response, frozen=True, kw_only=True):
    institution: Institution


class AccountsGetResponse(_Response, frozen=True, kw_only=True):
    """`/accounts/get` (its accounts are the report's vocabulary, without the history)."""

    accounts: tuple[LinkedAccount, ...] = ()
    item: ItemInfo | None = None


class LinkTokenCreateResponse(_Response, frozen=True, kw_only=True):
    link_token: str
    expiration: str | None = None
    hosted_link_url: str | None = None


class LinkInstitution(msgspec.Struct, frozen=True, kw_only=True):
    name: str | None = None
    institution_id: str | None = None


class ItemAddResult(msgspec.Struct, frozen=True, kw_only=True):
    public_token: str
    institution: LinkInstitution | None = None
    accounts: tuple[dict[str, Any], ...] = ()


class LinkSessionResults(msgspec.Struct, frozen=True, kw_only=True):
    item_add_results: tuple[ItemAddResult, ...] = ()


class LinkSessionExit(msgspec.Struct, frozen=True, kw_only=True):
    """The deprecated `on_exit` of a link session (the only sign of an exited session)."""

    error: PlaidErrorBody | None = None


class LinkSession(msgspec.Struct, frozen=True, kw_only=True):
    link_session_id: str
    started_at: str | None = None
    finished_at: str | None = None
    results: LinkSessionResults | None = None
    on_exit: LinkSessionExit | None = None


class LinkTokenGetResponse(_Response, frozen=True, kw_only=True):
    link_token: str
    created_at: str | None = None
    expiration: str | None = None
    link_sessions: tuple[LinkSession, ...] = ()


class ReportCreated(_Response, frozen=True, kw_only=True):
    """`/asset_report/create`, `/refresh` and `/filter`: a new report's id and token."""

    asset_report_token: str
    asset_report_id: str


class AuditCopyCreateResponse(_Response, frozen=True, kw_only=True):
    """`/asset_report/audit_copy/create` and `/credit/audit_copy_token/create`."""

    audit_copy_token: str


class UpdatedResponse(_Response, frozen=True, kw_only=True):
    """`/credit/audit_copy_token/update`."""

    updated: bool | None = None


class RelayCreated(_Response, frozen=True, kw_only=True):
    """`/credit/relay/create`."""

    relay_token: str


class RelayRefreshed(_Response, frozen=True, kw_only=True):
    """`/credit/relay/refresh`: the same relay token, now behind a new report."""

    relay_token: str
    asset_report_id: str | None = None


class WebhookEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One webhook Plaid sent (or tried to)."""

    webhook_message_id: str
    webhook_type: str
    webhook_code: str
    sent_time: str
    payload: Any
    item_id: str | None = None
    delivery_status: str = ""
    attempt_count: int = 0


class WebhookEventsPage(_Response, frozen=True, kw_only=True):
    """`/beta/webhook_events/list`."""

    webhook_events: list[WebhookEvent]
    has_more: bool
    next_cursor: str


class WebhookKey(msgspec.Struct, frozen=True, kw_only=True):
    """A JWK from `/webhook_verification_key/get`."""

    alg: str
    kid: str
    kty: str
    crv: str
    x: str
    y: str
    use: str | None = None
    created_at: int | None = None
    expired_at: int | None = None


class WebhookKeyResponse(_Response, frozen=True, kw_only=True):
    key: WebhookKey


class FireWebhookResponse(_Response, frozen=True, kw_only=True):
    webhook_fired: bool


class ReportBytes(msgspec.Struct, frozen=True, kw_only=True):
    """A report's response bytes exactly as received, checked only for shape (not decoded).

    For callers that store the bytes and decode later in a worker thread: a typed decode of the
    largest report holds the GIL for 70-160 ms, too long for the event loop.
    """

    raw: bytes
    request_id: str | None = None


class ReportDownload(msgspec.Struct, frozen=True, kw_only=True):
    """A report as decoded AND the response bytes exactly as received (the library keeps those)."""

    response: AssetReportResponse
    raw: bytes
    request_id: str | None = None
