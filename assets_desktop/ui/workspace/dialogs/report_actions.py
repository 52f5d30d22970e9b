"""Dialogs acting on one report: refresh, filter, audit copies, and removal confirmation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.forms import FormDialog
from assets_desktop.ui.workspace.navigation import AuditCopyEntry

AUDITORS = (
    ("fannie_mae", "Fannie Mae"),
    ("freddie_mac", "Freddie Mac"),
    ("ocrolus", "Ocrolus"),
)


@dataclass(frozen=True)
class AccountChoice:
    """An account the filter dialog offers to exclude."""

    account_id: str
    label: str


class RefreshDialog(FormDialog):
    """Refresh a report: same days, or a new number of days."""

    def __init__(self, current_days: int, parent: QWidget | None = None) -> None:
        super().__init__("Refresh report", "refreshReportDialog", parent)
        self.set_intro(
            "A refresh asks the banks again and makes a new report linked to this one; the "
            "original stays as it is, so the two can be compared."
        )
        self.change_days = QCheckBox(f"Change the history (now {current_days} days)", self)
        self.days = QSpinBox(self)
        self.days.setRange(0, 99_999)  # typed values kept as typed, refused in place
        self.days.setValue(current_days)
        self.days.setSuffix(" days")
        self.days.setEnabled(False)
        self.change_days.toggled.connect(self.days.setEnabled)
        self.add_field("", self.change_days, "changeDays", accessible="Change the history")
        self.add_field(
            "New history:", self.days, "refreshDays", self._check_days, accessible="Days of history"
        )
        self.watch(self.change_days.toggled, self.days.textChanged)
        self.revalidate()

    def _check_days(self) -> str | None:
        typed = self.days.cleanText().replace(",", "").strip()
        if self.change_days.isChecked() and not (typed.isdigit() and 1 <= int(typed) <= 731):
            return f"“{typed}” days: a report covers 1 to 731 days of history."
        return None

    def value(self) -> int | None:
        """The new days, or None to keep the original's."""
        return self.days.value() if self.change_days.isChecked() else None


class FilterDialog(FormDialog):
    """Make a filtered copy of a report without some accounts."""

    def __init__(self, accounts: Sequence[AccountChoice], parent: QWidget | None = None) -> None:
        super().__init__("Filter report", "filterReportDialog", parent)
        self.set_intro(
            "Check the accounts to leave out (e.g. accounts that are not the borrower's). Plaid "
            "makes a new report without them; the original is unchanged."
        )
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for account in accounts:
            check = QCheckBox(account.label, box)
            check.setObjectName(f"exclude-{account.account_id}")
            check.setAccessibleName(f"Exclude {account.label}")
            column.addWidget(check)
            self.boxes[account.account_id] = check
        self.add_field(
            "Exclude:", box, "excludeAccounts", self._check, accessible="Accounts to exclude"
        )
        self.watch(*[check.toggled for check in self.boxes.values()])
        self.revalidate()

    def _check(self) -> str | None:
        chosen = sum(check.isChecked() for check in self.boxes.values())
        if not self.boxes:
            return "This report has no accounts to filter (open it once it is ready)."
        if chosen == 0:
            return "Check at least one account to exclude."
        if chosen == len(self.boxes):
            return "At least one account must stay in the report."
        return None

    def value(self) -> tuple[str, ...]:
        """The account ids to exclude."""
        return tuple(i for i, check in self.boxes.items() if check.isChecked())


