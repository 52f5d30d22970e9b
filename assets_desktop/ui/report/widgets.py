"""Small widgets of the report views: a selectable rich-text label, a named button, and the
selected flag read in full under the flags table."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from assets_desktop.domain.analysis.decisions import Disposition
from assets_desktop.domain.analysis.types import Flag
from assets_desktop.ui.report.flags_model import flag_title

__all__ = ["FlagDetail", "named_button", "text_label"]


def text_label(parent: QWidget, name: str, accessible: str) -> QLabel:
    """A wrapping, selectable rich-text label."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def named_button(parent: QWidget, text: str, name: str) -> QPushButton:
    """A push button with an object name and an accessible name."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(text.rstrip("…"))
    return button


class FlagDetail(QLabel):
    """The selected flag in full, wrapped: what to check, and how it was resolved (the table's
    "What to check" column is cut on a narrow window)."""

    EMPTY = "Select a flag to read it in full here."

    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.EMPTY, parent)
        self.setObjectName("flagDetail")
        self.setAccessibleName("Selected flag")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_flag(self, flag: Flag | None, resolution: Disposition | None = None) -> None:
        """Show a flag (None: the hint) and its resolution, if any."""
        if flag is None:
            self.setText(self.EMPTY)
            return
        text = f"<b>{html.escape(flag_title(flag))}</b>: {html.escape(flag.message)}"
        if resolution is not None:
            text += f"<br><i>Resolved</i> — {html.escape(resolution.summary)}"
        self.setText(text)
