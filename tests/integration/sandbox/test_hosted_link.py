"""The local Hosted Link page: link token → page → login → public token + SESSION_FINISHED."""

from __future__ import annotations

import json
from typing import Any

from tests.integration.sandbox.helpers import Api, Receiver, wait_until

FORM = {"institution_id": "ins_109511", "username": "user_good", "password": "pass_good"}


def _link_token(api: Api, webhook: str, **hosted: Any) -> dict[str, Any]:
    return api.ok(
        "/link/token/create",
        client_name="Underwriting Desk",
        language="en",
        country_codes=["US"],
        user={"client_user_id": "borrower-42"},
        products=["assets"],
        webhook=webhook,
        hosted_link=hosted,
    )


def test_completing_the_page_records_the_item_and_fires_session_finished(
    api: Api, receiver: Receiver
) -> None:
    link = _link_token(api, receiver.url)
    page = api.http.get(link["hosted_link_url"].removeprefix(api.sandbox.base_url))
    assert (
        page.status_code == 200 and "Tartan Bank" in page.text and "Underwriting Desk" in page.text
    )
    done = api.http.post(link["hosted_link_url"], data={**FORM, "action": "submit"})
    assert "Your account is linked" in done.text
    (session,) = api.ok("/link/token/get", link_token=link["link_token"])["link_sessions"]
    (result,) = session["results"]["item_add_results"]
    assert result["institution"] == {"name": "Tartan Bank", "institution_id": "ins_109511"}
    assert {a["mask"] for a in result["accounts"]} >= {"0000", "1111"}
    wait_until(lambda: receiver.received)
    payload = json.loads(receiver.received[0][1])
    assert payload["webhook_code"] == "SESSION_FINISHED" and payload["status"] == "SUCCESS"
    assert payload["public_tokens"] == [result["public_token"]]
    token = api.ok("/item/public_token/exchange", public_token=result["public_token"])
    item = api.ok("/item/get", access_token=token["access_token"])["item"]
    assert item["institution_id"] == "ins_109511"


def test_bad_password_shows_the_error_and_keeps_the_session_open(
    api: Api, receiver: Receiver
) -> None:
    link = _link_token(api, receiver.url)
    page = api.http.post(
        link["hosted_link_url"], data={**FORM, "password": "error_ITEM_LOCKED", "action": "submit"}
    )
    assert "locked" in page.text.lower() and 'role="alert"' in page.text
    (session,) = api.ok("/link/token/get", link_token=link["link_token"])["link_sessions"]
    assert session["finished_at"] is None and not receiver.received


def test_exit_and_redirect(api: Api, receiver: Receiver) -> None:
    link = _link_token(api, receiver.url, completion_redirect_uri="https://lender.example/done")
    response = api.http.post(link["hosted_link_url"], data={**FORM, "action": "exit"})
    assert response.status_code == 303
    assert response.headers["location"] == "https://lender.example/done"
    wait_until(lambda: receiver.received)
    payload = json.loads(receiver.received[0][1])
    assert payload["status"] == "EXITED" and payload["public_tokens"] == []


def test_unknown_link_token_page_says_so(api: Api) -> None:
    response = api.http.get("/link/hosted/link-sandbox-nope")
    assert response.status_code == 404 and "expired" in response.text
