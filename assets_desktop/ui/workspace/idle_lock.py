"""Lock after N minutes idle: the window is covered (nothing of the review shows through) and
asks for the passphrase.

Only the view is locked: running jobs (report waits, downloads) continue and the library stays
open. While locked, keyboard shortcuts and clicks reach nothing but the unlock panel. Any key,
click or wheel in the app counts as activity and restarts the countdown.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.services.library_access import LibraryError, WrongPassphraseError
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.forms import make_line_edit
from assets_desktop.ui.style import apply_style
from assets_desktop.ui.workspace.dialogs.passphrase import in_key_worker

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}
_BLOCKED = {QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress}


class LockCover(QFrame):
    """The panel over a locked window: what happened, the passphrase field, Unlock."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockCover")
        self.setAccessibleName("Locked")
        shade = self.palette()
        shade.setColor(QPalette.ColorRole.Window, shade.color(QPalette.ColorRole.Mid))
        self.setPalette(shade)
        self.setAutoFillBackground(True)  # opaque: a blur still let names be read
        panel = QFrame(self)
        panel.setObjectName("lockPanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setAutoFillBackground(True)
        panel.setPalette(QApplication.palette())
        panel.setMaximumWidth(460)
        apply_style(panel)
        column = QVBoxLayout(panel)
        self.title = QLabel("Assets Desktop is locked", panel)
        self.title.setObjectName("headline")
        self.reason = QLabel(panel)
        self.reason.setWordWrap(True)
        self.passphrase = make_line_edit(
            "unlockPassphrase", "Library passphrase", panel, "Library passphrase", secret=True
        )
        self.note = QLabel(panel)
        self.note.setObjectName("unlockNote")
        self.note.setWordWrap(True)
        self.note.setProperty("severity", "error")
        self.note.hide()
        self.unlock = named_button(panel, "Unlock", "unlockButton")
        self.unlock.setDefault(True)
        for widget in (self.title, self.reason, self.passphrase, self.note, self.unlock):
            column.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignCenter)


class IdleLock(QObject):
    """Covers `window` after `minutes` without input; `verify` checks the passphrase.

    `verify(text)` raises WrongPassphraseError (or another LibraryError) when it is not right;
    it runs in a worker thread (key derivation takes a few hundred ms). `armed()` says whether
    the library has a passphrase: without one the window never locks (it could not unlock).
    """

    def __init__(
        self, window: QMainWindow, verify: Callable[[str], None], armed: Callable[[], bool]
    ) -> None:
        super().__init__(window)
        self.window = window
        self._verify = verify
        self._armed = armed
        self.cover: LockCover | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one slips by up to 5 %
        self._timer.timeout.connect(self.lock)
        self._minutes = 0
        self._task: asyncio.Future[None] | None = None
        self._watching = False

    def _watch(self, on: bool) -> None:
        """See every event of the app only while a countdown runs or the cover is up: an
        application-wide filter in Python costs every event a call (a third of building a
        report view's time) and has nothing to do otherwise."""
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        self._watching = on
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.cover is not None

    @property
    def seconds_left(self) -> float | None:
        """Seconds until the countdown locks the window, None when none runs."""
        if not self._timer.isActive():
            return None
        return self._timer.remainingTime() / 1000

    @property
    def watching(self) -> bool:
        """Whether the app's input events are watched (a countdown runs or the cover is up)."""
        return self._watching

    def set_minutes(self, minutes: int) -> None:
        """Lock after this many idle minutes (0: never)."""
        self._minutes = minutes
        self.set_idle_seconds(minutes * 60.0)

    def set_idle_seconds(self, seconds: float) -> None:
        """Lock after this many idle seconds (0: never); minutes are the user's unit."""
        self._timer.stop()
        if seconds > 0 and self._armed():
            self._timer.setInterval(int(seconds * 1000))
            self._timer.start()
        self._watch(self._timer.isActive() or self.cover is not None)

    def stop(self) -> None:
        """The window is closing: no countdown, no app-wide event filter left behind."""
        self._timer.stop()
        self._watch(False)

    def lock(self) -> None:
        """Cover the window now; jobs keep running."""
        if self.cover is not None:
            return
        if not self._armed():  # the passphrase went since the countdown started
            self._watch(False)
            return
        self.window.menuBar().setEnabled(False)
        self.cover = LockCover(self.window)
        self._watch(True)
        idle = f"after {self._minutes} minutes without activity" if self._minutes else "now"
        self.cover.reason.setText(
            f"The review was covered {idle}. Running jobs continue. Enter the library "
            "passphrase to go on."
        )
        self.cover.unlock.clicked.connect(self._try_unlock)
        self.cover.passphrase.returnPressed.connect(self._try_unlock)
        self.cover.setGeometry(self.window.rect())
        self.cover.show()
        self.cover.raise_()
        self.cover.passphrase.setFocus()

    def _try_unlock(self) -> None:
        if self._task is None and self.cover is not None:
            self._task = asyncio.ensure_future(self._unlock(self.cover.passphrase.text()))

    async def _unlock(self, text: str) -> None:
        cover = self.cover
        assert cover is not None
        cover.unlock.setEnabled(False)
        cover.note.setText("Checking…")
        cover.note.show()
        try:
            await in_key_worker(self._verify, text)
        except WrongPassphraseError as error:
            cover.note.setText(str(error))
            cover.passphrase.selectAll()
        except LibraryError as error:
            cover.note.setText(str(error))
        else:
            self._uncover()
        finally:
            self._task = None
            cover.unlock.setEnabled(True)

    def _uncover(self) -> None:
        if self.cover is None:
            return
        self.cover.hide()
        self.cover.deleteLater()
        self.cover = None
        self.window.menuBar().setEnabled(True)
        self.set_minutes(self._minutes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.cover is not None:
            if kind == QEvent.Type.Resize and watched is self.window:
                self.cover.setGeometry(self.window.rect())
            inside = isinstance(watched, QWidget) and self.cover.isAncestorOf(watched)
            return kind in _BLOCKED and not inside and watched is not self.cover
        if kind in _ACTIVITY and self._timer.interval() and self._timer.isActive():
            self._timer.start()  # restart the countdown
        return False
