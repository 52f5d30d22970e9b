"""Credit Relay, `/credit/relay/*`: a report shared with a partner's `secondary_client_id`.

The sandbox knows two clients (`SandboxConfig.identities`): the lender and a partner. The owner
(the client that created the relay token) may `remove` it; the partner named by
`secondary_client_id` reads the report with its own keys (`get`, `pdf/get`) and may `refresh`
it (a new report from the same Items; the token then points at it). Only Asset Reports
(`report_type: asset`, one report token) are relayed.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from assets_desktop.sandbox import endpoints_assets as assets
from assets_desktop.sandbox.errors import invalid_input
from assets_desktop.sandbox.runtime import Sandbox
from assets_desktop.sandbox.state import ReportRecord, iso, new_token, utcnow
from assets_desktop.sandbox.validation import field_error

Body = dict[str, Any]


def _relay(sb: Sandbox, token: str, request: Request, *, as_owner: bool) -> dict[str, Any]:
    """The live relay of `token` usable by the caller, else INVALID_RELAY_TOKEN."""
    relay = sb.state.relays.get(token)
    caller = request.state.client_id
    allowed = relay is not None and caller == (
        relay["owner_client_id"] if as_owner else relay["secondary_client_id"]
    )
    report = sb.state.report_by_id(relay["asset_report_id"]) if relay else None
    if relay is None or relay["removed"] or not allowed or report is None or report.removed:
        raise invalid_input(
            "INVALID_RELAY_TOKEN",
            "could not find matching relay token: it is unknown, was removed, its report was "
            "removed, or it was shared with another client (the partner reads it with its own "
            "keys; only its creator removes it)",
        )
    return relay


def _report(sb: Sandbox, relay: dict[str, Any]) -> ReportRecord:
    report = sb.state.report_by_id(relay["asset_report_id"])
    assert report is not None
    return report


async def credit_relay_create(sb: Sandbox, body: Body, request: Request) -> Body:
    tokens = body["report_tokens"]
    if len(tokens) != 1:
        raise field_error(
            f"report_tokens must hold exactly one Asset Report token; got {len(tokens)}"
        )
    report = sb.parent(tokens[0])
    partner = body["secondary_client_id"]
    owner = request.state.client_id
    if partner not in sb.config.identities or partner == owner:
        raise field_error(
            f"secondary_client_id {partner!r} is not another client of this sandbox; the "
            f"partner here is {sb.config.partner_client_id!r}"
        )
    token = new_token("credit-relay")
    sb.state.relays[token] = {
        "relay_token": token,
        "asset_report_id": report.asset_report_id,
        "owner_client_id": owner,
        "secondary_client_id": partner,
        "webhook": body.get("webhook"),
        "created_at": iso(utcnow()),
        "removed": False,
    }
    sb.persist()
    return {"relay_token": token}


async def credit_relay_get(sb: Sandbox, body: Body, request: Request) -> Response:
    relay = _relay(sb, body["relay_token"], request, as_owner=False)
    report = _report(sb, relay)
    forwarded = {
        "asset_report_token": report.asset_report_token,
        "include_insights": bool(body.get("include_insights")),
    }
    return await assets.asset_report_get(sb, forwarded, request)


async def credit_relay_pdf_get(sb: Sandbox, body: Body, request: Request) -> Response:
    relay = _relay(sb, body["relay_token"], request, as_owner=False)
    report = _report(sb, relay)
    return await assets.asset_report_pdf_get(
        sb, {"asset_report_token": report.asset_report_token}, request
    )


async def credit_relay_refresh(sb: Sandbox, body: Body, request: Request) -> Body:
    relay = _relay(sb, body["relay_token"], request, as_owner=False)
    options: Body = {}
    webhook = body.get("webhook", relay["webhook"])
    if webhook:
        options["webhook"] = webhook
    parent = _report(sb, relay).asset_report_token
    created = await assets.asset_report_refresh(
        sb, {"asset_report_token": parent, "options": options}, request
    )
    relay["asset_report_id"] = created["asset_report_id"]
    sb.persist()
    return {"relay_token": relay["relay_token"], "asset_report_id": created["asset_report_id"]}


async def credit_relay_remove(sb: Sandbox, body: Body, request: Request) -> Body:
    relay = _relay(sb, body["relay_token"], request, as_owner=True)
    relay["removed"] = True
    sb.persist()
    return {"removed": True}
