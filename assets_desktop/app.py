"""Composition root: builds the environment, client and window, and runs the qasync loop."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Sequence

from assets_desktop.api.client import PlaidApiError, PlaidClient
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.sandbox.server import SandboxConfig

SMOKE_INSTITUTION = "ins_109508"


def ensure_platform(headless: bool) -> None:
    """Pick the offscreen platform when asked, or when there is no display at all."""
    no_display = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if headless or (no_display and "QT_QPA_PLATFORM" not in os.environ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run_gui(
    argv: Sequence[str], *, smoke_test: bool = False, first_paint_exit: bool = False
) -> int:
    """Run the window on the embedded local sandbox; in smoke mode, check it end to end and exit."""
    ensure_platform(headless=smoke_test)
    import qasync
    from PySide6.QtWidgets import QApplication

    from assets_desktop.ui.main_window import MainWindow
    from assets_desktop.ui.resources import read_text

    qapp = QApplication.instance() or QApplication(list(argv))
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("Assets Desktop")
    qapp.setOrganizationName("Assets Desktop")
    qapp.setStyleSheet(read_text("style.qss"))
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)

    sandbox = EmbeddedSandbox(SandboxConfig()).start()
    client = PlaidClient(sandbox.base_url, sandbox.config.client_id, sandbox.config.secret)
    window = MainWindow("Local sandbox")
    outcome = {"code": 0}

    if first_paint_exit:
        window.first_painted.connect(lambda: _report_first_paint(qapp))

    async def connect() -> None:
        try:
            institution = await client.institution_by_id(SMOKE_INSTITUTION)
        except (PlaidApiError, OSError) as error:
            window.show_error(f"The local sandbox did not answer: {error}")
            outcome["code"] = 1
        else:
            window.show_institution(institution)
        if smoke_test:
            _finish_smoke(window, outcome["code"])
            qapp.quit()

    window.show()
    task = loop.create_task(connect())
    try:
        with loop:
            loop.run_forever()
    finally:
        if not task.done():
            task.cancel()
        loop.run_until_complete(client.aclose()) if not loop.is_closed() else None
        sandbox.stop()
    return outcome["code"]


def _report_first_paint(qapp: object) -> None:
    print(f"FIRST_PAINT {time.time():.6f}", flush=True)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, qapp.quit)  # type: ignore[attr-defined]


def _finish_smoke(window: object, code: int) -> None:
    text = window.status_label.text()  # type: ignore[attr-defined]
    stream = sys.stdout if code == 0 else sys.stderr
    print(f"smoke test {'passed' if code == 0 else 'FAILED'}: {text}", file=stream, flush=True)
