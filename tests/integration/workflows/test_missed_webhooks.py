"""A report wait that missed its webhook completes from `/beta/webhook_events/list`."""

from __future__ import annotations

import pytest

from assets_desktop.api import ReportWaitTimeoutError
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.sandbox.server import SandboxConfig
from assets_desktop.services import items, reports
from assets_desktop.services.environment import WorkflowContext
from assets_desktop.store.library import Library
from tests.integration.sandbox.helpers import wait_until
from tests.integration.workflows.support import local_environment

DEAD_RECEIVER = "http://127.0.0.1:9/plaid/webhook"  # the receiver of an app that has quit


@pytest.mark.asyncio
async def test_a_wait_that_missed_its_webhook_completes_from_the_events_list_without_polling(
    library: Library, loan_file_id: str
) -> None:
    config = SandboxConfig(ready_delay=0.2, webhook_attempts=1)
    with EmbeddedSandbox(config) as sandbox:
        async with local_environment(sandbox, library) as env:
            ctx = WorkflowContext(env, library)
            item = await items.add_sandbox_item(ctx, loan_file_id=loan_file_id)
            token = items.access_token(env, item.item_id)
            # Created by an earlier run whose receiver is gone: the PRODUCT_READY push fails.
            created = await env.client.reports.create([token], 30, webhook=DEAD_RECEIVER)
            record = library.reports.add(
                loan_file_id, created.asset_report_id,
                asset_report_token=created.asset_report_token, days_requested=30,
            )  # fmt: skip
            wait_until(
                lambda: [e["delivery_status"] for e in sandbox.state.webhook_events] == ["FAILED"]
            )
            assert env.webhooks is not None and env.webhooks.accepted == 0

            saved = await reports.wait_and_store(
                ctx, record.id, wait=reports.WaitPolicy(poll=False, timeout=20, with_pdf=False)
            )
            assert saved.state == "ready" and saved.has_json
            assert env.webhooks.caught_up == 1 and env.webhooks.accepted == 0


@pytest.mark.asyncio
async def test_without_the_events_list_the_same_wait_ends_in_its_timeout(
    library: Library, loan_file_id: str
) -> None:
    config = SandboxConfig(ready_delay=0.2, webhook_attempts=1)
    with EmbeddedSandbox(config) as sandbox:
        async with local_environment(sandbox, library) as env:
            ctx = WorkflowContext(env, library)
            assert env.webhooks is not None
            env.webhooks.catch_up_source = None  # the control: no catching up
            item = await items.add_sandbox_item(ctx, loan_file_id=loan_file_id)
            token = items.access_token(env, item.item_id)
            created = await env.client.reports.create([token], 30, webhook=DEAD_RECEIVER)
            record = library.reports.add(
                loan_file_id, created.asset_report_id,
                asset_report_token=created.asset_report_token, days_requested=30,
            )  # fmt: skip
            wait_until(lambda: sandbox.state.webhook_events)
            wait_until(lambda: sandbox.state.webhook_events[0]["delivery_status"] == "FAILED")
            with pytest.raises(ReportWaitTimeoutError):
                await reports.wait_and_store(
                    ctx, record.id, wait=reports.WaitPolicy(poll=False, timeout=1, with_pdf=False)
                )
            assert library.reports.get(record.id).state == "building"
