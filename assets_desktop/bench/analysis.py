"""The underwriting analysis of the largest report, beside decoding that same report.

The report is the sandbox's `user_heavy_spender` (near Plaid's 15,000-transaction limit over
731 days, with insights), rendered and encoded as `/asset_report/get` would send it.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from assets_desktop.bench import fixtures
from assets_desktop.bench.figures import Figure, median_ms
from assets_desktop.domain.analysis import (
    AnalysisParameters,
    Disposition,
    LoanTerms,
    analyze,
    diff_reports,
    qualify,
)
from assets_desktop.domain.report import decode_report_response, encode
from assets_desktop.sandbox import data, reportgen

LARGEST_PERSONA = "user_heavy_spender"
QUICK_PERSONA = "user_good"
PARAMETERS = AnalysisParameters(monthly_income=Decimal("6000"))
TERMS = LoanTerms(
    Decimal("40000"), Decimal("2500"), Decimal("2"), earnest_money=Decimal("5000")
)  # with an earnest money check: the one part that reads transactions again


def report_bytes(username: str, now: dt.datetime, created: dt.datetime) -> bytes:
    """The encoded `/asset_report/get` response of a persona, as of `now`."""
    item = data.generate_item(
        username, "ins_109508", item_id="b" * 37, seed=0, now=now, created=created
    )
    stored = reportgen.build_report(
        [item],
        asset_report_id=f"bench-{now.date().isoformat()}",
        client_report_id="bench",
        days_requested=731,
        user={"first_name": "Alberta", "last_name": "Charleson"},
        date_generated=now,
    )
    report, warnings = reportgen.render_report_json(
        stored, include_insights=True, days_to_include=None, fast=False
    )
    return encode({"report": report, "warnings": warnings, "request_id": "bench"})


def run(quick: bool) -> list[Figure]:
    """Analysis (and a refresh diff) of the largest report; decode and json.loads as peers."""
    username = QUICK_PERSONA if quick else LARGEST_PERSONA
    repeat = 3 if quick else 15
    created = fixtures.NOW
    raw = fixtures.report_bytes(username)  # shared with the other benchmarks
    refreshed = decode_report_response(
        report_bytes(username, created + dt.timedelta(days=7), created)
    )
    response = decode_report_response(raw)
    count = response.report.transaction_count()
    analysis_ms = median_ms(lambda: analyze(response, PARAMETERS), repeat=repeat)
    analysis = analyze(response, PARAMETERS)
    decisions = [Disposition(f.key, "sourced", "bench") for f in analysis.flags]

    def analysed_and_qualified() -> object:
        return qualify(analyze(response, PARAMETERS), TERMS, decisions, response)

    qualified_ms = median_ms(analysed_and_qualified, repeat=repeat)
    qualify_ms = median_ms(lambda: qualify(analysis, TERMS, decisions, response), repeat=repeat)
    decode_ms = median_ms(lambda: decode_report_response(raw), repeat=repeat)
    loads_ms = median_ms(lambda: json.loads(raw), repeat=repeat)
    diff_ms = median_ms(lambda: diff_reports(response, refreshed, PARAMETERS), repeat=repeat)
    return [
        Figure(
            f"analysis: {'a small' if quick else 'largest'} report ({count:,} txns)",
            analysis_ms,
            "ms",
            peer="msgspec decode of the same report",
            peer_value=decode_ms,
            target="≤ 50 ms",
        ),
        Figure(
            f"analysis + qualification (every flag decided, earnest money), {count:,} txns",
            qualified_ms,
            "ms",
            peer="msgspec decode of the same report",
            peer_value=decode_ms,
            target="≤ 15 ms",
        ),
        Figure(
            "qualification alone (after a disposition: what the view recomputes)",
            qualify_ms,
            "ms",
            peer="the analysis it follows",
            peer_value=analysis_ms,
        ),
        Figure(
            "analysis: diff of that report and its refresh (2 analyses + diff)",
            diff_ms,
            "ms",
            peer="json.loads of the same report",
            peer_value=loads_ms,
        ),
    ]
