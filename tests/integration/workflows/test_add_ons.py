"""Report add-ons through the create workflow: Fast Assets (FAST then FULL) and investments."""

from __future__ import annotations

import asyncio
import json

import pytest

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.services import items, reports
from assets_desktop.services.environment import WorkflowContext
from assets_desktop.services.errors import WorkflowError
from assets_desktop.store import secrets as kinds
from assets_desktop.store.library import Library
from tests.integration.workflows.support import local_environment


@pytest.mark.asyncio
async def test_fast_assets_and_investments_reach_plaid_and_the_library(
    sandbox: EmbeddedSandbox, library: Library, loan_file_id: str
) -> None:
    async with local_environment(sandbox, library) as env:
        ctx = WorkflowContext(env, library)
        item = await items.add_sandbox_item(
            ctx, loan_file_id=loan_file_id, username="user_investments"
        )
        with pytest.raises(WorkflowError, match="Unknown add-on income"):
            await reports.create_report_and_wait(
                ctx, loan_file_id=loan_file_id, item_ids=[item.item_id],
                days_requested=30, add_ons=["income"],
            )  # fmt: skip
        record = await reports.create_report_and_wait(
            ctx, loan_file_id=loan_file_id, item_ids=[item.item_id],
            days_requested=30, add_ons=["fast_assets", "investments"],
            wait=reports.WaitPolicy(with_pdf=False),
        )  # fmt: skip
        token = env.secrets.get(kinds.ASSET_REPORT_TOKEN, record.asset_report_id)
        assert token is not None
        fast = await env.client.reports.get(token, fast_report=True)  # the FAST version
        assert all(not account.transactions for account in fast.response.report.accounts())
        # Both webhooks, FAST then FULL, reach the receiver (delivered in the background).
        assert env.webhooks is not None
        for _ in range(200):
            if env.webhooks.accepted >= 2:
                break
            await asyncio.sleep(0.05)
        assert env.webhooks.accepted >= 2
    served = sandbox.state.report_by_id(record.asset_report_id)
    assert served is not None and served.add_ons == ["fast_assets", "investments"]
    kept = json.loads(library.reports.json(record.id))
    invested = [
        a for item in kept["report"]["items"] for a in item["accounts"] if "investments" in a
    ]
    assert invested and all(a["investments"]["holdings"] for a in invested)
