"""Non-blocking dialogs asking for a required text: the reason to clear a flag, a note."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.ui.colors import palette_colors

__all__ = ["TextDialog", "note_dialog"]


class TextDialog(QDialog):
    """Asks for a text that may not be empty; calls `on_accept(text)` when confirmed.

    Shown with `open()` (window-modal, never a nested event loop).
    """

    def __init__(
        self,
        parent: QWidget,
        *,
        title: str,
        prompt: str,
        accept_text: str,
        object_name: str,
        on_accept: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.resize(480, 260)
        self._on_accept = on_accept
        self.prompt = QLabel(prompt, self)
        self.prompt.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName(f"{object_name}Text")
        self.editor.setAccessibleName(title)
        self.hint = QLabel("", self)
        self.hint.setObjectName(f"{object_name}Hint")
        self.hint.setStyleSheet(f"color: {palette_colors().css('bad')};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(accept_text)
        self.ok_button.setObjectName(f"{object_name}Accept")
        self.ok_button.setAccessibleName(accept_text)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.editor.textChanged.connect(self._on_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self._on_text_changed()

    def text(self) -> str:
        """The text typed, trimmed."""
        return self.editor.toPlainText().strip()

    def _on_text_changed(self) -> None:
        has_text = bool(self.text())
        self.ok_button.setEnabled(has_text)
        self.hint.setText("" if has_text else "Required: type it above to continue.")

    def accept(self) -> None:
        text = self.text()
        if not text:
            self.hint.setText("Required: type it above to continue.")
            return
        super().accept()
        self._on_accept(text)


def note_dialog(parent: QWidget, on_accept: Callable[[str], None]) -> TextDialog:
    """The "Add note" dialog: a note on the report, kept in the activity log."""
    return TextDialog(
        parent,
        title="Add note",
        prompt="A note on this report (kept in the activity log):",
        accept_text="Add note",
        object_name="addNoteDialog",
        on_accept=on_accept,
    )
