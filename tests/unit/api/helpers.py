"""Shared helpers for the client's unit tests (httpx.MockTransport only here)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from assets_desktop.api import PlaidClient, RetryPolicy

CLIENT_ID = "unit-client-id-1234"
SECRET = "unit-secret-abcdef"
FAST_RETRY = RetryPolicy(max_attempts=4, initial_delay=0.001, max_delay=0.01)

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A MockTransport handler that answers from a script and records each request."""

    def __init__(self, *answers: Callable[[httpx.Request], httpx.Response] | httpx.Response):
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, httpx.Response):
            return answer
        return answer(request)

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.requests]


def client_for(handler: Handler, **kwargs: Any) -> PlaidClient:
    kwargs.setdefault("retry", FAST_RETRY)
    return PlaidClient(
        "https://plaid.test", CLIENT_ID, SECRET, transport=httpx.MockTransport(handler), **kwargs
    )


def ok(body: dict[str, Any], **headers: str) -> httpx.Response:
    return httpx.Response(200, json={"request_id": "REQ123", **body}, headers=headers)


def plaid_error(
    status: int, error_type: str, error_code: str, message: str = "", **headers: str
) -> httpx.Response:
    return httpx.Response(
        status,
        json={
            "error_type": error_type,
            "error_code": error_code,
            "error_message": message,
            "display_message": None,
            "request_id": "ERRREQ1",
        },
        headers=headers,
    )


def raise_(exc_type: type[httpx.TransportError]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc_type("simulated", request=request)

    return handler


def not_ready() -> httpx.Response:
    return plaid_error(400, "ASSET_REPORT_ERROR", "PRODUCT_NOT_READY")


REPORT_BODY = {
    "report": {
        "asset_report_id": "3f2c1c1e-0000-4000-8000-000000000001",
        "client_report_id": None,
        "date_generated": "2026-11-24T10:00:00Z",
        "days_requested": 60,
        "user": {"first_name": None, "ssn": None},
        "items": [
            {
                "item_id": "item1",
                "institution_id": "ins_109508",
                "institution_name": "First Platypus Bank",
                "date_last_updated": "2026-11-24T10:00:00Z",
                "accounts": [
                    {
                        "account_id": "acc1",
                        "name": "Plaid Checking",
                        "type": "depository",
                        "subtype": "checking",
                        "mask": "0000",
                        "balances": {"available": None, "current": None},
                        "days_available": 60,
                        "transactions": [],
                        "historical_balances": [],
                        "owners": [],
                        "a_field_plaid_adds_later": {"x": 1},
                    }
                ],
            }
        ],
    },
    "warnings": [
        {
            "warning_type": "ASSET_REPORT_WARNING",
            "warning_code": "OWNERS_UNAVAILABLE",
            "cause": {
                "error_type": "ITEM_ERROR",
                "error_code": "PRODUCT_NOT_SUPPORTED",
                "error_message": "identity unavailable",
                "display_message": None,
                "item_id": "item1",
            },
        }
    ],
    "request_id": "REPREQ1",
}
