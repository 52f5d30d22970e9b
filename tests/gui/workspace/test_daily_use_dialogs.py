"""Issue 18's defects in the workspace dialogs: each test failed on the code before the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from assets_desktop.services.settings import SecretStore, Settings, SettingsError
from assets_desktop.store.settings import SettingsFile
from assets_desktop.ui.workspace.dialogs.create_report import CreateReportDialog
from assets_desktop.ui.workspace.dialogs.report_actions import AuditCopyDialog, RefreshDialog
from assets_desktop.ui.workspace.navigation import AuditCopyEntry, ItemEntry
from assets_desktop.ui.workspace.settings_dialog import SettingsDialog

ITEMS = (ItemEntry("item-1", "First Platypus Bank"),)


def _typed_days(qtbot: QtBot, dialog: CreateReportDialog, text: str) -> None:
    dialog.days.lineEdit().selectAll()
    qtbot.keyClicks(dialog.days.lineEdit(), text)


def test_out_of_range_history_is_refused_in_place(qtbot: QtBot) -> None:
    """Defect 5: 0 showed "0 days" with OK enabled (Enter made a 90-day report); 900 became 90."""
    dialog = CreateReportDialog(ITEMS, "purchase", "Alberta Charleson", default_days=90)
    qtbot.addWidget(dialog)
    dialog.show()
    note = dialog.findChild(QLabel, "daysRequestedNote")
    _typed_days(qtbot, dialog, "0")
    assert not dialog.ok_button.isEnabled()
    assert "1 to 731 days" in note.text() and not note.isHidden()
    qtbot.keyClick(dialog.days.lineEdit(), Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter did not create a report
    _typed_days(qtbot, dialog, "900")
    assert dialog.days.cleanText() == "900"  # kept as typed, not cut to 90
    assert not dialog.ok_button.isEnabled() and "“900” days" in note.text()
    _typed_days(qtbot, dialog, "365")
    assert dialog.ok_button.isEnabled() and dialog.value().days == 365


def test_create_report_labels_in_words_and_keeps_the_middle_initial(qtbot: QtBot) -> None:
    """Defect 14: an API name as a label; the middle initial dropped when the name was split."""
    dialog = CreateReportDialog(ITEMS, "purchase", "Alberta B. Charleson")
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert not any("client_report_id" in text for text in labels)
    value = dialog.value()
    assert (value.first_name, value.middle_name, value.last_name) == (
        "Alberta",
        "B.",
        "Charleson",
    )


def test_audit_copies_list_by_name_and_copy_a_kept_token_again(qtbot: QtBot) -> None:
    """Defect 7: "None yet" after creating a copy; the raw `fannie_mae`; no way to copy the
    token of an existing copy."""
    kept = {"c1": "audit-copy-token-c1"}
    copies = [AuditCopyEntry("c1", "fannie_mae", "2026-12-03"), AuditCopyEntry("c2", "ocrolus")]
    dialog = AuditCopyDialog(copies, lambda _c: None, token_of=lambda c: kept.get(c, ""))
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.existing_labels]
    assert texts == ["Fannie Mae · created 2026-12-03", "Ocrolus"]
    copy_c1 = dialog.findChild(QPushButton, "copyToken-c1")
    copy_c2 = dialog.findChild(QPushButton, "copyToken-c2")
    assert copy_c1.isEnabled() and not copy_c2.isEnabled()
    assert "not in the keyring" in copy_c2.toolTip()
    copy_c1.click()
    assert QGuiApplication.clipboard().text() == "audit-copy-token-c1"

    fresh = AuditCopyDialog([], lambda _c: None)
    qtbot.addWidget(fresh)
    assert any(label.text() == "None yet." for label in fresh.findChildren(QLabel))
    fresh.show()
    fresh.show_token("new-token", "freddie_mac")
    assert [label.text() for label in fresh.existing_labels] == ["Freddie Mac · created just now"]
    assert not any(
        label.text() == "None yet." and label.isVisible() for label in fresh.findChildren(QLabel)
    )


def test_refresh_days_out_of_range_are_refused(qtbot: QtBot) -> None:
    """Defect 5, in Refresh: 900 days became 90 silently."""
    dialog = RefreshDialog(90)
    qtbot.addWidget(dialog)
    dialog.change_days.setChecked(True)
    dialog.days.lineEdit().selectAll()
    qtbot.keyClicks(dialog.days.lineEdit(), "900")
    assert dialog.days.cleanText() == "900" and not dialog.ok_button.isEnabled()
    assert dialog.errors() == ["“900” days: a report covers 1 to 731 days of history."]


def test_settings_offer_the_date_format_and_keep_it(qtbot: QtBot, tmp_path: Path) -> None:
    """Defect 2: a date-format setting, ISO by default, kept in the settings file."""
    dialog = SettingsDialog(Settings(), SecretStore())
    qtbot.addWidget(dialog)
    assert dialog.date_format.currentData() == "iso"
    dialog.date_format.setCurrentIndex(dialog.date_format.findData("locale"))
    chosen = dialog.value().settings
    assert chosen.date_format == "locale"
    file = SettingsFile(tmp_path / "settings.json")
    file.save(chosen)
    assert file.load()[0].date_format == "locale"
    with pytest.raises(SettingsError, match="date format must be iso or locale"):
        Settings().replace(date_format="dd/mm")


def test_two_items_at_one_bank_are_told_apart(qtbot: QtBot) -> None:
    """Defect 8: two Items from the same bank both read "First Platypus Bank (good)"."""
    from PySide6.QtWidgets import QCheckBox

    from assets_desktop.ui.workspace.item_labels import item_labels

    items = (
        ItemEntry("item-aaaaaa111111", "First Platypus Bank", "good", "2026-11-20"),
        ItemEntry("item-bbbbbb222222", "First Platypus Bank", "login required", "2026-11-28"),
        ItemEntry("item-cccccc333333", "Tartan Bank"),
    )
    dialog = CreateReportDialog(items, "purchase", "Alberta Charleson")
    qtbot.addWidget(dialog)
    texts = [dialog.findChild(QCheckBox, f"item-{i.item_id}").text() for i in items]
    assert texts == [
        "First Platypus Bank (updated 2026-11-20 · …111111)",
        "First Platypus Bank (updated 2026-11-28 · …222222) — login required",
        "Tartan Bank",
    ]
    masks = {"item-aaaaaa111111": ["6203", "6204"]}
    assert item_labels(items, masks)["item-aaaaaa111111"].startswith(
        "First Platypus Bank (••6203, ••6204 · updated"
    )


def test_add_item_keeps_the_chosen_persona_for_the_next_try(qtbot: QtBot) -> None:
    """Defect 11: after a failed add, Add Item started again from the first persona."""
    from assets_desktop.ui.workspace.dialogs.add_item import AddItemDialog

    first = AddItemDialog("local")
    qtbot.addWidget(first)
    first.persona.setCurrentIndex(first.persona.count() - 1)
    first.outcome.setCurrentIndex(first.outcome.count() - 1)
    chosen = first.value()
    again = AddItemDialog("local")  # what the window opens after the failure
    qtbot.addWidget(again)
    assert again.value() == chosen
    AddItemDialog.last_quick = None


def test_settings_show_the_data_directory_in_use(qtbot: QtBot, tmp_path: Path) -> None:
    """Defect 12: Settings showed the default data directory, not the active --data-dir."""
    active = tmp_path / "loan-files"
    dialog = SettingsDialog(Settings(), SecretStore(), active_data_dir=active)
    qtbot.addWidget(dialog)
    assert dialog.data_dir.placeholderText() == str(active)
    note = dialog.findChild(QLabel, "dataDirRowNote")
    assert note is not None and f"In use now: {active} (--data-dir)" in note.text()
    assert dialog.value().settings.data_dir == ""  # the setting itself is not changed


def test_help_menu_lists_shortcuts_rules_and_about(qtbot: QtBot, tmp_path: Path) -> None:
    """A Help menu: keyboard shortcuts, the rules with their Selling Guide references, About."""
    from PySide6.QtWidgets import QMainWindow, QMessageBox

    from assets_desktop.ui.workspace.help_menu import add_help_menu

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = add_help_menu(window.menuBar(), window, lambda: tmp_path / "library")
    actions = {a.objectName(): a for a in menu.actions()}
    assert list(actions) == ["helpShortcuts", "helpRules", "helpAbout"]
    texts = {}
    for name, action in actions.items():
        action.trigger()
        box = window.findChild(QMessageBox, f"{name}Box")
        texts[name] = box.text()
        box.close()
    assert "Ctrl+R" in texts["helpShortcuts"] and "Create report" in texts["helpShortcuts"]
    assert "B3-4.2-02" in texts["helpRules"] and "Large deposits" in texts["helpRules"]
    assert str(tmp_path / "library") in texts["helpAbout"] and "0.1.0" in texts["helpAbout"]


def test_offline_disables_the_network_actions_with_the_reason(qtbot: QtBot) -> None:
    """Defect 13: offline, Create, Add and Refresh stayed enabled and failed in their dialog."""
    from PySide6.QtWidgets import QMainWindow

    from assets_desktop.ui.workspace.actions import OFFLINE_REASON, apply_offline, build_actions

    window = QMainWindow()
    qtbot.addWidget(window)
    actions = build_actions(window, window.menuBar(), window.addToolBar("main"))
    own = actions["createReport"].toolTip()
    apply_offline(actions, True)
    for name in ("createReport", "addItem", "refreshReport"):
        assert not actions[name].isEnabled() and OFFLINE_REASON in actions[name].toolTip()
    assert actions["newLoanFile"].isEnabled()  # local work goes on
    apply_offline(actions, False)
    assert actions["createReport"].toolTip() == own
