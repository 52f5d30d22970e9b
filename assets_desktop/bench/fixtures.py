"""The reports every benchmark measures, built once per run and shared between modules.

The largest report is the sandbox persona `user_heavy_spender` (close to Plaid's 15,000-
transaction limit over 731 days, insights on) as of a fixed moment, encoded exactly as the
sandbox's `/asset_report/get` sends it (msgspec, compact), and its PDF as
`/asset_report/pdf/get` renders it (insights off). Quick mode uses `user_good` instead.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from assets_desktop.domain.report import encode

LARGEST_PERSONA = "user_heavy_spender"
SMALL_PERSONA = "user_good"
DAYS = 731
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)
USER = {"first_name": "Alberta", "last_name": "Charleson", "ssn": "123-45-6789"}


def persona(quick: bool) -> str:
    """The persona a benchmark uses: the largest in full mode, a small one in quick mode."""
    return SMALL_PERSONA if quick else LARGEST_PERSONA


@functools.cache
def rendered_report(
    username: str = LARGEST_PERSONA, include_insights: bool = True
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """`(report, warnings)` of a persona over 731 days, as the sandbox renders them.

    Cached: callers must not mutate the result.
    """
    from assets_desktop.sandbox.data import generate_item
    from assets_desktop.sandbox.reportgen import build_report, render_report_json

    item = generate_item(username, "ins_109508", item_id="b" * 37, seed=0, now=NOW, created=NOW)
    stored = build_report(
        [item],
        asset_report_id=f"bench-{username}",
        client_report_id="bench",
        days_requested=DAYS,
        user=USER,
        date_generated=NOW,
    )
    return render_report_json(
        stored, include_insights=include_insights, days_to_include=None, fast=False
    )


@functools.cache
def report_bytes(username: str = LARGEST_PERSONA) -> bytes:
    """The `/asset_report/get` response body (insights on) of a persona."""
    report, warnings = rendered_report(username, True)
    return encode({"report": report, "warnings": warnings, "request_id": "bench"})


@functools.cache
def pdf_bytes(username: str = LARGEST_PERSONA) -> bytes:
    """The `/asset_report/pdf/get` body of a persona's report."""
    from assets_desktop.sandbox.pdf import render_report_pdf

    return render_report_pdf(*rendered_report(username, False))


def largest_report_bytes() -> bytes:
    """The largest report's `/asset_report/get` body (built once per process)."""
    return report_bytes(LARGEST_PERSONA)


def largest_pdf_bytes() -> bytes:
    """The largest report's PDF (built once per process)."""
    return pdf_bytes(LARGEST_PERSONA)
