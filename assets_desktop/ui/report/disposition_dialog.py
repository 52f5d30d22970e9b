"""Resolve a flag: a disposition (sourced, accepted, excluded, included), its source, a reason,
the gift's donor and amount, and an optional document (PDF or image) to attach.

The choices offered depend on the flag: a large deposit can be sourced; an owner flag can
include the account; any account flag can exclude it. Shown with `open()`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.domain.analysis.decisions import SOURCE_TITLES, Disposition, DispositionKind
from assets_desktop.domain.analysis.types import Flag, FlagCode
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.report.colors import report_colors
from assets_desktop.ui.report.flags_model import flag_title
from assets_desktop.ui.report.widgets import ask_open_path

__all__ = ["DispositionDialog", "choices_for"]

REQUIRED = "Required: say why the flag is resolved (it goes to the activity log and worksheet)."


def choices_for(flag: Flag) -> list[tuple[DispositionKind, str]]:
    """The dispositions that make sense for a flag, with what each does to the figures."""
    if flag.code == FlagCode.LARGE_DEPOSIT:
        return [
            ("sourced", "Sourced — documented: counts towards eligible assets"),
            ("accepted", "Accepted as is — stays deducted (not sourced)"),
            ("excluded", "Excluded — deducted even on a refinance"),
        ]
    if flag.code in (FlagCode.OWNER_MISMATCH, FlagCode.OWNERS_UNAVAILABLE):
        return [
            ("included", "Include the account — the borrower holds it"),
            ("excluded", "Exclude the account — its funds do not count"),
            ("accepted", "Accepted as is"),
        ]
    if flag.account_id:
        return [
            ("accepted", "Accepted as is — explained, figures unchanged"),
            ("excluded", "Exclude the account — its funds do not count"),
        ]
    return [("accepted", "Accepted as is")]


class DispositionDialog(QDialog):
    """Asks how a flag is resolved; calls `on_accept(disposition, document_path)`."""

    def __init__(
        self,
        parent: QWidget,
        flag: Flag,
        on_accept: Callable[[Disposition, str], None],
        current: Disposition | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clearFlagDialog")
        self.setWindowTitle("Resolve flag")
        self.resize(560, 420)
        self.flag = flag
        self._on_accept = on_accept
        self.document_path = ""
        self.prompt = QLabel(f"<b>{flag_title(flag)}</b>: {html.escape(flag.message)}", self)
        self.prompt.setWordWrap(True)
        self.kind = QComboBox(self)
        self.kind.setObjectName("dispositionKind")
        self.kind.setAccessibleName("Disposition")
        for value, label in choices_for(flag):
            self.kind.addItem(label, value)
        self.source = QComboBox(self)
        self.source.setObjectName("dispositionSource")
        self.source.setAccessibleName("Source of the funds")
        for source, title in SOURCE_TITLES.items():
            self.source.addItem(title.capitalize(), source)
        self.donor = QLineEdit(self)
        self.donor.setObjectName("giftDonor")
        self.donor.setAccessibleName("Gift donor")
        self.donor.setPlaceholderText("e.g. Robert Charleson (father)")
        self.amount = QLineEdit(self)
        self.amount.setObjectName("giftAmount")
        self.amount.setAccessibleName("Gift amount")
        if flag.amount is not None:
            self.amount.setText(f"{flag.amount:.2f}")
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("clearFlagDialogText")
        self.editor.setAccessibleName("Reason")
        self.attach_button = named_button(self, "Attach document…", "attachDocument")
        self.attach_button.clicked.connect(self._choose_document)
        self.document_label = QLabel("No document attached.", self)
        self.document_label.setObjectName("documentName")
        self.hint = QLabel("", self)
        self.hint.setObjectName("clearFlagDialogHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {report_colors().css('bad')};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Resolve flag")
        self.ok_button.setObjectName("clearFlagDialogAccept")
        self.ok_button.setAccessibleName("Resolve flag")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Disposition:", self.kind)
        form.addRow("Source:", self.source)
        form.addRow("Gift donor:", self.donor)
        form.addRow("Gift amount:", self.amount)
        form.addRow("Reason:", self.editor)
        document = QHBoxLayout()
        document.addWidget(self.attach_button)
        document.addWidget(self.document_label, 1)
        form.addRow("Document:", document)
        self.form = form
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(form, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        if current is not None:
            self._show_current(current)
        for signal in (self.kind.currentIndexChanged, self.source.currentIndexChanged):
            signal.connect(self._update)
        self.editor.textChanged.connect(self._update)
        self.amount.textChanged.connect(self._update)
        self._update()

    def _show_current(self, current: Disposition) -> None:
        for combo, value in ((self.kind, current.kind), (self.source, current.source)):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
        self.editor.setPlainText(current.reason)
        self.donor.setText(current.gift_donor or "")
        if current.gift_amount is not None:
            self.amount.setText(f"{current.gift_amount:.2f}")

    def _sourced(self) -> bool:
        return bool(self.kind.currentData() == "sourced")

    def _gift(self) -> bool:
        return self._sourced() and self.source.currentData() == "gift_letter"

    def set_document(self, path: str) -> None:
        """Attach this file (chosen in the file dialog, or by a test)."""
        self.document_path = path
        self.document_label.setText(Path(path).name if path else "No document attached.")

    def _choose_document(self) -> None:
        ask_open_path(
            self, "Attach a document (PDF or picture)", "attachDocumentDialog",
            ["Documents (*.pdf *.png *.jpg *.jpeg)", "All files (*)"], self.set_document,
        )  # fmt: skip

    def error(self) -> str | None:
        """What keeps the dialog from being accepted, or None."""
        if not self.editor.toPlainText().strip():
            return REQUIRED
        if self._gift() and self.gift_amount() is None:
            return f"“{self.amount.text()}” is not a gift amount: use digits, e.g. 25000.00."
        return None

    def gift_amount(self) -> Decimal | None:
        try:
            value = Decimal(self.amount.text().replace(",", "").replace("$", "").strip())
        except InvalidOperation:
            return None
        return value.quantize(Decimal("0.01")) if value.is_finite() and value > 0 else None

    def _update(self) -> None:
        for widget in (self.source, self.donor, self.amount):
            self.form.setRowVisible(widget, self._sourced() if widget is self.source else False)
        self.form.setRowVisible(self.donor, self._gift())
        self.form.setRowVisible(self.amount, self._gift())
        error = self.error()
        self.ok_button.setEnabled(error is None)
        self.hint.setText(error or "")

    def disposition(self) -> Disposition:
        """The disposition as entered (valid when `error()` is None)."""
        gift = self._gift()
        return Disposition(
            key=self.flag.key,
            kind=self.kind.currentData(),
            reason=self.editor.toPlainText().strip(),
            source=self.source.currentData() if self._sourced() else None,
            gift_donor=(self.donor.text().strip() or None) if gift else None,
            gift_amount=self.gift_amount() if gift else None,
        )

    def accept(self) -> None:
        error = self.error()
        if error:
            self.hint.setText(error)
            return
        super().accept()
        self._on_accept(self.disposition(), self.document_path)
