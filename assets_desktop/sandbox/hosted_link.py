"""The local Hosted Link page: pick an institution, log in, and the link session completes.

Completing it records `item_add_results` (with the public token) on the link token, fires a
LINK `SESSION_FINISHED` webhook to the link token's webhook, and redirects to the
`completion_redirect_uri` when there is one.
"""

from __future__ import annotations

import html
import uuid
from importlib import resources
from string import Template
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from assets_desktop.sandbox.datalib import data
from assets_desktop.sandbox.endpoints_items import create_public_token, link_token_record
from assets_desktop.sandbox.errors import PlaidError
from assets_desktop.sandbox.institutions import INSTITUTIONS
from assets_desktop.sandbox.runtime import Sandbox
from assets_desktop.sandbox.state import LinkTokenRecord, iso, utcnow

_PAGE = Template(
    resources.files("assets_desktop.sandbox").joinpath("hosted_link.html").read_text("utf-8")
)


def _page(client_name: str, content: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        _PAGE.substitute(client_name=html.escape(client_name), content=content),
        status_code=status,
    )


def _form(record: LinkTokenRecord, error: str | None = None, selected: str = "ins_109508") -> str:
    options = "\n".join(
        f'<option value="{iid}"{" selected" if iid == selected else ""}>'
        f"{html.escape(name)}</option>"
        for iid, (name, countries, _oauth, _identity) in INSTITUTIONS.items()
        if set(countries) & set(record.country_codes or ["US"])
    )
    banner = f'<div class="error" role="alert">{html.escape(error)}</div>' if error else ""
    personas = ", ".join(data().known_usernames())
    return f"""
<h1>{html.escape(record.client_name)} uses Plaid to link your bank</h1>
<p class="sub">Local sandbox · no real bank is contacted</p>
{banner}
<form method="post">
  <label for="institution_id">Institution</label>
  <select id="institution_id" name="institution_id">{options}</select>
  <label for="username">Username</label>
  <input id="username" name="username" value="user_good" autocomplete="off">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" value="pass_good">
  <div class="buttons">
    <button class="secondary" name="action" value="exit">Cancel</button>
    <button class="primary" name="action" value="submit">Continue</button>
  </div>
</form>
<p class="hint">user_good / pass_good, or a persona with any password: {html.escape(personas)}.
Password <code>error_ITEM_LOCKED</code> (or any <code>error_&lt;CODE&gt;</code>)
fails with that code.</p>
"""


def _open_session(record: LinkTokenRecord) -> dict[str, Any]:
    if record.sessions and record.sessions[-1]["finished_at"] is None:
        return record.sessions[-1]
    session: dict[str, Any] = {
        "link_session_id": str(uuid.uuid4()),
        "started_at": iso(utcnow()),
        "finished_at": None,
        "results": {
            "item_add_results": [],
            "cra_item_add_results": [],
            "cra_update_results": [],
            "bank_income_results": [],
            "payroll_income_results": [],
            "document_income_results": None,
        },
        "events": [],
    }
    record.sessions.append(session)
    return session


def _finish(sb: Sandbox, record: LinkTokenRecord, session: dict[str, Any], status: str) -> None:
    session["finished_at"] = iso(utcnow())
    sb.persist()
    if not record.webhook:
        return
    public_tokens = [r["public_token"] for r in session["results"]["item_add_results"]]
    payload: dict[str, Any] = {
        "webhook_type": "LINK",
        "webhook_code": "SESSION_FINISHED",
        "status": status,
        "link_session_id": session["link_session_id"],
        "link_token": record.link_token,
        "public_tokens": public_tokens,
        "environment": "sandbox",
    }
    if public_tokens:
        payload["public_token"] = public_tokens[0]
    sb.sender.send(record.webhook, payload)


def routes(sb: Sandbox) -> list[BaseRoute]:
    """GET shows the page; POST completes (or exits) the link session."""

    def lookup(request: Request) -> LinkTokenRecord | HTMLResponse:
        try:
            return link_token_record(sb, request.path_params["link_token"])
        except PlaidError as error:
            content = (
                "<h1>This link has expired</h1>"
                f'<div class="error">{html.escape(error.message)}</div>'
            )
            return _page("Plaid", content, status=404)

    async def show(request: Request) -> Response:
        record = lookup(request)
        if isinstance(record, HTMLResponse):
            return record
        _open_session(record)
        sb.persist()
        return _page(record.client_name, _form(record))

    async def submit(request: Request) -> Response:
        record = lookup(request)
        if isinstance(record, HTMLResponse):
            return record
        form = {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8")).items()}
        session = _open_session(record)
        if form.get("action") == "exit":
            _finish(sb, record, session, "EXITED")
            return _done(record, "You closed Link without linking an account.")
        institution_id = form.get("institution_id", "ins_109508")
        try:
            token = create_public_token(
                sb,
                institution_id,
                form.get("username", ""),
                form.get("password", ""),
                record.products or ["assets"],
                None,
            )
        except PlaidError as error:
            message = error.display_message or error.message
            return _page(record.client_name, _form(record, message, institution_id))
        generated = await sb.engine.generated_item(token, utcnow().replace(minute=0, second=0))
        session["results"]["item_add_results"].append(
            {
                "public_token": token.public_token,
                "accounts": [
                    {
                        "id": a["account_id"],
                        "name": a["name"],
                        "mask": a.get("mask"),
                        "type": a["type"],
                        "subtype": a.get("subtype"),
                        "verification_status": None,
                        "class_type": None,
                    }
                    for a in generated.accounts
                ],
                "institution": {
                    "name": INSTITUTIONS[institution_id][0],
                    "institution_id": institution_id,
                },
            }
        )
        _finish(sb, record, session, "SUCCESS")
        return _done(record, "Your account is linked. You can close this window.")

    def _done(record: LinkTokenRecord, text: str) -> Response:
        if record.completion_redirect_uri:
            return RedirectResponse(record.completion_redirect_uri, status_code=303)
        return _page(record.client_name, f'<h1>Done</h1><p class="done">{html.escape(text)}</p>')

    return [
        Route("/link/hosted/{link_token}", show, methods=["GET"]),
        Route("/link/hosted/{link_token}", submit, methods=["POST"]),
    ]
