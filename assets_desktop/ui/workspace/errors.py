"""The one route by which errors and notices reach the user: a non-blocking banner area.

Everything that wants to tell the user something calls `MessageRoute.error/warning/info` or
`MessageRoute.report(exception, doing=...)`; the window shows a `MessageArea` of dismissible
banners. Nothing here blocks: no modal dialog, no `exec()`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from itertools import count

import httpx
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from assets_desktop.domain.errors import AppError
from assets_desktop.ui.timers import later

log = logging.getLogger(__name__)

_ids = count(1)
MAX_VISIBLE = 4
INFO_SECONDS = 8  # confirmations fade on their own; errors and warnings wait for the user


@dataclass(frozen=True)
class Message:
    """One notice for the user: what happened and what to do."""

    severity: str  # "error" | "warning" | "info"
    text: str
    id: int = field(default_factory=lambda: next(_ids))
    at: float = field(default_factory=time.time)


def describe_error(error: BaseException, doing: str) -> str:
    """A sentence for the user: what failed, why, and what to do.

    Every error the app raises on purpose is an `AppError` whose `user_message` says all of
    that (Plaid's advice included, once); a bug (`known = False`) is logged with its
    traceback and asks to be reported. Transport errors that escape as httpx or OS errors
    become "could not reach"; anything else is a bug.
    """
    if isinstance(error, AppError):
        if not error.known:
            log.error("Bug while %s", doing, exc_info=error)
        message = error.user_message or type(error).__name__
        if not error.known and "please report it" not in message:
            message += (
                " This is a bug in Assets Desktop; the details are in the log: please report it."
            )
        if " failed" in message.split(":", 1)[0]:  # it names its own operation already
            return f"{doing}: {message}"
        return f"{doing} failed: {message}"
    if isinstance(error, httpx.TimeoutException | TimeoutError):
        return f"{doing} failed: the server did not answer in time. Try again in a moment."
    if isinstance(error, httpx.TransportError | ConnectionError | OSError):
        return (
            f"{doing} failed: the server could not be reached ({type(error).__name__}). "
            "Check the network connection, then try again."
        )
    log.error("Unexpected error while %s", doing, exc_info=error)
    return (
        f"{doing} failed because of an unexpected error ({type(error).__name__}). "
        "The details were written to the log; please report it."
    )


class MessageRoute(QObject):
    """Collects notices and announces them; the single way errors reach the user.

    Signals:
        posted(Message): a new notice.
        dismissed(int): a notice's id, when the user closed it.
    """

    posted = Signal(object)
    dismissed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history: list[Message] = []

    def post(self, severity: str, text: str) -> Message:
        """Show a notice (and log it)."""
        message = Message(severity, text)
        self.history.append(message)
        level = {"error": logging.ERROR, "warning": logging.WARNING}.get(severity, logging.INFO)
        log.log(level, "%s", text)
        self.posted.emit(message)
        return message

    def error(self, text: str) -> Message:
        """An error the user must act on."""
        return self.post("error", text)

    def warning(self, text: str) -> Message:
        """Something the user should know (e.g. secrets kept for this session only)."""
        return self.post("warning", text)

    def info(self, text: str) -> Message:
        """A confirmation (e.g. a job finished)."""
        return self.post("info", text)

    def report(self, error: BaseException, doing: str) -> Message | None:
        """Turn an exception into a notice; cancellation is not an error."""
        if isinstance(error, asyncio.CancelledError):
            return self.info(f"{doing} was cancelled.")
        return self.error(describe_error(error, doing))

    def last(self, severity: str | None = None) -> Message | None:
        """The newest notice (of a severity), for tests and the status bar."""
        for message in reversed(self.history):
            if severity is None or message.severity == severity:
                return message
        return None


class MessageBanner(QFrame):
    """One dismissible notice."""

    def __init__(self, message: Message, route: MessageRoute, parent: QWidget) -> None:
        super().__init__(parent)
        self.message = message
        self.setObjectName(f"messageBanner-{message.id}")
        self.setProperty("role", "messageBanner")
        self.setProperty("severity", message.severity)
        self.setAccessibleName(f"{message.severity.title()} message")
        self.setAccessibleDescription(message.text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        icon = {"error": "✖", "warning": "⚠", "info": "✔"}.get(message.severity, "•")
        badge = QLabel(icon, self)
        badge.setProperty("severity", message.severity)
        self.label = QLabel(message.text, self)
        self.label.setObjectName("messageText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setObjectName("dismissMessage")
        close.setAccessibleName("Dismiss message")
        close.setText("✕")
        close.setAutoRaise(True)
        close.clicked.connect(lambda: route.dismissed.emit(message.id))
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)


class MessageArea(QWidget):
    """The banner stack at the top of the window: newest first, at most MAX_VISIBLE."""

    def __init__(self, route: MessageRoute, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageArea")
        self.setAccessibleName("Messages")
        self._route = route
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 0)
        self._layout.setSpacing(4)
        self.banners: list[MessageBanner] = []
        route.posted.connect(self._on_posted)
        route.dismissed.connect(self._on_dismissed)
        self.setVisible(False)

    def _on_posted(self, message: Message) -> None:
        banner = MessageBanner(message, self._route, self)
        self._layout.insertWidget(0, banner)
        self.banners.insert(0, banner)
        while len(self.banners) > MAX_VISIBLE:
            self._remove(self.banners[-1])
        self.setVisible(True)
        if message.severity == "info":
            later(self, INFO_SECONDS * 1000, lambda: self._on_dismissed(message.id))

    def _on_dismissed(self, message_id: int) -> None:
        for banner in list(self.banners):
            if banner.message.id == message_id:
                self._remove(banner)
        self.setVisible(bool(self.banners))

    def _remove(self, banner: MessageBanner) -> None:
        self.banners.remove(banner)
        self._layout.removeWidget(banner)
        banner.deleteLater()

    def texts(self) -> list[str]:
        """The visible notices, newest first."""
        return [banner.message.text for banner in self.banners]
