"""Issue 18's defects in the workspace dialogs: each test failed on the code before the fix."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from assets_desktop.ui.workspace.dialogs.create_report import CreateReportDialog
from assets_desktop.ui.workspace.navigation import ItemEntry

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
