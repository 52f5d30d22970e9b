"""Adding and removing Items against the local sandbox: three ways in, one way out."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from assets_desktop.api import UserActionRequired
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.services import items
from assets_desktop.services.environment import WorkflowContext
from assets_desktop.services.errors import (
    HostedLinkExitedError,
    HostedLinkExpiredError,
    MissingTokenError,
)
from assets_desktop.store import secrets as kinds
from assets_desktop.store.library import Library
from tests.integration.workflows.support import Recorder, local_environment


@pytest.mark.asyncio
async def test_add_sandbox_item_keeps_the_token_in_the_keyring_only(
    sandbox: EmbeddedSandbox, library: Library, loan_file_id: str
) -> None:
    progress = Recorder()
    async with local_environment(sandbox, library) as env:
        record = await items.add_sandbox_item(
            WorkflowContext(env, library, progress), loan_file_id=loan_file_id
        )
    assert record.institution_name == "First Platypus Bank"
    assert record.environment == "local"
    assert record.loan_file_id == loan_file_id
    token = library.secrets.get(kinds.ACCESS_TOKEN, record.item_id)
    assert token and token.startswith("access-sandbox-")
    assert token.encode() not in library.path.read_bytes()
    assert progress.seen[-1].fraction == 1.0


@pytest.mark.asyncio
async def test_error_credentials_end_in_user_action_required(
    sandbox: EmbeddedSandbox, library: Library
) -> None:
    async with local_environment(sandbox, library) as env:
        with pytest.raises(UserActionRequired) as raised:
            await items.add_sandbox_item(
                WorkflowContext(env, library), password="error_ITEM_LOCKED"
            )
    assert raised.value.error_code == "ITEM_LOCKED"
    assert "unlock" in raised.value.user_message
    assert library.items.all() == []


@pytest.mark.asyncio
async def test_import_access_token_checks_it_with_item_get(
    sandbox: EmbeddedSandbox, library: Library
) -> None:
    async with local_environment(sandbox, library) as env:
        ctx = WorkflowContext(env, library)
        public = await env.client.items.sandbox_public_token_create("ins_109509")
        exchanged = await env.client.items.public_token_exchange(public.public_token)
        record = await items.import_access_token(ctx, f"  {exchanged.access_token}\n")
        with pytest.raises(UserActionRequired) as raised:
            await items.import_access_token(ctx, "access-sandbox-not-a-real-token")
        with pytest.raises(MissingTokenError):
            await items.import_access_token(ctx, "   ")
    assert record.item_id == exchanged.item_id
    assert record.institution_name == "First Gingham Credit Union"
    assert raised.value.error_code == "INVALID_ACCESS_TOKEN"
    assert "Remove the Item here and add it again" in raised.value.user_message


async def _borrower(url: str, action: str) -> None:
    """What the borrower does in the browser: open the page, then submit or cancel."""
    async with httpx.AsyncClient(follow_redirects=False) as browser:
        page = await browser.get(url)
        assert page.status_code == 200
        await browser.post(
            url,
            data={
                "institution_id": "ins_109511",
                "username": "user_good",
                "password": "pass_good",
                "action": action,
            },
        )


@pytest.mark.asyncio
@pytest.mark.parametrize("webhooks", [True, False])
async def test_hosted_link_adds_the_bank_the_borrower_links(
    sandbox: EmbeddedSandbox, library: Library, loan_file_id: str, webhooks: bool
) -> None:
    shown: list[str] = []
    tasks: list[asyncio.Task[None]] = []

    def show_url(url: str) -> None:
        shown.append(url)
        tasks.append(asyncio.ensure_future(_borrower(url, "submit")))

    async with local_environment(sandbox, library, receive_webhooks=webhooks) as env:
        added = await asyncio.wait_for(
            items.add_items_by_hosted_link(
                WorkflowContext(env, library), client_user_id=loan_file_id, show_url=show_url,
                loan_file_id=loan_file_id, poll_interval=0.05,
            ),
            10,
        )  # fmt: skip
        await asyncio.gather(*tasks)
    assert shown and shown[0].startswith(sandbox.base_url)
    assert [item.institution_name for item in added] == ["Tartan Bank"]
    assert library.secrets.get(kinds.ACCESS_TOKEN, added[0].item_id)


@pytest.mark.asyncio
async def test_hosted_link_cancelled_by_the_borrower_says_so(
    sandbox: EmbeddedSandbox, library: Library
) -> None:
    tasks: list[asyncio.Task[None]] = []
    async with local_environment(sandbox, library) as env:
        with pytest.raises(HostedLinkExitedError) as raised:
            await asyncio.wait_for(
                items.add_items_by_hosted_link(
                    WorkflowContext(env, library), client_user_id="loan-x", poll_interval=0.05,
                    show_url=lambda url: tasks.append(
                        asyncio.ensure_future(_borrower(url, "exit"))
                    ),
                ),
                10,
            )  # fmt: skip
        await asyncio.gather(*tasks)
    assert "without linking a bank" in raised.value.user_message
    assert library.items.all() == []


@pytest.mark.asyncio
async def test_remove_item_revokes_it_and_forgets_the_token(
    sandbox: EmbeddedSandbox, library: Library
) -> None:
    async with local_environment(sandbox, library) as env:
        ctx = WorkflowContext(env, library)
        record = await items.add_sandbox_item(ctx)
        token = items.access_token(env, record.item_id)
        await items.remove_item(ctx, record.item_id)
        with pytest.raises(UserActionRequired) as raised:
            await env.client.items.get(token)
    assert raised.value.error_code in {"INVALID_ACCESS_TOKEN", "ITEM_NOT_FOUND"}
    assert library.items.all() == []
    assert library.secrets.get(kinds.ACCESS_TOKEN, record.item_id) is None


@pytest.mark.asyncio
async def test_hosted_link_nobody_opens_expires_with_a_clear_message(
    sandbox: EmbeddedSandbox, library: Library
) -> None:
    shown: list[str] = []
    async with local_environment(sandbox, library) as env:
        with pytest.raises(HostedLinkExpiredError) as raised:
            await asyncio.wait_for(
                items.add_items_by_hosted_link(
                    WorkflowContext(env, library), client_user_id="loan-y", show_url=shown.append,
                    url_lifetime_seconds=1, poll_interval=0.1,
                ),
                10,
            )  # fmt: skip
    assert shown
    assert "expired" in raised.value.user_message and "new one" in raised.value.user_message
