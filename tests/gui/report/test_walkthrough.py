"""The walk-through: every report tab and dialog at 1400×900 and 1024×768, light and dark,
with a PNG of each (ASSETS_DESKTOP_ARTEFACTS) and nothing cut (issue 18's "done when")."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from assets_desktop.domain.analysis.types import Flag
from assets_desktop.services.settings import SecretStore, Settings
from assets_desktop.services.workspace_model import OpenedReport
from assets_desktop.ui.report import ReportView, Tab
from assets_desktop.ui.report.disposition_dialog import DispositionDialog
from assets_desktop.ui.workspace.dialogs.create_report import CreateReportDialog
from assets_desktop.ui.workspace.dialogs.report_actions import (
    AccountChoice,
    AuditCopyDialog,
    FilterDialog,
    RefreshDialog,
)
from assets_desktop.ui.workspace.help_menu import about_text, rules_text, shortcuts_text, show_text
from assets_desktop.ui.workspace.navigation import AuditCopyEntry, ItemEntry
from assets_desktop.ui.workspace.settings_dialog import SettingsDialog

from ..walkthrough import cut_widgets, palette, save_artefact
from .personas import PersonaMissing, persona_analysis, persona_response

SIZES = ((1400, 900), (1024, 768))
TABS = {
    Tab.SUMMARY: "summary",
    Tab.ACCOUNTS: "accounts",
    Tab.BALANCES: "balances",
    Tab.TRANSACTIONS: "transactions",
    Tab.OWNERS: "owners",
    Tab.CHANGES: "changes",
}


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = qapp.palette()
    qapp.setPalette(palette(request.param == "dark"))
    yield str(request.param)
    qapp.setPalette(before)


def _dialogs(view: ReportView) -> dict[str, Callable[[QWidget], QWidget]]:
    items = (
        ItemEntry("item-1", "First Platypus Bank", "good", "2026-11-20"),
        ItemEntry("item-2", "Tartan Bank", "good", "2026-11-21"),
    )
    flag = view.analysis.flags[0]
    accounts = [AccountChoice(a.account_id, a.label) for a in view.analysis.accounts]
    copies = [AuditCopyEntry("copy-1", "fannie_mae", "2026-12-03")]
    return {
        "create-report": lambda p: CreateReportDialog(
            items, "purchase", "Alberta B. Charleson", 61, p
        ),
        "refresh": lambda p: RefreshDialog(90, p),
        "filter": lambda p: FilterDialog(accounts, p),
        "audit-copies": lambda p: AuditCopyDialog(
            copies, lambda _c: None, p, token_of=lambda _c: "t"
        ),
        "settings": lambda p: SettingsDialog(Settings(), SecretStore(), p),
        "resolve-flag": lambda p: _resolve_flag_with_errors(p, flag),
        "help-shortcuts": lambda p: show_text(p, "shortcuts", "Keyboard shortcuts", shortcuts_text),
        "help-rules": lambda p: show_text(p, "rules", "Underwriting rules", rules_text),
        "help-about": lambda p: show_text(p, "about", "About", lambda: about_text(Path("/data"))),
    }


def _resolve_flag_with_errors(parent: QWidget, flag: Flag) -> DispositionDialog:
    """A gift letter with a blank reason and a mistyped amount: both notes show."""
    dialog = DispositionDialog(parent, flag, on_accept=lambda *_a: None)
    assert dialog.disposition().source == "gift_letter"  # a large deposit: sourced, a gift
    QTest.keyClicks(dialog.editor, " ")
    dialog.amount.selectAll()
    QTest.keyClicks(dialog.amount, "4,2OO")
    assert len(dialog.errors()) == 2
    return dialog


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_tab_and_dialog_fits_and_nothing_is_cut(
    qtbot: QtBot, size: tuple[int, int], scheme: str
) -> None:
    try:
        response = persona_response("user_gift_deposit", 90)
    except PersonaMissing:
        pytest.skip("the sandbox has no user_gift_deposit persona")
    screen = QRect(0, 0, *size)
    window = QMainWindow()
    window.setObjectName("walkWindow")
    qtbot.addWidget(window)
    view = ReportView(OpenedReport(response, persona_analysis(response)))
    window.setCentralWidget(view)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    view.ensure_all_built()
    view.set_comparable([("r-0", "asset report of 2026-10-01, 90 days")])
    problems: dict[str, list[str]] = {}
    for index, name in TABS.items():
        view.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        label = f"{size[0]}x{size[1]}-{scheme}-{name}"
        save_artefact(window, label)
        if found := cut_widgets(window, screen):
            problems[label] = found
    for name, make in _dialogs(view).items():
        dialog = make(window)
        dialog.show()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        label = f"{size[0]}x{size[1]}-{scheme}-dialog-{name}"
        save_artefact(dialog, label)
        if found := cut_widgets(dialog, screen):
            problems[label] = found
        dialog.close()
    assert problems == {}


def test_the_walk_sees_a_cut_label_and_a_widget_outside_the_window(qtbot: QtBot) -> None:
    """The checker itself: what it must report."""
    from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy

    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 200)
    label = QLabel("Worksheet saved to /a/very/long/path/" + "folder/" * 20, window)
    label.setGeometry(0, 0, 200, 20)
    button = QPushButton("Add note…", window)
    button.setGeometry(250, 10, 120, 30)
    window.show()
    problems = cut_widgets(window, QRect(0, 0, 1024, 768))
    assert any("is cut and has no tooltip" in p for p in problems)
    assert any("outside the window" in p for p in problems)
    label.setToolTip(label.text())
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    button.setGeometry(150, 10, 120, 30)
    assert cut_widgets(window, QRect(0, 0, 1024, 768)) == []
    assert cut_widgets(window, QRect(0, 0, 200, 150))[0].endswith("exceeds the screen")
