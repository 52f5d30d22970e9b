"""Access to packaged resources (icon, stylesheet) through importlib.resources."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon, QPixmap


def read_text(name: str) -> str:
    """A text resource, e.g. `style.qss`."""
    return resources.files("assets_desktop.resources").joinpath(name).read_text("utf-8")


def app_icon() -> QIcon:
    """The application icon."""
    data = resources.files("assets_desktop.resources").joinpath("icon.png").read_bytes()
    pixmap = QPixmap()
    pixmap.loadFromData(data)
    return QIcon(pixmap)
