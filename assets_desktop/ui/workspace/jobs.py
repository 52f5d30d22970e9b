"""The job runner: owns every running network task, its stage, elapsed time and cancel button.

A job is a coroutine started on the running (qasync) event loop with `JobRunner.start`. The
coroutine receives its `Job` and calls `job.set_stage("…")` as it progresses. The runner keeps a
strong reference to each task, reports failures through the one `MessageRoute`, treats
cancellation as "cancelled" (not an error) and tells the `JobPanel` what to show.
"""

from __future__ import annotations

import asyncio
import html
import time
from collections.abc import Callable, Coroutine
from itertools import count
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from assets_desktop.services.progress import Progress
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.timers import later
from assets_desktop.ui.workspace.errors import MessageRoute

_ids = count(1)
RUNNING, DONE, FAILED, CANCELLED = "running", "done", "failed", "cancelled"
LINGER_MS = 4000  # a finished job stays in the panel this long


class Job(QObject):
    """One running piece of work.

    Signals:
        changed(): the stage or state changed.
    """

    changed = Signal()

    def __init__(
        self,
        title: str,
        key: str | None,
        parent: QObject | None = None,
        cancellable: bool = True,
        shown: bool = True,
    ) -> None:
        super().__init__(parent)
        self.cancellable = cancellable  # False: a local write, never left half done
        self.shown = shown  # False: too quick to list in the panel (a local read or write)
        self.id = next(_ids)
        self.title = title
        self.key = key
        self.stage = "Starting…"
        self.state = RUNNING
        self.started = time.monotonic()
        self.ended: float | None = None
        self.task: asyncio.Task[Any] | None = None
        self.error: BaseException | None = None
        self.loan_file_id: str | None = None  # the loan file a report job builds into

    def set_stage(self, stage: str) -> None:
        """Say what the job is doing now (shown beside its title)."""
        self.stage = stage
        self.changed.emit()

    def show_progress(self, progress: Progress) -> None:
        """A workflow's progress as the stage (a `services.progress.ProgressCallback`)."""
        detail = f": {progress.detail}" if progress.detail else ""
        self.set_stage(f"{progress.stage}{detail}")

    @property
    def elapsed(self) -> float:
        """Seconds since the job started (until it ended)."""
        return (self.ended or time.monotonic()) - self.started

    @property
    def running(self) -> bool:
        """True until the job ends."""
        return self.state == RUNNING

    def cancel(self) -> None:
        """Ask the task to stop at its next await (a local write finishes instead)."""
        if self.cancellable and self.task is not None and not self.task.done():
            self.set_stage("Cancelling…")
            self.task.cancel()


JobFactory = Callable[[Job], Coroutine[Any, Any, Any]]


