"""Through the window: a report whose PRODUCT_READY webhook was missed (the app that created it
had quit) completes from Plaid's webhook events list when it is selected — with polling off."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.sandbox.server import SandboxConfig
from assets_desktop.services.environment import connect, save_keys
from assets_desktop.services.settings import WorkspaceRules
from assets_desktop.services.workspace import Workspace
from assets_desktop.store.library import Library
from assets_desktop.store.secrets import SecretStore
from assets_desktop.store.settings import Settings
from assets_desktop.ui.workspace.navigation import REPORT
from assets_desktop.ui.workspace.window import WorkspaceWindow

from .conftest import reload
from .test_journeys import TIMEOUT, add_item, new_loan_file

DEAD_RECEIVER = "http://127.0.0.1:9/plaid/webhook"  # the receiver of an app that has quit


@pytest.fixture
def sandbox_config() -> SandboxConfig:
    return SandboxConfig(ready_delay=0.2, webhook_attempts=1)


def _run(qtbot: QtBot, coroutine: Any) -> Any:
    future = asyncio.ensure_future(coroutine)
    qtbot.waitUntil(future.done, timeout=TIMEOUT)
    return future.result()


def test_a_missed_webhook_is_caught_up_in_the_window_without_polling(
    qtbot: QtBot, qloop: Any, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    secrets = SecretStore()
    library = Library(tmp_path / "library", secrets)
    save_keys(secrets, "local", sandbox.config.client_id, sandbox.config.secret)
    env = _run(qtbot, connect("local", secrets, base_url=sandbox.base_url, receive_webhooks=True))
    workspace = Workspace(library, secrets, env, "local", WorkspaceRules(wait_timeout=20))
    workspace.poll_reports = False  # only webhooks, pushed or listed
    window = WorkspaceWindow(workspace, Settings())  # closed and deleted below, not by qtbot
    window.show()
    try:
        new_loan_file(qtbot, window)
        add_item(qtbot, window)
        qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
        loan = window.model.loan_files[0]
        token = secrets.get("access_token", loan.items[0].item_id)
        created = _run(qtbot, env.client.reports.create([token], 30, webhook=DEAD_RECEIVER))
        record = library.reports.add(
            loan.loan_file_id, created.asset_report_id,
            asset_report_token=created.asset_report_token, days_requested=30,
        )  # fmt: skip
        qtbot.waitUntil(
            lambda: [e["delivery_status"] for e in sandbox.state.webhook_events] == ["FAILED"],
            timeout=TIMEOUT,
        )
        reload(qtbot, window)
        assert window.select(REPORT, record.id)  # a building report: its wait resumes
        qtbot.waitUntil(lambda: library.reports.get(record.id).state == "ready", timeout=TIMEOUT)
        assert env.webhooks.caught_up == 1 and env.webhooks.accepted == 0
        qtbot.waitUntil(lambda: window.pane.report_id == record.id, timeout=TIMEOUT)  # opens
    finally:
        window.runner.cancel_all()
        qtbot.waitUntil(lambda: not window.runner.running(), timeout=5000)
        _run(qtbot, env.aclose())
        window.close_now()
        shiboken6.delete(window)
        library.close()
