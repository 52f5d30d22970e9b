"""The collector policy: start-up's objects are frozen once the window has painted and the
library's first read has ended, not before."""

from __future__ import annotations

import asyncio
import gc

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assets_desktop.ui.workspace import long_lived
from assets_desktop.ui.workspace.long_lived import freeze_after_start


class _Window(QObject):
    first_painted = Signal()

    def __init__(self, loading: asyncio.Future[None]) -> None:
        super().__init__()
        self.loading = loading


def test_freezes_after_the_first_paint_and_the_first_library_read(qapp: QApplication) -> None:
    loop = asyncio.new_event_loop()
    gc.unfreeze()
    try:
        loading: asyncio.Future[None] = loop.create_future()
        window = _Window(loading)
        freeze_after_start(window)
        assert not gc.isenabled()  # no collections during start-up
        window.first_painted.emit()
        assert gc.get_freeze_count() == 0 and not gc.isenabled()  # the library is still read
        loading.set_result(None)
        loop.run_until_complete(asyncio.sleep(0))  # its done callbacks run on the loop
        assert gc.get_freeze_count() > 0 and gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
        loop.close()


def test_freezes_at_the_first_paint_when_the_library_is_already_read(qapp: QApplication) -> None:
    loop = asyncio.new_event_loop()
    gc.unfreeze()
    try:
        loading: asyncio.Future[None] = loop.create_future()
        loading.set_result(None)
        window = _Window(loading)
        freeze_after_start(window)
        assert gc.get_freeze_count() == 0  # not painted yet
        window.first_painted.emit()
        assert gc.get_freeze_count() > 0 and gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
        loop.close()


def test_the_collector_goes_back_on_when_the_window_never_paints(
    qapp: QApplication, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(long_lived, "START_UP_BUDGET_MS", 50)
    loop = asyncio.new_event_loop()
    gc.unfreeze()
    try:
        window = _Window(loop.create_future())  # its library read never ends
        freeze_after_start(window)
        assert not gc.isenabled()
        qtbot.waitUntil(gc.isenabled, timeout=5_000)  # no paint, no read: the budget ran out
        assert gc.get_freeze_count() > 0
        window.first_painted.emit()  # a late paint freezes nothing more
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
        loop.close()
