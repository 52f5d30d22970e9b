"""A form dialog that validates each field as it changes and shows the message next to it.

OK stays disabled until every field is valid. Dialogs open with `open()` (window-modal, never a
nested `exec()` loop); callers connect `accepted`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypedDict, Unpack

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.style import apply_style
from assets_desktop.ui.timers import later

Validator = Callable[[], str | None]


class FieldRules(TypedDict, total=False):
    """What `FormDialog.add_field` takes besides the label, widget and name."""

    validate: Validator | None
    guide: Validator | None
    accessible: str | None


class FieldNote(QLabel):
    """The message under a field: an error (blocks OK) or guidance (does not)."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Note")
        self.setWordWrap(True)
        self.setVisible(False)

    def show_note(self, text: str | None, severity: str) -> None:
        """Show `text` with a severity (error, warning, info), or hide when None."""
        self.setText(text or "")
        self.setProperty("severity", severity)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setVisible(bool(text))


class FormDialog(QDialog):
    """A titled form with per-field validation and OK/Cancel."""

    def __init__(self, title: str, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(560)
        apply_style(self)
        self._rules: list[tuple[FieldNote, Validator, Validator | None, QWidget]] = []
        self._touched: set[int] = set()
        outer = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("dialogIntro")
        self.intro.setWordWrap(True)
        self.intro.setVisible(False)
        outer.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        outer.addLayout(self.form)
        outer.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button.setObjectName("okButton")
        self.ok_button.setAccessibleName("OK")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        """The OK button (disabled while a field is invalid)."""
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def set_intro(self, text: str) -> None:
        """A sentence above the form saying what the dialog does."""
        self.intro.setText(text)
        self.intro.setVisible(True)

    def add_field(
        self,
        label: str,
        widget: QWidget,
        name: str,
        validate: Validator | None = None,
        guide: Validator | None = None,
        accessible: str | None = None,
    ) -> FieldNote:
        """A labelled row with its note below; `validate` returns an error, `guide` advice."""
        widget.setObjectName(name)
        widget.setAccessibleName(accessible or label.rstrip(":"))
        note = FieldNote(name, self)
        box = QWidget(self)
        # The box spans the field column, so a note is as wide as the form even under a
        # narrow editor (a spin box), instead of wrapping into a clipped sliver.
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        narrow = isinstance(widget, QAbstractSpinBox | QComboBox)
        column.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft if narrow else Qt.AlignmentFlag(0))
        column.addWidget(note)
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.addRow(caption, box)
        self._rules.append((note, validate or (lambda: None), guide, widget))
        edited = _edit_signal(widget)
        if edited is None:
            self._touched.add(id(widget))  # composite fields: their errors show at once
        else:
            edited.connect(lambda *_: self._touch(widget))
        return note

    def add_line_edit(
        self, label: str, name: str, placeholder: str, **rules: Unpack[FieldRules]
    ) -> QLineEdit:
        """A text field showing `placeholder` while empty, in a row of its own (`add_field`)."""
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        self.add_field(label, edit, name, **rules)
        return edit

    def add_token_field(
        self, name: str, accessible: str, placeholder: str, copy_name: str
    ) -> tuple[QLineEdit, QPushButton]:
        """A read-only "Token:" row and a "Copy token" button under it (disabled: enable it
        once a token shows)."""
        token = self.add_line_edit("Token:", name, placeholder, accessible=accessible)
        token.setReadOnly(True)
        copy = named_button(self, "Copy token", copy_name)
        copy.setEnabled(False)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(token.text()))
        self.add_row("", button_row(self, copy))
        return token, copy

    def _touch(self, widget: QWidget) -> None:
        self._touched.add(id(widget))
        self.revalidate()

    def add_row(self, label: str, widget: QWidget) -> None:
        """A row without validation."""
        self.form.addRow(label, widget)

    def set_field_visible(self, widget: QWidget, visible: bool) -> None:
        """Show or hide the row of a field added with `add_field` (caption, editor, note)."""
        box = widget.parentWidget()  # add_field puts the editor and its note in a box
        if box is not None:
            self.form.setRowVisible(box, visible)

    def watch(self, *signals: Any) -> None:
        """Revalidate whenever one of these signals fires."""
        for signal in signals:
            signal.connect(self.revalidate)

    def revalidate(self, *_: object) -> bool:
        """Check every field, update the notes and OK; True when all are valid."""
        valid = True
        shown = [note.isVisibleTo(self) for note, _, _, _ in self._rules]
        for note, validate, guide, widget in self._rules:
            error = validate()
            if error:
                valid = False
                # An untouched empty field blocks OK without scolding the user.
                note.show_note(error if id(widget) in self._touched else None, "error")
            elif guide is not None and (advice := guide()):
                note.show_note(advice, "warning")
            else:
                note.show_note(None, "")
        self.ok_button.setEnabled(valid)
        if shown != [note.isVisibleTo(self) for note, _, _, _ in self._rules]:
            # A note appeared or went: refit, or a wrapped note would be clipped.
            later(self, 0, self._refit)
        return valid

    def _refit(self) -> None:
        layout = self.layout()
        if layout is not None:
            layout.activate()
            self.resize(self.width(), layout.totalHeightForWidth(self.width()))

    def errors(self) -> list[str]:
        """The messages currently shown as errors (for tests and accessibility)."""
        return [
            note.text()
            for note, _, _, _ in self._rules
            if note.isVisibleTo(self) and note.property("severity") == "error"
        ]

    def _accept_if_valid(self) -> None:
        if self.revalidate():
            self.accept()


def _edit_signal(widget: QWidget) -> Any:
    """The signal that means "the user changed this field", for the common editors (a text
    edit's `textChanged`, last: a line edit's also fires when the program sets the text)."""
    for name in ("textEdited", "valueChanged", "currentIndexChanged", "toggled", "textChanged"):
        signal = getattr(widget, name, None)
        if signal is not None:
            return signal
    return None


def button_row(parent: QWidget, *buttons: QPushButton) -> QWidget:
    """Buttons side by side, left-aligned."""
    box = QWidget(parent)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return box


def make_line_edit(
    name: str, accessible: str, parent: QWidget, placeholder: str = "", *, secret: bool = False
) -> QLineEdit:
    """A line edit with a stable objectName and an accessible name; `secret` hides the text."""
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit
