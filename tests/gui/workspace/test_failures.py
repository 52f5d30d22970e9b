"""Failures end in a clear message and a window that still works."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from assets_desktop.app import EnvironmentConnector, EnvironmentNotReadyError
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.sandbox.server import SandboxConfig
from assets_desktop.store import secrets as kinds
from assets_desktop.store.settings import Settings

from .conftest import WindowFactory, reload
from .test_journeys import TIMEOUT, add_item, by_relation, create_report, new_loan_file


@pytest.fixture
def sandbox_config() -> SandboxConfig:
    return SandboxConfig(ready_delay=0.3)


def last_error(window: object) -> str:
    message = window.route.last("error")  # type: ignore[attr-defined]
    return "" if message is None else message.text


def linked(qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox) -> object:
    window = make_window(sandbox)
    new_loan_file(qtbot, window)
    add_item(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
    return window


def test_bad_keys_say_to_fix_them_in_settings(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox
) -> None:
    window = make_window(sandbox, secret="not-the-secret")
    new_loan_file(qtbot, window)
    add_item(qtbot, window)
    qtbot.waitUntil(lambda: bool(last_error(window)), timeout=TIMEOUT)
    assert "INVALID_API_KEYS" in last_error(window)
    assert "client_id" in last_error(window) or "keys" in last_error(window)
    assert window.model.loan_files[0].items == ()
    assert window.commands["newLoanFile"].isEnabled()


def test_environment_rejects_bad_stored_keys(
    qtbot: QtBot, qloop: object, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    secrets = kinds.SecretStore()
    secrets.set(kinds.PLAID_CLIENT_ID, "sandbox", sandbox.config.client_id)
    secrets.set(kinds.PLAID_SECRET, "sandbox", "wrong")
    settings = Settings().replace(
        environment="sandbox", base_urls={"sandbox": sandbox.base_url, "production": "https://x"}
    )
    task = asyncio.ensure_future(
        EnvironmentConnector(tmp_path / "sandbox.json").connect(settings, secrets)
    )
    qtbot.waitUntil(task.done, timeout=TIMEOUT)
    with pytest.raises(EnvironmentNotReadyError, match="rejected the stored keys"):
        task.result()
    missing = asyncio.ensure_future(
        EnvironmentConnector(tmp_path / "sandbox.json").connect(
            settings.replace(environment="production"), secrets
        )
    )
    qtbot.waitUntil(missing.done, timeout=TIMEOUT)
    with pytest.raises(EnvironmentNotReadyError, match="No Plaid keys for Plaid Production"):
        missing.result()


def test_locked_item_is_explained_and_a_good_one_still_adds(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox
) -> None:
    window = make_window(sandbox)
    new_loan_file(qtbot, window)
    add_item(qtbot, window, outcome=1)  # error_ITEM_LOCKED
    qtbot.waitUntil(lambda: bool(last_error(window)), timeout=TIMEOUT)
    assert "ITEM_LOCKED" in last_error(window)
    assert "must unlock it with the bank" in last_error(window)  # what to do
    assert last_error(window).count("unlock") == 1  # said once, not twice
    assert last_error(window).startswith("Add Item for Alberta Charleson")
    assert window.model.loan_files[0].items == ()
    add_item(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)


def test_generation_failure_marks_the_report_failed(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox
) -> None:
    window = linked(qtbot, make_window, sandbox)
    sandbox.faults.fail_generation = True
    create_report(qtbot, window)
    qtbot.waitUntil(lambda: bool(last_error(window)), timeout=TIMEOUT)
    assert "GENERATION_FAILED" in last_error(window) or "could not" in last_error(window)
    qtbot.waitUntil(lambda: by_relation(window, "original").state == "failed", timeout=TIMEOUT)
    assert window.select("report", by_relation(window, "original").report_id)
    assert "failed" in window.pane.details.label.text()
    sandbox.faults.fail_generation = False
    create_report(qtbot, window)  # the window still works
    qtbot.waitUntil(
        lambda: [r.state for r in window.model.loan_files[0].reports] == ["failed", "ready"],
        timeout=TIMEOUT,
    )


def test_network_lost_during_the_wait(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox
) -> None:
    window = linked(qtbot, make_window, sandbox)
    sandbox.faults.never_ready = True
    create_report(qtbot, window)
    qtbot.waitUntil(lambda: by_relation(window, "original") is not None, timeout=TIMEOUT)
    sandbox.stop()
    qtbot.waitUntil(lambda: bool(last_error(window)), timeout=TIMEOUT)
    assert "reach" in last_error(window) or "connect" in last_error(window).lower()
    assert by_relation(window, "original").state == "building"  # kept: Plaid may still build it
    assert not window.runner.running()
    new_loan_file(qtbot, window, "Marcus Charleson")  # the window still works
    assert len(window.model.loan_files) == 2


def test_cancel_while_building_keeps_the_report_and_the_window(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox
) -> None:
    window = linked(qtbot, make_window, sandbox)
    sandbox.sandbox.engine.ready_delay = 2.0  # long enough to cancel while it builds
    create_report(qtbot, window)
    qtbot.waitUntil(lambda: by_relation(window, "original") is not None, timeout=TIMEOUT)
    job = window.runner.running()[0]
    cancel = window.jobs.findChild(QPushButton, f"cancelJob-{job.id}")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=TIMEOUT)
    assert window.route.last().text == "Report for Alberta Charleson: cancelled."
    assert by_relation(window, "original").state == "building"
    assert last_error(window) == ""
    # Plaid goes on building it; selecting it again asks whether it is ready.
    window.select("loan_file", window.model.loan_files[0].loan_file_id)
    assert window.select("report", by_relation(window, "original").report_id)
    qtbot.waitUntil(lambda: by_relation(window, "original").state == "ready", timeout=TIMEOUT)


def test_closing_with_running_jobs_asks_then_cancels(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox
) -> None:
    window = linked(qtbot, make_window, sandbox)
    sandbox.faults.never_ready = True
    create_report(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.runner.running()), timeout=TIMEOUT)
    window.close()
    assert window.isVisible()  # not closed: it asks first, without blocking
    prompt = window.close_prompt
    assert prompt.isVisible() and "Report for Alberta Charleson" in prompt.text()
    prompt.findChild(QPushButton, "cancelButton").click()  # keep working
    assert window.isVisible() and window.runner.running()
    window.close()
    window.close_prompt.findChild(QPushButton, "confirmButton").click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
    assert not window.runner.running()


def test_hosted_link_shows_the_url_and_live_status_then_adds_the_item(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox
) -> None:
    window = make_window(sandbox)
    new_loan_file(qtbot, window)
    window.commands["addItem"].trigger()
    dialog = window.controller.dialog
    dialog.tabs.setCurrentIndex(1)
    assert not dialog.ok_button.isVisible() or not dialog.ok_button.isEnabled()
    dialog.start_hosted.click()
    qtbot.waitUntil(lambda: dialog.hosted_url.text().startswith("http"), timeout=TIMEOUT)
    assert dialog.copy_url.isEnabled()
    qtbot.waitUntil(lambda: "Waiting" in dialog.hosted_status.text(), timeout=TIMEOUT)
    # The borrower opens the link and signs in to First Gingham Credit Union.
    form = {"institution_id": "ins_109509", "username": "user_good", "password": "pass_good"}
    posted = asyncio.ensure_future(_borrower_submits(dialog.hosted_url.text(), form))
    qtbot.waitUntil(posted.done, timeout=TIMEOUT)
    assert posted.result() == 200
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
    assert window.model.loan_files[0].items[0].institution == "First Gingham Credit Union"
    qtbot.waitUntil(lambda: dialog.hosted_status.text().startswith("Finished"), timeout=TIMEOUT)
    assert last_error(window) == ""


async def _borrower_submits(url: str, form: dict[str, str]) -> int:
    async with httpx.AsyncClient() as browser:
        await browser.get(url)
        return (await browser.post(url, data=form)).status_code


def test_lost_create_answer_is_explained_and_nothing_is_resent(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox
) -> None:
    window = linked(qtbot, make_window, sandbox)
    sandbox.faults.paths = {"/asset_report/create"}
    sandbox.faults.drop_response_next = 1  # Plaid makes the report; the answer is lost
    create_report(qtbot, window)
    qtbot.waitUntil(lambda: bool(last_error(window)), timeout=TIMEOUT)
    assert (
        "client_report_id" in last_error(window)
        or "not resent" in last_error(window)
        or ("duplicate" in last_error(window))
    ), last_error(window)
    assert len(sandbox.state.reports) == 1  # billed once, never resent blindly
    assert window.commands["createReport"].isEnabled()


def test_open_a_report_file_from_disk(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    window = linked(qtbot, make_window, sandbox)
    create_report(qtbot, window)
    qtbot.waitUntil(
        lambda: (r := by_relation(window, "original")) is not None and r.state == "ready",
        timeout=TIMEOUT,
    )
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=TIMEOUT)  # PDF saved too
    library = window.workspace.library
    report_id = by_relation(window, "original").report_id
    exported = library.files.export_json(report_id, tmp_path / "report.json")
    library.files.export_pdf(report_id, tmp_path / "report.pdf")
    library.reports.delete(report_id)
    reload(qtbot, window)
    assert window.model.loan_files[0].reports == ()
    window.select("loan_file", window.model.loan_files[0].loan_file_id)
    window.controller.import_file(str(exported))
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].reports), timeout=TIMEOUT)
    imported = window.model.loan_files[0].reports[0]
    assert imported.state == "ready"
    qtbot.waitUntil(lambda: window.pane.report_id == imported.report_id, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.pane.pdf.page_count >= 1, timeout=TIMEOUT)
    (tmp_path / "notes.json").write_text('{"hello": 1}', encoding="utf-8")
    window.controller.import_file(str(tmp_path / "notes.json"))
    qtbot.waitUntil(lambda: bool(last_error(window)), timeout=TIMEOUT)
    assert "notes.json" in last_error(window)


def test_remove_item_after_confirmation(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox
) -> None:
    window = linked(qtbot, make_window, sandbox)
    item = window.model.loan_files[0].items[0]
    assert window.select("item", item.item_id)
    assert window.commands["removeItem"].isEnabled()
    window.commands["removeItem"].trigger()
    box = window.controller.dialog
    assert item.institution in box.text()
    box.findChild(QPushButton, "cancelButton").click()  # changed their mind: nothing happens
    assert window.model.loan_files[0].items == (item,)
    window.commands["removeItem"].trigger()
    window.controller.dialog.findChild(QPushButton, "confirmButton").click()
    qtbot.waitUntil(lambda: window.model.loan_files[0].items == (), timeout=TIMEOUT)
    removed = f"{item.institution} was removed."  # told when the job ends, after the row went
    qtbot.waitUntil(lambda: window.route.last().text == removed, timeout=TIMEOUT)
