"""Driving the workspace window in a benchmark child as a user does: through its commands and
dialogs (add a sandbox Item, create a report), waiting on what the window shows; and the
child's event loop and outcome. Imported by the children only (it imports the whole UI)."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable, Coroutine
from typing import Any

import qasync
from PySide6.QtWidgets import QApplication

from assets_desktop.services.workspace import Workspace
from assets_desktop.store.settings import Settings
from assets_desktop.ui.workspace.window import WorkspaceWindow

STEP_TIMEOUT = 300.0


async def until(predicate: Callable[[], object]) -> None:
    """Wait (polling every 10 ms, the event loop running) until `predicate()` is true."""
    deadline = time.monotonic() + STEP_TIMEOUT
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the flow did not reach the next step in time")
        await asyncio.sleep(0.01)


async def add_sandbox_item(window: Any, loan_id: str, persona: str) -> None:
    """Select the loan file, add an Item of a sandbox persona through the dialog, and wait
    until the tree shows it."""
    from assets_desktop.ui.workspace.navigation import LOAN_FILE

    window.select(LOAN_FILE, loan_id)
    window.commands["addItem"].trigger()
    dialog = window.controller.dialog
    dialog.persona.setCurrentIndex(dialog.persona.findData(persona))
    dialog.ok_button.click()
    await until(lambda: any(loan.items for loan in window.model.loan_files))
    window.select(LOAN_FILE, loan_id)


def start_create_report(window: Any, days: int) -> Any:
    """Create report (its dialog, `days` requested) on the selected loan file; returns its job."""
    window.commands["createReport"].trigger()
    dialog = window.controller.dialog
    dialog.days.setValue(days)
    dialog.ok_button.click()
    return window.runner.running()[-1]


def run_flow(loop: Any, flow: Coroutine[Any, Any, None], on_end: Callable[[], None]) -> int:
    """Run `flow` on the child's qasync loop until it ends, then `on_end` (which quits the app);
    1 if it raised (printed to stderr), else 0."""
    errors: list[BaseException] = []

    def done(task: asyncio.Task[None]) -> None:
        if (error := task.exception()) is not None:
            errors.append(error)
            print(repr(error), file=sys.stderr)
        on_end()

    task = loop.create_task(flow)
    task.add_done_callback(done)
    with loop:
        loop.run_forever()
    return 1 if errors else 0


def finish(code: int, figures: object) -> int:
    """The child's exit: its figures as one JSON line on stdout when the flow succeeded."""
    if code == 0:
        print(json.dumps(figures), flush=True)
    return code


def child_loop() -> tuple[Any, Any]:
    """The child's QApplication and the qasync event loop over it (set as asyncio's)."""
    app = QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    return app, loop


def workspace_window(library: Any, secrets: Any, environment: Any = None) -> Any:
    """The workspace window over `library` (offline without an `environment`), 1400×900."""
    window = WorkspaceWindow(Workspace(library, secrets, environment, "local"), Settings())
    window.resize(1400, 900)
    return window
