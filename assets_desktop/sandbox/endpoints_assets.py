"""The Asset Report endpoints: create, get, pdf, refresh, filter, remove and audit copies."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from assets_desktop.sandbox.errors import PlaidError, asset_report_error, invalid_input, not_ready
from assets_desktop.sandbox.runtime import Sandbox
from assets_desktop.sandbox.state import (
    GenerationStatus,
    ReportRecord,
    iso,
    new_token,
    utcnow,
)
from assets_desktop.sandbox.validation import field_error

Body = dict[str, Any]
NOT_A_PDF = b"<html><body>This is not a PDF (sandbox fault mode pdf_not_pdf).</body></html>\n"


def _days_to_include(body: Body) -> int | None:
    value: int | None = (body.get("options") or {}).get("days_to_include")
    return value


def _settled(report: ReportRecord) -> ReportRecord:
    """The report if it is ready; its stored error if it failed; PRODUCT_NOT_READY if pending."""
    if report.status == GenerationStatus.PENDING:
        raise not_ready()
    if report.status == GenerationStatus.FAILED:
        error = report.error or {}
        raise PlaidError(
            400,
            error.get("error_type", "ASSET_REPORT_ERROR"),
            error.get("error_code", "ASSET_REPORT_GENERATION_FAILED"),
            error.get("error_message") or "the asset report could not be generated",
            error.get("display_message"),
            causes=error.get("causes") or [],
        )
    return report


def _json_response(members: bytes, request: Request) -> Response:
    request_id = request.state.request_id.encode()
    body = b"{" + members + b',"request_id":"' + request_id + b'"}'
    return Response(body, media_type="application/json")


def _pdf_response(content: bytes, sb: Sandbox, request: Request) -> Response:
    if sb.faults.pdf_not_pdf:
        content = NOT_A_PDF
    headers = {"Plaid-Request-ID": request.state.request_id}
    return Response(content, media_type="application/pdf", headers=headers)


async def _new_report(sb: Sandbox, record: ReportRecord) -> Body:
    sb.state.reports[record.asset_report_token] = record
    sb.persist()
    await sb.engine.start(record)
    return {
        "asset_report_token": record.asset_report_token,
        "asset_report_id": record.asset_report_id,
    }


def _record(**fields: Any) -> ReportRecord:
    now = iso(utcnow())
    return ReportRecord(
        asset_report_id=str(uuid.uuid4()),
        asset_report_token=new_token("assets"),
        created_at=now,
        date_generated=fields.pop("date_generated", now),
        **fields,
    )


async def asset_report_create(sb: Sandbox, body: Body, request: Request) -> Body:
    items = [sb.item(token) for token in body["access_tokens"]]
    without_assets = [i.access_token for i in items if "assets" not in i.products]
    if without_assets:
        raise asset_report_error(
            "PRODUCT_NOT_ENABLED",
            "the 'assets' product is not enabled for the following access tokens: "
            + ", ".join(without_assets)
            + ". please ensure that 'assets' is included in the 'product' array when "
            "initializing Link and create the Item(s) again.",
        )
    unhealthy = next((i for i in items if i.error), None)
    if unhealthy is not None and unhealthy.error is not None:  # fails at once, as on Plaid
        error = unhealthy.error
        raise PlaidError(
            400,
            error["error_type"],
            error["error_code"],
            f"{error['error_message']} (item {unhealthy.item_id})",
            error.get("display_message"),
        )
    options = body.get("options") or {}
    add_ons = list(options.get("add_ons") or [])
    if options.get("include_fast_report") and "fast_assets" not in add_ons:
        add_ons.append("fast_assets")
    if "investments" in (options.get("products") or []) and "investments" not in add_ons:
        add_ons.append("investments")  # the deprecated way to ask for investments
    record = _record(
        item_ids=list(dict.fromkeys(i.item_id for i in items)),
        days_requested=body["days_requested"],
        client_report_id=options.get("client_report_id"),
        webhook=options.get("webhook"),
        user=dict(options.get("user") or {}),
        add_ons=add_ons,
        exclude_account_ids=[],
    )
    return await _new_report(sb, record)


async def asset_report_get(sb: Sandbox, body: Body, request: Request) -> Response:
    report = _settled(sb.report(body["asset_report_token"]))
    fast = bool(body.get("fast_report"))
    if fast and "fast_assets" not in report.add_ons:
        raise field_error(
            'fast_report=true needs a report created with options.add_ons ["fast_assets"]'
        )
    members = await sb.engine.report_json(
        report,
        insights=bool(body.get("include_insights")),
        days=_days_to_include(body),
        fast=fast,
    )
    return _json_response(members, request)


async def asset_report_pdf_get(sb: Sandbox, body: Body, request: Request) -> Response:
    report = _settled(sb.report(body["asset_report_token"]))
    content = await sb.engine.report_pdf(report, days=_days_to_include(body))
    return _pdf_response(content, sb, request)


def _inherit(given: Body, key: str, inherited: Any) -> Any:
    """Refresh semantics: absent inherits, "" blanks, anything else replaces."""
    if key not in given:
        return inherited
    return given[key] if given[key] != "" else None


async def asset_report_refresh(sb: Sandbox, body: Body, request: Request) -> Body:
    parent = sb.parent(body["asset_report_token"])
    options = body.get("options") or {}
    user = dict(parent.user)
    for key, value in (options.get("user") or {}).items():
        user[key] = value if value != "" else None
    days = body.get("days_requested")
    record = _record(
        item_ids=list(parent.item_ids),
        days_requested=parent.days_requested if days is None else days,
        client_report_id=_inherit(options, "client_report_id", parent.client_report_id),
        webhook=_inherit(options, "webhook", parent.webhook),
        user=user,
        add_ons=list(parent.add_ons),
        exclude_account_ids=list(parent.exclude_account_ids),
        kind="refresh",
        parent_id=parent.asset_report_id,
    )
    return await _new_report(sb, record)


async def asset_report_filter(sb: Sandbox, body: Body, request: Request) -> Body:
    parent = sb.parent(body["asset_report_token"])
    excluded = body["account_ids_to_exclude"]
    unknown = sorted(set(excluded) - await sb.engine.account_ids(parent))
    if unknown:
        raise invalid_input(
            "INVALID_ACCOUNT_ID",
            "account_ids_to_exclude holds account ids not in the report: " + ", ".join(unknown),
        )
    record = _record(
        item_ids=list(parent.item_ids),
        days_requested=parent.days_requested,
        client_report_id=parent.client_report_id,
        webhook=parent.webhook,
        user=dict(parent.user),
        add_ons=list(parent.add_ons),
        exclude_account_ids=sorted(set(parent.exclude_account_ids) | set(excluded)),
        date_generated=parent.date_generated,
        kind="filter",
        parent_id=parent.asset_report_id,
    )
    return await _new_report(sb, record)


async def asset_report_remove(sb: Sandbox, body: Body, request: Request) -> Body:
    report = sb.report(body["asset_report_token"])
    report.removed = True
    sb.engine.forget(report)
    sb.persist()
    return {"removed": True}


async def audit_copy_create(sb: Sandbox, body: Body, request: Request) -> Body:
    return sb.new_audit_copy(sb.parent(body["asset_report_token"]), body.get("auditor_id"))


async def audit_copy_get(sb: Sandbox, body: Body, request: Request) -> Response:
    _, report = sb.audit_copy(body["audit_copy_token"])
    members = await sb.engine.report_json(_settled(report), insights=False, days=None, fast=False)
    return _json_response(members, request)


async def audit_copy_pdf_get(sb: Sandbox, body: Body, request: Request) -> Response:
    _, report = sb.audit_copy(body["audit_copy_token"])
    content = await sb.engine.report_pdf(_settled(report), days=_days_to_include(body))
    return _pdf_response(content, sb, request)


async def audit_copy_remove(sb: Sandbox, body: Body, request: Request) -> Body:
    """`/asset_report/audit_copy/remove` and `/credit/audit_copy_token/remove`."""
    copy, _ = sb.audit_copy(body["audit_copy_token"])
    copy.removed = True
    sb.persist()
    return {"removed": True}
