"""Items, institutions, accounts, link tokens, webhook key and fired webhooks."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from starlette.requests import Request

from assets_desktop.sandbox.datalib import data
from assets_desktop.sandbox.errors import PlaidError, invalid_input, item_creation_error
from assets_desktop.sandbox.institutions import (
    INSTITUTIONS,
    UNHEALTHY,
    institution_json,
    institution_name,
)
from assets_desktop.sandbox.reports import parse_time
from assets_desktop.sandbox.runtime import Sandbox
from assets_desktop.sandbox.state import (
    ItemRecord,
    LinkTokenRecord,
    PublicTokenRecord,
    iso,
    new_item_id,
    new_token,
    utcnow,
)

PUBLIC_TOKEN_LIFETIME = timedelta(minutes=30)
LINK_TOKEN_LIFETIME = timedelta(hours=4)
Body = dict[str, Any]


def create_public_token(
    sb: Sandbox,
    institution_id: str,
    username: str,
    password: str,
    products: list[str],
    webhook: str | None,
) -> PublicTokenRecord:
    """Log in to a sandbox institution; `error_<CODE>` passwords fail with that code."""
    if institution_id not in INSTITUTIONS:
        raise invalid_input(
            "INVALID_INSTITUTION",
            f"invalid institution_id {institution_id!r}: use a sandbox institution such as "
            "ins_109508 (First Platypus Bank)",
        )
    if institution_id in UNHEALTHY:
        raise item_creation_error(UNHEALTHY[institution_id])
    if password.startswith("error_"):
        raise item_creation_error(password.removeprefix("error_"))
    known = data().known_usernames()
    wrong_password = username == "user_good" and password != "pass_good"  # noqa: S105
    if username not in known or wrong_password:
        raise PlaidError(
            400,
            "ITEM_ERROR",
            "INVALID_CREDENTIALS",
            "the provided credentials were not correct: use user_good / pass_good or one of "
            "the sandbox personas (" + ", ".join(known) + ") with any password",
            "The credentials were not correct. Please try again.",
        )
    record = PublicTokenRecord(
        public_token=new_token("public"),
        institution_id=institution_id,
        username=username,
        products=list(products),
        webhook=webhook,
        created_at=iso(utcnow()),
        item_id=new_item_id(),
    )
    sb.state.public_tokens[record.public_token] = record
    sb.persist()
    return record


async def sandbox_public_token_create(sb: Sandbox, body: Body, request: Request) -> Body:
    options = body.get("options") or {}
    record = create_public_token(
        sb,
        body["institution_id"],
        options.get("override_username") or "user_good",
        options.get("override_password") or "pass_good",
        body["initial_products"],
        options.get("webhook"),
    )
    return {"public_token": record.public_token}


async def item_public_token_exchange(sb: Sandbox, body: Body, request: Request) -> Body:
    record = sb.state.public_tokens.get(body["public_token"])
    expired = (
        record is not None and utcnow() - parse_time(record.created_at) > PUBLIC_TOKEN_LIFETIME
    )
    if record is None or record.used or expired:
        raise invalid_input(
            "INVALID_PUBLIC_TOKEN",
            "could not find matching public token: it is unknown, already exchanged, or older "
            "than 30 minutes; create a new one",
        )
    record.used = True
    item = ItemRecord(
        item_id=record.item_id,
        access_token=new_token("access"),
        institution_id=record.institution_id,
        username=record.username,
        products=record.products,
        webhook=record.webhook,
        created_at=record.created_at,  # the data's anchor, as Link showed it
    )
    sb.state.items[item.access_token] = item
    sb.persist()
    return {"access_token": item.access_token, "item_id": item.item_id}


def item_json(item: ItemRecord) -> Body:
    """The `item` object of `/item/get` and `/accounts/get`."""
    available = [
        p for p in ("auth", "balance", "identity", "transactions") if p not in item.products
    ]
    return {
        "item_id": item.item_id,
        "institution_id": item.institution_id,
        "institution_name": institution_name(item.institution_id),
        "webhook": item.webhook,
        "auth_method": None,
        "error": item.error,
        "available_products": available,
        "billed_products": list(item.products),
        "products": list(item.products),
        "consented_products": list(item.products),
        "consent_expiration_time": None,
        "update_type": "background",
        "paired_item_id": None,  # schema 1.778.0: a sandbox Item is never paired
    }


async def item_get(sb: Sandbox, body: Body, request: Request) -> Body:
    item = sb.item(body["access_token"])
    response: Body = {"item": {**item_json(item), "created_at": item.created_at}}
    if item.last_webhook_code:  # `status` stays out until there is something to say
        last = {"sent_at": item.last_webhook_at, "code_sent": item.last_webhook_code}
        response["status"] = {"last_webhook": last}
    return response


async def item_remove(sb: Sandbox, body: Body, request: Request) -> Body:
    sb.item(body["access_token"]).removed = True
    sb.persist()
    return {}


async def institutions_get_by_id(sb: Sandbox, body: Body, request: Request) -> Body:
    institution_id = body["institution_id"]
    if institution_id not in INSTITUTIONS:
        raise invalid_input(
            "INVALID_INSTITUTION",
            f"invalid institution_id {institution_id!r}: not a sandbox institution",
        )
    include_status = bool((body.get("options") or {}).get("include_status"))
    return {"institution": institution_json(institution_id, include_status=include_status)}


async def accounts_get(sb: Sandbox, body: Body, request: Request) -> Body:
    item = sb.item(body["access_token"])
    now = utcnow().replace(minute=0, second=0)
    generated = await sb.engine.generated_item(item, now)
    accounts = [dict(a) for a in generated.accounts]
    wanted = (body.get("options") or {}).get("account_ids")
    if wanted is not None:
        known = {a["account_id"] for a in accounts}
        unknown = [a for a in wanted if a not in known]
        if unknown:
            raise invalid_input(
                "INVALID_ACCOUNT_ID",
                "options.account_ids holds account ids not in this Item: " + ", ".join(unknown),
            )
        accounts = [a for a in accounts if a["account_id"] in wanted]
    return {"accounts": accounts, "item": item_json(item)}


async def link_token_create(sb: Sandbox, body: Body, request: Request) -> Body:
    if "user" not in body and "user_id" not in body:
        raise PlaidError(
            400,
            "INVALID_REQUEST",
            "MISSING_FIELDS",
            "the following required fields are missing: user.client_user_id",
        )
    hosted = body.get("hosted_link")
    now = utcnow()
    lifetime = LINK_TOKEN_LIFETIME
    if hosted is not None and hosted.get("url_lifetime_seconds"):
        lifetime = timedelta(seconds=hosted["url_lifetime_seconds"])
    record = LinkTokenRecord(
        link_token=new_token("link"),
        created_at=iso(now),
        expiration=iso(now + lifetime),
        client_name=body["client_name"],
        language=body["language"],
        country_codes=list(body["country_codes"]),
        products=list(body.get("products") or []),
        webhook=body.get("webhook"),
        redirect_uri=body.get("redirect_uri"),
        hosted=hosted is not None,
        completion_redirect_uri=(hosted or {}).get("completion_redirect_uri"),
    )
    sb.state.link_tokens[record.link_token] = record
    sb.persist()
    response: Body = {"link_token": record.link_token, "expiration": record.expiration}
    if record.hosted:
        response["hosted_link_url"] = (
            f"{str(request.base_url).rstrip('/')}/link/hosted/{record.link_token}"
        )
    return response


def link_token_record(sb: Sandbox, token: str) -> LinkTokenRecord:
    """A link token that has not expired, else INVALID_LINK_TOKEN."""
    record = sb.state.link_tokens.get(token)
    if record is None or utcnow() > parse_time(record.expiration):
        raise invalid_input(
            "INVALID_LINK_TOKEN",
            "invalid link_token: it is unknown, expired, or from another environment; create "
            "a new one with /link/token/create",
        )
    return record


async def link_token_get(sb: Sandbox, body: Body, request: Request) -> Body:
    record = link_token_record(sb, body["link_token"])
    return {
        "link_token": record.link_token,
        "created_at": record.created_at,
        "expiration": record.expiration,
        "metadata": {
            "initial_products": record.products,
            "webhook": record.webhook,
            "country_codes": record.country_codes,
            "language": record.language,
            "redirect_uri": record.redirect_uri,
            "client_name": record.client_name,
        },
        "link_sessions": record.sessions,
    }


async def webhook_verification_key_get(sb: Sandbox, body: Body, request: Request) -> Body:
    if body["key_id"] != sb.signer.kid:
        raise invalid_input(
            "INVALID_WEBHOOK_VERIFICATION_KEY_ID",
            "invalid key_id provided: take the kid from the Plaid-Verification JWT header of a "
            "webhook this sandbox sent",
        )
    return {"key": sb.signer.jwk()}


async def sandbox_item_reset_login(sb: Sandbox, body: Body, request: Request) -> Body:
    item = sb.item(body["access_token"])
    item.error = item_creation_error("ITEM_LOGIN_REQUIRED").body(None)
    sb.persist()
    return {"reset_login": True}


async def sandbox_item_fire_webhook(sb: Sandbox, body: Body, request: Request) -> Body:
    item = sb.item(body["access_token"])
    code = body["webhook_code"]
    webhook_type = body.get("webhook_type") or (
        "ASSETS" if code in ("PRODUCT_READY", "ERROR") else "TRANSACTIONS"
    )
    if not item.webhook:
        raise PlaidError(
            400,
            "SANDBOX_ERROR",
            "SANDBOX_WEBHOOK_INVALID",
            "the Item has no webhook: set options.webhook when creating it",
        )
    if webhook_type == "ASSETS" and "assets" not in item.products:
        raise PlaidError(
            400,
            "SANDBOX_ERROR",
            "SANDBOX_PRODUCT_NOT_ENABLED",
            "the Item was not created with the assets product",
        )
    payload: Body = {"webhook_type": webhook_type, "webhook_code": code, "environment": "sandbox"}
    if webhook_type == "ASSETS":
        reports = [r for r in sb.state.reports.values() if item.item_id in r.item_ids]
        payload["asset_report_id"] = reports[-1].asset_report_id if reports else str(uuid.uuid4())
        if code == "PRODUCT_READY":
            payload["report_type"] = "FULL"
        else:
            payload["error"] = PlaidError(
                400,
                "ASSET_REPORT_ERROR",
                "ASSET_REPORT_GENERATION_FAILED",
                "fired from the sandbox",
            ).body(None)
    else:
        payload.update({"item_id": item.item_id, "error": None})
        if (webhook_type, code) == ("TRANSACTIONS", "DEFAULT_UPDATE"):
            payload["new_transactions"] = 0  # the sandbox's Items gain no transactions
    item.last_webhook_code, item.last_webhook_at = code, iso(utcnow())
    sb.sender.send(item.webhook, payload)
    return {"webhook_fired": True}
