"""Opens the library before the workspace: silently with a keyring or a given passphrase,
otherwise through one dialog (protect a new library, or unlock this one).

Signals:
    opened(object): the library is open (a `Library`).
    declined(): the user cancelled; the app quits.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from assets_desktop.services.library_access import (
    Access,
    PassphraseRequiredError,
    SecretStore,
    open_library,
)
from assets_desktop.ui.workspace.dialogs.passphrase import (
    NEW,
    UNLOCK,
    PassphraseDialog,
    PassphraseEntry,
    in_key_worker,
)


class LibraryGate(QObject):
    """Opens the library at `location` (a folder, or a team server's `postgresql://…`), asking
    for a passphrase only when one is needed."""

    opened = Signal(object)
    declined = Signal()

    def __init__(
        self,
        location: Path | str,
        secrets: SecretStore,
        passphrase: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.location = location
        self.secrets = secrets
        self.passphrase = passphrase
        self.dialog: PassphraseDialog | None = None
        self.library: Any = None
        self.scratch: tempfile.TemporaryDirectory[str] | None = None
        """The throwaway folder of a session-only library (the caller removes it at exit)."""

    def start(self, ask: bool = True) -> None:
        """Open now if possible; else show the dialog (or, with `ask` False, raise)."""
        try:
            self.library = open_library(
                self.location, self.secrets, Access(passphrase=self.passphrase)
            )
        except PassphraseRequiredError as needed:
            if not ask:
                raise
            self._ask(needed.new_library)
            return
        self.opened.emit(self.library)

    def _ask(self, new_library: bool) -> None:
        self.dialog = PassphraseDialog(
            NEW if new_library else UNLOCK, self._attempt, str(self.location)
        )
        self.dialog.accepted.connect(lambda: self.opened.emit(self.library))
        self.dialog.rejected.connect(self.declined.emit)
        self.dialog.open()

    async def _attempt(self, entry: PassphraseEntry) -> None:
        folder: Path | str = self.location
        access = Access(passphrase=entry.passphrase)
        if entry.session_only:
            self.scratch = tempfile.TemporaryDirectory(prefix="assets-desktop-session-")
            folder, access = Path(self.scratch.name), Access(session_only=True)
        self.library = await in_key_worker(open_library, folder, self.secrets, access)


def open_with_gate(loop: asyncio.AbstractEventLoop, gate: LibraryGate, ask: bool) -> Any:
    """Run `gate` (and its dialog) to the end: the library, or None when the user declined."""
    outcome: asyncio.Future[Any] = loop.create_future()

    def settle(library: Any) -> None:
        if not outcome.done():
            outcome.set_result(library)

    gate.opened.connect(settle)
    gate.declined.connect(lambda: settle(None))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quits = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the dialog closing must not end the app
    try:
        gate.start(ask)
        if not outcome.done():
            loop.run_until_complete(outcome)
    finally:
        app.setQuitOnLastWindowClosed(quits)
    return outcome.result()
