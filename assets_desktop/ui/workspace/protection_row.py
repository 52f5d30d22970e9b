"""The Settings row that protects the library: passphrase set/change, and where the key lives.

"Change passphrase" re-wraps the library key only (no report is re-encrypted). "Also require the
passphrase when a keyring is present" moves the key (and the Plaid keys and tokens) out of the
keyring into the library, sealed; unticking it moves them into the keyring, when one works.
Both act at once, like "Forget stored keys".
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from assets_desktop.services.library_access import KEYRING, PASSPHRASE, LibraryError
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.workspace.dialogs.passphrase import (
    ADD,
    CHANGE,
    PassphraseDialog,
    PassphraseEntry,
    in_key_worker,
)

REQUIRE = "Also require the passphrase when a keyring is present"


class ProtectionRow(QWidget):
    """Status, "Set/Change passphrase…" and the require-passphrase box, over `library`."""

    def __init__(self, library: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.dialog: PassphraseDialog | None = None
        self._moving: asyncio.Future[None] | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel(self)
        self.status.setObjectName("protectionStatus")
        self.status.setWordWrap(True)
        self.change = named_button(self, "Set passphrase…", "changePassphrase")
        self.change.clicked.connect(self._open_dialog)
        self.require = QCheckBox(REQUIRE, self)
        self.require.setObjectName("requirePassphrase")
        self.require.setAccessibleName(REQUIRE)
        self.require.toggled.connect(self._on_require_toggled)
        self.problem = QLabel(self)
        self.problem.setObjectName("protectionProblem")
        self.problem.setProperty("severity", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.change)
        column.addLayout(row)
        column.addWidget(self.require)
        column.addWidget(self.problem)
        self.refresh()

    def refresh(self) -> None:
        """Show where the key is and what can be done."""
        storage = self.library.protection.key_storage
        has = self.library.protection.has_passphrase
        self.status.setText(
            {
                KEYRING: "Key in the system keyring"
                + (", and a passphrase opens it elsewhere." if has else "; no passphrase set."),
                PASSPHRASE: "Protected by a passphrase (asked at every start).",
            }.get(storage, "Nothing is saved on this computer in this session.")
        )
        self.change.setText("Change passphrase…" if has else "Set passphrase…")
        self.change.setEnabled(storage in (KEYRING, PASSPHRASE))
        self.require.blockSignals(True)
        self.require.setChecked(storage == PASSPHRASE)
        self.require.setEnabled(has and storage in (KEYRING, PASSPHRASE))
        self.require.blockSignals(False)

    def _show_problem(self, text: str | None) -> None:
        self.problem.setText(text or "")
        self.problem.setVisible(bool(text))

    def _on_require_toggled(self, required: bool) -> None:
        self._moving = asyncio.ensure_future(self._require(required))

    async def _require(self, required: bool) -> None:
        """Move the key (and the secrets) into the library or the keyring, on the store
        thread."""
        try:
            await in_key_worker(self.library.protection.require_passphrase, required)
        except LibraryError as error:
            self._show_problem(str(error))
        else:
            self._show_problem(None)
        self.refresh()

    def _open_dialog(self) -> None:
        mode = CHANGE if self.library.protection.has_passphrase else ADD
        self.dialog = PassphraseDialog(mode, self._set, parent=self)
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()

    async def _set(self, entry: PassphraseEntry) -> None:
        await in_key_worker(
            self.library.protection.set_passphrase,
            entry.passphrase,
            entry.passphrase,
            entry.current or None,
        )
