"""Every sandbox fault mode ends in the right typed outcome, over real loopback HTTP."""

from __future__ import annotations

import pytest

from assets_desktop.api import (
    MalformedResponseError,
    NotAPdfError,
    OutcomeUnknownError,
    PlaidConnectionError,
    PlaidTimeoutError,
    ReportGenerationFailed,
    ReportWaitTimeoutError,
    RetryLater,
    RetryPolicy,
)
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.services import items, reports
from assets_desktop.services.environment import ConnectedEnvironment, WorkflowContext
from assets_desktop.store.library import Library
from tests.integration.workflows.support import local_environment

CREATE = "/asset_report/create"
ITEM_GET = "/item/get"


async def _item(env: ConnectedEnvironment, library: Library) -> tuple[str, str]:
    record = await items.add_sandbox_item(WorkflowContext(env, library))
    return record.item_id, items.access_token(env, record.item_id)


async def _create(
    env: ConnectedEnvironment, library: Library, loan_file_id: str, item_id: str, wait: float = 5.0
) -> object:
    return await reports.create_report_and_wait(
        WorkflowContext(env, library), loan_file_id=loan_file_id, item_ids=[item_id],
        days_requested=30, wait=reports.WaitPolicy(timeout=wait),
    )  # fmt: skip


@pytest.mark.asyncio
async def test_latency_past_the_timeout_is_a_typed_timeout(
    sandbox: EmbeddedSandbox, library: Library
) -> None:
    async with local_environment(
        sandbox, library, timeout=0.2, retry=RetryPolicy(max_attempts=2, initial_delay=0.01)
    ) as env:
        _, token = await _item(env, library)
        sandbox.faults.latency = 0.6
        with pytest.raises(PlaidTimeoutError) as raised:
            await env.client.items.get(token)
        sandbox.faults.latency = 0.0
    assert "did not answer in time" in raised.value.user_message


@pytest.mark.asyncio
async def test_429_with_retry_after_is_retried_and_creates_exactly_one_report(
    sandbox: EmbeddedSandbox, library: Library, loan_file_id: str
) -> None:
    async with local_environment(sandbox, library) as env:
        item_id, _ = await _item(env, library)
        sandbox.faults.retry_after = 1
        sandbox.faults.rate_limit_next = 1
        sandbox.faults.paths = {CREATE}
        record = await _create(env, library, loan_file_id, item_id)
    assert getattr(record, "state", None) == "ready"
    assert sandbox.faults.rate_limit_next == 0
    assert sandbox.state.reports_created == 1


@pytest.mark.asyncio
async def test_500_on_a_read_is_retried_but_not_on_the_billed_create(
    sandbox: EmbeddedSandbox, library: Library, loan_file_id: str
) -> None:
    async with local_environment(sandbox, library) as env:
        item_id, token = await _item(env, library)
        sandbox.faults.server_error_next = 1
        sandbox.faults.paths = {ITEM_GET}
        assert (await env.client.items.get(token)).item.item_id == item_id
        sandbox.faults.server_error_next = 1
        sandbox.faults.paths = {CREATE}
        with pytest.raises(RetryLater) as raised:
            await _create(env, library, loan_file_id, item_id)
    assert (raised.value.status, raised.value.error_code) == (500, "INTERNAL_SERVER_ERROR")
    assert "Try again in a few minutes" in raised.value.user_message
    assert sandbox.state.reports_created == 0
    assert library.reports.all() == []


@pytest.mark.asyncio
async def test_503_maintenance_that_lasts_ends_in_retry_later(
    sandbox: EmbeddedSandbox, library: Library
) -> None:
    async with local_environment(sandbox, library) as env:
        _, token = await _item(env, library)
        sandbox.faults.maintenance_next = 10
        sandbox.faults.paths = {ITEM_GET}
        with pytest.raises(RetryLater) as raised:
            await env.client.items.get(token)
    assert (raised.value.status, raised.value.error_code) == (503, "PLANNED_MAINTENANCE")
    assert sandbox.faults.maintenance_next == 7  # three attempts, then it gave up


