"""The push button of every view and dialog: an object name (tests, style sheets) and an
accessible name (screen readers)."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

__all__ = ["named_button"]


def named_button(
    parent: QWidget, text: str, name: str, accessible: str | None = None
) -> QPushButton:
    """A push button named `name`; its accessible name is `accessible`, by default its text
    without a mnemonic's "&" or a trailing "…"."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible or text.replace("&", "").rstrip("…"))
    return button
