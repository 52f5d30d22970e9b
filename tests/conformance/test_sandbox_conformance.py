"""Every response and webhook of the sandbox validates against Plaid's schemas.

plaid-python's models check in every clone; the OpenAPI file adds its checks where present.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from assets_desktop.sandbox.datalib import data
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from tests.conformance import plaid_models
from tests.conformance.caller import Conform, check_webhook
from tests.integration.sandbox.helpers import Receiver, wait_until

PERSONAS = data().known_usernames()


def test_every_endpoint_answers_with_its_schema(conform: Conform, receiver: Receiver) -> None:
    token = conform.link(webhook=receiver.url)
    conform.ok("/institutions/get_by_id", institution_id="ins_109508", country_codes=["US"])
    conform.ok(
        "/institutions/get_by_id",
        institution_id="ins_109512",
        country_codes=["US"],
        options={"include_status": True, "include_optional_metadata": True},
    )
    unsupported = conform.ok(
        "/institutions/get_by_id", institution_id="ins_133402", country_codes=["US"]
    )
    assert unsupported["institution"]["connection_availability"] == "NOT_SUPPORTED"
    conform.ok("/item/get", access_token=token)
    accounts = conform.ok("/accounts/get", access_token=token)["accounts"]
    created = conform.report(token, days=30, client_report_id="loan-1", user={"first_name": "A"})
    report_token = created["asset_report_token"]
    conform.ok("/asset_report/get", asset_report_token=report_token)
    conform.ok("/asset_report/get", asset_report_token=report_token, include_insights=True)
    conform.ok(
        "/asset_report/get", asset_report_token=report_token, options={"days_to_include": 10}
    )
    assert conform.post("/asset_report/pdf/get", asset_report_token=report_token).is_success
    pdf = conform.post(
        "/asset_report/pdf/get", asset_report_token=report_token, options={"days_to_include": 5}
    )
    assert pdf.is_success
    refreshed = conform.ok(
        "/asset_report/refresh", asset_report_token=report_token, days_requested=30
    )
    conform.ok("/asset_report/get", asset_report_token=refreshed["asset_report_token"])
    filtered = conform.ok(
        "/asset_report/filter",
        asset_report_token=report_token,
        account_ids_to_exclude=[accounts[0]["account_id"]],
    )
    conform.ok("/asset_report/get", asset_report_token=filtered["asset_report_token"])
    copy = conform.ok(
        "/asset_report/audit_copy/create", asset_report_token=report_token, auditor_id="fannie_mae"
    )["audit_copy_token"]
    conform.ok("/asset_report/audit_copy/get", audit_copy_token=copy)
    assert conform.post("/asset_report/audit_copy/pdf/get", audit_copy_token=copy).is_success
    conform.ok("/asset_report/audit_copy/remove", audit_copy_token=copy)
    gse = conform.ok("/credit/audit_copy_token/create", report_tokens=[report_token])
    conform.ok(
        "/credit/audit_copy_token/update",
        audit_copy_token=gse["audit_copy_token"],
        report_tokens=[refreshed["asset_report_token"]],
    )
    conform.ok("/credit/audit_copy_token/remove", audit_copy_token=gse["audit_copy_token"])
    conform.ok("/asset_report/remove", asset_report_token=report_token)
    conform.ok("/sandbox/item/fire_webhook", access_token=token, webhook_code="PRODUCT_READY")
    conform.ok(
        "/sandbox/item/fire_webhook",
        access_token=token,
        webhook_type="TRANSACTIONS",
        webhook_code="DEFAULT_UPDATE",
    )
    wait_until(lambda: len(receiver.received) >= 5)
    kid = _kid(receiver.received[0][0]["plaid-verification"])
    conform.ok("/webhook_verification_key/get", key_id=kid)
    conform.ok("/item/get", access_token=token)  # now with status.last_webhook
    link = conform.ok(
        "/link/token/create",
        client_name="Underwriting",
        language="en",
        country_codes=["US"],
        user={"client_user_id": "borrower-1"},
        products=["assets"],
        webhook=receiver.url,
        hosted_link={},
    )
    conform.ok("/link/token/get", link_token=link["link_token"])
    form = {"institution_id": "ins_109508", "username": "user_good", "password": "pass_good"}
    conform.http.post(f"/link/hosted/{link['link_token']}", data={**form, "action": "submit"})
    conform.ok("/link/token/get", link_token=link["link_token"])
    conform.ok("/sandbox/item/reset_login", access_token=token)
    conform.ok("/item/get", access_token=token)  # item.error is a PlaidError
    conform.error(
        "/asset_report/create", "ITEM_LOGIN_REQUIRED", access_tokens=[token], days_requested=9
    )
    conform.ok("/item/remove", access_token=token)
    assert conform.checked >= 31


def test_webhook_events_list_conforms(conform: Conform, receiver: Receiver) -> None:
    token = conform.link(webhook=receiver.url)
    conform.report(token, days=30, add_ons=["fast_assets"])
    wait_until(lambda: len(receiver.received) >= 2)  # FAST, then FULL
    listed = conform.ok("/beta/webhook_events/list")
    codes = [(e["webhook_code"], e["payload"]["report_type"]) for e in listed["webhook_events"]]
    assert codes == [("PRODUCT_READY", "FAST"), ("PRODUCT_READY", "FULL")]
    wait_until(
        lambda: all(
            e["delivery_status"] == "DELIVERED"
            for e in conform.ok("/beta/webhook_events/list")["webhook_events"]
        )
    )
    first = conform.ok("/beta/webhook_events/list", count=1, webhook_types=["ASSETS"])
    assert first["has_more"] and len(first["webhook_events"]) == 1
    rest = conform.ok("/beta/webhook_events/list", cursor=first["next_cursor"])
    assert not rest["has_more"] and rest["webhook_events"][0]["payload"]["report_type"] == "FULL"
    conform.ok("/beta/webhook_events/list", delivery_statuses=["FAILED"], webhook_codes=["ERROR"])
    since = listed["webhook_events"][0]["sent_time"]
    assert len(conform.ok("/beta/webhook_events/list", start_time=since)["webhook_events"]) == 2


def test_credit_relay_conforms(conform: Conform, sandbox: EmbeddedSandbox) -> None:
    token = conform.link()
    report_token = conform.report(token, days=30)["asset_report_token"]
    wait_until(
        lambda: conform.post("/asset_report/get", asset_report_token=report_token).is_success
    )
    partner = Conform(sandbox)
    partner.keys = {
        "client_id": sandbox.config.partner_client_id,
        "secret": sandbox.config.partner_secret,
    }
    try:
        relay = conform.ok(
            "/credit/relay/create",
            report_tokens=[report_token],
            secondary_client_id=sandbox.config.partner_client_id,
        )["relay_token"]
        # Only the partner reads it, only the owner removes it.
        conform.error(
            "/credit/relay/get", "INVALID_RELAY_TOKEN", relay_token=relay, report_type="asset"
        )
        partner.error("/credit/relay/remove", "INVALID_RELAY_TOKEN", relay_token=relay)
        got = partner.ok("/credit/relay/get", relay_token=relay, report_type="asset")
        partner.ok(
            "/credit/relay/get", relay_token=relay, report_type="asset", include_insights=True
        )
        pdf = partner.post("/credit/relay/pdf/get", relay_token=relay, report_type="asset")
        assert pdf.is_success
        refreshed = partner.ok("/credit/relay/refresh", relay_token=relay, report_type="asset")
        assert refreshed["relay_token"] == relay
        assert refreshed["asset_report_id"] != got["report"]["asset_report_id"]
        wait_until(
            lambda: (
                partner.post("/credit/relay/get", relay_token=relay, report_type="asset").is_success
            )
        )
        conform.ok("/credit/relay/remove", relay_token=relay)
        partner.error(
            "/credit/relay/get", "INVALID_RELAY_TOKEN", relay_token=relay, report_type="asset"
        )
    finally:
        partner.close()


def _kid(jwt_token: str) -> str:
    import jwt

    kid: str = jwt.get_unverified_header(jwt_token)["kid"]
    return kid


@pytest.mark.parametrize("username", PERSONAS)
def test_each_persona_report_conforms_with_and_without_insights(
    conform: Conform, username: str
) -> None:
    # 30 days keeps jsonschema (~3 ms per enriched transaction) affordable for heavy personas.
    token = conform.link(username, "ins_109508")
    conform.ok("/accounts/get", access_token=token)
    add_ons = ["fast_assets", "investments"]
    report_token = conform.report(token, days=30, add_ons=add_ons)["asset_report_token"]
    for insights in (False, True):
        conform.ok("/asset_report/get", asset_report_token=report_token, include_insights=insights)
    conform.ok("/asset_report/get", asset_report_token=report_token, fast_report=True)


def test_report_with_warnings_conforms(conform: Conform) -> None:
    tokens = [conform.link("user_good", "ins_109508"), conform.link("user_good", "ins_109512")]
    report_token = conform.report(*tokens, days=30)["asset_report_token"]
    body = conform.ok("/asset_report/get", asset_report_token=report_token, include_insights=True)
    assert [w["warning_code"] for w in body["warnings"]] == ["OWNERS_UNAVAILABLE"]


def test_too_large_report_fails_with_a_conforming_error(conform: Conform) -> None:
    report_token = conform.report(conform.link("user_over_limit"), days=731)["asset_report_token"]
    conform.error(
        "/asset_report/get", "ASSET_REPORT_GENERATION_FAILED", asset_report_token=report_token
    )


BAD_REQUESTS: list[tuple[str, dict[str, Any], str]] = [
    ("/item/get", {}, "MISSING_FIELDS"),
    ("/item/get", {"access_token": "access-sandbox-x", "colour": "red"}, "UNKNOWN_FIELDS"),
    ("/item/get", {"access_token": 7}, "INVALID_FIELD"),
    ("/item/get", {"access_token": "access-sandbox-nope"}, "INVALID_ACCESS_TOKEN"),
    ("/item/remove", {"access_token": "access-sandbox-nope"}, "INVALID_ACCESS_TOKEN"),
    ("/accounts/get", {"access_token": "access-sandbox-nope"}, "INVALID_ACCESS_TOKEN"),
    (
        "/item/public_token/exchange",
        {"public_token": "public-sandbox-nope"},
        "INVALID_PUBLIC_TOKEN",
    ),
    (
        "/institutions/get_by_id",
        {"institution_id": "ins_999999", "country_codes": ["US"]},
        "INVALID_INSTITUTION",
    ),
    ("/institutions/get_by_id", {"institution_id": "ins_109508"}, "MISSING_FIELDS"),
    (
        "/institutions/get_by_id",
        {"institution_id": "ins_109508", "country_codes": ["XX"]},
        "INVALID_FIELD",
    ),
    (
        "/sandbox/public_token/create",
        {"institution_id": "ins_999", "initial_products": ["assets"]},
        "INVALID_INSTITUTION",
    ),
    (
        "/sandbox/public_token/create",
        {"institution_id": "ins_109508", "initial_products": []},
        "INVALID_FIELD",
    ),
    ("/asset_report/create", {"days_requested": 30}, "MISSING_FIELDS"),
    ("/asset_report/create", {"access_tokens": ["a"], "days_requested": 732}, "INVALID_FIELD"),
    ("/asset_report/create", {"access_tokens": ["a"] * 100, "days_requested": 30}, "INVALID_FIELD"),
    ("/asset_report/create", {"access_tokens": ["a"], "days_requested": -1}, "INVALID_FIELD"),
    ("/asset_report/create", {"access_tokens": ["a"], "days_requested": 3}, "INVALID_ACCESS_TOKEN"),
    ("/asset_report/get", {"asset_report_token": "assets-sandbox-x"}, "INVALID_ASSET_REPORT_TOKEN"),
    (
        "/asset_report/get",
        {"asset_report_token": "assets-sandbox-x", "options": {"days_to_include": 800}},
        "INVALID_FIELD",
    ),
    (
        "/asset_report/pdf/get",
        {"asset_report_token": "assets-sandbox-x", "include_insights": True},
        "UNKNOWN_FIELDS",
    ),
    ("/asset_report/pdf/get", {"asset_report_token": "x"}, "INVALID_ASSET_REPORT_TOKEN"),
    ("/asset_report/refresh", {"asset_report_token": "x"}, "INVALID_PARENT"),
    ("/asset_report/filter", {"asset_report_token": "x"}, "MISSING_FIELDS"),
    (
        "/asset_report/filter",
        {"asset_report_token": "x", "account_ids_to_exclude": []},
        "INVALID_PARENT",
    ),
    ("/asset_report/remove", {"asset_report_token": "x"}, "INVALID_ASSET_REPORT_TOKEN"),
    ("/asset_report/audit_copy/create", {"asset_report_token": "x"}, "INVALID_PARENT"),
    (
        "/asset_report/audit_copy/get",
        {"audit_copy_token": "a-sandbox-X"},
        "INVALID_AUDIT_COPY_TOKEN",
    ),
    ("/asset_report/audit_copy/pdf/get", {"audit_copy_token": "x"}, "INVALID_AUDIT_COPY_TOKEN"),
    ("/asset_report/audit_copy/remove", {"audit_copy_token": "x"}, "INVALID_AUDIT_COPY_TOKEN"),
    ("/credit/audit_copy_token/create", {}, "MISSING_FIELDS"),
    ("/credit/audit_copy_token/create", {"report_tokens": []}, "INVALID_FIELD"),
    ("/credit/audit_copy_token/create", {"report_tokens": ["x"]}, "INVALID_PARENT"),
    (
        "/credit/audit_copy_token/update",
        {"audit_copy_token": "a-sandbox-X", "report_tokens": ["x"]},
        "INVALID_AUDIT_COPY_TOKEN",
    ),
    ("/credit/audit_copy_token/remove", {"audit_copy_token": "x"}, "INVALID_AUDIT_COPY_TOKEN"),
    ("/webhook_verification_key/get", {"key_id": "nope"}, "INVALID_WEBHOOK_VERIFICATION_KEY_ID"),
    ("/link/token/get", {"link_token": "link-sandbox-nope"}, "INVALID_LINK_TOKEN"),
    (
        "/link/token/create",
        {"client_name": "x", "language": "en", "country_codes": ["US"]},
        "MISSING_FIELDS",
    ),
    (
        "/sandbox/item/fire_webhook",
        {"access_token": "x", "webhook_code": "NOPE"},
        "INVALID_FIELD",
    ),
    ("/credit/relay/create", {"report_tokens": ["x"]}, "MISSING_FIELDS"),
    (
        "/credit/relay/create",
        {"report_tokens": ["x"], "secondary_client_id": "someone"},
        "INVALID_PARENT",
    ),
    ("/credit/relay/get", {"relay_token": "x"}, "MISSING_FIELDS"),
    ("/credit/relay/get", {"relay_token": "x", "report_type": "income"}, "INVALID_FIELD"),
    ("/credit/relay/get", {"relay_token": "x", "report_type": "asset"}, "INVALID_RELAY_TOKEN"),
    ("/credit/relay/pdf/get", {"relay_token": "x", "report_type": "asset"}, "INVALID_RELAY_TOKEN"),
    ("/credit/relay/refresh", {"relay_token": "x", "report_type": "asset"}, "INVALID_RELAY_TOKEN"),
    ("/credit/relay/remove", {"relay_token": "x"}, "INVALID_RELAY_TOKEN"),
    ("/beta/webhook_events/list", {"cursor": "not-a-cursor"}, "INVALID_FIELD"),
    ("/beta/webhook_events/list", {"count": 0}, "INVALID_FIELD"),
    ("/beta/webhook_events/list", {"start_time": "2020-01-01T00:00:00Z"}, "INVALID_FIELD"),
    ("/beta/webhook_events/list", {"delivery_statuses": ["LOST"]}, "INVALID_FIELD"),
]


@pytest.mark.parametrize(("path", "body", "code"), BAD_REQUESTS, ids=lambda v: str(v)[:40])
def test_bad_requests_get_conforming_plaid_errors(
    conform: Conform, path: str, body: dict[str, Any], code: str
) -> None:
    conform.error(path, code, **body)


def test_transport_level_errors_conform(conform: Conform, sandbox: EmbeddedSandbox) -> None:
    for raw, headers in (
        (b"{not json", {"content-type": "application/json"}),
        (b"[1, 2]", {"content-type": "application/json"}),
        (json.dumps({"access_token": "x"}).encode(), {"content-type": "text/plain"}),
    ):
        response = conform.http.post("/item/get", content=raw, headers=headers)
        conform.validate("/item/get", response)
        assert response.json()["error_code"] == "INVALID_BODY"
    response = conform.http.post("/item/get", json={"access_token": "x"})
    conform.validate("/item/get", response)
    assert response.json()["error_code"] == "INVALID_API_KEYS"
    response = conform.http.post("/no/such/endpoint", json={})
    conform.validate("/item/get", response)
    assert (response.status_code, response.json()["error_code"]) == (404, "NOT_FOUND")


def test_item_and_report_state_errors_conform(conform: Conform, sandbox: EmbeddedSandbox) -> None:
    for password, code in (
        ("error_ITEM_LOGIN_REQUIRED", "ITEM_LOGIN_REQUIRED"),
        ("error_INVALID_CREDENTIALS", "INVALID_CREDENTIALS"),
        ("error_ITEM_LOCKED", "ITEM_LOCKED"),
        ("error_INSTITUTION_DOWN", "INSTITUTION_DOWN"),
        ("wrong", "INVALID_CREDENTIALS"),
    ):
        conform.error(
            "/sandbox/public_token/create",
            code,
            institution_id="ins_109508",
            initial_products=["assets"],
            options={"override_password": password},
        )
    token = conform.link()
    no_assets = conform.link(products=("transactions",))
    conform.error(
        "/asset_report/create", "PRODUCT_NOT_ENABLED", access_tokens=[no_assets], days_requested=5
    )
    conform.error(
        "/sandbox/item/fire_webhook",
        "SANDBOX_WEBHOOK_INVALID",
        access_token=token,
        webhook_code="PRODUCT_READY",
    )
    sandbox.faults.never_ready = True
    pending = conform.report(token)["asset_report_token"]
    conform.error("/asset_report/get", "PRODUCT_NOT_READY", asset_report_token=pending)
    conform.error("/asset_report/pdf/get", "PRODUCT_NOT_READY", asset_report_token=pending)
    conform.error(
        "/asset_report/filter",
        "INVALID_PARENT",
        asset_report_token=pending,
        account_ids_to_exclude=[],
    )
    sandbox.faults.never_ready = False
    sandbox.faults.fail_generation = True
    failed = conform.report(token)["asset_report_token"]
    conform.error("/asset_report/get", "ASSET_REPORT_GENERATION_FAILED", asset_report_token=failed)
    conform.error("/asset_report/refresh", "INVALID_PARENT", asset_report_token=failed)
    sandbox.faults.fail_generation = False
    ready = conform.report(token)["asset_report_token"]
    conform.error("/asset_report/get", "INVALID_FIELD", asset_report_token=ready, fast_report=True)
    conform.error(
        "/asset_report/filter",
        "INVALID_ACCOUNT_ID",
        asset_report_token=ready,
        account_ids_to_exclude=["nope"],
    )
    conform.ok("/item/remove", access_token=token)
    conform.error("/item/get", "INVALID_ACCESS_TOKEN", access_token=token)


def test_fault_errors_conform(conform: Conform, sandbox: EmbeddedSandbox) -> None:
    sandbox.faults.rate_limit_next = 1
    sandbox.faults.server_error_next = 1
    sandbox.faults.maintenance_next = 1
    body = {"institution_id": "ins_109508", "country_codes": ["US"]}
    assert (
        conform.error("/institutions/get_by_id", "RATE_LIMIT", 429, **body)["error_type"]
        == "RATE_LIMIT_EXCEEDED"
    )
    conform.error("/institutions/get_by_id", "INTERNAL_SERVER_ERROR", 500, **body)
    conform.error("/institutions/get_by_id", "PLANNED_MAINTENANCE", 503, **body)
    conform.ok("/institutions/get_by_id", **body)


def test_webhook_payloads_conform(
    conform: Conform, sandbox: EmbeddedSandbox, receiver: Receiver
) -> None:
    token = conform.link(webhook=receiver.url)
    conform.report(token, add_ons=["fast_assets"])
    sandbox.faults.fail_generation = True
    conform.report(token, webhook=receiver.url)
    sandbox.faults.fail_generation = False
    link = conform.ok(
        "/link/token/create",
        client_name="Underwriting",
        language="en",
        country_codes=["US"],
        user={"client_user_id": "borrower-1"},
        webhook=receiver.url,
        hosted_link={},
    )["link_token"]
    form = {"institution_id": "ins_109508", "username": "user_good", "password": "pass_good"}
    page = conform.http.post(f"/link/hosted/{link}", data={**form, "action": "submit"})
    assert page.status_code == 200
    payloads = [
        json.loads(b) for b in wait_until(lambda: len(receiver.bodies()) >= 4 and receiver.bodies())
    ]
    seen = {(p["webhook_type"], p["webhook_code"]) for p in payloads}
    for body in receiver.bodies():
        check_webhook(body)
    assert seen == {("ASSETS", "PRODUCT_READY"), ("ASSETS", "ERROR"), ("LINK", "SESSION_FINISHED")}
    assert [p.get("report_type") for p in payloads if p["webhook_code"] == "PRODUCT_READY"] == [
        "FAST",
        "FULL",
    ]


def test_pdf_is_binary_with_request_id_header(conform: Conform) -> None:
    token = conform.link()
    report = conform.report(token)["asset_report_token"]
    response = conform.post("/asset_report/pdf/get", asset_report_token=report)
    assert isinstance(response, httpx.Response) and response.content.startswith(b"%PDF")


def test_plaid_python_rejects_what_plaid_users_code_cannot_read(conform: Conform) -> None:
    """The plaid-python check has teeth: the 1.697.4 institution and an unlisted enum fail."""
    body = conform.ok("/institutions/get_by_id", institution_id="ins_109508", country_codes=["US"])
    del body["institution"]["connection_availability"]
    old_shape = json.dumps(body).encode()
    with pytest.raises(AssertionError, match="connection_availability"):
        plaid_models.check_response("/institutions/get_by_id", 200, old_shape)
    error = {**conform.error("/item/get", "MISSING_FIELDS"), "error_type": "NOT_A_TYPE"}
    with pytest.raises(AssertionError, match="NOT_A_TYPE"):
        plaid_models.check_response("/item/get", 400, json.dumps(error).encode())
    with pytest.raises(AssertionError, match="no plaid-python model"):
        check_webhook(b'{"webhook_type": "ASSETS", "webhook_code": "NOPE"}')
