"""The workspace service (no Qt): each write runs on the store thread and becomes one typed
event for its listeners; a read becomes none; a full read happens only when asked (`load`)."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from assets_desktop.services import workspace_events as ev
from assets_desktop.services import workspace_store
from assets_desktop.services.store_executor import to_store
from assets_desktop.services.workspace import Workspace
from assets_desktop.services.workspace_inputs import LoanFileInput
from assets_desktop.services.workspace_model import when
from assets_desktop.store.library import Library
from assets_desktop.store.secrets import SecretStore


def test_writes_become_typed_events_on_the_loop_that_subscribed(tmp_path: Path) -> None:
    library = Library(tmp_path / "library", SecretStore())
    workspace = Workspace(library, library.secrets, None, "local")
    events: list[ev.WorkspaceEvent] = []
    threads: set[str] = set()

    async def flow() -> None:
        workspace.subscribe(lambda event: (events.append(event), threads.add(_thread())))
        assert (await workspace.load()) == ()
        loan_id = await workspace.create_loan_file(
            LoanFileInput.of("Alberta Charleson", "purchase", "8500")
        )
        await workspace.update_loan_file(
            loan_id, LoanFileInput.of("Alberta Charleson", "refinance", "9000")
        )
        observed = workspace.store.library  # what the workflows write through

        def building() -> str:
            return observed.reports.add(loan_id, "assets-report-1", days_requested=61).id

        report_id = await _on_store(building)
        await _on_store(lambda: observed.reports.get(report_id).id)  # a read: no event
        await _on_store(lambda: str(len(observed.reports.all(loan_id))))
        await _on_store(lambda: observed.reports.set_state(report_id, "failed", detail="X"))
        await _on_store(lambda: observed.reports.delete(report_id))
        await workspace.delete_loan_file(loan_id)
        await asyncio.sleep(0)  # the last event's turn of the loop

    asyncio.run(flow())
    library.close()

    assert [type(e).__name__ for e in events] == [
        "LibraryLoaded", "LoanFileAdded", "LoanFileChanged", "ReportAdded",
        "ReportStateChanged", "ReportRemoved", "LoanFileRemoved",
    ]  # fmt: skip
    changed = events[2]
    assert isinstance(changed, ev.LoanFileChanged)
    assert changed.loan.purpose == "refinance" and changed.loan.monthly_income == Decimal("9000")
    added, failed = events[3], events[4]
    assert isinstance(added, ev.ReportAdded) and added.report.record.state == "building"
    assert isinstance(failed, ev.ReportStateChanged) and failed.report.record.state == "failed"
    assert threads == {"MainThread"}  # delivered on the subscriber's loop


def test_every_library_call_of_the_service_runs_on_the_store_thread(tmp_path: Path) -> None:
    library = Library(tmp_path / "library", SecretStore())
    seen: list[str] = []
    original = library.loan_files.create

    def recorded(*args: object, **kwargs: object) -> object:
        seen.append(_thread())
        return original(*args, **kwargs)  # type: ignore[arg-type]

    library.loan_files.create = recorded  # type: ignore[method-assign]
    workspace = Workspace(library, library.secrets, None, "local")
    asyncio.run(workspace.create_loan_file(LoanFileInput.of("Ann Lee", "purchase", "5000")))
    library.close()
    assert seen == ["store_0"]


def _thread() -> str:
    return threading.current_thread().name


async def _on_store(call: object) -> str:
    from assets_desktop.services.store_executor import in_store

    return await in_store(call)  # type: ignore[arg-type, no-any-return]


def test_a_library_larger_than_the_first_screen_is_read_in_two_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(tmp_path / "library", SecretStore())
    for name in ("Ann Lee", "Bo Chen", "Cy Diaz"):  # the newest, Cy Diaz, is listed first
        library.loan_files.create([name], "purchase", "5000")
    monkeypatch.setattr(workspace_store, "FIRST_SCREEN_ROWS", 3)  # one empty loan file's rows
    workspace = Workspace(library, library.secrets, None, "local")
    newest = workspace.store.loan_files(newest=2)  # what the first screen reads them from
    assert [loan.borrower_names[0] for loan in newest] == ["Cy Diaz", "Bo Chen"]
    seen: list[str] = []

    def listen(event: ev.WorkspaceEvent) -> None:
        if isinstance(event, ev.LibraryOpening | ev.LibraryLoaded):
            names = [tree.loan.borrower_names[0] for tree in event.loan_files]
            seen.append(f"{type(event).__name__}: {', '.join(names)}")

    async def shown() -> None:
        seen.append("first screen painted")

    async def flow() -> tuple[object, ...]:
        workspace.subscribe(listen)
        trees = await workspace.load(shown)
        await asyncio.sleep(0)  # the last event's turn of the loop
        return trees

    trees = asyncio.run(flow())
    library.close()
    assert seen == [
        "LibraryOpening: Cy Diaz",
        "first screen painted",
        "LibraryLoaded: Cy Diaz, Bo Chen, Ann Lee",
    ]
    assert len(trees) == 3


def test_events_told_are_delivered_once_in_order_even_before_the_loop_turns(
    tmp_path: Path,
) -> None:
    library = Library(tmp_path / "library", SecretStore())
    workspace = Workspace(library, library.secrets, None, "local")
    delivered: list[str] = []

    def tell() -> None:  # on the store thread, as every event is told
        workspace.emit(ev.ReportRemoved("r1"))
        workspace.emit(ev.ReportRemoved("r2"))

    async def flow() -> None:
        workspace.subscribe(lambda event: delivered.append(getattr(event, "id", "")))
        to_store(tell).result()  # (waits without turning the loop: both are still queued)
        assert delivered == []
        workspace.deliver_pending()  # e.g. before the window paints
        assert delivered == ["r1", "r2"]
        await asyncio.sleep(0.01)  # their queued deliveries find nothing left
        assert delivered == ["r1", "r2"]

    asyncio.run(flow())
    library.close()


def test_a_record_time_is_shown_to_the_minute_in_local_time() -> None:
    assert when(None) == ""
    assert when(datetime(2026, 3, 4, 5, 6, 59)) == "2026-03-04 05:06"  # naive: as it is
    aware = datetime(2026, 12, 31, 23, 59, tzinfo=UTC)
    assert when(aware) == aware.astimezone().strftime("%Y-%m-%d %H:%M")
    assert when(datetime(987, 1, 2, 3, 4)) == "0987-01-02 03:04"  # four-digit year, zero-padded


def test_the_whole_library_read_at_once_equals_each_loan_file_read_alone(tmp_path: Path) -> None:
    library = Library(tmp_path / "library", SecretStore())
    ann = library.loan_files.create(["Ann Lee"], "purchase", "5000").id
    bo = library.loan_files.create(["Bo Chen"], "refinance", "7000").id
    first = library.reports.add(ann, "assets-report-1", days_requested=61)
    library.reports.add(bo, "assets-report-2", days_requested=90)
    library.reports.add(ann, "assets-report-3", parent_id=first.id, relation="refresh")
    library.audit_copies.add(first.id, "Fannie Mae", "audit-copy-1")
    library.audit_copies.add(first.id, "Ocrolus", "audit-copy-2")
    store = Workspace(library, library.secrets, None, "local").store
    loans = store.loan_files()

    alone = tuple(store.loan_file_tree(loan) for loan in loans)
    assert store.trees(loans) == alone
    assert store.first_screen(loans) == alone  # 2 loan files: fewer rows than a screen
    copies = [c.auditor for tree in alone for r in tree.reports for c in r.audit_copies]
    assert copies == ["Fannie Mae", "Ocrolus"]
    library.close()
