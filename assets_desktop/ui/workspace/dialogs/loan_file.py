"""New loan file: borrower, loan purpose, monthly qualifying income."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from assets_desktop.ui.workspace.dialogs.base import FormDialog

PURPOSES = (("purchase", "Purchase"), ("refinance", "Refinance"))


@dataclass(frozen=True)
class LoanFileInput:
    """What the dialog collected."""

    borrower: str
    purpose: str
    monthly_income: float


def parse_money(text: str) -> float | None:
    """'8,500.00' or '$8500' → 8500.0; None when it is not an amount."""
    cleaned = text.strip().replace(",", "").replace("$", "").replace(" ", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


class NewLoanFileDialog(FormDialog):
    """Open a loan file for a borrower."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("New loan file", "newLoanFileDialog", parent)
        self.set_intro(
            "A loan file groups a borrower's Items and Asset Reports. The income is used for the "
            "large-deposit check (deposits above 50 % of it are flagged on purchases)."
        )
        self.borrower = QLineEdit(self)
        self.borrower.setPlaceholderText("e.g. Alberta Charleson")
        self.purpose = QComboBox(self)
        for value, label in PURPOSES:
            self.purpose.addItem(label, value)
        self.income = QLineEdit(self)
        self.income.setPlaceholderText("monthly qualifying income, e.g. 8,500.00")
        self.add_field("Borrower:", self.borrower, "borrowerName", self._check_borrower)
        self.add_field("Loan purpose:", self.purpose, "loanPurpose")
        self.add_field("Monthly income:", self.income, "monthlyIncome", self._check_income)
        self.watch(self.borrower.textChanged, self.income.textChanged)
        self.revalidate()
        self.borrower.setFocus()

    def _check_borrower(self) -> str | None:
        name = self.borrower.text().strip()
        if not name:
            return "Enter the borrower's name (as on the loan application)."
        if len(name) < 2:
            return "The name is too short: enter first and last name."
        if len(name) > 120:
            return "The name is longer than 120 characters."
        return None

    def _check_income(self) -> str | None:
        text = self.income.text().strip()
        if not text:
            return "Enter the monthly qualifying income in dollars (e.g. 8500)."
        value = parse_money(text)
        if value is None:
            return f"“{text}” is not an amount: use digits, e.g. 8500 or 8,500.00."
        if value <= 0:
            return "The income must be more than 0."
        if value > 10_000_000:
            return "That is more than $10,000,000 a month: check the amount."
        return None

    def value(self) -> LoanFileInput:
        """The validated input."""
        return LoanFileInput(
            borrower=self.borrower.text().strip(),
            purpose=str(self.purpose.currentData()),
            monthly_income=parse_money(self.income.text()) or 0.0,
        )
