"""The main window (walking skeleton: shows what the connected environment answered)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from assets_desktop.ui.resources import app_icon


class MainWindow(QMainWindow):
    """The underwriter's workspace window."""

    first_painted = Signal()

    def __init__(self, environment_name: str) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Assets Desktop")
        self.setWindowIcon(app_icon())
        self.resize(1400, 900)
        self._painted = False
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.headline = QLabel(f"Environment: {environment_name}", central)
        self.headline.setObjectName("headline")
        self.status_label = QLabel("Connecting…", central)
        self.status_label.setObjectName("connectionStatus")
        self.status_label.setAccessibleName("Connection status")
        layout.addWidget(self.headline)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        self.setCentralWidget(central)

    def show_institution(self, institution: dict[str, Any]) -> None:
        """Show the institution the environment returned."""
        self.status_label.setText(
            f"Connected. {institution['name']} ({institution['institution_id']}) answered."
        )
        self.status_label.setProperty("severity", "ok")

    def show_error(self, message: str) -> None:
        """Show a connection failure."""
        self.status_label.setText(message)
        self.status_label.setProperty("severity", "error")

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
