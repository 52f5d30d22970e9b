"""An API caller that validates every sandbox response against the OpenAPI schemas."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conformance.openapi import check, response_schema
from tests.integration.sandbox.helpers import Api

PDF_PATHS = {"/asset_report/pdf/get", "/asset_report/audit_copy/pdf/get"}


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
        elif response.status_code == 200:
            check(response_schema(path), response.json())
        else:
            assert response.headers["content-type"].startswith("application/json")
            body = response.json()
            check("PlaidError", body)
            assert body["request_id"] and body["error_message"], body
        self.checked += 1
