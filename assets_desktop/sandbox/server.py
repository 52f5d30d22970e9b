"""The sandbox's Starlette application."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

DEFAULT_CLIENT_ID = "local-client-id"
DEFAULT_SECRET = "local-sandbox-secret"  # noqa: S105 - a documented, public test credential

INSTITUTIONS: dict[str, str] = {
    "ins_109508": "First Platypus Bank",
    "ins_109509": "First Gingham Credit Union",
    "ins_109510": "Tattersall Federal Credit Union",
    "ins_109511": "Tartan Bank",
    "ins_109512": "Houndstooth Bank",
}


@dataclass
class SandboxConfig:
    """What a sandbox instance accepts and how it behaves."""

    client_id: str = DEFAULT_CLIENT_ID
    secret: str = DEFAULT_SECRET
    seed: int = 0
    ready_delay: float = 2.0


def request_id() -> str:
    """A Plaid-shaped request id."""
    return secrets.token_hex(8)[:15].upper()


def plaid_error(
    status: int, error_type: str, error_code: str, message: str, display: str | None = None
) -> JSONResponse:
    """Plaid's error object with its HTTP status."""
    body: dict[str, Any] = {
        "error_type": error_type,
        "error_code": error_code,
        "error_message": message,
        "display_message": display,
        "request_id": request_id(),
        "causes": [],
        "status": None,
        "documentation_url": "",
        "suggested_action": None,
    }
    return JSONResponse(body, status_code=status)


def create_app(config: SandboxConfig | None = None) -> Starlette:
    """Build the sandbox application for one configuration."""
    cfg = config or SandboxConfig()

    async def institutions_get_by_id(request: Request) -> JSONResponse:
        body = await request.json()
        if body.get("client_id") != cfg.client_id or body.get("secret") != cfg.secret:
            return plaid_error(
                400, "INVALID_INPUT", "INVALID_API_KEYS", "invalid client_id or secret provided"
            )
        institution_id = body.get("institution_id")
        name = INSTITUTIONS.get(str(institution_id))
        if name is None:
            return plaid_error(
                400, "INVALID_INPUT", "INVALID_INSTITUTION", "invalid institution_id"
            )
        institution = {
            "institution_id": institution_id,
            "name": name,
            "products": ["assets", "auth", "balance", "identity", "transactions"],
            "country_codes": ["US"],
            "routing_numbers": [],
            "oauth": False,
            "dtc_numbers": [],
        }
        return JSONResponse({"institution": institution, "request_id": request_id()})

    app = Starlette(
        routes=[Route("/institutions/get_by_id", institutions_get_by_id, methods=["POST"])]
    )
    app.state.config = cfg
    return app
