"""Small widgets of the report views: a selectable rich-text label, a named button, the
selected flag read in full under the flags table, and widgets shown a turn after the first paint."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from assets_desktop.domain.analysis.decisions import Disposition
from assets_desktop.domain.analysis.types import Flag
from assets_desktop.ui.report.flags_model import flag_title

__all__ = ["FlagDetail", "ShownLater", "named_button", "text_label"]

FRAME_MS = 16  # one frame at 60 Hz


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


class ShownLater(QObject):
    """Keeps `widgets` hidden until the turn of the event loop after `owner` first shows, so
    laying them out does not add to the stall of the first paint."""

    def __init__(self, owner: QWidget, widgets: Sequence[QWidget]) -> None:
        super().__init__(owner)
        self._owner = owner
        self._widgets = list(widgets)
        for widget in self._widgets:
            widget.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        owner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._widgets:
            self._timer.start(FRAME_MS)  # after the first frame, not in the same pass
        return False

    def _show(self) -> None:
        for widget in self._widgets:
            widget.show()
        self._widgets.clear()
        self._owner.removeEventFilter(self)
