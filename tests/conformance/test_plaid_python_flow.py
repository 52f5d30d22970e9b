"""Plaid's official Python client runs the whole Assets flow against the sandbox, unchanged.

`plaid_api.PlaidApi` (plaid-python 46.0.0, schema 2020-09-14_1.778.0) reads every answer with
its own models and type checks on, exactly as a lender's backend would.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import plaid
import pytest
from plaid.api import plaid_api
from plaid.model.asset_report_audit_copy_create_request import AssetReportAuditCopyCreateRequest
from plaid.model.asset_report_audit_copy_get_request import AssetReportAuditCopyGetRequest
from plaid.model.asset_report_audit_copy_remove_request import AssetReportAuditCopyRemoveRequest
from plaid.model.asset_report_create_request import AssetReportCreateRequest
from plaid.model.asset_report_create_request_options import AssetReportCreateRequestOptions
from plaid.model.asset_report_filter_request import AssetReportFilterRequest
from plaid.model.asset_report_get_request import AssetReportGetRequest
from plaid.model.asset_report_pdf_get_request import AssetReportPDFGetRequest
from plaid.model.asset_report_refresh_request import AssetReportRefreshRequest
from plaid.model.asset_report_remove_request import AssetReportRemoveRequest
from plaid.model.asset_report_user import AssetReportUser
from plaid.model.beta_webhook_events_list_request import BetaWebhookEventsListRequest
from plaid.model.country_code import CountryCode
from plaid.model.credit_audit_copy_token_create_request import CreditAuditCopyTokenCreateRequest
from plaid.model.credit_audit_copy_token_remove_request import CreditAuditCopyTokenRemoveRequest
from plaid.model.credit_audit_copy_token_update_request import CreditAuditCopyTokenUpdateRequest
from plaid.model.credit_relay_create_request import CreditRelayCreateRequest
from plaid.model.credit_relay_get_request import CreditRelayGetRequest
from plaid.model.credit_relay_pdf_get_request import CreditRelayPDFGetRequest
from plaid.model.credit_relay_refresh_request import CreditRelayRefreshRequest
from plaid.model.credit_relay_remove_request import CreditRelayRemoveRequest
from plaid.model.institutions_get_by_id_request import InstitutionsGetByIdRequest
from plaid.model.item_get_request import ItemGetRequest
from plaid.model.item_public_token_exchange_request import ItemPublicTokenExchangeRequest
from plaid.model.item_remove_request import ItemRemoveRequest
from plaid.model.products import Products
from plaid.model.report_type import ReportType
from plaid.model.sandbox_public_token_create_request import SandboxPublicTokenCreateRequest
from plaid.model.sandbox_public_token_create_request_options import (
    SandboxPublicTokenCreateRequestOptions,
)

from assets_desktop.sandbox.embedded import EmbeddedSandbox


@pytest.fixture
def client(sandbox: EmbeddedSandbox) -> Iterator[plaid_api.PlaidApi]:
    """plaid-python's PlaidApi pointed at the local sandbox, keys in headers as it sends them."""
    configuration = plaid.Configuration(
        host=sandbox.base_url,
        api_key={
            "clientId": sandbox.config.client_id,
            "secret": sandbox.config.secret,
            "plaidVersion": "2020-09-14",
        },
    )
    with plaid.ApiClient(configuration) as api_client:
        yield plaid_api.PlaidApi(api_client)


def _access_token(client: plaid_api.PlaidApi, username: str = "user_good") -> str:
    options = SandboxPublicTokenCreateRequestOptions(
        override_username=username, override_password="pass_good"
    )
    public = client.sandbox_public_token_create(
        SandboxPublicTokenCreateRequest(
            institution_id="ins_109508", initial_products=[Products("assets")], options=options
        )
    ).public_token
    exchange = ItemPublicTokenExchangeRequest(public_token=public)
    token: str = client.item_public_token_exchange(exchange).access_token
    return token


def _plaid_error(call: Any) -> dict[str, Any]:
    """The error body of a call that must fail (plaid-python raises ApiException)."""
    with pytest.raises(plaid.ApiException) as caught:
        call()
    body: dict[str, Any] = json.loads(caught.value.body)
    return body


