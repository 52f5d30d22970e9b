"""The smoke test of `--smoke-test`: one report through create → ready → views → PDF page on the
embedded sandbox (online), or the newest ready report of the library opened offline."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from assets_desktop.domain.vocabulary import ReportState

SMOKE_TIMEOUT = 120.0


async def run_smoke(
    window: Any,
    workspace: Any,
    outcome: dict[str, int],
    quit_: Callable[[], None],
    steps: Callable[[Any, Any], Any],
) -> None:
    """Run the smoke steps (online: create → ready → views → PDF page); prints the verdict."""
    try:
        summary = await asyncio.wait_for(steps(window, workspace), SMOKE_TIMEOUT)
    except Exception as error:
        outcome["code"] = 1
        reason = getattr(error, "user_message", None) or f"{type(error).__name__}: {error}"
        print(f"smoke test FAILED: {reason}", file=sys.stderr, flush=True)
    else:
        print(f"smoke test passed: {summary}", flush=True)
    quit_()


async def online_steps(window: Any, workspace: Any) -> str:
    from assets_desktop.services.workspace_inputs import (
        QUICK,
        AddItemInput,
        CreateReportInput,
        LoanFileInput,
    )

    started = time.monotonic()

    async def connected() -> bool | None:
        last = window.route.last("warning")
        if last is not None and "Environment" not in last.text and "sandbox" in last.text:
            raise RuntimeError(last.text)
        return True if workspace.env is not None else None

    await _wait(connected, "the environment to connect")
    loan_id = await workspace.create_loan_file(
        LoanFileInput.of("Alberta Charleson", "purchase", "8500")
    )
    item_id = await workspace.plaid.add_item(
        loan_id, AddItemInput(QUICK, "ins_109508", "user_good", "pass_good")
    )
    report_id = await workspace.plaid.create_report(
        loan_id, CreateReportInput(days=61, item_ids=(item_id,))
    )
    return await _open_in_views(window, report_id, started)


async def offline_steps(window: Any, workspace: Any) -> str:
    """Open the newest ready report of the library with no environment: views and PDF page."""
    started = time.monotonic()
    trees = await workspace.load()
    ready = [r.record for t in trees for r in t.reports if r.record.state == ReportState.READY]
    if not ready:
        raise RuntimeError("the library holds no ready report to open offline")
    newest = max(ready, key=lambda record: record.created_at)
    return "offline: " + await _open_in_views(window, newest.id, started)


async def _open_in_views(window: Any, report_id: str, started: float) -> str:
    from assets_desktop.ui.workspace.navigation import REPORT

    pane = window.pane
    first_page = asyncio.Event()

    def on_rendered(page: int) -> None:
        # Visible pages render in parallel, so page 2 may land first; the reader sees page 1.
        if page == 0:
            first_page.set()

    pane.pdf.page_rendered.connect(on_rendered)
    if not window.select(REPORT, report_id):
        raise RuntimeError("the ready report is not listed in the navigation tree")

    async def opened() -> bool | None:
        if window.route.last("error") is not None:
            raise RuntimeError(window.route.last("error").text)
        return True if pane.report_id == report_id else None

    await _wait(opened, "the report to open")
    views = pane.review.tabs.count()
    accounts = len(pane.review.response.report.accounts())
    pane.tabs.setCurrentIndex(1)
    await first_page.wait()
    return (
        f"report {report_id[:8]} ready with {accounts} accounts in {views} views, "
        f"PDF page 1 of {pane.pdf.page_count} rendered "
        f"({time.monotonic() - started:.1f} s)"
    )


async def _wait(done: Callable[[], Awaitable[bool | None]], what: str) -> None:
    """Wait (checking every 20 ms) until `done()` says so, at most the smoke test's budget."""
    from assets_desktop.api.polling import poll_until

    def timed_out(_checks: int) -> RuntimeError:
        return RuntimeError(f"timed out waiting for {what}")

    await poll_until(done, interval=0.02, timeout=SMOKE_TIMEOUT, timed_out=timed_out)
