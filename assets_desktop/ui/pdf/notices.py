"""The viewer's notices: the message shown in place of the pages, the repaired-file warning
and the status line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from assets_desktop.ui.colors import palette_colors

REPAIRED = (
    "This PDF was damaged and has been repaired: some pages may be blank or incomplete. "
    "Re-download it from the report, or open the JSON view."
)
OPEN_FAILED = (
    "This PDF could not be opened: {reason}. Re-download it from the report, or open the JSON view."
)


def message_label(parent: QWidget) -> QLabel:
    """Shown in place of the pages: no document, or why it could not be opened."""
    label = QLabel(parent)
    label.setObjectName("pdfMessage")
    label.setAccessibleName("PDF message")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setMargin(40)
    bad = palette_colors().css("bad")
    label.setStyleSheet(f"QLabel#pdfMessage {{ font-size: 15px; color: {bad}; }}")
    return label


def warning_label(parent: QWidget) -> QLabel:
    """Above the pages when MuPDF had to repair the file (hidden at first)."""
    label = QLabel(REPAIRED, parent)
    label.setObjectName("pdfWarning")
    label.setAccessibleName("PDF warning")
    label.setWordWrap(True)
    label.setStyleSheet(
        "QLabel#pdfWarning { background: #fff4ce; color: #5c4400; padding: 6px 10px; }"
    )
    label.hide()
    return label


def status_label(parent: QWidget) -> QLabel:
    """The line under the pages that says what just happened."""
    label = QLabel("", parent)
    label.setObjectName("pdfStatus")
    label.setAccessibleName("PDF viewer status")
    label.setContentsMargins(8, 2, 8, 2)
    return label
