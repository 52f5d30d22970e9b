"""The workspace window: shortcuts, accessibility, layout memory, start-up modes, smoke test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.store.secrets import PLAID_CLIENT_ID, PLAID_SECRET
from assets_desktop.store.settings import Settings
from assets_desktop.ui.workspace.dialogs.add_item import AddItemDialog
from assets_desktop.ui.workspace.dialogs.create_report import CreateReportDialog
from assets_desktop.ui.workspace.dialogs.report_actions import (
    AccountChoice,
    AuditCopyDialog,
    FilterDialog,
    RefreshDialog,
)
from assets_desktop.ui.workspace.navigation import AuditCopyEntry, ItemEntry

from .workspace.conftest import WindowFactory, open_action
from .workspace.conftest import make_window as make_window

SHORTCUTS = {
    "newLoanFile": "Ctrl+N",
    "addItem": "Ctrl+I",
    "createReport": "Ctrl+R",
    "refreshReport": "F5",
    "openReportFile": "Ctrl+O",
    "settings": "Ctrl+,",
}
INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


def unnamed(root: QWidget) -> list[str]:
    """Interactive widgets missing an objectName or an accessible name."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or widget.parent() is None:
            continue
        if type(widget).__name__ in ("QToolBarExtension", "QLineEdit") and (
            isinstance(widget.parent(), QAbstractSpinBox | QComboBox)
        ):
            continue  # Qt's internals of a spin box or combo box
        if widget.objectName().startswith("qt_") or type(widget).__name__ == "QToolBarExtension":
            continue
        ancestor = widget.parent()
        while ancestor is not None and not isinstance(ancestor, QComboBox):
            ancestor = ancestor.parent()
        if ancestor is not None:
            continue  # a combo box's popup list
        if not widget.objectName() or not widget.accessibleName():
            missing.append(f"{type(widget).__name__}({widget.objectName()!r})")
    return missing


def test_shortcuts_and_accessible_names(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    for name, keys in SHORTCUTS.items():
        assert window.commands[name].shortcut() == QKeySequence(keys), name
    assert unnamed(window.menuWidget().parentWidget().findChild(QWidget, "mainToolbar")) == []
    assert window.tree.accessibleName() and window.tree.objectName() == "navigationTree"
    for action in ("newLoanFile", "settings"):
        window.commands[action].trigger()
        dialog = window.controller.dialog
        assert dialog.objectName()
        assert unnamed(dialog) == [], (action, unnamed(dialog))
        dialog.reject()
    items = (ItemEntry("i1", "First Platypus Bank"),)
    for dialog in (
        AddItemDialog("local"),
        CreateReportDialog(items, "purchase"),
        RefreshDialog(61),
        FilterDialog([AccountChoice("a1", "Checking")]),
        AuditCopyDialog([AuditCopyEntry("c1", "ocrolus")], lambda _c: None),
    ):
        qtbot.addWidget(dialog)
        assert dialog.objectName() and unnamed(dialog) == [], unnamed(dialog)


def test_window_layout_is_remembered(qtbot: QtBot, make_window: WindowFactory) -> None:
    first = make_window()
    first.resize(790, 560)  # the offscreen screen is 800x600: geometry is clamped to it
    qtbot.waitUntil(lambda: first.width() == 790)
    first.splitter.setSizes([330, 460])
    saved = first.layout_settings()
    assert saved.splitter_state and saved.window_geometry
    second = make_window(settings=saved)
    assert abs(second.splitter.sizes()[0] - first.splitter.sizes()[0]) <= 2
    assert second.size() == first.size()


def test_environment_and_first_paint(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox
) -> None:
    window = make_window(sandbox)
    assert window.environment_label.text().startswith("Environment: Local sandbox")
    window.hide()
    window._painted = False
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()


# The children have no keyring (PYTHON_KEYRING_BACKEND=null, from tests/conftest.py): a library
# kept in a data folder needs a passphrase, given as a script would give it.
_ENV = {**os.environ, "ASSETS_DESKTOP_PASSPHRASE": "smoke test passphrase"}


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
    assert "PDF page 1" in result.stdout


def test_settings_save_keys_to_the_keyring_and_announce_the_change(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window()
    changes: list[Settings] = []
    window.settings_changed.connect(changes.append)
    dialog = open_action(qtbot, window, "settings")
    dialog.environment.setCurrentIndex(1)  # Plaid Sandbox
    qtbot.keyClicks(dialog.client_id, "client-123")
    qtbot.keyClicks(dialog.secret, "secret-456")
    dialog.retention.setValue(365)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(changes), timeout=5000)  # after the keys are in the keyring
    assert [c.environment for c in changes] == ["sandbox"]
    assert changes[0].retention_days == 365
    secrets = window.workspace.secrets
    assert secrets.get(PLAID_CLIENT_ID, "sandbox") == "client-123"
    assert secrets.get(PLAID_SECRET, "sandbox") == "secret-456"
    assert "secret-456" not in repr(changes[0])


def test_data_dir_option_keeps_the_library_there(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assets_desktop", "--first-paint-exit", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**_ENV, "ASSETS_DESKTOP_CONFIG_DIR": str(tmp_path / "config")},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "library.sqlite3").exists()


def test_offline_smoke_test_on_an_empty_library_says_what_is_missing(tmp_path: Path) -> None:
    env = {**_ENV, "ASSETS_DESKTOP_CONFIG_DIR": str(tmp_path / "config")}
    command = [sys.executable, "-m", "assets_desktop", "--smoke-test", "--offline"]
    result = subprocess.run(
        [*command, "--data-dir", str(tmp_path / "library")],
        capture_output=True, text=True, timeout=120, check=False, env=env,
    )  # fmt: skip
    assert result.returncode == 1
    assert "smoke test FAILED: RuntimeError: the library holds no ready report" in result.stderr
    assert not (tmp_path / "library" / "local-sandbox.json").exists()  # nothing was connected


def test_smoke_tests_without_a_keyring_reopen_the_library_with_a_passphrase_file(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "ASSETS_DESKTOP_CONFIG_DIR": str(tmp_path / "config")}
    env.pop("ASSETS_DESKTOP_PASSPHRASE", None)
    phrase_file = tmp_path / "passphrase"
    phrase_file.write_text("smoke test passphrase\n")
    base = [sys.executable, "-m", "assets_desktop", "--data-dir", str(tmp_path / "library")]

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*base, *extra], capture_output=True, text=True, timeout=180, check=False, env=env
        )

    refused = run("--smoke-test")
    assert refused.returncode == 2
    assert "needs a passphrase" in refused.stderr
    assert "ASSETS_DESKTOP_PASSPHRASE or --passphrase-file" in refused.stderr
    online = run("--smoke-test", "--passphrase-file", str(phrase_file))
    assert online.returncode == 0, online.stderr
    offline = run("--smoke-test", "--offline", "--passphrase-file", str(phrase_file))
    assert offline.returncode == 0, offline.stderr
    assert "smoke test passed: offline: report" in offline.stdout
    phrase_file.write_text("not the passphrase\n")
    wrong = run("--smoke-test", "--offline", "--passphrase-file", str(phrase_file))
    assert wrong.returncode == 2
    assert "Wrong passphrase" in wrong.stderr
    missing = run("--smoke-test", "--passphrase-file", str(tmp_path / "absent"))
    assert missing.returncode == 2
    assert "Cannot read the passphrase file" in missing.stderr
