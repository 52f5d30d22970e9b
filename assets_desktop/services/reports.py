"""Report workflows: create/refresh/filter and wait, store in the library, remove, audit copies.

Every function is a plain coroutine taking the connected `Environment` and the `Library`, with an
optional `progress` callback; cancel the task to stop a wait (the report keeps building at Plaid
and stays in the library as `building`; `wait_and_store` resumes it). Tokens live in the
SecretStore only. The library keeps each report's JSON exactly as Plaid sent it, and its PDF.

Billed requests (create, refresh) are never resent by the client when their answer is lost:
`OutcomeUnknownError` reaches the caller with the `client_report_id`, and the attempt is written
to the activity log, so the UI can ask the user rather than risk a duplicate billed report.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from assets_desktop.api.errors import (
    OutcomeUnknownError,
    ReportGenerationFailed,
    UserActionRequired,
)
from assets_desktop.api.models import ReportCreated
from assets_desktop.api.polling import DEFAULT_TIMEOUT
from assets_desktop.domain.report import AssetReportResponse, ReportUser
from assets_desktop.services.environment import Environment, report_token
from assets_desktop.services.errors import WorkflowError
from assets_desktop.services.items import access_token
from assets_desktop.services.progress import Progress, ProgressCallback, reporter
from assets_desktop.store import secrets as secret_kinds
from assets_desktop.store.errors import ImportRejectedError
from assets_desktop.store.library import Library
from assets_desktop.store.records import AuditCopyRecord, ReportRecord

# Plain threads for library work: under qasync `asyncio.to_thread` starts 10 QThreads on the
# event-loop thread at first use (a ~50 ms stall in the middle of the first report flow).
_WORKERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="reports")

AUDITORS = {"fannie_mae": "Fannie Mae", "freddie_mac": "Freddie Mac", "ocrolus": "Ocrolus"}
ADD_ONS = ("fast_assets", "investments")
MAX_DAYS = 731
MAX_ITEMS = 99


@dataclass(frozen=True)
class OfflineReport:
    """A report opened from the library: its record, decoded report and PDF (if kept)."""

    record: ReportRecord
    response: AssetReportResponse
    pdf: bytes | None


async def create_report_and_wait(
    env: Environment,
    library: Library,
    *,
    loan_file_id: str,
    item_ids: Sequence[str],
    days_requested: int,
    user: ReportUser | None = None,
    include_insights: bool = False,
    add_ons: Sequence[str] = (),
    with_pdf: bool = True,
    timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109 - the wait's budget, ends in a typed error
    interval: float | None = None,
    progress: ProgressCallback | None = None,
) -> ReportRecord:
    """Create a report over `item_ids`, wait until Plaid has built it, store JSON and PDF.

    `add_ons`: `fast_assets` (a FAST report, then the FULL one that is kept; a webhook each)
    and `investments` (holdings, securities and investment transactions).

    Returns the library record (state `ready`). Raises OutcomeUnknownError (answer to the billed
    create lost; nothing resent), ReportGenerationFailed (record marked `failed`),
    ReportWaitTimeoutError (record stays `building`), NotAPdfError (JSON saved, PDF not), or a
    Plaid error.
    """
    report = reporter(progress)
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
    tokens = [access_token(env, item_id) for item_id in item_ids]
    client_report_id = str(uuid.uuid4())
    report(Progress("Creating report", f"Asking Plaid for {days_requested} days", 0.05))
    try:
        created = await env.client.asset_report_create(
            tokens,
            days_requested,
            client_report_id=client_report_id,
            webhook=env.webhook_url,
            user=user,
            add_ons=tuple(dict.fromkeys(add_ons)),
        )
    except OutcomeUnknownError:
        _log_unknown(library, loan_file_id, "create", client_report_id)
        raise
    record = _record(library, env, loan_file_id, created, client_report_id, days_requested)
    return await wait_and_store(
        env,
        library,
        record.id,
        include_insights=include_insights,
        with_pdf=with_pdf,
        timeout=timeout,
        interval=interval,
        progress=progress,
    )


async def refresh_report_and_wait(
    env: Environment,
    library: Library,
    report_id: str,
    *,
    days_requested: int | None = None,
    with_pdf: bool = True,
    timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
    interval: float | None = None,
    progress: ProgressCallback | None = None,
) -> ReportRecord:
    """Refresh a report (billed: a new report with fresh data, same Items), wait, store it.

    The new record's parent is `report_id` (relation `refresh`). Errors as for create.
    """
    report = reporter(progress)
    parent = library.reports.get(report_id)
    token = report_token(env, parent)
    client_report_id = str(uuid.uuid4())
    report(Progress("Refreshing report", "Asking Plaid for fresh data", 0.05))
    try:
        created = await env.client.asset_report_refresh(
            token,
            days_requested=days_requested,
            client_report_id=client_report_id,
            webhook=env.webhook_url,
        )
    except OutcomeUnknownError:
        _log_unknown(library, parent.loan_file_id, "refresh", client_report_id)
        raise
    days = days_requested if days_requested is not None else parent.days_requested
    record = _record(
        library, env, parent.loan_file_id, created, client_report_id, days, parent, "refresh"
    )
    return await wait_and_store(
        env,
        library,
        record.id,
        with_pdf=with_pdf,
        timeout=timeout,
        interval=interval,
        progress=progress,
    )


async def filter_report_and_wait(
    env: Environment,
    library: Library,
    report_id: str,
    account_ids_to_exclude: Sequence[str],
    *,
    with_pdf: bool = True,
    timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
    interval: float | None = None,
    progress: ProgressCallback | None = None,
) -> ReportRecord:
    """A new report without some accounts (not billed), waited for and stored (`filter`)."""
    report = reporter(progress)
    if not account_ids_to_exclude:
        raise WorkflowError("Pick at least one account to leave out of the filtered report.")
    parent = library.reports.get(report_id)
    token = report_token(env, parent)
    report(Progress("Filtering report", f"Leaving out {len(account_ids_to_exclude)} account(s)"))
    created = await env.client.asset_report_filter(token, account_ids_to_exclude)
    record = _record(
        library, env, parent.loan_file_id, created, None, parent.days_requested, parent, "filter"
    )
    return await wait_and_store(
        env,
        library,
        record.id,
        with_pdf=with_pdf,
        timeout=timeout,
        interval=interval,
        progress=progress,
    )


async def wait_and_store(
    env: Environment,
    library: Library,
    report_id: str,
    *,
    include_insights: bool = False,
    with_pdf: bool = True,
    timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
    interval: float | None = None,
    progress: ProgressCallback | None = None,
    poll: bool = True,
) -> ReportRecord:
    """Wait for a `building` report, then store its JSON (exactly as received) and PDF.

    Catches up on missed webhooks first (`/beta/webhook_events/list`), then polls every
    `interval` seconds (the user's setting; None: the environment's default; never faster than
    the client's floor, 4 s against production); `poll=False` waits for a webhook only. The
    ready answer is not decoded on the event loop (a shape check only); a worker thread checks
    its JSON syntax and header and keeps the bytes, and the full decode happens when the report
    is opened, so the largest report does not stall the UI. Also the way to resume a wait that
    timed out or was cancelled.
    """
    report = reporter(progress)
    record = library.reports.get(report_id)
    token = report_token(env, record)

    def on_wait(text: str, seconds: float) -> None:
        report(Progress("Waiting for Plaid", f"{text}; {seconds:.0f} s", None))

    report(Progress("Waiting for Plaid", "Plaid is building the report", 0.1))
    try:
        download = await env.client.wait_for_report_bytes(
            token,
            asset_report_id=record.asset_report_id,
            include_insights=include_insights,
            interval=interval,
            timeout=timeout,
            progress=on_wait,
            webhooks=env.webhooks,
            poll=poll,
        )
    except ReportGenerationFailed as error:
        library.reports.set_state(report_id, "failed", detail=error.error_code)
        raise
    report(Progress("Saving", "Keeping the report in the library", 0.7))
    saved = await in_worker(_save_json, library, report_id, download.raw)
    if with_pdf:
        saved = await download_pdf(env, library, report_id, progress=progress)
    report(Progress("Ready", "The report is ready", 1.0))
    return saved


async def download_pdf(
    env: Environment,
    library: Library,
    report_id: str,
    *,
    progress: ProgressCallback | None = None,
) -> ReportRecord:
    """Fetch the report's PDF and keep it (NotAPdfError leaves the JSON as it was)."""
    report = reporter(progress)
    record = library.reports.get(report_id)
    report(Progress("Downloading PDF", "Fetching the report PDF", 0.85))
    pdf = await env.client.asset_report_pdf_get(report_token(env, record))
    return await in_worker(library.reports.save_pdf, report_id, pdf)


async def remove_report(
    env: Environment,
    library: Library,
    report_id: str,
    *,
    progress: ProgressCallback | None = None,
) -> ReportRecord:
    """Delete the report at Plaid (its audit copies die with it); the library copy stays.

    The record becomes `removed` and its token is forgotten. A token Plaid no longer knows
    counts as already removed.
    """
    report = reporter(progress)
    record = library.reports.get(report_id)
    token = env.secrets.get(secret_kinds.ASSET_REPORT_TOKEN, record.asset_report_id)
    if token:
        report(Progress("Removing report", "Deleting the report at Plaid", 0.3))
        try:
            await env.client.asset_report_remove(token)
        except UserActionRequired as error:
            if error.error_code != "INVALID_ASSET_REPORT_TOKEN":
                raise
    for copy in library.audit_copies.of_report(report_id):
        if copy.active:
            library.audit_copies.mark_removed(copy.id)
    removed = library.reports.set_state(report_id, "removed")
    report(Progress("Removed", "The report was removed at Plaid; the library keeps its copy", 1))
    return removed


async def create_audit_copy(
    env: Environment,
    library: Library,
    report_id: str,
    auditor: str,
    *,
    progress: ProgressCallback | None = None,
) -> AuditCopyRecord:
    """Give `auditor` (fannie_mae | freddie_mac | ocrolus) an audit copy; its token is kept."""
    report = reporter(progress)
    if auditor not in AUDITORS:
        raise WorkflowError(
            f"Unknown auditor {auditor!r}; choose one of {', '.join(sorted(AUDITORS))}."
        )
    record = library.reports.get(report_id)
    report(Progress("Audit copy", f"Creating an audit copy for {AUDITORS[auditor]}", 0.3))
    copy_token = await env.client.audit_copy_create(report_token(env, record), auditor)
    copy = library.audit_copies.add(report_id, auditor, copy_token)
    report(Progress("Audit copy", f"{AUDITORS[auditor]} can now read the report", 1.0))
    return copy


async def remove_audit_copy(
    env: Environment,
    library: Library,
    audit_copy_id: str,
    *,
    progress: ProgressCallback | None = None,
) -> AuditCopyRecord:
    """Revoke an audit copy at Plaid and mark it removed (a copy Plaid lost counts as removed)."""
    report = reporter(progress)
    token = env.secrets.get(secret_kinds.AUDIT_COPY_TOKEN, audit_copy_id)
    if token:
        report(Progress("Audit copy", "Revoking the audit copy", 0.3))
        try:
            await env.client.audit_copy_remove(token)
        except UserActionRequired as error:
            if error.error_code != "INVALID_AUDIT_COPY_TOKEN":
                raise
    return library.audit_copies.mark_removed(audit_copy_id)


async def open_report_offline(library: Library, report_id: str) -> OfflineReport:
    """Decrypt and decode a stored report (off the event loop); no network is used."""
    record = library.reports.get(report_id)
    response = await in_worker(library.reports.open, report_id)
    pdf = await in_worker(library.reports.pdf, report_id)
    return OfflineReport(record=record, response=response, pdf=pdf)


P = ParamSpec("P")
R = TypeVar("R")


async def in_worker(call: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`call` in one of this module's worker threads (the event loop stays free)."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_WORKERS, lambda: call(*args, **kwargs))


def _save_json(library: Library, report_id: str, raw: bytes) -> ReportRecord:
    """Keep the downloaded JSON (syntax and header checked, not decoded); worker thread."""
    try:
        return library.reports.save_content(report_id, raw, full_check=False)
    except ImportRejectedError as error:
        raise WorkflowError(
            f"Plaid's answer for the report could not be kept: {error} The report "
            "stays 'building' in the library; select it to download it again."
        ) from error


def _record(
    library: Library,
    env: Environment,
    loan_file_id: str,
    created: ReportCreated,
    client_report_id: str | None,
    days_requested: int | None,
    parent: ReportRecord | None = None,
    relation: str | None = None,
) -> ReportRecord:
    return library.reports.add(
        loan_file_id,
        created.asset_report_id,
        asset_report_token=created.asset_report_token,
        client_report_id=client_report_id,
        parent_id=parent.id if parent is not None else None,
        relation=relation,
        days_requested=days_requested,
        source=env.source,
        state="building",
    )


def _log_unknown(library: Library, loan_file_id: str, what: str, client_report_id: str) -> None:
    library.activity.log(
        "report request outcome unknown",
        f"client_report_id {client_report_id}",
        detail=f"the answer to the {what} request was lost; it was not sent again",
        loan_file_id=loan_file_id,
    )
