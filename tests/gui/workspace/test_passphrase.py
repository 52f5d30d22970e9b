"""No system keyring, nothing lost: passphrase dialogs, a journey across restarts, idle lock."""

from __future__ import annotations

import base64
import logging
import shutil
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assets_desktop.app import LocalSandbox
from assets_desktop.services.library_access import (
    Access,
    PassphraseRequiredError,
    WrongPassphraseError,
    open_library,
)
from assets_desktop.store import secrets as kinds
from assets_desktop.store.secrets import SecretStore
from assets_desktop.store.settings import Settings, SettingsFile
from assets_desktop.ui.report.view import ReportView
from assets_desktop.ui.workspace.dialogs.passphrase import NEW_INTRO, PassphraseDialog
from assets_desktop.ui.workspace.library_gate import LibraryGate
from assets_desktop.ui.workspace.navigation import REPORT

from .conftest import WindowFactory, open_action
from .test_journeys import TIMEOUT, add_item, create_report, new_loan_file, wait_ready

PHRASE = "plum orbit cactus violin"
NEW_PHRASE = "seven quiet harbours at dawn"


@pytest.fixture(autouse=True)
def no_keyring() -> None:
    """A fresh machine: no usable Secret Service."""
    keyring.set_keyring(keyring.backends.fail.Keyring())


def _gate(qtbot: QtBot, folder: Path) -> LibraryGate:
    gate = LibraryGate(folder, SecretStore())
    gate.start()
    return gate


def _submit(qtbot: QtBot, dialog: PassphraseDialog, text: str, repeat: bool = False) -> None:
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, text)
    if repeat:
        qtbot.keyClicks(dialog.repeat, text)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=TIMEOUT)
    dialog.ok_button.click()


def _wait_opened(qtbot: QtBot, gate: LibraryGate) -> None:
    assert gate.dialog is not None
    qtbot.waitUntil(
        lambda: gate.library is not None and not gate.dialog.isVisible(), timeout=TIMEOUT
    )


def _first_start(qtbot: QtBot, folder: Path) -> LibraryGate:
    gate = _gate(qtbot, folder)
    dialog = gate.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.intro.text() == NEW_INTRO
    assert dialog.session_only.isVisible()
    qtbot.keyClicks(dialog.passphrase, "abcdefgh")
    assert "Weak" in dialog.findChild(type(dialog.intro), "passphraseNote").text()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PHRASE)
    qtbot.keyClicks(dialog.repeat, PHRASE + "x")
    assert not dialog.ok_button.isEnabled()
    assert "differ" in " ".join(dialog.errors())
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, PHRASE)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    _wait_opened(qtbot, gate)
    assert gate.library.protection.key_storage == "passphrase"
    return gate


def test_first_start_without_keyring_to_a_library_that_survives_restarts(
    qtbot: QtBot,
    make_window: WindowFactory,
    local_sandbox: LocalSandbox,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    folder = tmp_path / "library"
    gate = _first_start(qtbot, folder)
    library = gate.library
    window = make_window(local_sandbox, library=library)
    assert window.route.last("warning") is None  # no orange banner
    new_loan_file(qtbot, window)
    add_item(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
    create_report(qtbot, window)
    ready = wait_ready(qtbot, window, "original")
    window.pane.review.clear_flag("some-flag", "explained by the borrower's letter")
    window.pane.review.add_note("Reviewed with the LO")
    item_id = window.model.loan_files[0].items[0].item_id
    token = library.secrets.get(kinds.ACCESS_TOKEN, item_id)
    record = library.reports.all()[0]
    report_token = library.secrets.get(kinds.ASSET_REPORT_TOKEN, record.asset_report_id)
    assert token and report_token
    settings_path = tmp_path / "config" / "settings.json"
    SettingsFile(settings_path).save(window.layout_settings())
    key = library.database.key
    window.runner.cancel_all()
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=TIMEOUT)
    window.close_now()
    library.close()

    # Nothing secret in clear: database (and WAL), settings, logs.
    clear = [token, report_token, local_sandbox.secret, PHRASE, "Reviewed with the LO"]
    material = [key, base64.b64encode(key)]
    files = [path for path in folder.iterdir() if path.is_file()] + [settings_path]
    for path in files:
        data = path.read_bytes()
        for text in clear:
            assert text.encode() not in data, (path.name, text[:6])
        for blob in material:
            assert blob not in data, path.name
    for text in [*clear, base64.b64encode(key).decode()]:
        assert text not in caplog.text
    # A copy of the data folder does not open without the passphrase (a keyring or not).
    copy = shutil.copytree(folder, tmp_path / "copy")
    with pytest.raises(PassphraseRequiredError):
        open_library(copy, SecretStore())
    with pytest.raises(WrongPassphraseError):
        open_library(copy, SecretStore(), Access(passphrase="plum orbit cactus viola"))

    # Restart: the unlock dialog; a wrong passphrase is refused, the right one opens.
    again = _gate(qtbot, folder)
    dialog = again.dialog
    assert dialog is not None and dialog.windowTitle() == "Unlock the library"
    assert not dialog.session_only.isVisible()
    _submit(qtbot, dialog, "plum orbit cactus viola")
    qtbot.waitUntil(lambda: "Wrong passphrase" in " ".join(dialog.errors()), timeout=TIMEOUT)
    assert again.library is None and dialog.isVisible()
    _submit(qtbot, dialog, PHRASE)
    _wait_opened(qtbot, again)
    reopened = make_window(None, library=again.library)
    loan = reopened.model.loan_files[0]
    assert loan.borrower == "Alberta Charleson"
    assert [i.institution for i in loan.items] == ["First Platypus Bank"]
    assert [r.state for r in loan.reports] == ["ready"]
    assert again.library.secrets.get(kinds.ACCESS_TOKEN, item_id) == token
    assert reopened.select(REPORT, ready.report_id)
    qtbot.waitUntil(lambda: reopened.pane.report_id == ready.report_id, timeout=TIMEOUT)
    review = reopened.pane.review
    assert isinstance(review, ReportView)
    assert review.review.resolution("some-flag").reason == "explained by the borrower's letter"
    assert [n.text for n in review.review.notes] == ["Reviewed with the LO"]


def test_repeated_wrong_passphrases_hold_the_unlock_button(
    qtbot: QtBot, qloop: object, tmp_path: Path
) -> None:
    folder = tmp_path / "library"
    _first_start(qtbot, folder).library.close()
    gate = _gate(qtbot, folder)
    dialog = gate.dialog
    for _ in range(3):
        _submit(qtbot, dialog, "plum orbit cactus viola")
        qtbot.waitUntil(lambda: "Wrong passphrase" in " ".join(dialog.errors()), timeout=TIMEOUT)
    assert "Wait 1 s" in " ".join(dialog.errors())
    assert dialog.ok_button.text() == "Wait 1 s" and not dialog.ok_button.isEnabled()
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=5000)  # the delay ran out
    _submit(qtbot, dialog, PHRASE)
    _wait_opened(qtbot, gate)
    gate.library.close()


def test_change_the_passphrase_in_settings_then_restart(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "library"
    gate = _first_start(qtbot, folder)
    window = make_window(None, library=gate.library)
    loan_id = gate.library.loan_files.create(["Alberta Charleson"], "purchase").id
    settings = open_action(qtbot, window, "settings")
    row = settings.protection
    assert row.status.text().startswith("Protected by a passphrase")
    assert row.require.isChecked() and row.require.isEnabled()  # no keyring: cannot untick
    row.change.click()
    change = row.dialog
    assert change.windowTitle() == "Change the library passphrase"
    qtbot.keyClicks(change.current, "not it at all")
    qtbot.keyClicks(change.passphrase, NEW_PHRASE)
    qtbot.keyClicks(change.repeat, NEW_PHRASE)
    change.ok_button.click()
    qtbot.waitUntil(lambda: "Wrong passphrase" in " ".join(change.errors()), timeout=TIMEOUT)
    change.current.clear()
    qtbot.keyClicks(change.current, PHRASE)
    qtbot.waitUntil(change.ok_button.isEnabled, timeout=TIMEOUT)
    change.ok_button.click()
    qtbot.waitUntil(lambda: not change.isVisible(), timeout=TIMEOUT)
    row.require.setChecked(False)  # no keyring to move the key into: refused, nothing changes
    qtbot.waitUntil(lambda: bool(row.problem.text()), timeout=TIMEOUT)
    assert "No usable system keyring" in row.problem.text()
    assert gate.library.protection.key_storage == "passphrase"
    changes: list[Settings] = []
    window.settings_changed.connect(changes.append)
    settings.lock_after.setValue(5)
    assert settings.errors() == []
    settings.ok_button.click()
    qtbot.waitUntil(lambda: bool(changes), timeout=TIMEOUT)
    assert [c.lock_after_minutes for c in changes] == [5]
    window.close_now()
    gate.library.close()

    with pytest.raises(WrongPassphraseError):
        open_library(folder, SecretStore(), Access(passphrase=PHRASE))
    restarted = LibraryGate(folder, SecretStore(), passphrase=NEW_PHRASE)
    restarted.start(ask=False)  # as with ASSETS_DESKTOP_PASSPHRASE: no dialog
    assert restarted.dialog is None
    assert restarted.library.loan_files.get(loan_id).borrower_names == ("Alberta Charleson",)
    restarted.library.close()


def test_idle_lock_covers_the_review_and_jobs_continue(
    qtbot: QtBot, make_window: WindowFactory, local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    gate = _first_start(qtbot, tmp_path / "library")
    window = make_window(local_sandbox, library=gate.library, settings=Settings())
    new_loan_file(qtbot, window)
    add_item(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
    window.idle_lock.set_idle_seconds(0.3)
    create_report(qtbot, window)  # the report builds while the window is locked
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=TIMEOUT)
    cover = window.idle_lock.cover
    assert cover.isVisible() and cover.autoFillBackground()  # opaque: nothing shows through
    assert cover.geometry() == window.rect() and not window.menuBar().isEnabled()
    opened_before = window.controller.dialog
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.dialog is opened_before  # shortcuts reach nothing while locked
    qtbot.waitUntil(
        lambda: any(r.state == "ready" for loan in window.model.loan_files for r in loan.reports),
        timeout=TIMEOUT,
    )
    assert window.idle_lock.locked
    qtbot.keyClicks(cover.passphrase, "wrong wrong wrong")
    cover.unlock.click()
    qtbot.waitUntil(lambda: "Wrong passphrase" in cover.note.text(), timeout=TIMEOUT)
    assert window.idle_lock.locked
    cover.passphrase.clear()
    qtbot.keyClicks(cover.passphrase, PHRASE)
    cover.unlock.click()
    qtbot.waitUntil(lambda: not window.idle_lock.locked, timeout=TIMEOUT)
    assert window.menuBar().isEnabled()


def test_dont_save_anything_is_an_explicit_choice(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "library"
    gate = _gate(qtbot, folder)
    gate.dialog.session_only.click()
    _wait_opened(qtbot, gate)
    assert gate.library.protection.key_storage == "session"
    assert gate.library.data_dir != folder  # a throwaway folder, removed at exit
    window = make_window(None, library=gate.library)
    settings = open_action(qtbot, window, "settings")
    assert settings.protection.status.text().startswith("Nothing is saved")
    assert not settings.protection.change.isEnabled()
    settings.lock_after.setValue(5)  # no passphrase could unlock it
    assert "Set a passphrase first" in " ".join(settings.errors())
    assert not settings.ok_button.isEnabled()
    settings.reject()
    window.idle_lock.lock()
    assert not window.idle_lock.locked
    assert not window.idle_lock.watching  # no countdown, no cover: no app-wide event filter


def test_activity_postpones_the_idle_lock_and_a_closed_window_watches_nothing(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    gate = _first_start(qtbot, tmp_path / "library")
    window = make_window(None, library=gate.library, settings=Settings())
    lock = window.idle_lock
    lock.set_idle_seconds(60)
    assert lock.watching
    qtbot.wait(300)
    left = lock.seconds_left
    assert left is not None and left < 60  # counting down
    qtbot.wait(50)
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)  # activity restarts the countdown
    assert (lock.seconds_left or 0) > left
    lock.set_idle_seconds(0.2)
    qtbot.waitUntil(lambda: lock.locked, timeout=TIMEOUT)  # then idle: it locks
    assert lock.watching and lock.seconds_left is None
    lock.cover.passphrase.setText(PHRASE)
    lock.cover.unlock.click()
    qtbot.waitUntil(lambda: not lock.locked, timeout=TIMEOUT)
    lock.set_idle_seconds(60)
    assert lock.watching
    window.close()  # a closed window neither locks nor filters the app's events
    assert not lock.watching and lock.seconds_left is None