class AuditCopyDialog(FormDialog):
    """Create an audit copy for an auditor; list and remove existing ones.

    The window passes `on_remove(copy_id)`; after creation it calls `show_token(token)`. The
    dialog stays open after "Create copy" so the token can be copied.

    Signals:
        create_requested(str): the auditor_id to create a copy for.
    """

    create_requested = Signal(str)

    def __init__(
        self,
        copies: Sequence[AuditCopyEntry],
        on_remove: Callable[[str], None],
        parent: QWidget | None = None,
        token_of: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__("Audit copies", "auditCopyDialog", parent)
        self.existing_labels: list[QLabel] = []
        self.set_intro(
            "An audit copy lets a third party (such as Fannie Mae for Day 1 Certainty) read this "
            "report. Removing the copy revokes its token."
        )
        self.auditor = QComboBox(self)
        for value, label in AUDITORS:
            self.auditor.addItem(label, value)
        self.auditor.addItem("Other (enter its auditor id)…", "")
        self.auditor.currentIndexChanged.connect(self._on_auditor)
        self.add_field("Auditor:", self.auditor, "auditor")
        self.other = self.add_line_edit(
            "Auditor id:", "otherAuditorId", "the id the auditor gave you",
            validate=self._check_other,
            accessible="Other auditor id",
        )  # fmt: skip
        self.other.setEnabled(False)
        self.token, self.copy_token = self.add_token_field(
            "auditCopyToken", "Audit copy token", "the token appears here once created",
            "copyAuditToken",
        )  # fmt: skip
        existing = QWidget(self)
        self._existing = QVBoxLayout(existing)
        self._existing.setContentsMargins(0, 0, 0, 0)
        self._none_yet = QLabel("None yet.", existing)
        self._existing.addWidget(self._none_yet)
        for copy in copies:
            if not copy.removed:
                token = token_of(copy.copy_id) if token_of else ""
                self._add_copy_row(copy.auditor, copy.created, token, copy.copy_id, on_remove)
        self.add_row("Existing:", existing)
        self.ok_button.setText("Create copy")
        self.buttons.button(self.buttons.StandardButton.Cancel).setText("Close")
        self.watch(self.auditor.currentIndexChanged, self.other.textChanged)
        self.revalidate()

    def _add_copy_row(
        self,
        auditor: str,
        created: str,
        token: str,
        copy_id: str | None = None,
        on_remove: Callable[[str], None] | None = None,
    ) -> None:
        """One existing copy: the auditor by name, when, "Copy token" (from the keyring) and
        "Remove"."""
        self._none_yet.hide()
        row = QWidget(self._none_yet.parentWidget())
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        name = dict(AUDITORS).get(auditor, auditor)
        label = QLabel(f"{name} · created {created}" if created else name, row)
        self.existing_labels.append(label)
        line.addWidget(label, 1)
        copy = named_button(row, "Copy token", f"copyToken-{copy_id or auditor}")
        copy.setEnabled(bool(token))
        copy.setToolTip("" if token else "The token of this copy is not in the keyring.")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(token))
        line.addWidget(copy)
        if copy_id and on_remove:
            remove = named_button(row, f"Remove {name} copy", f"removeAudit-{copy_id}")
            remove.clicked.connect(lambda: on_remove(copy_id))
            line.addWidget(remove)
        self._existing.addWidget(row)

    def _on_auditor(self) -> None:
        other = self.auditor.currentData() == ""
        self.other.setEnabled(other)
        if other:
            self._touch(self.other)
            self.other.setFocus()

    def _check_other(self) -> str | None:
        if self.auditor.currentData() == "" and not self.other.text().strip():
            return "Enter the auditor id the auditor gave you."
        return None

    def value(self) -> str:
        """The auditor_id."""
        return str(self.auditor.currentData() or self.other.text().strip())

    def _accept_if_valid(self) -> None:
        if self.revalidate():
            self.ok_button.setEnabled(False)
            self.create_requested.emit(self.value())

    def show_token(self, token: str, auditor: str = "") -> None:
        """Show the new copy's token with its copy button, and list the copy."""
        self.token.setText(token)
        self.copy_token.setEnabled(True)
        if auditor:
            self._add_copy_row(auditor, "just now", token)
        self.revalidate()

    def show_failure(self) -> None:
        """Let the user try again after a failed creation (the message went to the banner)."""
        self.revalidate()


def confirm(
    parent: QWidget,
    name: str,
    title: str,
    text: str,
    on_yes: Callable[[], None],
    yes_label: str = "Remove",
) -> QMessageBox:
    """A non-blocking confirmation (window-modal, via `open()`); calls `on_yes` if confirmed."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName(name)
    box.setAccessibleName(title)
    yes = box.addButton(yes_label, QMessageBox.ButtonRole.DestructiveRole)
    yes.setObjectName("confirmButton")
    no = box.addButton(QMessageBox.StandardButton.Cancel)
    no.setObjectName("cancelButton")
    box.setDefaultButton(no)
    box.buttonClicked.connect(lambda button: on_yes() if button is yes else None)
    box.open()
    return box
