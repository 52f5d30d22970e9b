"""The passphrase dialogs: protect a new library, unlock it, add or change the passphrase.

The dialog stays open until `attempt` succeeds: a wrong passphrase shows "Wrong passphrase" under
the field, and after repeated failures OK waits out the delay with a countdown. `attempt` is a
coroutine (the key derivation runs in a worker thread), so the window keeps painting meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit, QWidget

from assets_desktop.services.library_access import (
    MIN_LENGTH,
    LibraryError,
    WrongPassphraseError,
    strength,
)
from assets_desktop.services.store_executor import in_store
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.forms import FormDialog
from assets_desktop.ui.timers import later

log = logging.getLogger(__name__)

NEW, UNLOCK, ADD, CHANGE = "new", "unlock", "add", "change"
NEW_INTRO = (
    "This computer has no working system keyring (such as GNOME Keyring or KWallet) where "
    "Assets Desktop could keep the key that encrypts your library of reports and notes. Choose "
    "a passphrase instead: you type it when the app starts, and without it nobody, you "
    "included, can open the library."
)
_TITLES = {
    NEW: "Protect the library with a passphrase",
    UNLOCK: "Unlock the library",
    ADD: "Set a library passphrase",
    CHANGE: "Change the library passphrase",
}


@dataclass(frozen=True)
class PassphraseEntry:
    """What the user chose: a passphrase (and the current one, when changing), or nothing kept."""

    passphrase: str = ""
    current: str = ""
    session_only: bool = False


Attempt = Callable[[PassphraseEntry], Awaitable[None]]
T = TypeVar("T")


async def in_key_worker(call: Callable[..., T], *args: Any) -> T:
    """Run `call(*args)` on the store thread (scrypt, unlocking, re-wrapping: library calls)."""
    return await in_store(call, *args)


class PassphraseDialog(FormDialog):
    """Asks for a passphrase; `attempt` decides (raising a LibraryError says why not)."""

    def __init__(
        self, mode: str, attempt: Attempt, location: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(_TITLES[mode], f"{mode}PassphraseDialog", parent)
        self.mode = mode
        self._attempt = attempt
        self._task: asyncio.Future[None] | None = None
        self._wait_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.current = _secret_field(self)
        self.passphrase = _secret_field(self)
        self.repeat = _secret_field(self)
        self.session_only = named_button(
            self, "Don't save anything on this computer", "sessionOnly",
            "Don't save anything on this computer: reports and notes last until the app closes",
        )  # fmt: skip
        self.session_only.clicked.connect(self._choose_session_only)
        if mode == NEW:
            self.set_intro(NEW_INTRO)
        elif mode == UNLOCK:
            where = f" in {location}" if location else ""
            self.set_intro(f"The library{where} is protected by a passphrase.")
        self.current.setVisible(mode == CHANGE)  # unused fields must not float at (0, 0)
        self.repeat.setVisible(mode != UNLOCK)
        if mode == CHANGE:
            self.add_field(
                "Current passphrase:", self.current, "currentPassphrase", self._check_current
            )
            self.current.textEdited.connect(self._forget_problem)
        label = "Passphrase:" if mode == UNLOCK else "New passphrase:"
        self.note = self.add_field(
            label,
            self.passphrase,
            "passphrase",
            self._check_passphrase,
            None if mode == UNLOCK else self._strength_hint,
        )
        if mode != UNLOCK:
            self.add_field(
                "Type it again:", self.repeat, "repeatPassphrase", self._check_repeat,
                accessible="Repeat the passphrase",
            )  # fmt: skip
            self.watch(self.passphrase.textChanged)
        if mode == NEW:
            self.add_row("", self.session_only)
        else:
            self.session_only.hide()
        self.ok_button.setText("Unlock" if mode == UNLOCK else "Save passphrase")
        self._problem: str | None = None
        self.passphrase.textEdited.connect(self._forget_problem)
        self.passphrase.setFocus()
        self.revalidate()

    # --- validation ------------------------------------------------------------------------

    def _check_current(self) -> str | None:
        if self._problem:
            return self._problem
        return None if self.current.text() else "Enter the current passphrase."

    def _check_passphrase(self) -> str | None:
        if self._problem and self.mode != CHANGE:
            return self._problem
        text = self.passphrase.text()
        if self.mode == UNLOCK:
            return None if text else "Enter the passphrase."
        if len(text) < MIN_LENGTH:
            return f"Use at least {MIN_LENGTH} characters; a few unrelated words work well."
        return None

    def _strength_hint(self) -> str | None:
        return strength(self.passphrase.text())[1] if self.passphrase.text() else None

    def _check_repeat(self) -> str | None:
        if self.repeat.text() != self.passphrase.text():
            return "The two passphrases differ."
        return None

    def _forget_problem(self) -> None:
        if self._problem and not self._wait_left:
            self._problem = None
            self.revalidate()

    # --- trying it -------------------------------------------------------------------------

    def entry(self) -> PassphraseEntry:
        """What the user typed."""
        return PassphraseEntry(self.passphrase.text(), self.current.text())

    def _accept_if_valid(self) -> None:
        if self._task is None and self._wait_left == 0 and self.revalidate():
            self._task = asyncio.ensure_future(self._try(self.entry()))

    def _choose_session_only(self) -> None:
        if self._task is None:
            self._task = asyncio.ensure_future(self._try(PassphraseEntry(session_only=True)))

    async def _try(self, entry: PassphraseEntry) -> None:
        self.ok_button.setEnabled(False)
        self.ok_button.setText("Checking…")
        try:
            await self._attempt(entry)
        except WrongPassphraseError as error:
            self._refuse(str(error), error.retry_after)
        except LibraryError as error:
            self._refuse(str(error), 0.0)
        except BaseException:
            self._hold()
            raise
        else:
            self.accept()
        finally:
            self._task = None

    def _refuse(self, message: str, retry_after: float) -> None:
        self._problem = message
        field = self.current if self.mode == CHANGE else self.passphrase
        self._touched.add(id(field))
        field.selectAll()
        field.setFocus()
        self._wait_left = int(retry_after + 0.999)
        if self._wait_left:
            self._countdown.start()
        self.revalidate()
        self._hold()

    def _tick(self) -> None:
        self._wait_left = max(0, self._wait_left - 1)
        if not self._wait_left:
            self._countdown.stop()
            self._problem = None
            self.revalidate()
        self._hold()

    def _hold(self) -> None:
        if self._wait_left:
            self.ok_button.setEnabled(False)
            self.ok_button.setText(f"Wait {self._wait_left} s")
        else:
            self.ok_button.setText("Unlock" if self.mode == UNLOCK else "Save passphrase")
            self.ok_button.setEnabled(bool(self.passphrase.text()))

    def revalidate(self, *_: object) -> bool:
        valid = super().revalidate()
        later(self, 0, self._refit)  # a longer hint may wrap onto another line
        if valid and self.mode != UNLOCK and strength(self.passphrase.text())[0] == "strong":
            self.note.show_note(self.note.text(), "ok")  # green, not a warning
        if self._problem and self._wait_left == 0:
            self.ok_button.setEnabled(bool(self.passphrase.text()))  # may try again at once
        return valid


def _secret_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field
