"""Add and remove Items (bank connections). Access tokens go to the SecretStore only.

Three ways to add an Item:
- `add_sandbox_item`: a sandbox public token for an institution and a persona (local sandbox and
  Plaid Sandbox), exchanged at once.
- `add_items_by_hosted_link`: a Hosted Link URL handed to `show_url` (the UI shows it to copy or
  opens it); the link session is polled (and woken by its LINK webhook when we receive
  webhooks) until the borrower finishes or the URL expires; each linked bank is exchanged.
- `import_access_token`: an access token the lender already holds, checked with `/item/get`.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Callable

from assets_desktop.api.models import ItemGetResponse, LinkTokenGetResponse
from assets_desktop.api.polling import poll_until
from assets_desktop.domain.vocabulary import PlaidEnvironment
from assets_desktop.services.environment import (
    ConnectedEnvironment,
    WorkflowContext,
    revoke_stored_token,
    stored_token,
)
from assets_desktop.services.errors import (
    HostedLinkExitedError,
    HostedLinkExpiredError,
    MissingTokenError,
)
from assets_desktop.services.progress import Progress
from assets_desktop.services.store_executor import in_store
from assets_desktop.store import secrets as secret_kinds
from assets_desktop.store.records import ItemRecord

CLIENT_NAME = "Assets Desktop"
HOSTED_LINK_POLL_SECONDS = {
    PlaidEnvironment.LOCAL: 0.25,
    PlaidEnvironment.SANDBOX: 2.0,
    PlaidEnvironment.PRODUCTION: 5.0,
}
HOSTED_LINK_LIFETIME_SECONDS = 30 * 60


async def add_sandbox_item(
    ctx: WorkflowContext,
    *,
    institution_id: str = "ins_109508",
    username: str = "user_good",
    password: str = "pass_good",  # noqa: S107 - Plaid's public sandbox password
    loan_file_id: str | None = None,
) -> ItemRecord:
    """Link a sandbox persona at `institution_id` and keep the Item (token in the keyring).

    Raises UserActionRequired for credentials the sandbox refuses (e.g. `error_ITEM_LOCKED`).
    """
    ctx.report(Progress("Linking", f"Signing in to {institution_id} as {username}", 0.1))
    public = await ctx.env.client.items.sandbox_public_token_create(
        institution_id, webhook=ctx.env.webhook_url, username=username, password=password
    )
    return await _exchange_and_save(ctx, public.public_token, loan_file_id)


async def import_access_token(
    ctx: WorkflowContext, access_token: str, *, loan_file_id: str | None = None
) -> ItemRecord:
    """Keep an Item from an access token the lender already holds, after `/item/get` checks it.

    Raises UserActionRequired (INVALID_ACCESS_TOKEN) when Plaid does not know the token here.
    """
    token = access_token.strip()
    if not token:
        raise MissingTokenError("Paste the Item's access token (it starts with access-).")
    ctx.report(Progress("Checking", "Asking Plaid about this access token", 0.3))
    item = await ctx.env.client.items.get(token)
    return await _save(ctx, item, token, loan_file_id)


async def add_items_by_hosted_link(
    ctx: WorkflowContext,
    *,
    client_user_id: str,
    show_url: Callable[[str], None],
    loan_file_id: str | None = None,
    url_lifetime_seconds: int = HOSTED_LINK_LIFETIME_SECONDS,
    completion_redirect_uri: str | None = None,
    poll_interval: float | None = None,
) -> list[ItemRecord]:
    """Send the borrower a Hosted Link URL and keep every bank they link.

    Args:
        client_user_id: a stable id for the borrower that is not personal data (a loan file id).
        show_url: receives the Hosted Link URL at once (the UI shows it to copy or opens it).
        url_lifetime_seconds: how long the URL stays valid (the wait ends then).
        poll_interval: seconds between `/link/token/get` checks (default per environment).

    Raises:
        HostedLinkExitedError, HostedLinkExpiredError, or a Plaid error.
    """
    env = ctx.env
    ctx.report(Progress("Hosted Link", "Creating a Hosted Link session", 0.05))
    hosted: dict[str, object] = {"url_lifetime_seconds": url_lifetime_seconds}
    if completion_redirect_uri:
        hosted["completion_redirect_uri"] = completion_redirect_uri
    link = await env.client.link.token_create(
        client_name=CLIENT_NAME,
        client_user_id=client_user_id,
        webhook=env.webhook_url,
        hosted_link=hosted,
    )
    if not link.hosted_link_url:
        raise HostedLinkExpiredError(
            "Plaid did not return a Hosted Link URL; Hosted Link may not be enabled for these "
            "keys. Ask Plaid to enable it, or add the Item another way."
        )
    show_url(link.hosted_link_url)
    webhooks = env.webhooks
    queue = webhooks.subscribe(link.link_token) if webhooks is not None else None

    async def finished() -> list[str] | None:
        return _finished_public_tokens(await env.client.link.token_get(link.link_token))

    async def on_link_webhook(pause: float) -> bool:
        assert queue is not None
        try:
            await asyncio.wait_for(queue.get(), pause)
        except TimeoutError:
            return False
        return True

    try:
        public_tokens = await poll_until(
            finished,
            interval=poll_interval or HOSTED_LINK_POLL_SECONDS[env.name],
            timeout=_seconds_left(link.expiration, url_lifetime_seconds),
            timed_out=lambda _checks: HostedLinkExpiredError(
                "The Hosted Link URL expired before the borrower finished. Send a new one."
            ),
            wake=on_link_webhook if queue is not None else None,
            waiting=lambda _checks, _seconds: ctx.report(
                Progress("Hosted Link", "Waiting for the borrower to link a bank", None)
            ),
        )
    finally:
        if queue is not None and webhooks is not None:
            webhooks.unsubscribe(link.link_token, queue)
    if not public_tokens:
        raise HostedLinkExitedError(
            "The borrower closed Hosted Link without linking a bank. Send the link again if "
            "they want to retry."
        )
    items = []
    for index, public_token in enumerate(public_tokens):
        ctx.report(Progress("Linking", f"Saving bank {index + 1} of {len(public_tokens)}", 0.8))
        items.append(await _exchange_and_save(ctx, public_token, loan_file_id))
    return items


async def remove_item(ctx: WorkflowContext, item_id: str) -> None:
    """Revoke the Item at Plaid, then forget it and its token here (reports stay).

    An access token Plaid no longer knows is treated as already removed.
    """
    step = Progress("Removing", "Revoking the bank connection at Plaid", 0.3)
    await revoke_stored_token(
        ctx, secret_kinds.ACCESS_TOKEN, item_id, ctx.env.client.items.remove,
        {"INVALID_ACCESS_TOKEN", "ITEM_NOT_FOUND"}, step,
    )  # fmt: skip
    await in_store(ctx.library.items.delete, item_id)
    ctx.report(Progress("Removed", "The bank connection was removed", 1.0))


def access_token(env: ConnectedEnvironment, item_id: str) -> str:
    """The Item's access token from the keyring, or MissingTokenError saying what to do."""
    return stored_token(
        env,
        secret_kinds.ACCESS_TOKEN,
        item_id,
        f"The access token of Item {item_id} is not in the keyring (it was kept for one "
        "session only, or removed). Remove the Item and add it again.",
    )