def test_plaid_python_runs_the_whole_assets_flow(client: plaid_api.PlaidApi) -> None:
    institution = client.institutions_get_by_id(
        InstitutionsGetByIdRequest(institution_id="ins_109508", country_codes=[CountryCode("US")])
    ).institution
    assert institution.name == "First Platypus Bank"
    assert institution.connection_availability.value == "SUPPORTED"
    token = _access_token(client)
    item = client.item_get(ItemGetRequest(access_token=token)).item
    assert item.institution_id == "ins_109508"

    user = AssetReportUser(client_user_id="borrower-7", first_name="Alberta", last_name="Charleson")
    options = AssetReportCreateRequestOptions(client_report_id="loan-7", user=user)
    created = client.asset_report_create(
        AssetReportCreateRequest(access_tokens=[token], days_requested=60, options=options)
    )
    report_token = created.asset_report_token
    report = client.asset_report_get(AssetReportGetRequest(asset_report_token=report_token)).report
    assert report.asset_report_id == created.asset_report_id
    assert report.client_report_id == "loan-7"
    accounts = report.items[0].accounts
    assert {a.subtype.value for a in accounts} >= {"checking", "savings", "credit card"}
    assert all(t.get("category") is None for a in accounts for t in a.transactions)
    insights = client.asset_report_get(
        AssetReportGetRequest(asset_report_token=report_token, include_insights=True)
    ).report
    enriched = [t for a in insights.items[0].accounts for t in a.transactions]
    assert enriched and all(t.category_id for t in enriched)

    pdf = client.asset_report_pdf_get(AssetReportPDFGetRequest(asset_report_token=report_token))
    assert pdf.read(5) == b"%PDF-"

    refreshed = client.asset_report_refresh(
        AssetReportRefreshRequest(asset_report_token=report_token, days_requested=30)
    )
    again = AssetReportGetRequest(asset_report_token=refreshed.asset_report_token)
    assert client.asset_report_get(again).report.days_requested == 30

    excluded = accounts[0].account_id
    filtered = client.asset_report_filter(
        AssetReportFilterRequest(asset_report_token=report_token, account_ids_to_exclude=[excluded])
    )
    kept = (
        client.asset_report_get(
            AssetReportGetRequest(asset_report_token=filtered.asset_report_token)
        )
        .report.items[0]
        .accounts
    )
    assert excluded not in {a.account_id for a in kept} and len(kept) == len(accounts) - 1

    copy = client.asset_report_audit_copy_create(
        AssetReportAuditCopyCreateRequest(asset_report_token=report_token, auditor_id="fannie_mae")
    ).audit_copy_token
    audited = client.asset_report_audit_copy_get(AssetReportAuditCopyGetRequest(copy)).report
    assert audited.asset_report_id == created.asset_report_id
    assert client.asset_report_audit_copy_remove(AssetReportAuditCopyRemoveRequest(copy)).removed
    gone = _plaid_error(
        lambda: client.asset_report_audit_copy_get(AssetReportAuditCopyGetRequest(copy))
    )
    assert gone["error_code"] == "INVALID_AUDIT_COPY_TOKEN"

    assert client.asset_report_remove(AssetReportRemoveRequest(report_token)).removed
    removed = _plaid_error(
        lambda: client.asset_report_get(AssetReportGetRequest(asset_report_token=report_token))
    )
    assert (removed["error_type"], removed["error_code"]) == (
        "INVALID_INPUT",
        "INVALID_ASSET_REPORT_TOKEN",
    )
    client.item_remove(ItemRemoveRequest(access_token=token))


