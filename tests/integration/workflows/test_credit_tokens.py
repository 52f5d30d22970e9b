"""Through the client against the local sandbox: GSE audit copy tokens (create, read as the GSE,
point at a refreshed report, remove), Credit Relay from both sides, Assets with Investments."""

from __future__ import annotations

import pytest

from assets_desktop.api import UserActionRequired
from assets_desktop.api.client import PlaidClient
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.store.library import Library
from tests.integration.workflows.support import local_environment


async def _access_token(client: PlaidClient, username: str = "user_good") -> str:
    public = await client.items.sandbox_public_token_create("ins_109508", username=username)
    return (await client.items.public_token_exchange(public.public_token)).access_token


@pytest.mark.asyncio
async def test_a_gse_token_follows_the_refresh_and_is_revoked(
    sandbox: EmbeddedSandbox, library: Library
) -> None:
    async with local_environment(sandbox, library, receive_webhooks=False) as env:
        client = env.client
        token = await _access_token(client)
        original = await client.reports.create([token], 61)
        gse = await client.credit.audit_copy_token_create(original.asset_report_token)
        assert gse.startswith("a-sandbox-")
        seen = await client.audit_copies.get(gse)
        assert seen.response.report.asset_report_id == original.asset_report_id
        refreshed = await client.reports.refresh(original.asset_report_token)
        assert await client.credit.audit_copy_token_update(gse, refreshed.asset_report_token)
        seen = await client.audit_copies.get(gse)
        assert seen.response.report.asset_report_id == refreshed.asset_report_id
        assert await client.credit.audit_copy_token_remove(gse)
        with pytest.raises(UserActionRequired) as raised:
            await client.audit_copies.get(gse)
    assert raised.value.error_code == "INVALID_AUDIT_COPY_TOKEN"


@pytest.mark.asyncio
async def test_a_report_with_investments_arrives_with_typed_holdings(
    sandbox: EmbeddedSandbox, library: Library
) -> None:
    async with local_environment(sandbox, library, receive_webhooks=False) as env:
        client = env.client
        token = await _access_token(client, "user_investments")
        created = await client.reports.create([token], 60, add_ons=["investments"])
        download = await client.reports.get(created.asset_report_token)
    plan = next(a for a in download.response.report.accounts() if a.subtype == "401k")
    assert plan.investments is not None
    fund = next(h for h in plan.investments.holdings if h.ticker_symbol == "VFFVX")
    assert fund.vested_value == 79810.5 < fund.institution_value


@pytest.mark.asyncio
async def test_credit_relay_through_the_client_both_sides(
    sandbox: EmbeddedSandbox, library: Library
) -> None:
    partner = PlaidClient(
        sandbox.base_url,
        sandbox.config.partner_client_id,
        sandbox.config.partner_secret,
        environment="local",
    )
    async with local_environment(sandbox, library, receive_webhooks=False) as env:
        lender = env.client
        created = await lender.reports.create([await _access_token(lender)], 30)
        relay = await lender.relay.create(
            created.asset_report_token, sandbox.config.partner_client_id
        )
        with pytest.raises(UserActionRequired):  # the owner does not read through the relay
            await lender.relay.get(relay)
        got = await partner.relay.get(relay, include_insights=True)
        assert got.response.report.asset_report_id == created.asset_report_id
        assert (await partner.relay.pdf(relay)).startswith(b"%PDF-")
        refreshed = await partner.relay.refresh(relay)
        assert refreshed.relay_token == relay
        assert refreshed.asset_report_id not in (None, created.asset_report_id)
        assert await lender.relay.remove(relay)
        with pytest.raises(UserActionRequired) as raised:
            await partner.relay.get(relay)
    await partner.aclose()
    assert raised.value.error_code == "INVALID_RELAY_TOKEN"
