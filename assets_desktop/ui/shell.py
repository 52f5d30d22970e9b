"""The window shell: painted before the heavy imports (qasync, the workspace and its services,
keyring), so a window is on screen about as soon as a bare Qt window would be. The workspace
window takes its place once it has painted."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

SHELL_SIZE = (1400, 900)  # the workspace window's default size


def ensure_platform(headless: bool) -> None:
    """Pick the offscreen platform when asked, or when there is no display at all."""
    no_display = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if headless or (no_display and "QT_QPA_PLATFORM" not in os.environ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class WindowShell(QMainWindow):
    """An empty main window titled like the app, saying it is opening."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("windowShell")
        self.setWindowTitle("Assets Desktop")
        self.resize(*SHELL_SIZE)
        label = QLabel("Opening the library…", self)
        label.setObjectName("windowShellMessage")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #6b6b6b; font-size: 15px;")
        self.setCentralWidget(label)
        self.painted_at: float | None = None  # time.time() of the first paint

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.painted_at is None:
            self.painted_at = time.time()


def show_shell(argv: Sequence[str], headless: bool = False) -> WindowShell:
    """Create the application, show the shell and return once it has painted (or after 2 s)."""
    ensure_platform(headless)
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setApplicationName("Assets Desktop")
    app.setOrganizationName("Assets Desktop")
    shell = WindowShell()
    shell.show()
    deadline = time.monotonic() + 2.0
    while shell.painted_at is None and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    return shell
