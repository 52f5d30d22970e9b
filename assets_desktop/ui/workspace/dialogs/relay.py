"""Credit Relay dialogs: share a report with a partner (and revoke the share), and open a report
a partner relayed to us."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from assets_desktop.services.workspace_model import SharedToken
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.forms import FormDialog, button_row


class RelayDialog(FormDialog):
    """Create a relay token for a partner; list the live ones with a Revoke button each.

    Signals:
        create_requested(str): the partner's secondary_client_id.
        revoke_requested(str): the copy id of the relay token to revoke.
    """

    create_requested = Signal(str)
    revoke_requested = Signal(str)

    def __init__(self, tokens: Sequence[SharedToken], parent: QWidget | None = None) -> None:
        super().__init__("Credit Relay", "relayDialog", parent)
        self.set_intro(
            "Credit Relay shares this report with a partner (a reseller, another lender) that "
            "reads it with its own Plaid keys. Give the partner the relay token; revoke it when "
            "the partner no longer needs the report."
        )
        self.partner = self.add_line_edit(
            "Partner:", "relayPartner", "the partner's secondary_client_id",
            validate=self._check_partner,
            accessible="Partner's secondary_client_id",
        )  # fmt: skip
        self.token, self.copy_token = self.add_token_field(
            "relayToken", "Relay token", "the relay token appears here once created",
            "copyRelayToken",
        )  # fmt: skip
        self.existing = QWidget(self)
        self._rows = QVBoxLayout(self.existing)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self.add_row("Shared with:", self.existing)
        self.ok_button.setText("Share report")
        self.buttons.button(self.buttons.StandardButton.Cancel).setText("Close")
        self.watch(self.partner.textChanged)
        self.show_tokens(tokens)
        self.revalidate()

    def _check_partner(self) -> str | None:
        if not self.partner.text().strip():
            return "Enter the partner's secondary_client_id."
        return None

    def show_tokens(self, tokens: Sequence[SharedToken]) -> None:
        """List the live relay tokens (rebuilt after each change)."""
        while self._rows.count():
            taken = self._rows.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        if not tokens:
            self._rows.addWidget(QLabel("Nobody yet.", self.existing))
        for token in tokens:
            revoke = named_button(self, f"Revoke {token.partner}", f"revokeRelay-{token.copy_id}")
            revoke.clicked.connect(lambda _=False, c=token.copy_id: self._revoke(c))
            self._rows.addWidget(QLabel(f"{token.partner} · since {token.created}", self.existing))
            self._rows.addWidget(button_row(self.existing, revoke))

    def show_token(self, token: str) -> None:
        """Show a new relay token with its copy button."""
        self.token.setText(token)
        self.copy_token.setEnabled(True)
        self.revalidate()

    def _revoke(self, copy_id: str) -> None:
        for button in self.existing.findChildren(type(self.copy_token)):
            button.setEnabled(False)
        self.revoke_requested.emit(copy_id)

    def _accept_if_valid(self) -> None:
        if self.revalidate():
            self.ok_button.setEnabled(False)
            self.create_requested.emit(self.partner.text().strip())


class OpenRelayedDialog(FormDialog):
    """Paste a relay token to read a report a partner shared with us."""

    def __init__(self, loan_label: str | None, parent: QWidget | None = None) -> None:
        super().__init__("Open relayed report", "openRelayedDialog", parent)
        target = f"in {loan_label}'s loan file" if loan_label else "in a new loan file"
        self.set_intro(
            "A partner shared an Asset Report with you through Credit Relay. Paste the relay "
            f"token it gave you: the report and its PDF are read with your keys and kept {target}."
        )
        self.token = self.add_line_edit(
            "Relay token:", "relayTokenInput", "credit-relay-…", validate=self._check_token,
            accessible="Relay token",
        )  # fmt: skip
        self.ok_button.setText("Open report")
        self.watch(self.token.textChanged)
        self.revalidate()

    def _check_token(self) -> str | None:
        text = self.token.text().strip()
        if not text:
            return "Paste the relay token."
        if any(ch.isspace() for ch in text):
            return "A relay token has no spaces; paste it again."
        return None

    def value(self) -> str:
        """The relay token."""
        return self.token.text().strip()
