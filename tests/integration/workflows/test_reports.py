"""Report workflows end to end against the local sandbox: create, refresh, filter, remove, audit
copies, offline open; a PRODUCT_READY webhook ends a wait early."""

from __future__ import annotations

import asyncio

import msgspec
import pytest

from assets_desktop.api import UserActionRequired
from assets_desktop.api.polling import ReportWait, wait_for_report
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.sandbox.server import SandboxConfig
from assets_desktop.services import items, reports
from assets_desktop.services.environment import WorkflowContext
from assets_desktop.services.errors import WorkflowError
from assets_desktop.store import secrets as kinds
from assets_desktop.store.library import Library
from tests.integration.workflows.support import Recorder, local_environment


@pytest.mark.asyncio
async def test_create_wait_store_refresh_filter_audit_and_remove(
    sandbox: EmbeddedSandbox, library: Library, loan_file_id: str
) -> None:
    progress = Recorder()
    async with local_environment(sandbox, library) as env:
        ctx = WorkflowContext(env, library)
        item = await items.add_sandbox_item(ctx, loan_file_id=loan_file_id)
        record = await reports.create_report_and_wait(
            WorkflowContext(env, library, progress), loan_file_id=loan_file_id,
            item_ids=[item.item_id], days_requested=60,
        )  # fmt: skip
        assert record.state == "ready"
        assert record.has_json and record.has_pdf
        assert record.client_report_id
        raw = library.reports.json(record.id)
        assert msgspec.json.decode(raw)["report"]["asset_report_id"] == record.asset_report_id
        assert (library.reports.pdf(record.id) or b"").startswith(b"%PDF")
        assert progress.stages[0] == "Creating report"
        assert progress.seen[-1] == reports.Progress("Ready", "The report is ready", 1.0)

        refreshed = await reports.refresh_report_and_wait(ctx, record.id)
        assert (refreshed.parent_id, refreshed.relation) == (record.id, "refresh")
        assert refreshed.asset_report_id != record.asset_report_id
        assert refreshed.state == "ready"

        opened = library.reports.open(record.id)
        checking = next(a for a in opened.report.accounts() if a.mask == "0000")
        filtered = await reports.filter_report_and_wait(
            ctx, record.id, [checking.account_id], wait=reports.WaitPolicy(with_pdf=False)
        )
        kept = library.reports.open(filtered.id).report
        assert checking.account_id not in {a.account_id for a in kept.accounts()}
        assert (filtered.relation, filtered.has_pdf) == ("filter", False)

        copy = await reports.create_audit_copy(ctx, record.id, "fannie_mae")
        copy_token = library.secrets.get(kinds.AUDIT_COPY_TOKEN, copy.id)
        assert copy_token
        auditor_view = await env.client.audit_copies.get(copy_token)
        assert auditor_view.response.report.asset_report_id == record.asset_report_id
        removed_copy = await reports.remove_audit_copy(ctx, copy.id)
        assert not removed_copy.active
        with pytest.raises(UserActionRequired) as raised:
            await env.client.audit_copies.get(copy_token)
        assert raised.value.error_code == "INVALID_AUDIT_COPY_TOKEN"

        second_copy = await reports.create_audit_copy(ctx, record.id, "ocrolus")
        token = library.secrets.get(kinds.ASSET_REPORT_TOKEN, record.asset_report_id)
        assert token
        removed = await reports.remove_report(ctx, record.id)
        assert removed.state == "removed"
        assert library.secrets.get(kinds.ASSET_REPORT_TOKEN, record.asset_report_id) is None
        assert not library.audit_copies.get(second_copy.id).active
        with pytest.raises(UserActionRequired):
            await env.client.reports.get(token)
    offline = library.reports.open(record.id)
    assert offline.report.asset_report_id == record.asset_report_id
    pdf = library.reports.pdf(record.id)
    assert pdf and pdf.startswith(b"%PDF")


@pytest.mark.asyncio
async def test_bad_requests_are_refused_before_reaching_plaid(
    sandbox: EmbeddedSandbox, library: Library, loan_file_id: str
) -> None:
    async with local_environment(sandbox, library) as env:
        ctx = WorkflowContext(env, library)
        with pytest.raises(WorkflowError, match="at least one"):
            await reports.create_report_and_wait(
                ctx, loan_file_id=loan_file_id, item_ids=[], days_requested=30
            )
        item = await items.add_sandbox_item(ctx, loan_file_id=loan_file_id)
        with pytest.raises(WorkflowError, match="between 0 and 731"):
            await reports.create_report_and_wait(
                ctx, loan_file_id=loan_file_id, item_ids=[item.item_id],
                days_requested=800,
            )  # fmt: skip
        record = await reports.create_report_and_wait(
            ctx, loan_file_id=loan_file_id, item_ids=[item.item_id],
            days_requested=30, wait=reports.WaitPolicy(with_pdf=False),
        )  # fmt: skip
        with pytest.raises(WorkflowError, match="fannie_mae, freddie_mac, ocrolus"):
            await reports.create_audit_copy(ctx, record.id, "some_bank")
    assert sandbox.state.reports_created == 1


@pytest.mark.asyncio
async def test_a_product_ready_webhook_ends_the_wait_long_before_the_next_poll(
    library: Library, loan_file_id: str
) -> None:
    with EmbeddedSandbox(SandboxConfig(ready_delay=0.5)) as slow_sandbox:
        async with local_environment(slow_sandbox, library) as env:
            assert env.webhooks is not None
            item = await items.add_sandbox_item(WorkflowContext(env, library))
            token = items.access_token(env, item.item_id)
            created = await env.client.reports.create([token], 30, webhook=env.webhook_url)
            loop = asyncio.get_running_loop()
            started = loop.time()
            rules = ReportWait(
                asset_report_id=created.asset_report_id,
                interval=30,  # without the webhook this wait would take 30 s
                timeout=60,
                webhooks=env.webhooks,
            )
            get = env.client.reports.get
            download = await wait_for_report(
                env.client, lambda: get(created.asset_report_token), rules
            )
            elapsed = loop.time() - started
            assert env.webhooks.accepted >= 1
            assert env.webhooks.rejected == 0
    assert download.response.report.asset_report_id == created.asset_report_id
    assert elapsed < 10
