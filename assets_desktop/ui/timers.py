"""Delayed calls owned by a widget: they die with it.

`QTimer.singleShot(ms, context, functor)` crashed the test process here (a timer event
delivered to a deleted object) when the context was destroyed first; a child QTimer is
destroyed with its parent, which stops it safely.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def later(owner: QObject, milliseconds: int, call: Callable[[], object]) -> QTimer:
    """Call `call` once after `milliseconds`, unless `owner` is destroyed first."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.timeout.connect(call)
    timer.timeout.connect(timer.deleteLater)
    timer.start(milliseconds)
    return timer
