"""The job runner, the one message route, and the navigation model."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assets_desktop.api.errors import UserActionRequired
from assets_desktop.ui.workspace.errors import MessageArea, MessageRoute, describe_error
from assets_desktop.ui.workspace.jobs import CANCELLED, DONE, FAILED, Job, JobPanel, JobRunner
from assets_desktop.ui.workspace.navigation import (
    REPORT,
    EntryRole,
    ItemEntry,
    LoanFileEntry,
    NavigationModel,
    ReportEntry,
)


@pytest.fixture
def runner(qtbot: QtBot, qloop: object) -> Iterator[tuple[JobRunner, MessageRoute, JobPanel]]:
    route = MessageRoute()
    jobs = JobRunner(route)
    panel = JobPanel(jobs)
    route.setParent(panel)  # as in the window: they all go when the window goes
    jobs.setParent(panel)
    yield jobs, route, panel
    shiboken6.delete(panel)  # now, with its timers; not later from inside another test


def test_cancel_button_cancels_and_says_so(qtbot: QtBot, runner: tuple) -> None:
    jobs, route, panel = runner
    gate = asyncio.Event()

    async def work(job: Job) -> None:
        job.set_stage("Waiting for Plaid…")
        await gate.wait()

    job = jobs.start("Report for Alberta", work)
    qtbot.waitUntil(lambda: job.stage == "Waiting for Plaid…")
    row = panel.rows[job.id]
    assert row.stage.text() == "Waiting for Plaid…" and row.cancel.isEnabled()
    qtbot.mouseClick(row.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not job.running)
    assert job.state == CANCELLED
    assert route.last().text == "Report for Alberta: cancelled."
    assert route.last().severity == "info"
    assert not row.cancel.isEnabled()


def test_failure_goes_to_the_route_with_the_user_message(qtbot: QtBot, runner: tuple) -> None:
    jobs, route, _panel = runner
    failures: list[BaseException] = []

    async def work(job: Job) -> None:
        raise UserActionRequired(
            400,
            {"error_type": "ITEM_ERROR", "error_code": "ITEM_LOCKED", "request_id": "R1"},
            operation="Linking the bank",
        )

    job = jobs.start("Add Item", work, on_failure=failures.append)
    qtbot.waitUntil(lambda: not job.running)
    assert job.state == FAILED and failures
    text = route.last("error").text
    assert text.startswith("Add Item: Linking the bank failed:")
    assert "ITEM_LOCKED" in text


def test_success_and_keyed_jobs_replace_each_other(qtbot: QtBot, runner: tuple) -> None:
    jobs, _route, _panel = runner
    results: list[int] = []
    gate = asyncio.Event()

    async def slow(job: Job) -> int:
        await gate.wait()
        return 1

    async def fast(job: Job) -> int:
        return 2

    first = jobs.start("Open", slow, key="open", on_success=results.append)
    second = jobs.start("Open", fast, key="open", on_success=results.append)
    qtbot.waitUntil(lambda: not first.running and not second.running)
    assert (first.state, second.state, results) == (CANCELLED, DONE, [2])


def test_a_finished_job_hands_its_result_over_and_keeps_none(qtbot: QtBot, runner: tuple) -> None:
    jobs, _route, _panel = runner
    results: list[object] = []
    opened = {"report": "a whole decoded report"}

    async def work(job: Job) -> dict[str, str]:
        return opened

    job = jobs.start("Open", work, on_success=results.append)
    qtbot.waitUntil(lambda: not job.running)
    assert results == [opened]
    assert job.task is not None and job.task.result() is None  # kept jobs keep no report


def test_a_job_shown_late_is_listed_only_while_still_running(qtbot: QtBot, runner: tuple) -> None:
    jobs, _route, panel = runner
    gate = asyncio.Event()

    async def quick(job: Job) -> None:
        return None

    async def slow(job: Job) -> None:
        job.set_stage("Opening from the library…")
        await gate.wait()

    done = jobs.start("Open quick", quick, show_after_ms=20)
    waiting = jobs.start("Open slow", slow, show_after_ms=20)
    assert panel.rows == {}  # neither is listed at its start
    qtbot.waitUntil(lambda: waiting.id in panel.rows)
    assert panel.rows[waiting.id].stage.text() == "Opening from the library…"
    assert not done.running and done.id not in panel.rows  # ended before its delay: never
    gate.set()
    qtbot.waitUntil(lambda: not waiting.running)
    assert waiting.state == DONE


def test_describe_error_for_network_and_bugs() -> None:
    assert "could not be reached" in describe_error(httpx.ConnectError("x"), "Refreshing")
    text = describe_error(KeyError("boom"), "Opening the report")
    assert "unexpected error (KeyError)" in text and "boom" not in text


def test_message_area_shows_and_dismisses(qtbot: QtBot) -> None:
    route = MessageRoute()
    area = MessageArea(route)
    qtbot.addWidget(area)
    for n in range(6):
        route.error(f"problem {n}")
    assert area.texts() == ["problem 5", "problem 4", "problem 3", "problem 2"]
    route.dismissed.emit(area.banners[0].message.id)
    assert area.texts()[0] == "problem 4"


def test_navigation_model_lineage(qtmodeltester: object) -> None:
    loan = LoanFileEntry(
        "L1",
        "Alberta Charleson",
        "purchase",
        8500.0,
        items=(ItemEntry("i1", "First Platypus Bank"),),
        reports=(
            ReportEntry("r1", 61, created="2026-01-01 10:00"),
            ReportEntry("r2", 61, "building", "refresh", "r1", created="2026-01-02 10:00"),
            ReportEntry(
                "r3",
                61,
                "ready",
                "filter",
                "r2",
                created="2026-01-03 10:00",
                detail="1 account excluded",
            ),
        ),
    )
    model = NavigationModel()
    model.set_loan_files([loan])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    refresh = model.find(REPORT, "r2")
    assert refresh.parent() == model.find(REPORT, "r1")
    assert model.find(REPORT, "r3").parent() == refresh
    assert refresh.siblingAtColumn(1).data() == "building…"
    assert model.find(REPORT, "r3").data() == "Filter · 61 days · 1 account excluded"
    assert model.loan_file_of(model.find(REPORT, "r3")) == loan
    assert model.find(REPORT, "r3").data(EntryRole).relation == "filter"