def test_plaid_python_reads_the_sandbox_errors(
    client: plaid_api.PlaidApi, sandbox: EmbeddedSandbox
) -> None:
    token = _access_token(client)
    sandbox.faults.never_ready = True
    pending = client.asset_report_create(
        AssetReportCreateRequest(access_tokens=[token], days_requested=30)
    ).asset_report_token
    not_ready = _plaid_error(
        lambda: client.asset_report_get(AssetReportGetRequest(asset_report_token=pending))
    )
    assert (not_ready["error_type"], not_ready["error_code"]) == (
        "ASSET_REPORT_ERROR",
        "PRODUCT_NOT_READY",
    )
    sandbox.faults.never_ready = False
    invalid = _plaid_error(
        lambda: client.asset_report_create(
            AssetReportCreateRequest(access_tokens=["access-sandbox-nope"], days_requested=30)
        )
    )
    assert invalid["error_code"] == "INVALID_ACCESS_TOKEN"
    bad_keys = plaid_api.PlaidApi(
        plaid.ApiClient(
            plaid.Configuration(
                host=sandbox.base_url, api_key={"clientId": "nope", "secret": "nope"}
            )
        )
    )
    keys = _plaid_error(lambda: bad_keys.item_get(ItemGetRequest(access_token=token)))
    assert keys["error_code"] == "INVALID_API_KEYS"


def test_plaid_python_shares_a_report_with_a_gse_audit_copy_token(
    client: plaid_api.PlaidApi,
) -> None:
    token = _access_token(client)
    original = client.asset_report_create(
        AssetReportCreateRequest(access_tokens=[token], days_requested=61)
    )
    gse = client.credit_audit_copy_token_create(
        CreditAuditCopyTokenCreateRequest(report_tokens=[original.asset_report_token])
    ).audit_copy_token
    seen = client.asset_report_audit_copy_get(AssetReportAuditCopyGetRequest(gse)).report
    assert seen.asset_report_id == original.asset_report_id
    refreshed = client.asset_report_refresh(
        AssetReportRefreshRequest(asset_report_token=original.asset_report_token)
    )
    update = CreditAuditCopyTokenUpdateRequest(
        audit_copy_token=gse, report_tokens=[refreshed.asset_report_token]
    )
    assert client.credit_audit_copy_token_update(update).updated
    seen = client.asset_report_audit_copy_get(AssetReportAuditCopyGetRequest(gse)).report
    assert seen.asset_report_id == refreshed.asset_report_id
    remove = CreditAuditCopyTokenRemoveRequest(audit_copy_token=gse)
    assert client.credit_report_audit_copy_remove(remove).removed
    gone = _plaid_error(
        lambda: client.asset_report_audit_copy_get(AssetReportAuditCopyGetRequest(gse))
    )
    assert gone["error_code"] == "INVALID_AUDIT_COPY_TOKEN"
    two = _plaid_error(
        lambda: client.credit_audit_copy_token_create(
            CreditAuditCopyTokenCreateRequest(
                report_tokens=[original.asset_report_token, refreshed.asset_report_token]
            )
        )
    )
    assert two["error_code"] == "INVALID_FIELD"


def test_plaid_python_relays_a_report_to_a_partner_and_reads_webhook_events(
    client: plaid_api.PlaidApi, sandbox: EmbeddedSandbox
) -> None:
    token = _access_token(client)
    original = client.asset_report_create(
        AssetReportCreateRequest(access_tokens=[token], days_requested=30)
    )
    relay = client.credit_relay_create(
        CreditRelayCreateRequest(
            report_tokens=[original.asset_report_token],
            secondary_client_id=sandbox.config.partner_client_id,
        )
    ).relay_token
    configuration = plaid.Configuration(
        host=sandbox.base_url,
        api_key={
            "clientId": sandbox.config.partner_client_id,
            "secret": sandbox.config.partner_secret,
            "plaidVersion": "2020-09-14",
        },
    )
    asset = ReportType("asset")
    with plaid.ApiClient(configuration) as api_client:
        partner = plaid_api.PlaidApi(api_client)
        got = partner.credit_relay_get(CreditRelayGetRequest(relay_token=relay, report_type=asset))
        assert got.report.asset_report_id == original.asset_report_id
        pdf = partner.credit_relay_pdf_get(
            CreditRelayPDFGetRequest(relay_token=relay, report_type=asset)
        )
        assert pdf.read().startswith(b"%PDF-")
        refreshed = partner.credit_relay_refresh(
            CreditRelayRefreshRequest(relay_token=relay, report_type=asset)
        )
        assert refreshed.relay_token == relay
    assert client.credit_relay_remove(CreditRelayRemoveRequest(relay_token=relay)).removed
    events = client.beta_webhook_events_list(BetaWebhookEventsListRequest(count=10))
    assert events.has_more is False and isinstance(events.next_cursor, str)
