"""The loan's GSE token: one VOA token for Fannie Mae D1C / Freddie Mac AIM per loan file.

Create it from the selected report, copy it for the GSE, point it at the selected report after a
refresh, or remove it. The dialog stays open; the controller calls `show_state` after each step.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from assets_desktop.services.workspace_model import SharedToken
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.forms import FormDialog, button_row


class GseTokenDialog(FormDialog):
    """Show the loan's GSE token and act on it for the selected report.

    Signals:
        create_requested(): make the token from the selected report.
        update_requested(): point the token at the selected report.
        remove_requested(str): revoke the token with this copy id.
    """

    create_requested = Signal()
    update_requested = Signal()
    remove_requested = Signal(str)

    def __init__(self, report_id: str, report_label: str, parent: QWidget | None = None) -> None:
        super().__init__("GSE token", "gseTokenDialog", parent)
        self.report_id = report_id
        self.setWindowTitle(f"GSE token — {report_label}")
        self.state: SharedToken | None = None
        self.set_intro(
            "One VOA token per loan lets Fannie Mae (Day 1 Certainty) or Freddie Mac (AIM) read "
            "the loan's asset report. Give the token to the GSE; after a refresh, point it at "
            "the new report so the GSE reads the latest one."
        )
        self.token, self.copy_token = self.add_token_field(
            "gseToken", "GSE token", "no GSE token for this loan yet", "copyGseToken"
        )
        self.points_at = QLabel(self)
        self.points_at.setObjectName("gsePointsAt")
        self.points_at.setMinimumWidth(360)
        self.add_row("Reads:", self.points_at)
        self.update_token = named_button(self, "Point at this report", "updateGseToken")
        self.update_token.clicked.connect(self._update)
        self.remove_token = named_button(self, "Remove token", "removeGseToken")
        self.remove_token.clicked.connect(self._remove)
        self.add_row("", button_row(self, self.update_token, self.remove_token))
        self.ok_button.setText("Create token")
        self.buttons.button(self.buttons.StandardButton.Cancel).setText("Close")
        self.show_state(None)

    def show_state(self, state: SharedToken | None, *, busy: bool = False) -> None:
        """Show the loan's token (None: none yet) and enable what applies to this report."""
        self.state = state
        self.token.setText(state.token if state else "")
        if state is None:
            self.points_at.setText("—")
        elif state.report_id == self.report_id:
            self.points_at.setText(f"this report · token created {state.created}")
        else:
            self.points_at.setText("another report of this loan, not this one")
        self.copy_token.setEnabled(bool(state and state.token) and not busy)
        self.ok_button.setEnabled(state is None and not busy)
        self.update_token.setEnabled(
            state is not None and state.report_id != self.report_id and not busy
        )
        self.remove_token.setEnabled(state is not None and not busy)

    def _accept_if_valid(self) -> None:
        if self.state is None:
            self.show_state(None, busy=True)
            self.create_requested.emit()

    def _update(self) -> None:
        state = self.state
        self.show_state(state, busy=True)
        self.update_requested.emit()

    def _remove(self) -> None:
        if self.state is not None:
            copy_id = self.state.copy_id
            self.show_state(self.state, busy=True)
            self.remove_requested.emit(copy_id)
