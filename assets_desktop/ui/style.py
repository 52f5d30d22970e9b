"""The app's stylesheet, applied to the widgets that use it (never application-wide).

An application-wide stylesheet routes every widget through QStyleSheetStyle: measured here, it
made building the report view 3–6× slower (65 → 375 ms for a small report). So the rules of
`resources/style.qss` go only to the message area, the job panel, the status bar and the form
dialogs (`ui.forms`).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtWidgets import QWidget

from assets_desktop.ui.resources import read_text


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The text of `style.qss`."""
    return read_text("style.qss")


def apply_style(*widgets: QWidget) -> None:
    """Style these widgets (and their children) with the app's rules."""
    for widget in widgets:
        widget.setStyleSheet(stylesheet())
