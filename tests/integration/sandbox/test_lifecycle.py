"""Items and the report lifecycle: readiness, refresh, filter, remove, audit copies, limits."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx
import pytest

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.sandbox.server import SandboxConfig
from tests.integration.sandbox.helpers import Api, Receiver, wait_until

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def test_tokens_and_ids_look_like_plaids(api: Api) -> None:
    token = api.link()
    assert re.fullmatch(r"access-sandbox-[0-9a-f-]{36}", token)
    item = api.ok("/item/get", access_token=token)["item"]
    assert re.fullmatch(r"[A-Za-z0-9]{37}", item["item_id"])
    created = api.report(token)
    assert UUID.match(created["asset_report_id"])
    assert created["asset_report_token"].startswith("assets-sandbox-")
    copy = api.ok(
        "/asset_report/audit_copy/create", asset_report_token=created["asset_report_token"]
    )
    assert re.fullmatch(r"a-sandbox-[A-Z0-9]{26}", copy["audit_copy_token"])
    assert re.fullmatch(r"[A-Za-z0-9]{15}", copy["request_id"])


@pytest.mark.parametrize(
    ("code", "error_type"),
    [
        ("ITEM_LOGIN_REQUIRED", "ITEM_ERROR"),
        ("INVALID_CREDENTIALS", "ITEM_ERROR"),
        ("ITEM_LOCKED", "ITEM_ERROR"),
        ("INSTITUTION_DOWN", "INSTITUTION_ERROR"),
        ("INSTITUTION_NOT_RESPONDING", "INSTITUTION_ERROR"),
    ],
)
def test_error_passwords_fail_item_creation(api: Api, code: str, error_type: str) -> None:
    error = api.error(
        "/sandbox/public_token/create",
        code,
        institution_id="ins_109508",
        initial_products=["assets"],
        options={"override_username": "user_good", "override_password": f"error_{code}"},
    )
    assert error["error_type"] == error_type


def test_public_token_is_single_use_and_item_remove_revokes_access(api: Api) -> None:
    public = api.ok(
        "/sandbox/public_token/create", institution_id="ins_109508", initial_products=["assets"]
    )["public_token"]
    token = api.ok("/item/public_token/exchange", public_token=public)["access_token"]
    api.error("/item/public_token/exchange", "INVALID_PUBLIC_TOKEN", public_token=public)
    report = api.report(token)["asset_report_token"]
    assert api.ok("/item/remove", access_token=token).keys() == {"request_id"}
    api.error("/accounts/get", "INVALID_ACCESS_TOKEN", access_token=token)
    api.ok("/asset_report/get", asset_report_token=report)  # reports outlive their Items


def test_keys_in_headers_are_accepted_and_wrong_keys_refused(api: Api) -> None:
    headers = {"PLAID-CLIENT-ID": api.keys["client_id"], "PLAID-SECRET": api.keys["secret"]}
    body = {"institution_id": "ins_109511", "country_codes": ["US"]}
    response = api.http.post("/institutions/get_by_id", json=body, headers=headers)
    assert response.json()["institution"]["name"] == "Tartan Bank"
    wrong = {**headers, "PLAID-SECRET": "nope"}
    response = api.http.post("/institutions/get_by_id", json=body, headers=wrong)
    assert response.json()["error_code"] == "INVALID_API_KEYS"
    assert "--client-id/--secret" in response.json()["error_message"]


def test_configured_keys_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSETS_SANDBOX_CLIENT_ID", "env-id")
    monkeypatch.setenv("ASSETS_SANDBOX_SECRET", "env-secret")
    assert (SandboxConfig.from_env().client_id, SandboxConfig.from_env().secret) == (
        "env-id",
        "env-secret",
    )
    assert SandboxConfig.from_env(secret="flag").secret == "flag"


def test_institutions_have_their_sandbox_names(api: Api) -> None:
    names = {
        "ins_109508": "First Platypus Bank",
        "ins_109509": "First Gingham Credit Union",
        "ins_109510": "Tattersall Federal Credit Union",
        "ins_109511": "Tartan Bank",
        "ins_109512": "Houndstooth Bank",
    }
    for institution_id, name in names.items():
        body = api.ok(
            "/institutions/get_by_id", institution_id=institution_id, country_codes=["US"]
        )
        assert body["institution"]["name"] == name


def test_refresh_inherits_options_user_and_exclusions(api: Api) -> None:
    token = api.link()
    accounts = api.ok("/accounts/get", access_token=token)["accounts"]
    created = api.report(
        token,
        days=60,
        client_report_id="loan-7",
        user={"first_name": "Alberta", "ssn": "123-45-6789"},
    )
    excluded = accounts[0]["account_id"]
    filtered = api.ok(
        "/asset_report/filter",
        asset_report_token=created["asset_report_token"],
        account_ids_to_exclude=[excluded],
    )
    refreshed = api.ok(
        "/asset_report/refresh",
        asset_report_token=filtered["asset_report_token"],
        options={"user": {"ssn": ""}},
    )
    report = api.ok("/asset_report/get", asset_report_token=refreshed["asset_report_token"])[
        "report"
    ]
    assert report["asset_report_id"] == refreshed["asset_report_id"] != created["asset_report_id"]
    assert report["client_report_id"] == "loan-7" and report["days_requested"] == 60
    assert report["user"]["first_name"] == "Alberta" and report["user"]["ssn"] is None
    ids = {a["account_id"] for item in report["items"] for a in item["accounts"]}
    assert excluded not in ids and ids
    original = api.ok("/asset_report/get", asset_report_token=created["asset_report_token"])[
        "report"
    ]
    assert excluded in {a["account_id"] for i in original["items"] for a in i["accounts"]}


def test_remove_invalidates_the_report_and_its_audit_copies(api: Api) -> None:
    token = api.report(api.link())["asset_report_token"]
    copies = [
        api.ok("/asset_report/audit_copy/create", asset_report_token=token, auditor_id=a)[
            "audit_copy_token"
        ]
        for a in ("fannie_mae", "freddie_mac")
    ]
    api.ok("/asset_report/audit_copy/remove", audit_copy_token=copies[0])
    api.error(
        "/asset_report/audit_copy/get", "INVALID_AUDIT_COPY_TOKEN", audit_copy_token=copies[0]
    )
    assert api.ok("/asset_report/audit_copy/get", audit_copy_token=copies[1])["report"]
    assert api.ok("/asset_report/remove", asset_report_token=token)["removed"] is True
    api.error("/asset_report/get", "INVALID_ASSET_REPORT_TOKEN", asset_report_token=token)
    api.error(
        "/asset_report/audit_copy/get", "INVALID_AUDIT_COPY_TOKEN", audit_copy_token=copies[1]
    )
    api.error(
        "/asset_report/filter",
        "INVALID_PARENT",
        asset_report_token=token,
        account_ids_to_exclude=[],
    )


def test_more_than_15000_transactions_fails_generation(
    api: Api, receiver: Receiver, sandbox: EmbeddedSandbox
) -> None:
    created = api.report(api.link("user_over_limit", webhook=receiver.url), days=731)
    error = api.error(
        "/asset_report/get",
        "ASSET_REPORT_GENERATION_FAILED",
        asset_report_token=created["asset_report_token"],
    )
    assert "too large" in error["error_message"]
    wait_until(lambda: receiver.received)
    assert b'"webhook_code": "ERROR"' in receiver.received[0][1]


class TestAsynchronousReadiness:
    @pytest.fixture
    def sandbox_config(self) -> SandboxConfig:
        return SandboxConfig(ready_delay=0.4)

    def test_not_ready_until_the_delay_then_product_ready(
        self, api: Api, receiver: Receiver
    ) -> None:
        created = api.report(api.link(webhook=receiver.url))
        token = created["asset_report_token"]
        error = api.error("/asset_report/get", "PRODUCT_NOT_READY", asset_report_token=token)
        assert error["error_type"] == "ASSET_REPORT_ERROR"
        api.error("/asset_report/pdf/get", "PRODUCT_NOT_READY", asset_report_token=token)
        wait_until(lambda: receiver.received, timeout=10)
        assert (
            api.ok("/asset_report/get", asset_report_token=token)["report"]["asset_report_id"]
            == (created["asset_report_id"])
        )


def test_state_file_keeps_items_and_reports_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "sandbox-state.json"
    with EmbeddedSandbox(SandboxConfig(ready_delay=0, state_file=path)) as first:
        api = Api(first)
        token = api.link("user_steady_payroll")
        report = api.report(token, days=45)
        before = api.ok("/asset_report/get", asset_report_token=report["asset_report_token"])
        api.close()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    with EmbeddedSandbox(SandboxConfig(ready_delay=0, state_file=path)) as second:
        api = Api(second)
        api.ok("/item/get", access_token=token)
        after = api.ok("/asset_report/get", asset_report_token=report["asset_report_token"])
        api.close()
    assert after["report"] == before["report"]


def test_bad_state_file_is_reported_clearly(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text("{oops")
    with pytest.raises(ValueError, match="cannot read the sandbox state file"):
        EmbeddedSandbox(SandboxConfig(state_file=path))


def test_server_answers_other_requests_while_a_report_builds(sandbox: EmbeddedSandbox) -> None:
    """Generation runs in a worker thread: a quick request overtakes a slow create."""
    api = Api(sandbox)
    token = api.link("user_heavy_spender")
    create_body = {**api.keys, "access_tokens": [token], "days_requested": 731}
    quick_body = {**api.keys, "institution_id": "ins_109508", "country_codes": ["US"]}

    async def scenario() -> bool:
        async with httpx.AsyncClient(base_url=sandbox.base_url, timeout=30) as client:
            create = asyncio.create_task(client.post("/asset_report/create", json=create_body))
            answered_meanwhile = 0
            for _ in range(50):  # bounded: quick requests while the slow create is pending
                if create.done():
                    break
                quick = await client.post("/institutions/get_by_id", json=quick_body)
                assert quick.status_code == 200
                answered_meanwhile += 0 if create.done() else 1
            assert (await create).status_code == 200
            return answered_meanwhile > 0

    assert asyncio.run(scenario())
    api.close()


def test_pdf_is_a_readable_multi_page_report(api: Api) -> None:
    import pymupdf

    created = api.report(api.link("user_joint_account"), days=60, client_report_id="loan-9")
    response = api.post("/asset_report/pdf/get", asset_report_token=created["asset_report_token"])
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["plaid-request-id"]
    with pymupdf.open(stream=response.content, filetype="pdf") as document:
        assert document.page_count > 1
        text = "".join(page.get_text() for page in document)
    assert created["asset_report_id"] in text and "loan-9" in text
    trimmed = api.post(
        "/asset_report/pdf/get",
        asset_report_token=created["asset_report_token"],
        options={"days_to_include": 7},
    )
    assert trimmed.content.startswith(b"%PDF") and len(trimmed.content) < len(response.content)


def test_a_report_left_pending_is_built_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    with EmbeddedSandbox(SandboxConfig(ready_delay=0, state_file=path)) as first:
        first.faults.never_ready = True
        api = Api(first)
        token = api.report(api.link())["asset_report_token"]
        api.error("/asset_report/get", "PRODUCT_NOT_READY", asset_report_token=token)
        api.close()
    with EmbeddedSandbox(SandboxConfig(ready_delay=0, state_file=path)) as second:
        api = Api(second)
        wait_until(lambda: api.post("/asset_report/get", asset_report_token=token).is_success)
        api.close()


def test_reset_login_makes_the_item_unhealthy_and_create_fail_at_once(api: Api) -> None:
    token = api.link()
    assert api.ok("/sandbox/item/reset_login", access_token=token)["reset_login"] is True
    item = api.ok("/item/get", access_token=token)["item"]
    assert item["error"]["error_code"] == "ITEM_LOGIN_REQUIRED"
    error = api.error(
        "/asset_report/create", "ITEM_LOGIN_REQUIRED", access_tokens=[token], days_requested=30
    )
    assert error["error_type"] == "ITEM_ERROR" and item["item_id"] in error["error_message"]
