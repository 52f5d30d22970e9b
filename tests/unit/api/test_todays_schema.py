"""The client reads what Plaid sends today and tomorrow: unknown fields and enum values never
stop a report, an Item or an institution from opening."""

from __future__ import annotations

import json

import httpx
import pytest

from assets_desktop.domain.analysis import AnalysisParameters, analyze
from assets_desktop.domain.report import decode_report_response
from tests.gui.report.personas import UNKNOWN, report_of_tomorrow
from tests.unit.api.helpers import Recorder, client_for, ok


def test_a_report_with_unknown_fields_and_enum_values_opens_and_is_analysed() -> None:
    body = report_of_tomorrow()
    response = decode_report_response(json.dumps(body))
    accounts = response.report.accounts()
    assert (accounts[0].type, accounts[0].subtype) == ("crypto", "prediction market")
    assert accounts[1].subtype == "commercial line of credit"
    assert accounts[1].balances.current is None and accounts[1].balances.available is None
    assert accounts[0].ownership_type == "community property"
    assert accounts[0].transactions[0].transaction_type == "hybrid"
    cause = response.warnings[0].cause
    assert cause is not None and (cause.error_type, cause.error_code) == (
        "ASSETS_ERROR",
        "SOMETHING_NEW",
    )
    analysis = analyze(response, AnalysisParameters())
    assert [a.subtype for a in analysis.accounts][:2] == [
        "prediction market",
        "commercial line of credit",
    ]


@pytest.mark.asyncio
async def test_the_client_downloads_it_and_reads_todays_item_and_institution() -> None:
    report = report_of_tomorrow()
    item = {
        "item_id": "I1",
        "webhook": None,
        "error": None,
        "available_products": ["brand_new_product"],
        "billed_products": ["assets"],
        "consent_expiration_time": None,
        "update_type": "some_new_update_type",
        "paired_item_id": "I0",
        **UNKNOWN,
    }
    institution = {
        "institution_id": "ins_1",
        "name": "Bank",
        "products": ["assets", "cra_home_lending"],
        "country_codes": ["US"],
        "routing_numbers": [],
        "oauth": False,
        "connection_availability": "NOT_SUPPORTED",
        **UNKNOWN,
    }
    recorder = Recorder(
        httpx.Response(200, content=json.dumps(report).encode()),
        ok({"item": item, "status": None}),
        ok({"institution": institution}),
    )
    client = client_for(recorder)
    try:
        download = await client.reports.get("assets-sandbox-tok")
        got_item = (await client.items.get("access-sandbox-tok")).item
        got_institution = (await client.institutions.get_by_id("ins_1")).institution
    finally:
        await client.aclose()
    assert download.response.report.accounts()[0].subtype == "prediction market"
    assert (got_item.paired_item_id, got_item.update_type) == ("I0", "some_new_update_type")
    assert got_institution.connection_availability == "NOT_SUPPORTED"
