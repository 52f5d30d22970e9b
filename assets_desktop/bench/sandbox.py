"""The local sandbox: largest report's generation and PDF, and `/asset_report/get` throughput."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from assets_desktop.bench import fixtures
from assets_desktop.bench.figures import Figure, median_ms
from assets_desktop.sandbox import data, pdf, reportgen
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.sandbox.server import SandboxConfig

LARGEST_PERSONA = "user_heavy_spender"
CLIENTS = 8


def _largest_report() -> tuple[Any, Any]:
    now = dt.datetime.now(dt.UTC)
    item = data.generate_item(
        LARGEST_PERSONA, "ins_109508", item_id="b" * 37, seed=0, now=now, created=now
    )
    stored = reportgen.build_report(
        [item],
        asset_report_id="00000000-0000-4000-8000-000000000000",
        client_report_id="bench",
        days_requested=731,
        user={},
        date_generated=now,
    )
    return item, stored


def _generate_and_render() -> None:
    _, stored = _largest_report()
    reportgen.render_report_json(stored, include_insights=True, days_to_include=None, fast=False)


async def _throughput(base_url: str, path: str, body: dict[str, Any], total: int) -> float:
    """Requests per second with CLIENTS concurrent clients, each on its own connection."""
    per_client = max(1, total // CLIENTS)

    async def worker(client: httpx.AsyncClient) -> None:
        for _ in range(per_client):
            response = await client.post(path, json=body)
            response.raise_for_status()

    clients = [httpx.AsyncClient(base_url=base_url, timeout=60) for _ in range(CLIENTS)]
    try:
        await asyncio.gather(*(worker(c) for c in clients))  # warm connections and caches
        start = time.perf_counter()
        await asyncio.gather(*(worker(c) for c in clients))
        elapsed = time.perf_counter() - start
    finally:
        for client in clients:
            await client.aclose()
    return per_client * CLIENTS / elapsed


class _BareServer(EmbeddedSandbox):
    """A bare Starlette JSON endpoint served exactly like the embedded sandbox (the floor)."""

    def __init__(self) -> None:
        super().__init__(SandboxConfig(ready_delay=0))

        async def ok(request: Request) -> JSONResponse:
            await request.body()
            return JSONResponse({"ok": True, "request_id": "bench"})

        self._server.config.app = Starlette(routes=[Route("/ok", ok, methods=["POST"])])


def _bare_throughput(total: int) -> float:
    with _BareServer() as server:
        return asyncio.run(_throughput(server.base_url, "/ok", {"hello": "world"}, total))


def _get_throughput(total: int) -> tuple[float, float]:
    with EmbeddedSandbox(SandboxConfig(ready_delay=0)) as server:
        keys = {"client_id": server.config.client_id, "secret": server.config.secret}
        with httpx.Client(base_url=server.base_url, timeout=60) as http:
            public = http.post(
                "/sandbox/public_token/create",
                json={**keys, "institution_id": "ins_109508", "initial_products": ["assets"]},
            ).json()["public_token"]
            access = http.post(
                "/item/public_token/exchange", json={**keys, "public_token": public}
            ).json()["access_token"]
            token = http.post(
                "/asset_report/create",
                json={**keys, "access_tokens": [access], "days_requested": 90},
            ).json()["asset_report_token"]
        get = asyncio.run(
            _throughput(
                server.base_url, "/asset_report/get", {**keys, "asset_report_token": token}, total
            )
        )
        institution = {**keys, "institution_id": "ins_109508", "country_codes": ["US"]}
        peer = asyncio.run(
            _throughput(server.base_url, "/institutions/get_by_id", institution, total)
        )
    return get, peer


def run(quick: bool) -> list[Figure]:
    """Median generation and PDF times of the largest persona; get throughput vs a light peer."""
    repeat = 1 if quick else 5
    generation = median_ms(_generate_and_render, repeat=repeat, warmup=0 if quick else 1)
    report, warnings = fixtures.rendered_report(LARGEST_PERSONA, False)  # shared, built once
    pdf_ms = median_ms(
        lambda: pdf.render_report_pdf(report, warnings), repeat=repeat, warmup=0 if quick else 1
    )
    count = sum(len(a["transactions"]) for i in report["items"] for a in i["accounts"])
    total = 80 if quick else 800
    get, peer = _get_throughput(total)
    bare = _bare_throughput(total)
    return [
        Figure(
            f"largest report generated ({LARGEST_PERSONA}, {count:,} txns, 731 d, insights)",
            generation,
            "ms",
            target="≤ 1,000 ms",
        ),
        Figure(f"largest report PDF ({count:,} txns)", pdf_ms, "ms", target="≤ 5,000 ms"),
        Figure(
            f"/asset_report/get throughput ({CLIENTS} clients, 90-day user_good)",
            get,
            "req/s",
            peer="/institutions/get_by_id, same server",
            peer_value=peer,
        ),
        Figure(
            f"/institutions/get_by_id throughput ({CLIENTS} clients)",
            peer,
            "req/s",
            peer="bare Starlette JSON endpoint, same uvicorn setup",
            peer_value=bare,
        ),
    ]