@pytest.mark.asyncio
async def test_a_report_that_never_becomes_ready_times_out_and_stays_building(
    sandbox: EmbeddedSandbox, library: Library, loan_file_id: str
) -> None:
    async with local_environment(sandbox, library) as env:
        item_id, _ = await _item(env, library)
        sandbox.faults.never_ready = True
        with pytest.raises(ReportWaitTimeoutError) as raised:
            await _create(env, library, loan_file_id, item_id, wait=0.6)
    assert "still building" in raised.value.user_message
    assert [r.state for r in library.reports.all()] == ["building"]


@pytest.mark.asyncio
async def test_generation_failure_is_typed_and_marks_the_record_failed(
    sandbox: EmbeddedSandbox, library: Library, loan_file_id: str
) -> None:
    async with local_environment(sandbox, library) as env:
        item_id, _ = await _item(env, library)
        sandbox.faults.fail_generation = True
        with pytest.raises(ReportGenerationFailed) as raised:
            await _create(env, library, loan_file_id, item_id)
    assert raised.value.error_code == "ASSET_REPORT_GENERATION_FAILED"
    assert "fewer days" in raised.value.user_message
    assert [r.state for r in library.reports.all()] == ["failed"]


@pytest.mark.asyncio
async def test_a_dropped_connection_is_retried_on_reads(
    sandbox: EmbeddedSandbox, library: Library
) -> None:
    async with local_environment(sandbox, library) as env:
        item_id, token = await _item(env, library)
        sandbox.faults.drop_connection_next = 1
        sandbox.faults.paths = {ITEM_GET}
        assert (await env.client.items.get(token)).item.item_id == item_id
        sandbox.faults.drop_connection_next = 10
        with pytest.raises(PlaidConnectionError) as raised:
            await env.client.items.get(token)
    assert "connection" in raised.value.user_message


@pytest.mark.asyncio
@pytest.mark.parametrize("fault", ["drop_response_next", "drop_connection_next"])
async def test_a_lost_create_response_never_makes_a_duplicate_report(
    sandbox: EmbeddedSandbox, library: Library, loan_file_id: str, fault: str
) -> None:
    async with local_environment(sandbox, library) as env:
        item_id, _ = await _item(env, library)
        setattr(sandbox.faults, fault, 1)
        sandbox.faults.paths = {CREATE}
        with pytest.raises(OutcomeUnknownError) as raised:
            await _create(env, library, loan_file_id, item_id)
    created = sandbox.state.reports_created
    if fault == "drop_response_next":
        assert created == 1  # Plaid made it once; the client did not send it again
        (report,) = sandbox.state.reports.values()
        assert report.client_report_id == raised.value.client_report_id
    else:
        assert created == 0
    assert raised.value.client_report_id
    assert raised.value.client_report_id in raised.value.user_message
    unknown = [e for e in library.activity.entries(loan_file_id) if "outcome unknown" in e.what]
    assert unknown and raised.value.client_report_id in unknown[0].subject


@pytest.mark.asyncio
async def test_malformed_json_is_a_typed_error_on_reads_and_outcome_unknown_on_create(
    sandbox: EmbeddedSandbox, library: Library, loan_file_id: str
) -> None:
    async with local_environment(sandbox, library) as env:
        item_id, token = await _item(env, library)
        sandbox.faults.malformed_json_next = 1
        sandbox.faults.paths = {ITEM_GET}
        with pytest.raises(MalformedResponseError):
            await env.client.items.get(token)
        sandbox.faults.malformed_json_next = 1
        sandbox.faults.paths = {CREATE}
        with pytest.raises(OutcomeUnknownError):
            await _create(env, library, loan_file_id, item_id)
    assert sandbox.state.reports_created == 1


@pytest.mark.asyncio
async def test_non_pdf_bytes_from_the_pdf_endpoint_keep_the_json(
    sandbox: EmbeddedSandbox, library: Library, loan_file_id: str
) -> None:
    async with local_environment(sandbox, library) as env:
        item_id, _ = await _item(env, library)
        sandbox.faults.pdf_not_pdf = True
        with pytest.raises(NotAPdfError) as raised:
            await _create(env, library, loan_file_id, item_id)
        (record,) = library.reports.all()
        assert (record.state, record.has_json, record.has_pdf) == ("ready", True, False)
        sandbox.faults.pdf_not_pdf = False
        again = await reports.download_pdf(WorkflowContext(env, library), record.id)
    assert "instead of a PDF" in raised.value.user_message
    assert again.has_pdf
