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

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QSizePolicy, QWidget

from assets_desktop.domain.analysis.decisions import SOURCE_TITLES, Disposition, DispositionKind
from assets_desktop.domain.analysis.types import Flag, FlagCode
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.forms import FormDialog
from assets_desktop.ui.report.flags_model import flag_title
from assets_desktop.ui.report.widgets import ask_open_path
from assets_desktop.ui.timers import later

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


class DispositionDialog(FormDialog):
    """Asks how a flag is resolved; calls `on_accept(disposition, document_path)`."""

    def __init__(
        self,
        parent: QWidget,
        flag: Flag,
        on_accept: Callable[[Disposition, str], None],
        current: Disposition | None = None,
    ) -> None:
        super().__init__("Resolve flag", "clearFlagDialog", parent)
        self.flag = flag
        self._on_accept = on_accept
        self.document_path = ""
        self.set_intro(f"<b>{flag_title(flag)}</b>: {html.escape(flag.message)}")
        self.ok_button.setText("Resolve flag")
        self.ok_button.setObjectName("clearFlagDialogAccept")
        self.ok_button.setAccessibleName("Resolve flag")
        self.kind = QComboBox(self)
        for value, label in choices_for(flag):
            self.kind.addItem(label, value)
        self.add_field("Disposition:", self.kind, "dispositionKind")
        self.source = QComboBox(self)
        for source, title in SOURCE_TITLES.items():
            self.source.addItem(title.capitalize(), source)
        self.add_field(
            "Source:", self.source, "dispositionSource", accessible="Source of the funds"
        )
        self.donor = self.add_line_edit(
            "Gift donor:", "giftDonor", "e.g. Robert Charleson (father)"
        )
        self.amount = self.add_line_edit(
            "Gift amount:", "giftAmount", "e.g. 25000.00", validate=self._amount_error
        )
        if flag.amount is not None:
            self.amount.setText(f"{flag.amount:.2f}")
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText(
            "Required: why the flag is resolved (it goes to the activity log and worksheet)."
        )
        self.add_field("Reason:", self.editor, "clearFlagDialogText", validate=self._reason_error)
        self.attach_button = named_button(self, "Attach document…", "attachDocument")
        self.attach_button.clicked.connect(self._choose_document)
        self.document_label = QLabel(self)
        self.document_label.setObjectName("documentName")
        # A long file name is cut at the dialog's edge (the tooltip has it all), never widens it.
        self.document_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_document("")
        document = QWidget(self)
        row = QHBoxLayout(document)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.attach_button)
        row.addWidget(self.document_label, 1)
        self.add_row("Document:", document)
        if current is not None:
            self._show_current(current)
        self.kind.currentIndexChanged.connect(self._show_rows)
        self.source.currentIndexChanged.connect(self._show_rows)
        self._show_rows()
        self.revalidate()

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

    def _show_rows(self) -> None:
        """The source only when sourced; the donor and the amount only for a gift."""
        self.set_field_visible(self.source, self._sourced())
        self.set_field_visible(self.donor, self._gift())
        self.set_field_visible(self.amount, self._gift())
        later(self, 0, self._refit)

    def set_document(self, path: str) -> None:
        """Attach this file (chosen in the file dialog, or by a test)."""
        self.document_path = path
        self.document_label.setText(Path(path).name if path else "No document attached.")
        self.document_label.setToolTip(path or "No document attached.")

    def _choose_document(self) -> None:
        ask_open_path(
            self, "Attach a document (PDF or picture)", "attachDocumentDialog",
            ["Documents (*.pdf *.png *.jpg *.jpeg)", "All files (*)"], self.set_document,
        )  # fmt: skip

    def _reason_error(self) -> str | None:
        return None if self.editor.toPlainText().strip() else REQUIRED

    def _amount_error(self) -> str | None:
        if not self._gift() or self.gift_amount() is not None:
            return None
        return f"“{self.amount.text()}” is not a gift amount: use digits, e.g. 25000.00."

    def error(self) -> str | None:
        """What keeps the dialog from being accepted, or None."""
        return self._reason_error() or self._amount_error()

    def gift_amount(self) -> Decimal | None:
        """The gift amount typed, to the cent, or None when it is not a positive amount."""
        try:
            value = Decimal(self.amount.text().replace(",", "").replace("$", "").strip())
        except InvalidOperation:
            return None
        return value.quantize(Decimal("0.01")) if value.is_finite() and value > 0 else None

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
        if not self.revalidate():
            return
        super().accept()
        self._on_accept(self.disposition(), self.document_path)
