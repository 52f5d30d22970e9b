"""The sandbox's Starlette application: every endpoint behind one Plaid-style request pipeline.

Each POST goes through: JSON body → API keys (body or headers) → field validation → handler.
Any `PlaidError` raised on the way becomes Plaid's error object with its HTTP status.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import msgspec
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from assets_desktop.domain.json_input import ANY_JSON, decode_untrusted
from assets_desktop.sandbox import endpoints_assets as assets
from assets_desktop.sandbox import endpoints_credit as credit
from assets_desktop.sandbox import endpoints_items as items
from assets_desktop.sandbox import endpoints_relay as relay
from assets_desktop.sandbox import hosted_link
from assets_desktop.sandbox.auth import check_keys
from assets_desktop.sandbox.errors import PlaidError, invalid_request, new_request_id
from assets_desktop.sandbox.faults import FaultMiddleware
from assets_desktop.sandbox.institutions import INSTITUTIONS
from assets_desktop.sandbox.runtime import (
    DEFAULT_CLIENT_ID,
    DEFAULT_SECRET,
    Sandbox,
    SandboxConfig,
)
from assets_desktop.sandbox.specs import ENDPOINT_FIELDS
from assets_desktop.sandbox.validation import validate
from assets_desktop.sandbox.webhook_events import webhook_events_list

__all__ = [
    "DEFAULT_CLIENT_ID",
    "DEFAULT_SECRET",
    "ENDPOINTS",
    "INSTITUTIONS",
    "SandboxConfig",
    "create_app",
]

log = logging.getLogger(__name__)
Handler = Callable[[Sandbox, dict[str, Any], Request], Awaitable[dict[str, Any] | Response]]

ENDPOINTS: dict[str, Handler] = {
    "/sandbox/public_token/create": items.sandbox_public_token_create,
    "/item/public_token/exchange": items.item_public_token_exchange,
    "/item/get": items.item_get,
    "/item/remove": items.item_remove,
    "/institutions/get_by_id": items.institutions_get_by_id,
    "/accounts/get": items.accounts_get,
    "/link/token/create": items.link_token_create,
    "/link/token/get": items.link_token_get,
    "/webhook_verification_key/get": items.webhook_verification_key_get,
    "/sandbox/item/fire_webhook": items.sandbox_item_fire_webhook,
    "/sandbox/item/reset_login": items.sandbox_item_reset_login,
    "/asset_report/create": assets.asset_report_create,
    "/asset_report/get": assets.asset_report_get,
    "/asset_report/pdf/get": assets.asset_report_pdf_get,
    "/asset_report/refresh": assets.asset_report_refresh,
    "/asset_report/filter": assets.asset_report_filter,
    "/asset_report/remove": assets.asset_report_remove,
    "/asset_report/audit_copy/create": assets.audit_copy_create,
    "/asset_report/audit_copy/get": assets.audit_copy_get,
    "/asset_report/audit_copy/pdf/get": assets.audit_copy_pdf_get,
    "/asset_report/audit_copy/remove": assets.audit_copy_remove,
    "/credit/audit_copy_token/create": credit.credit_audit_copy_token_create,
    "/credit/audit_copy_token/update": credit.credit_audit_copy_token_update,
    "/credit/audit_copy_token/remove": assets.audit_copy_remove,  # the same audit copy record
    "/credit/relay/create": relay.credit_relay_create,
    "/credit/relay/get": relay.credit_relay_get,
    "/credit/relay/pdf/get": relay.credit_relay_pdf_get,
    "/credit/relay/refresh": relay.credit_relay_refresh,
    "/credit/relay/remove": relay.credit_relay_remove,
    "/beta/webhook_events/list": lambda sb, body, _request: webhook_events_list(sb.state, body),
}


def error_response(error: PlaidError, request_id: str) -> Response:
    """Plaid's error object with its HTTP status (and headers such as Retry-After)."""
    return Response(
        msgspec.json.encode(error.body(request_id)),
        status_code=error.status,
        media_type="application/json",
        headers=error.headers,
    )


async def _parse_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    try:
        body = decode_untrusted(raw, ANY_JSON) if raw.strip() else None
    except msgspec.DecodeError:
        body = None
    if not isinstance(body, dict):
        raise invalid_request(
            "INVALID_BODY",
            "body could not be parsed as JSON: send a JSON object with "
            "Content-Type: application/json",
        )
    if "json" not in request.headers.get("content-type", ""):
        raise invalid_request("INVALID_BODY", "the Content-Type header must be application/json")
    return body


def _endpoint(sb: Sandbox, path: str, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    fields = ENDPOINT_FIELDS[path]

    async def route(request: Request) -> Response:
        request_id = new_request_id()
        request.state.request_id = request_id
        try:
            body = await _parse_body(request)
            request.state.client_id = check_keys(body, request.headers, sb.config.identities)
            result = await handler(sb, validate(body, fields), request)
        except PlaidError as error:
            return error_response(error, request_id)
        except Exception:
            log.exception("unexpected error in %s", path)
            internal = PlaidError(
                500, "API_ERROR", "INTERNAL_SERVER_ERROR", "an unexpected error occurred"
            )
            return error_response(internal, request_id)
        if isinstance(result, Response):
            return result
        result["request_id"] = request_id
        return Response(msgspec.json.encode(result), media_type="application/json")

    return route


async def _not_found(request: Request, exc: Exception) -> Response:
    error = invalid_request(
        "NOT_FOUND", f"not found: {request.method} {request.url.path} is not a Plaid endpoint"
    )
    error.status = 404
    return error_response(error, new_request_id())


def create_app(config: SandboxConfig | None = None) -> Starlette:
    """Build the sandbox application for one configuration.

    `app.state.sandbox` is the live `Sandbox`; `app.state.faults` and `app.state.config` are
    its fault switches and configuration.
    """
    sb = Sandbox(config or SandboxConfig())

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        sb.engine.resume_pending()
        yield
        await sb.engine.aclose()
        await sb.sender.aclose()

    routes: list[BaseRoute] = [
        Route(path, _endpoint(sb, path, handler), methods=["POST"])
        for path, handler in ENDPOINTS.items()
    ]
    routes += hosted_link.routes(sb)
    app = Starlette(
        routes=routes,
        middleware=[Middleware(FaultMiddleware, faults=sb.faults)],
        exception_handlers={404: _not_found, 405: _not_found},
        lifespan=lifespan,
    )
    app.state.sandbox = sb
    app.state.config = sb.config
    app.state.faults = sb.faults
    return app
