"""Helpers for tests that talk to the local sandbox: a sync API caller and a webhook receiver."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from assets_desktop.sandbox.embedded import EmbeddedSandbox


class Api:
    """Posts JSON to the sandbox with its keys; `ok` and `error` assert the outcome."""

    def __init__(self, sandbox: EmbeddedSandbox) -> None:
        self.sandbox = sandbox
        self.http = httpx.Client(base_url=sandbox.base_url, timeout=30)
        self.keys = {"client_id": sandbox.config.client_id, "secret": sandbox.config.secret}

    def post(self, path: str, **body: Any) -> httpx.Response:
        return self.http.post(path, json={**self.keys, **body})

    def ok(self, path: str, **body: Any) -> dict[str, Any]:
        response = self.post(path, **body)
        assert response.status_code == 200, response.text
        data: dict[str, Any] = response.json()
        return data

    def error(self, path: str, code: str, status: int = 400, **body: Any) -> dict[str, Any]:
        response = self.post(path, **body)
        assert response.status_code == status, response.text
        data: dict[str, Any] = response.json()
        assert data["error_code"] == code, data
        return data

    def link(
        self,
        username: str = "user_good",
        institution_id: str = "ins_109508",
        *,
        webhook: str | None = None,
        products: tuple[str, ...] = ("assets",),
    ) -> str:
        """A new Item's access token."""
        options: dict[str, Any] = {"override_username": username, "override_password": "pass_good"}
        if webhook:
            options["webhook"] = webhook
        public = self.ok(
            "/sandbox/public_token/create",
            institution_id=institution_id,
            initial_products=list(products),
            options=options,
        )["public_token"]
        token: str = self.ok("/item/public_token/exchange", public_token=public)["access_token"]
        return token

    def report(self, *access_tokens: str, days: int = 30, **options: Any) -> dict[str, Any]:
        """create's response: asset_report_token and asset_report_id."""
        body: dict[str, Any] = {"access_tokens": list(access_tokens), "days_requested": days}
        if options:
            body["options"] = options
        return self.ok("/asset_report/create", **body)

    def close(self) -> None:
        self.http.close()


def wait_until(predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Poll `predicate` until truthy (returns its value) or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"condition not met within {timeout} s")


class Receiver:
    """A webhook receiver on 127.0.0.1: records raw bodies and headers; can fail on purpose."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []  # answered in order, then 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = self.rfile.read(length)
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def bodies(self) -> list[bytes]:
        return [body for _, body in self.received]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
