"""Python work done on the UI thread a few milliseconds a turn, between input and paints.

A thread would not help here: its Python holds the GIL, and the UI thread waits for it up to
the switch interval (5 ms) at each Qt call, so a 10 ms job on a thread cost the open a 35-50 ms
turn. Here the work is a generator that yields between slices; a zero-timer advances it until
its budget for the turn is spent, and `result()` finishes it at once when it is needed now.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QTimer

__all__ = ["SLICE_MS", "Sliced", "run_to_end"]

T = TypeVar("T")
SLICE_MS = 4.0  # a turn's budget: the 5 ms timer of the benchmark still ticks on time


def run_to_end(steps: Generator[None, None, T]) -> T:
    """Advance `steps` to its end and return its value (no event loop needed)."""
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]


class Sliced(Generic[T]):
    """`steps` advanced a slice of at most `SLICE_MS` per event-loop turn once `start`ed."""

    def __init__(self, steps: Generator[None, None, T], parent: QObject) -> None:
        self._steps = steps
        self._value: tuple[T] | None = None
        self.started = False
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._advance)

    @property
    def done(self) -> bool:
        """True once the work has run to its end."""
        return self._value is not None

    def start(self) -> None:
        """Go on with the work in the next turns (nothing when it is done)."""
        self.started = True
        if self._value is None:
            self._timer.start()

    def stop(self) -> None:
        """Do no more of it in later turns (`result` still finishes it)."""
        self._timer.stop()

    def result(self) -> T:
        """The work's value, finishing it now if it has not run to its end."""
        if self._value is None:
            self._timer.stop()
            self._value = (run_to_end(self._steps),)
        return self._value[0]

    def _advance(self) -> None:
        deadline = time.perf_counter() + SLICE_MS / 1000
        while time.perf_counter() < deadline:
            try:
                next(self._steps)
            except StopIteration as stop:
                self._value = (stop.value,)
                return
        self._timer.start()
