"""Create an Asset Report: days, client_report_id, borrower details, insights, which Items."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from assets_desktop.services.workspace_inputs import CreateReportInput
from assets_desktop.ui.forms import FormDialog
from assets_desktop.ui.workspace.item_labels import item_labels
from assets_desktop.ui.workspace.navigation import ItemEntry

MAX_DAYS = 731
D1C_MIN_DAYS = {"purchase": 61, "refinance": 31}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def ssn_digits(text: str) -> str:
    """The digits of an SSN typed with or without dashes or spaces."""
    return re.sub(r"[\s-]", "", text)


class CreateReportDialog(FormDialog):
    """Ask for a new report over some of a loan file's Items."""

    def __init__(
        self,
        items: Sequence[ItemEntry],
        purpose: str,
        borrower: str = "",
        default_days: int = 61,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Create Asset Report", "createReportDialog", parent)
        self.purpose = purpose
        self.set_intro(
            f"Plaid builds the report from the selected Items; it takes from a few seconds to a "
            f"minute. Loan purpose: {purpose}."
        )
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.item_boxes: dict[str, QCheckBox] = {}
        names = item_labels(items)  # two Items at one bank are told apart
        for entry in items:
            state = "" if entry.status in ("good", "healthy", "") else f" — {entry.status}"
            check = QCheckBox(f"{names[entry.item_id]}{state}", box)
            check.setObjectName(f"item-{entry.item_id}")
            check.setAccessibleName(f"Include {entry.institution}")
            check.setChecked(entry.status in ("good", "healthy", ""))
            column.addWidget(check)
            self.item_boxes[entry.item_id] = check
        self.add_field(
            "Items:", box, "reportItems", self._check_items, accessible="Items to include"
        )
        self.days = QSpinBox(self)
        # A wide range, so what is typed stays as typed (0, 900) and is refused in place with
        # the allowed range: a narrow one silently kept the old value or cut 900 to 90.
        self.days.setRange(0, 99_999)
        self.days.setValue(max(1, min(MAX_DAYS, default_days)))
        self.days.setSuffix(" days")
        self.add_field(
            "History:",
            self.days,
            "daysRequested",
            self._check_days,
            guide=self._guide_days,
            accessible="Days of history",
        )
        self.client_report_id = self.add_line_edit(
            "Your reference:",
            "clientReportId",
            "optional: your reference, e.g. the loan number",
            validate=self._check_reference,
            accessible="Client report id",
        )
        parts = borrower.split()  # "Alberta B. Charleson": the middle initial is kept
        self.first_name = QLineEdit(parts[0] if parts else "", self)
        self.middle_name = QLineEdit(" ".join(parts[1:-1]), self)
        self.last_name = QLineEdit(parts[-1] if len(parts) > 1 else "", self)
        self.ssn = QLineEdit(self)
        self.ssn.setEchoMode(QLineEdit.EchoMode.Password)
        self.ssn.setPlaceholderText("9 digits; hidden as you type")
        self.ssn.setMaxLength(11)
        self.email = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.add_field("First name:", self.first_name, "firstName", guide=self._guide_identity)
        self.add_field("Middle name:", self.middle_name, "middleName")
        self.add_field("Last name:", self.last_name, "lastName")
        self.add_field(
            "SSN:", self.ssn, "ssn", self._check_ssn, accessible="Social Security number"
        )
        self.add_field("Email:", self.email, "email", self._check_email)
        self.add_field("Phone:", self.phone, "phone", self._check_phone)
        self.show_ssn = QCheckBox("Show SSN", self)
        self.show_ssn.setObjectName("showSsn")
        self.show_ssn.setAccessibleName("Show SSN")
        self.show_ssn.toggled.connect(
            lambda on: self.ssn.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.add_row("", self.show_ssn)
        self.insights = QCheckBox("Include insights (merchant names, categories)", self)
        self.insights.setObjectName("includeInsights")
        self.insights.setAccessibleName("Include insights")
        self.add_row("", self.insights)
        self.fast_assets = QCheckBox("Fast Assets: a FAST report first, then the FULL one", self)
        self.fast_assets.setToolTip(
            "Plaid sends a FAST report (balances and identity, no transactions) as soon as it "
            "can, then the FULL report; the FULL one is kept."
        )
        self.fast_assets.setObjectName("fastAssets")
        self.fast_assets.setAccessibleName("Fast Assets")
        self.investments = QCheckBox(
            "Investments: holdings, securities and investment transactions", self
        )
        self.investments.setObjectName("investmentsAddOn")
        self.investments.setAccessibleName("Investments add-on")
        self.add_row("Add-ons:", self.fast_assets)
        self.add_row("", self.investments)
        self.watch(
            self.days.textChanged,
            self.client_report_id.textChanged,
            self.first_name.textChanged,
            self.last_name.textChanged,
            self.ssn.textChanged,
            self.email.textChanged,
            self.phone.textChanged,
            *[check.toggled for check in self.item_boxes.values()],
        )
        self.revalidate()

    def _check_items(self) -> str | None:
        if not self.item_boxes:
            return "This loan file has no Items yet: add one first (Ctrl+I)."
        if not any(check.isChecked() for check in self.item_boxes.values()):
            return "Select at least one Item."
        if sum(check.isChecked() for check in self.item_boxes.values()) > 99:
            return "A report can include at most 99 Items."
        return None

    def _check_days(self) -> str | None:
        typed = self.days.cleanText().replace(",", "").strip()
        if not typed.isdigit() or not 1 <= int(typed) <= MAX_DAYS:
            shown = f"“{typed}” days" if typed else "No number of days"
            return f"{shown}: a report covers 1 to {MAX_DAYS} days of history."
        return None

    def _guide_days(self) -> str | None:
        if self._check_days():
            return None
        minimum = D1C_MIN_DAYS.get(self.purpose, 61)
        if self.days.value() < minimum:
            return (
                f"Day 1 Certainty needs at least {minimum} days for a {self.purpose}; "
                f"with {self.days.value()} the report is not D1C-eligible."
            )
        if self.days.value() > 61:
            return "More than 61 days is billed by Plaid as Additional History."
        return None

    def _guide_identity(self) -> str | None:
        if not (
            self.first_name.text().strip()
            and self.last_name.text().strip()
            and self.ssn.text().strip()
        ):
            return "Day 1 Certainty needs the borrower's first name, last name and SSN."
        return None

    def _check_reference(self) -> str | None:
        text = self.client_report_id.text()
        if text and not text.strip():
            return "The reference is only spaces: clear it or type a reference."
        if len(text) > 128:
            return "Keep the reference under 128 characters."
        return None

    def _check_ssn(self) -> str | None:
        text = self.ssn.text().strip()
        if not text:
            return None
        digits = ssn_digits(text)
        if not digits.isdigit() or len(digits) != 9:
            return "An SSN has 9 digits (dashes optional), e.g. 123-45-6789."
        return None

    def _check_email(self) -> str | None:
        text = self.email.text().strip()
        if text and not _EMAIL.match(text):
            return f"“{text}” is not an email address."
        return None

    def _check_phone(self) -> str | None:
        digits = re.sub(r"[\s()+.-]", "", self.phone.text())
        if digits and (not digits.isdigit() or not 10 <= len(digits) <= 15):
            return "A phone number has 10–15 digits, e.g. 415-555-0100."
        return None

    def value(self) -> CreateReportInput:
        """The validated input."""
        return CreateReportInput(
            days=self.days.value(),
            item_ids=tuple(i for i, check in self.item_boxes.items() if check.isChecked()),
            client_report_id=self.client_report_id.text().strip(),
            first_name=self.first_name.text().strip(),
            middle_name=self.middle_name.text().strip(),
            last_name=self.last_name.text().strip(),
            ssn=ssn_digits(self.ssn.text().strip()),
            email=self.email.text().strip(),
            phone=self.phone.text().strip(),
            include_insights=self.insights.isChecked(),
            add_ons=tuple(
                name
                for name, check in (
                    ("fast_assets", self.fast_assets),
                    ("investments", self.investments),
                )
                if check.isChecked()
            ),
        )
