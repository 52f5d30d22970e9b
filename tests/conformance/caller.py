"""An API caller that validates every sandbox response: plaid-python's models, and the OpenAPI file.

plaid-python's models (Plaid's current schema) check every answer in every clone; the OpenAPI
file (`openapi.SPEC_PATH`) checks it too where it is present, as in CI.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from tests.conformance import plaid_models
from tests.conformance.openapi import SPEC_PATH, check, has_path, response_schema
from tests.integration.sandbox.helpers import Api

PDF_PATHS = {"/asset_report/pdf/get", "/asset_report/audit_copy/pdf/get", "/credit/relay/pdf/get"}


class Conform(Api):
    """`Api` whose every response is checked: 200 → the endpoint's schema, else PlaidError."""

    checked: int = 0

    def post(self, path: str, **body: Any) -> httpx.Response:
        response = super().post(path, **body)
        self.validate(path, response)
        return response

    def validate(self, path: str, response: httpx.Response) -> None:
        assert "plaid-request-id" in response.headers or response.headers[
            "content-type"
        ].startswith("application/json"), response.headers
        if response.status_code == 200 and path in PDF_PATHS:
            assert response.headers["content-type"] == "application/pdf"
            assert response.content.startswith(b"%PDF-"), response.content[:20]
            assert len(response.headers["plaid-request-id"]) >= 5
            self.checked += 1
            return
        assert response.headers["content-type"].startswith("application/json")
        plaid_models.check_response(path, response.status_code, response.content)
        if response.status_code != 200:
            body = response.json()
            assert body["request_id"] and body["error_message"], body
        if SPEC_PATH is not None and (response.status_code != 200 or has_path(path)):
            name = response_schema(path) if response.status_code == 200 else "PlaidError"
            check(name, response.json())
        self.checked += 1


def check_webhook(body: bytes) -> dict[str, Any]:
    """Validate one webhook body as plaid-python (and the OpenAPI file, if present) read it."""
    payload: dict[str, Any] = json.loads(body)
    plaid_models.check_webhook(body, payload)
    if SPEC_PATH is not None:
        check(
            plaid_models.WEBHOOK_MODELS[(payload["webhook_type"], payload["webhook_code"])], payload
        )
    return payload
