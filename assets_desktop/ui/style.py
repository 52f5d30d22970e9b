"""The app's stylesheet, applied to the widgets that use it (never application-wide).

An application-wide stylesheet routes every widget through QStyleSheetStyle: measured here, it
made building the report view 3–6× slower (65 → 375 ms for a small report). So the rules of
`resources/style.qss` go only to the message area, the job panel, the status bar and the form
dialogs (`ui.forms`).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtWidgets import QWidget

from assets_desktop.ui.colors import palette_colors
from assets_desktop.ui.resources import read_text


def stylesheet() -> str:
    """The text of `style.qss`, with the application palette's status colours."""
    colors = palette_colors()
    return _filled(colors.css("bad"), colors.css("caution"), colors.css("good"))


@lru_cache(maxsize=2)  # a light and a dark palette
def _filled(bad: str, caution: str, good: str) -> str:
    text = read_text("style.qss")
    return text.replace("@bad@", bad).replace("@caution@", caution).replace("@good@", good)


def apply_style(*widgets: QWidget) -> None:
    """Style these widgets (and their children) with the app's rules."""
    text = stylesheet()
    for widget in widgets:
        widget.setStyleSheet(text)