class JobRunner(QObject):
    """Starts jobs on the event loop and keeps them until they end.

    Signals:
        started(Job), finished(Job): a job began or ended (in any state).
        shown_late(Job): a job started unlisted is still running after its delay: list it.
        forgotten(Job): an ended job left the list, after lingering a few seconds.
    """

    started = Signal(object)
    finished = Signal(object)
    forgotten = Signal(object)
    shown_late = Signal(object)

    def __init__(self, route: MessageRoute, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._route = route
        self.jobs: list[Job] = []

    def start(
        self,
        title: str,
        work: JobFactory,
        *,
        key: str | None = None,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        cancellable: bool = True,
        shown: bool = True,
        show_after_ms: int | None = None,
    ) -> Job:
        """Run `work(job)` as a job; a running job with the same key is cancelled first.
        `cancellable` False: a local write, which Cancel and quitting wait for instead;
        `shown` False: not listed in the panel (its failure still reaches the user);
        `show_after_ms`: not listed unless still running after that long (a quick read does
        not resize the window's panes twice, the row coming and going)."""
        if key is not None:
            for other in self.running():
                if other.key == key:
                    other.cancel()
        # Owned by the runner: deleted with it, never by the GC.
        job = Job(title, key, self, cancellable, shown and show_after_ms is None)
        self.jobs.append(job)
        if shown and show_after_ms is not None:
            later(job, show_after_ms, lambda: self._show_late(job))
        job.task = asyncio.ensure_future(self._run(job, work, on_success, on_failure))
        job.task.add_done_callback(lambda task: self._cancelled_early(job, task, on_failure))
        self.started.emit(job)
        return job

    async def _run(
        self,
        job: Job,
        work: JobFactory,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
    ) -> Any:
        try:
            result = await work(job)
        except asyncio.CancelledError:
            self._end(job, CANCELLED, "Cancelled")
            if shiboken6.isValid(self._route):
                self._route.info(f"{job.title}: cancelled.")
            if on_failure is not None:
                on_failure(asyncio.CancelledError())
            return None
        except Exception as error:
            job.error = error
            self._end(job, FAILED, "Failed")
            if shiboken6.isValid(self._route):
                self._route.report(error, job.title)
            if on_failure is not None:
                on_failure(error)
            return None
        self._end(job, DONE, "Done")
        if on_success is not None and shiboken6.isValid(self):  # the window may be gone
            try:
                on_success(result)
            except Exception as error:  # a bug in the UI callback: still one route
                self._route.report(error, f"{job.title} (showing the result)")
        return None  # not `result`: the finished task, kept with its job, would keep it alive

    def _show_late(self, job: Job) -> None:
        if job.running and not job.shown:
            job.shown = True
            self.shown_late.emit(job)

    def _cancelled_early(
        self,
        job: Job,
        task: asyncio.Task[Any],
        on_failure: Callable[[BaseException], None] | None,
    ) -> None:
        """A task cancelled before its first step never ran `_run`: end the job here."""
        if job.running and task.cancelled():
            self._end(job, CANCELLED, "Cancelled")
            if on_failure is not None:
                on_failure(asyncio.CancelledError())

    def _end(self, job: Job, state: str, stage: str) -> None:
        job.state = state
        job.ended = time.monotonic()
        if not shiboken6.isValid(self):  # the window is gone (shutdown): nothing to show
            return
        job.set_stage(stage)
        self.finished.emit(job)
        later(self, LINGER_MS, lambda: self._forget(job))

    def _forget(self, job: Job) -> None:
        if job in self.jobs and not job.running:
            self.jobs.remove(job)
            self.forgotten.emit(job)
            job.deleteLater()

    def running(self) -> list[Job]:
        """Jobs that have not ended."""
        return [job for job in self.jobs if job.running]

    def cancel_all(self) -> None:
        """Cancel every running job."""
        for job in self.running():
            job.cancel()

    async def wait_all(self) -> None:
        """Wait until every job has ended (after `cancel_all`, for a clean shutdown)."""
        tasks = [job.task for job in self.running() if job.task is not None]
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


class JobRow(QFrame):
    """A job in the panel: title, stage, elapsed time and a cancel button."""

    def __init__(self, job: Job, parent: QWidget) -> None:
        super().__init__(parent)
        self.job = job
        self.setObjectName(f"job-{job.id}")
        self.setProperty("role", "jobRow")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.title = QLabel(f"<b>{html.escape(job.title)}</b> —", self)
        self.title.setObjectName("jobTitle")
        self.stage = QLabel(self)
        self.stage.setObjectName("jobStage")
        self.elapsed = QLabel(self)
        self.elapsed.setObjectName("jobElapsed")
        self.elapsed.setMinimumWidth(48)
        self.elapsed.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.cancel = named_button(self, "Cancel", f"cancelJob-{job.id}", f"Cancel {job.title}")
        self.cancel.clicked.connect(job.cancel)
        layout.addWidget(self.title)
        layout.addWidget(self.stage, 1)
        layout.addWidget(self.elapsed)
        layout.addWidget(self.cancel)
        job.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the job's current stage, time and whether it can still be cancelled."""
        job = self.job
        self.stage.setText(job.stage)
        self.stage.setProperty("severity", {FAILED: "error", DONE: "ok"}.get(job.state, ""))
        self.elapsed.setText(_format_elapsed(job.elapsed))
        self.cancel.setEnabled(job.running and job.cancellable)
        self.setAccessibleName(f"{job.title}: {job.stage}, {_format_elapsed(job.elapsed)}")


class JobPanel(QWidget):
    """The list of running (and just-finished) jobs, under the workspace."""

    def __init__(self, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobPanel")
        self.setAccessibleName("Running jobs")
        self._runner = runner
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 2, 4, 2)
        self._layout.setSpacing(0)
        self.rows: dict[int, JobRow] = {}
        runner.started.connect(self._add)
        runner.shown_late.connect(self._add)
        runner.forgotten.connect(self._drop)
        self._ticker = QTimer(self)
        self._ticker.setInterval(500)
        self._ticker.timeout.connect(self._tick)
        self.setVisible(False)

    def _add(self, job: Job) -> None:
        if not job.shown:
            return
        row = JobRow(job, self)
        self.rows[job.id] = row
        self._layout.addWidget(row)
        self.setVisible(True)
        self._ticker.start()

    def _tick(self) -> None:
        for row in self.rows.values():
            if row.job.running:
                row.refresh()
        if not self._runner.running():
            self._ticker.stop()

    def _drop(self, job: Job) -> None:
        row = self.rows.pop(job.id, None)
        if row is not None:
            job.changed.disconnect(row.refresh)
            self._layout.removeWidget(row)
            row.deleteLater()
        self.setVisible(bool(self.rows))


def _format_elapsed(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"
