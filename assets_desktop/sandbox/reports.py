"""Asset Report generation off the event loop, readiness, webhooks, and rendered-report caches."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from datetime import datetime
from typing import Any, TypeVar

import msgspec

from assets_desktop.sandbox.datalib import data, pdf, reportgen
from assets_desktop.sandbox.errors import PlaidError, generation_failed
from assets_desktop.sandbox.faults import Faults
from assets_desktop.sandbox.state import (
    GenerationStatus,
    ItemRecord,
    PublicTokenRecord,
    ReportRecord,
    SandboxState,
)
from assets_desktop.sandbox.webhooks import WebhookSender

log = logging.getLogger(__name__)
T = TypeVar("T")

TOO_LARGE = "asset report is too large to be generated, try again with a shorter date range"


def parse_time(text: str) -> datetime:
    """Parse the `...Z` timestamps the state keeps."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class _Memo:
    """A small LRU of computed values; concurrent callers of one key share one computation.

    Each computation runs as its own task, so a caller that goes away (client disconnect)
    does not cancel it for the others; a failed computation is forgotten and re-raised.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, asyncio.Task[Any]] = OrderedDict()

    async def get(self, key: Hashable, compute: Callable[[], Awaitable[T]]) -> T:
        task = self._values.get(key)
        if task is None:

            async def run() -> T:
                try:
                    return await compute()
                except BaseException:
                    if self._values.get(key) is task:
                        del self._values[key]
                    raise

            task = asyncio.get_running_loop().create_task(run())
            self._values[key] = task
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        else:
            self._values.move_to_end(key)
        result: T = await asyncio.shield(task)
        return result

    def drop(self, predicate: Callable[[Hashable], bool]) -> None:
        for key in [k for k in self._values if predicate(k)]:
            del self._values[key]


class ReportEngine:
    """Builds reports in worker threads and serves their JSON and PDF from caches."""

    def __init__(
        self,
        state: SandboxState,
        faults: Faults,
        sender: WebhookSender,
        *,
        seed: int,
        ready_delay: float,
        persist: Callable[[], None],
    ) -> None:
        self.state = state
        self.faults = faults
        self.sender = sender
        self.seed = seed
        self.ready_delay = ready_delay
        self.persist = persist
        self._items: _Memo = _Memo(16)
        self._stored: _Memo = _Memo(16)
        self._json: _Memo = _Memo(32)
        self._pdf: _Memo = _Memo(8)
        self._tasks: set[asyncio.Task[None]] = set()
        self._timers: set[asyncio.TimerHandle] = set()

    # -- data -------------------------------------------------------------------------------

    async def generated_item(self, item: ItemRecord | PublicTokenRecord, now: datetime) -> Any:
        """The Item's synthetic data as of `now` (deterministic; cached)."""

        async def build() -> Any:
            return await asyncio.to_thread(
                data().generate_item,
                item.username,
                item.institution_id,
                item_id=item.item_id,
                seed=self.seed,
                now=now,
                created=parse_time(item.created_at),
            )

        return await self._items.get((item.item_id, now), build)

    async def _items_of(self, report: ReportRecord) -> list[Any]:
        moment = parse_time(report.date_generated)
        records = [self.state.item_by_id(item_id) for item_id in report.item_ids]
        return [await self.generated_item(r, moment) for r in records if r is not None]

    async def stored(self, report: ReportRecord) -> Any:
        """The built report (rebuilt on demand after a restart); raises ReportTooLargeError."""

        async def build() -> Any:
            items = await self._items_of(report)
            return await asyncio.to_thread(
                reportgen().build_report,
                items,
                asset_report_id=report.asset_report_id,
                client_report_id=report.client_report_id,
                days_requested=report.days_requested,
                user=report.user,
                date_generated=parse_time(report.date_generated),
                exclude_account_ids=frozenset(report.exclude_account_ids),
                investments="investments" in report.add_ons,
            )

        return await self._stored.get(report.asset_report_id, build)

    async def account_ids(self, report: ReportRecord) -> set[str]:
        """Every account id of the report's Items."""
        return {a["account_id"] for item in await self._items_of(report) for a in item.accounts}

    # -- generation -------------------------------------------------------------------------

    async def start(self, report: ReportRecord) -> None:
        """Begin generating; with `ready_delay <= 0` the report is settled when this returns."""
        if self.faults.never_ready:
            return
        if self.ready_delay <= 0:
            await self._generate(report)
            return
        loop = asyncio.get_running_loop()

        def launch() -> None:
            self._timers.discard(timer)
            task = loop.create_task(self._generate(report))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

        timer = loop.call_later(self.ready_delay, launch)
        self._timers.add(timer)

    async def aclose(self) -> None:
        """Cancel pending timers and generations (server shutdown)."""
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def resume_pending(self) -> None:
        """Restart generation of reports a previous run left pending (state file)."""
        loop = asyncio.get_running_loop()
        for report in self.state.reports.values():
            if report.status == GenerationStatus.PENDING and not report.removed:
                task = loop.create_task(self._generate_later(report))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def _generate_later(self, report: ReportRecord) -> None:
        await self.start(report)

    async def _generate(self, report: ReportRecord) -> None:
        if self.faults.never_ready or report.removed:
            return
        error: PlaidError | None = None
        if self.faults.fail_generation:
            error = generation_failed(
                "the asset report could not be generated (sandbox fault mode fail_generation); "
                "create it again"
            )
        else:
            try:
                await self.stored(report)
            except reportgen().ReportTooLargeError:
                error = generation_failed(TOO_LARGE)
            except Exception:
                log.exception("asset report %s failed to build", report.asset_report_id)
                error = generation_failed("an unexpected error occurred while generating")
        if error is None:
            report.status = GenerationStatus.READY
        else:
            report.status, report.error = GenerationStatus.FAILED, error.body(None)
        self.persist()
        self._notify(report)

    def _notify(self, report: ReportRecord) -> None:
        url = report.webhook
        items = [self.state.item_by_id(i) for i in report.item_ids]
        if not url:
            url = next((i.webhook for i in items if i is not None and i.webhook), None)
        if not url:
            return
        base: dict[str, Any] = {"webhook_type": "ASSETS", "asset_report_id": report.asset_report_id}
        if report.status == GenerationStatus.READY:
            types = ["FAST", "FULL"] if "fast_assets" in report.add_ons else ["FULL"]
            payloads = [
                {
                    **base,
                    "webhook_code": "PRODUCT_READY",
                    "report_type": t,
                    "environment": "sandbox",
                }
                for t in types
            ]
        else:
            payloads = [
                {**base, "webhook_code": "ERROR", "error": report.error, "environment": "sandbox"}
            ]
        for item in items:
            if item is not None:
                item.last_webhook_code = payloads[-1]["webhook_code"]
                item.last_webhook_at = report.created_at
        self.sender.send_in_order(url, payloads)

    # -- rendering --------------------------------------------------------------------------

    async def report_json(
        self, report: ReportRecord, *, insights: bool, days: int | None, fast: bool
    ) -> bytes:
        """`"report": …, "warnings": …` as encoded JSON members, ready to splice into a body."""

        async def render() -> bytes:
            body, warnings = await self._rendered(report, insights, days, fast)
            return (
                b'"report":'
                + msgspec.json.encode(body)
                + b',"warnings":'
                + msgspec.json.encode(warnings)
            )

        key = (report.asset_report_id, insights, days, fast)
        return await self._json.get(key, render)

    async def _rendered(
        self, report: ReportRecord, insights: bool, days: int | None, fast: bool
    ) -> Any:
        """The report's JSON body and warnings (rendered in a worker thread)."""
        stored = await self.stored(report)
        return await asyncio.to_thread(
            reportgen().render_report_json,
            stored,
            include_insights=insights,
            days_to_include=days,
            fast=fast,
        )

    async def report_pdf(self, report: ReportRecord, *, days: int | None) -> bytes:
        """The report as a PDF (rendered in a worker thread; cached)."""

        async def render() -> bytes:
            body, warnings = await self._rendered(report, False, days, False)
            result: bytes = await asyncio.to_thread(pdf().render_report_pdf, body, warnings)
            return result

        return await self._pdf.get((report.asset_report_id, days), render)

    def forget(self, report: ReportRecord) -> None:
        """Drop the caches of a removed report."""
        report_id = report.asset_report_id
        for memo in (self._json, self._pdf):
            memo.drop(lambda key: isinstance(key, tuple) and key[0] == report_id)
        self._stored.drop(lambda key: key == report_id)