async def _exchange_and_save(
    ctx: WorkflowContext, public_token: str, loan_file_id: str | None
) -> ItemRecord:
    ctx.report(Progress("Linking", "Exchanging the public token", 0.5))
    exchanged = await ctx.env.client.items.public_token_exchange(public_token)
    item = await ctx.env.client.items.get(exchanged.access_token)
    return await _save(ctx, item, exchanged.access_token, loan_file_id)


async def _save(
    ctx: WorkflowContext, item: ItemGetResponse, token: str, loan_file_id: str | None
) -> ItemRecord:
    info = item.item
    institution_id = info.institution_id or "unknown"
    name = info.institution_name
    client = ctx.env.client
    if not name and info.institution_id:
        name = (await client.institutions.get_by_id(info.institution_id)).institution.name
    status = "good" if info.error is None else info.error.error_code
    record = await in_store(
        ctx.library.items.save,
        info.item_id,
        institution_id,
        name or institution_id,
        loan_file_id=loan_file_id,
        environment=ctx.env.name,
        status=status,
        access_token=token,
    )
    ctx.report(Progress("Linked", f"{record.institution_name} is connected", 1.0))
    return record


def _finished_public_tokens(status: LinkTokenGetResponse) -> list[str] | None:
    """Public tokens of the finished sessions ([] = exited), or None while none finished."""
    tokens: list[str] = []
    finished = False
    for session in status.link_sessions:
        results = session.results.item_add_results if session.results else ()
        tokens += [result.public_token for result in results]
        finished = finished or session.finished_at is not None or bool(results)
    return tokens if finished else None


def _seconds_left(expiration: str | None, fallback: float) -> float:
    if expiration:
        with contextlib.suppress(ValueError):
            when = dt.datetime.fromisoformat(expiration.replace("Z", "+00:00"))
            if when.tzinfo is not None:
                return min(fallback, max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds()))
    return fallback
