"""Across a whole workflow, no log record (any logger, DEBUG and up, httpx and httpcore included)
contains a secret: keys, access tokens, report tokens, audit copy tokens, the borrower's SSN."""

from __future__ import annotations

import logging

import pytest

from assets_desktop.api import UserActionRequired
from assets_desktop.domain.report import ReportUser
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.services import items, reports
from assets_desktop.services.environment import WorkflowContext
from assets_desktop.store import secrets as kinds
from assets_desktop.store.library import Library
from tests.integration.workflows.support import local_environment

SSN = "078-05-1120"


@pytest.mark.asyncio
async def test_a_full_workflow_logs_no_secret(
    sandbox: EmbeddedSandbox,
    library: Library,
    loan_file_id: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "assets_desktop", "uvicorn", "asyncio"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    secrets: dict[str, str] = {"secret": sandbox.config.secret, "ssn": SSN}
    user = ReportUser(first_name="Alberta", last_name="Charleson", ssn=SSN)
    async with local_environment(sandbox, library) as env:
        ctx = WorkflowContext(env, library)
        item = await items.add_sandbox_item(ctx, loan_file_id=loan_file_id)
        secrets["access_token"] = items.access_token(env, item.item_id)
        record = await reports.create_report_and_wait(
            ctx, loan_file_id=loan_file_id, item_ids=[item.item_id],
            days_requested=30, user=user,
        )  # fmt: skip
        token = library.secrets.get(kinds.ASSET_REPORT_TOKEN, record.asset_report_id)
        assert token
        secrets["report_token"] = token
        refreshed = await reports.refresh_report_and_wait(
            ctx, record.id, wait=reports.WaitPolicy(with_pdf=False)
        )
        refreshed_token = library.secrets.get(kinds.ASSET_REPORT_TOKEN, refreshed.asset_report_id)
        assert refreshed_token
        secrets["refreshed_token"] = refreshed_token
        copy = await reports.create_audit_copy(ctx, record.id, "freddie_mac")
        copy_token = library.secrets.get(kinds.AUDIT_COPY_TOKEN, copy.id)
        assert copy_token
        secrets["audit_copy_token"] = copy_token
        await reports.remove_audit_copy(ctx, copy.id)
        try:  # a failure the UI would log with its traceback
            await env.client.audit_copies.get(copy_token)
        except UserActionRequired:
            logging.getLogger("assets_desktop.ui").exception("audit copy %s failed", copy_token)
        logging.getLogger("assets_desktop.ui").debug("user %r", user)
        await reports.remove_report(ctx, refreshed.id)
        await items.remove_item(ctx, item.item_id)

    records = caplog.records
    assert len(records) > 20
    assert any(r.name.startswith("httpx") for r in records)
    assert any(r.name.startswith("httpcore") for r in records)
    assert any(r.exc_info or r.exc_text for r in records)
    texts = [caplog.text] + [r.getMessage() for r in records]
    for label, secret in secrets.items():
        leaks = [text for text in texts if secret in text]
        assert not leaks, f"the {label} leaked into the log: {leaks[0][:200]}"
