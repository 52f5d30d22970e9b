"""Report workflows: create/refresh/filter and wait, store in the library, remove, audit copies.

Every function is a plain coroutine taking a `WorkflowContext` (the `ConnectedEnvironment`, the
`Library`, an optional `progress` callback). The three new-report workflows (create, refresh,
filter) share one shape: send the request, record the report `building`, wait by a
`WaitPolicy`, store it. Cancel the task to stop a wait (the report keeps building at Plaid and
stays in the library as `building`; `wait_and_store` resumes it). Tokens live in the SecretStore
only. The library keeps each report's JSON exactly as Plaid sent it, and its PDF.

Billed requests (create, refresh) are never resent by the client when their answer is lost:
`OutcomeUnknownError` reaches the caller with the `client_report_id`, and the attempt is written
to the activity log, so the UI can ask the user rather than risk a duplicate billed report.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from assets_desktop.api.errors import (
    OutcomeUnknownError,
    ReportGenerationFailed,
)
from assets_desktop.api.models import ReportCreated
from assets_desktop.api.polling import DEFAULT_TIMEOUT, ReportWait, wait_for_report
from assets_desktop.domain.report import ReportUser
from assets_desktop.domain.vocabulary import ReportRelation, ReportState
from assets_desktop.services.environment import (
    WorkflowContext,
    report_token,
    revoke_stored_token,
)
from assets_desktop.services.errors import WorkflowError
from assets_desktop.services.items import access_token
from assets_desktop.services.progress import Progress
from assets_desktop.services.store_executor import in_store
from assets_desktop.store import secrets as secret_kinds
from assets_desktop.store.errors import ImportRejectedError
from assets_desktop.store.library import Library
from assets_desktop.store.records import AuditCopyRecord, ReportRecord

AUDITORS = {"fannie_mae": "Fannie Mae", "freddie_mac": "Freddie Mac", "ocrolus": "Ocrolus"}
ADD_ONS = ("fast_assets", "investments")
MAX_DAYS = 731
MAX_ITEMS = 99


@dataclass(frozen=True)
class WaitPolicy:
    """How a workflow waits for Plaid to build a report, and what it keeps.

    Attributes:
        timeout: overall seconds before ReportWaitTimeoutError (the record stays `building`).
        interval: seconds between checks (None: the environment's default; never under the
            client's floor, 4 s against production).
        poll: False: wait for a PRODUCT_READY webhook only.
        with_pdf: download and keep the PDF too.
        include_insights: ask Plaid for the report with insights.
    """

    timeout: float = DEFAULT_TIMEOUT
    interval: float | None = None
    poll: bool = True
    with_pdf: bool = True
    include_insights: bool = False


@dataclass(frozen=True)
class _Request:
    """One request for a new report (create, refresh or filter), before the shared wait."""

    loan_file_id: str
    days_requested: int | None
    step: Progress
    send: Callable[[str | None], Awaitable[ReportCreated]]  # given the client_report_id
    billed: bool = True
    parent: ReportRecord | None = None
    relation: ReportRelation | None = None


async def create_report_and_wait(
    ctx: WorkflowContext,
    *,
    loan_file_id: str,
    item_ids: Sequence[str],
    days_requested: int,
    user: ReportUser | None = None,
    add_ons: Sequence[str] = (),
    wait: WaitPolicy = WaitPolicy(),
) -> ReportRecord:
    """Create a report over `item_ids`, wait until Plaid has built it, store JSON and PDF.

    `add_ons`: `fast_assets` (a FAST report, then the FULL one that is kept; a webhook each)
    and `investments` (holdings, securities and investment transactions).

    Returns the library record (state `ready`). Raises OutcomeUnknownError (answer to the billed
    create lost; nothing resent), ReportGenerationFailed (record marked `failed`),
    ReportWaitTimeoutError (record stays `building`), NotAPdfError (JSON saved, PDF not), or a
    Plaid error.
    """
    if not item_ids:
        raise WorkflowError("Pick at least one bank connection (Item) for the report.")
    if len(item_ids) > MAX_ITEMS:
        raise WorkflowError(f"A report covers at most {MAX_ITEMS} Items; pick fewer.")
    if not 0 <= days_requested <= MAX_DAYS:
        raise WorkflowError(f"Days requested must be between 0 and {MAX_DAYS}.")
    unknown = sorted(set(add_ons) - set(ADD_ONS))
    if unknown:
        raise WorkflowError(
            f"Unknown add-on {', '.join(unknown)}; choose from {', '.join(ADD_ONS)}."
        )
    tokens = await in_store(lambda: [access_token(ctx.env, item_id) for item_id in item_ids])

    async def send(client_report_id: str | None) -> ReportCreated:
        return await ctx.env.client.reports.create(
            tokens,
            days_requested,
            client_report_id=client_report_id,
            webhook=ctx.env.webhook_url,
            user=user,
            add_ons=tuple(dict.fromkeys(add_ons)),
        )

    step = Progress("Creating report", f"Asking Plaid for {days_requested} days", 0.05)
    request = _Request(loan_file_id, days_requested, step, send)
    return await _request_and_wait(ctx, request, wait)


async def refresh_report_and_wait(
    ctx: WorkflowContext,
    report_id: str,
    *,
    days_requested: int | None = None,
    wait: WaitPolicy = WaitPolicy(),
) -> ReportRecord:
    """Refresh a report (billed: a new report with fresh data, same Items), wait, store it.

    The new record's parent is `report_id` (relation `refresh`). Errors as for create.
    """
    parent, token = await in_store(_report_and_token, ctx, report_id)

    async def send(client_report_id: str | None) -> ReportCreated:
        return await ctx.env.client.reports.refresh(
            token,
            days_requested=days_requested,
            client_report_id=client_report_id,
            webhook=ctx.env.webhook_url,
        )

    days = days_requested if days_requested is not None else parent.days_requested
    step = Progress("Refreshing report", "Asking Plaid for fresh data", 0.05)
    request = _Request(
        parent.loan_file_id, days, step, send, parent=parent, relation=ReportRelation.REFRESH
    )
    return await _request_and_wait(ctx, request, wait)


async def filter_report_and_wait(
    ctx: WorkflowContext,
    report_id: str,
    account_ids_to_exclude: Sequence[str],
    *,
    wait: WaitPolicy = WaitPolicy(),
) -> ReportRecord:
    """A new report without some accounts (not billed), waited for and stored (`filter`)."""
    if not account_ids_to_exclude:
        raise WorkflowError("Pick at least one account to leave out of the filtered report.")
    parent, token = await in_store(_report_and_token, ctx, report_id)

    async def send(_client_report_id: str | None) -> ReportCreated:
        return await ctx.env.client.reports.filter(token, account_ids_to_exclude)

    step = Progress("Filtering report", f"Leaving out {len(account_ids_to_exclude)} account(s)")
    request = _Request(
        parent.loan_file_id, parent.days_requested, step, send, billed=False, parent=parent,
        relation=ReportRelation.FILTER,
    )  # fmt: skip
    return await _request_and_wait(ctx, request, wait)


async def _request_and_wait(
    ctx: WorkflowContext, request: _Request, wait: WaitPolicy
) -> ReportRecord:
    """Send the request, record the report as `building`, then wait and store it."""
    client_report_id = str(uuid.uuid4()) if request.billed else None
    ctx.report(request.step)
    try:
        created = await request.send(client_report_id)
    except OutcomeUnknownError:
        if client_report_id is not None:
            what = request.relation or "create"
            await in_store(_log_unknown, ctx.library, request.loan_file_id, what, client_report_id)
        raise
    parent = request.parent
    record = await in_store(
        ctx.library.reports.add,
        request.loan_file_id,
        created.asset_report_id,
        asset_report_token=created.asset_report_token,
        client_report_id=client_report_id,
        parent_id=parent.id if parent is not None else None,
        relation=request.relation,
        days_requested=request.days_requested,
        source=ctx.env.source,
        state=ReportState.BUILDING,
    )
    return await wait_and_store(ctx, record.id, wait=wait)


async def wait_and_store(
    ctx: WorkflowContext, report_id: str, *, wait: WaitPolicy = WaitPolicy()
) -> ReportRecord:
    """Wait for a `building` report, then store its JSON (exactly as received) and PDF.

    Catches up on missed webhooks first (`/beta/webhook_events/list`), then polls by `wait`'s
    rules. The ready answer is not decoded on the event loop (a shape check only); a worker
    thread checks its JSON syntax and header and keeps the bytes, and the full decode happens
    when the report is opened, so the largest report does not stall the UI. Also the way to
    resume a wait that timed out or was cancelled.
    """
    env, library = ctx.env, ctx.library
    record, token = await in_store(_report_and_token, ctx, report_id)

    def on_wait(text: str, seconds: float) -> None:
        ctx.report(Progress("Waiting for Plaid", f"{text}; {seconds:.0f} s", None))

    ctx.report(Progress("Waiting for Plaid", "Plaid is building the report", 0.1))
    rules = ReportWait(
        asset_report_id=record.asset_report_id,
        interval=wait.interval,
        timeout=wait.timeout,
        progress=on_wait,
        webhooks=env.webhooks,
        poll=wait.poll,
    )
    reports = env.client.reports
    try:
        download = await wait_for_report(
            env.client,
            lambda: reports.get_bytes(token, include_insights=wait.include_insights),
            rules,
        )
    except ReportGenerationFailed as error:
        await in_store(
            library.reports.set_state, report_id, ReportState.FAILED, detail=error.error_code
        )
        raise
    ctx.report(Progress("Saving", "Keeping the report in the library", 0.7))
    saved = await in_store(_save_json, library, report_id, download.raw)
    if wait.with_pdf:
        saved = await download_pdf(ctx, report_id)
    ctx.report(Progress("Ready", "The report is ready", 1.0))
    return saved


async def download_pdf(ctx: WorkflowContext, report_id: str) -> ReportRecord:
    """Fetch the report's PDF and keep it (NotAPdfError leaves the JSON as it was)."""
    _, token = await in_store(_report_and_token, ctx, report_id)
    ctx.report(Progress("Downloading PDF", "Fetching the report PDF", 0.85))
    pdf = await ctx.env.client.reports.pdf(token)
    return await in_store(ctx.library.reports.save_pdf, report_id, pdf)


async def remove_report(ctx: WorkflowContext, report_id: str) -> ReportRecord:
    """Delete the report at Plaid (its audit copies die with it); the library copy stays.

    The record becomes `removed` and its token is forgotten. A token Plaid no longer knows
    counts as already removed.
    """
    record = await in_store(ctx.library.reports.get, report_id)
    step = Progress("Removing report", "Deleting the report at Plaid", 0.3)
    await revoke_stored_token(
        ctx, secret_kinds.ASSET_REPORT_TOKEN, record.asset_report_id,
        ctx.env.client.reports.remove, {"INVALID_ASSET_REPORT_TOKEN"}, step,
    )  # fmt: skip
    removed = await in_store(_mark_removed, ctx.library, report_id)
    ctx.report(
        Progress("Removed", "The report was removed at Plaid; the library keeps its copy", 1)
    )
    return removed


async def create_audit_copy(ctx: WorkflowContext, report_id: str, auditor: str) -> AuditCopyRecord:
    """Give `auditor` (fannie_mae | freddie_mac | ocrolus) an audit copy; its token is kept."""
    if auditor not in AUDITORS:
        raise WorkflowError(
            f"Unknown auditor {auditor!r}; choose one of {', '.join(sorted(AUDITORS))}."
        )
    _, token = await in_store(_report_and_token, ctx, report_id)
    ctx.report(Progress("Audit copy", f"Creating an audit copy for {AUDITORS[auditor]}", 0.3))
    copy_token = await ctx.env.client.audit_copies.create(token, auditor)
    copy = await in_store(ctx.library.audit_copies.add, report_id, auditor, copy_token)
    ctx.report(Progress("Audit copy", f"{AUDITORS[auditor]} can now read the report", 1.0))
    return copy


async def remove_audit_copy(ctx: WorkflowContext, audit_copy_id: str) -> AuditCopyRecord:
    """Revoke an audit copy at Plaid and mark it removed (a copy Plaid lost counts as removed)."""
    step = Progress("Audit copy", "Revoking the audit copy", 0.3)
    await revoke_stored_token(
        ctx, secret_kinds.AUDIT_COPY_TOKEN, audit_copy_id, ctx.env.client.audit_copies.remove,
        {"INVALID_AUDIT_COPY_TOKEN"}, step,
    )  # fmt: skip
    return await in_store(ctx.library.audit_copies.mark_removed, audit_copy_id)


def _report_and_token(ctx: WorkflowContext, report_id: str) -> tuple[ReportRecord, str]:
    """(the report's record, its token); store thread."""
    record = ctx.library.reports.get(report_id)
    return record, report_token(ctx.env, record)


def _mark_removed(library: Library, report_id: str) -> ReportRecord:
    for copy in library.audit_copies.of_report(report_id):
        if copy.active:
            library.audit_copies.mark_removed(copy.id)
    return library.reports.set_state(report_id, ReportState.REMOVED)


def _save_json(library: Library, report_id: str, raw: bytes) -> ReportRecord:
    """Keep the downloaded JSON (syntax and header checked, not decoded); worker thread."""
    try:
        return library.reports.save_content(report_id, raw, full_check=False)
    except ImportRejectedError as error:
        raise WorkflowError(
            f"Plaid's answer for the report could not be kept: {error} The report "
            "stays 'building' in the library; select it to download it again."
        ) from error


def _log_unknown(library: Library, loan_file_id: str, what: str, client_report_id: str) -> None:
    library.activity.log(
        "report request outcome unknown",
        f"client_report_id {client_report_id}",
        detail=f"the answer to the {what} request was lost; it was not sent again",
        loan_file_id=loan_file_id,
    )
