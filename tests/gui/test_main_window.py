"""The main window shows what the sandbox served over loopback."""

from __future__ import annotations

import subprocess
import sys

from pytestqt.qtbot import QtBot

from assets_desktop.api.client import PlaidClient
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.ui.main_window import MainWindow


def test_window_shows_institution_from_sandbox(
    qtbot: QtBot, qloop: object, sandbox: EmbeddedSandbox
) -> None:
    window = MainWindow("Local sandbox")
    qtbot.addWidget(window)
    window.show()
    client = PlaidClient(sandbox.base_url, sandbox.config.client_id, sandbox.config.secret)

    async def connect() -> None:
        window.show_institution(await client.institution_by_id("ins_109508"))
        await client.aclose()

    task = qloop.create_task(connect())  # type: ignore[attr-defined]
    qtbot.waitUntil(task.done, timeout=10_000)
    task.result()
    assert "First Platypus Bank (ins_109508)" in window.status_label.text()


def test_smoke_test_command_exits_zero() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assets_desktop", "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "smoke test passed" in result.stdout
