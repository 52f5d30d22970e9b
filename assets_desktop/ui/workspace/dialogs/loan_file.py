"""New or edit a loan file: the borrowers (first, middle, last), the loan purpose, the monthly
income, and what the decision needs — cash to close, PITIA, reserve months, earnest money."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from assets_desktop.services.workspace_inputs import LoanFileInput, PersonName
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.forms import FormDialog

PURPOSES = (("purchase", "Purchase"), ("refinance", "Refinance"))
MAX_CO_BORROWERS = 3
MONEY_EXAMPLE = "use digits, e.g. 8500 or 8,500.00"
RESERVES_PROBLEM = "“{}” is not a number of months from 0 to 120, e.g. 2 or 6."
DATE_PROBLEM = "“{}” is not a date: use YYYY-MM-DD, e.g. 2026-11-02."


def parse_amount(text: str) -> Decimal | None:
    """'8,500.00' or '$8500' → Decimal('8500.00'); None when it is not an amount."""
    cleaned = text.strip().replace(",", "").replace("$", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value.quantize(Decimal("0.01")) if value.is_finite() and abs(value) < 10**12 else None


def reserve_months(text: str) -> Decimal:
    """'2' → Decimal('2'): reserve months from 0 to 120 (ValueError otherwise)."""
    try:
        months = Decimal(text)
    except InvalidOperation:
        months = Decimal("NaN")
    if not months.is_finite() or not 0 <= months <= 120:
        raise ValueError(text)
    return months


def _check_optional(editor: QLineEdit, parse: Callable[[str], object], problem: str) -> str | None:
    """None when `editor` is empty or `parse` takes its text; else `problem` naming the text."""
    text = editor.text().strip()
    if not text:
        return None
    try:
        parse(text)
    except ValueError:
        return problem.format(text)
    return None


def parse_money(text: str) -> float | None:
    """The amount as a float (for figures only shown, never computed with)."""
    amount = parse_amount(text)
    return None if amount is None else float(amount)


class NameRow(QWidget):
    """First, middle and last name side by side."""

    def __init__(self, name: str, parent: QWidget, removable: bool = False) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.first, self.middle, self.last = (QLineEdit(self) for _ in range(3))
        for editor, part, hint in (
            (self.first, "First", "First name"),
            (self.middle, "Middle", "Middle (optional)"),
            (self.last, "Last", "Last name"),
        ):
            editor.setObjectName(f"{name}{part}")
            editor.setAccessibleName(f"{hint}")
            editor.setPlaceholderText(hint)
            row.addWidget(editor, 1 if editor is not self.middle else 0)
        self.remove = QPushButton("Remove", self) if removable else None
        if self.remove is not None:
            self.remove.setObjectName(f"{name}Remove")
            self.remove.setAccessibleName("Remove this co-borrower")
            row.addWidget(self.remove)

    def person(self) -> PersonName:
        return PersonName(*(e.text().strip() for e in (self.first, self.middle, self.last)))

    def set_person(self, person: PersonName) -> None:
        for editor, text in zip(
            (self.first, self.middle, self.last), (person.first, person.middle, person.last),
            strict=True,
        ):  # fmt: skip
            editor.setText(text)

    def edited(self) -> list[Any]:
        return [e.textEdited for e in (self.first, self.middle, self.last)]


class LoanFileDialog(FormDialog):
    """Open a loan file for a borrower, or edit one (`existing`: its record)."""

    def __init__(self, parent: QWidget | None = None, existing: Any = None) -> None:
        title = "Edit loan file" if existing is not None else "New loan file"
        super().__init__(title, "loanFileDialog" if existing else "newLoanFileDialog", parent)
        self.set_intro(
            "A loan file groups a borrower's Items and Asset Reports. The income sets the "
            "large-deposit check; cash to close, the housing payment (PITIA) and the reserve "
            "months let the app answer whether the borrower has enough."
        )
        self._named = existing is not None
        self.name = self.add_line_edit(
            "Loan file name:", "loanFileName", "optional, e.g. Smith — 12 Elm St purchase",
            validate=self._check_name,
        )  # fmt: skip
        self.main = NameRow("borrower", self)
        self.add_field("Borrower:", self.main, "borrowerName", lambda: self._check(self.main))
        if not self._named:  # the name row scolds only once typed in
            self._touched.discard(id(self.main))
        self.co_rows: list[NameRow] = []
        self.add_co = named_button(self, "Add co-borrower", "addCoBorrower", "Add a co-borrower")
        self.add_co.clicked.connect(lambda: self.add_co_borrower())
        self.add_row("", self.add_co)
        self.purpose = QComboBox(self)
        for value, label in PURPOSES:
            self.purpose.addItem(label, value)
        self.add_field("Loan purpose:", self.purpose, "loanPurpose")
        self.income = self._money("Monthly income:", "monthlyIncome", "e.g. 8,500.00", True)
        self.cash = self._money("Cash to close:", "cashToClose", "down payment + costs − paid")
        self.pitia = self._money("Housing payment (PITIA):", "monthlyHousingPayment", "monthly")
        self.reserves = self.add_line_edit(
            "Reserve months:", "reserveMonths", "months of PITIA, e.g. 2 (0 if none)",
            validate=lambda: _check_optional(self.reserves, reserve_months, RESERVES_PROBLEM),
        )  # fmt: skip
        self.emd = self._money("Earnest money:", "earnestMoney", "optional")
        self.emd_date = self.add_line_edit(
            "Earnest money date:", "earnestMoneyDate",
            "YYYY-MM-DD, when the deposit left the account",
            validate=lambda: _check_optional(self.emd_date, dt.date.fromisoformat, DATE_PROBLEM),
        )  # fmt: skip
        for row_signal in self.main.edited():
            row_signal.connect(self._touch_names)
        self.watch(self.name.textChanged, self.reserves.textChanged, self.emd_date.textChanged)
        if existing is not None:
            self._show(existing)
        self.revalidate()
        self.main.first.setFocus()

    def _money(self, label: str, name: str, hint: str, required: bool = False) -> QLineEdit:
        def check() -> str | None:
            return self._check_money(editor, label.rstrip(":").lower(), required)

        editor = self.add_line_edit(label, name, hint, validate=check)
        self.watch(editor.textChanged)
        return editor

    def add_co_borrower(self, person: PersonName | None = None) -> NameRow:
        """Another borrower on the loan (up to three co-borrowers)."""
        row = NameRow(f"coBorrower{len(self.co_rows) + 1}", self, removable=True)
        self.co_rows.append(row)
        self.add_field(
            "Co-borrower:", row, f"coBorrower{len(self.co_rows)}", lambda: self._check(row)
        )
        if person is not None:
            row.set_person(person)
        for signal in row.edited():
            signal.connect(self.revalidate)
        if row.remove is not None:
            row.remove.clicked.connect(lambda: self._remove_co(row))
        self.add_co.setEnabled(len(self.co_rows) < MAX_CO_BORROWERS)
        self.revalidate()
        return row

    def _remove_co(self, row: NameRow) -> None:
        for index, (_note, _check, _guide, widget) in enumerate(self._rules):
            if widget is row:
                del self._rules[index]
                break
        self.co_rows.remove(row)
        holder = row.parentWidget()
        if holder is not None:
            self.form.removeRow(holder)
        self.add_co.setEnabled(True)
        self.revalidate()

    def _touch_names(self) -> None:
        self._named = True
        self._touched.add(id(self.main))
        self.revalidate()

    def _show(self, loan: Any) -> None:
        terms = loan.terms
        self.name.setText(terms.name or "")
        self.main.set_person(loan.borrowers[0])
        for person in loan.borrowers[1:]:
            self.add_co_borrower(person)
        self.purpose.setCurrentIndex(0 if loan.purpose == "purchase" else 1)
        for editor, value in (
            (self.income, loan.monthly_income), (self.cash, terms.cash_to_close),
            (self.pitia, terms.monthly_housing_payment), (self.emd, terms.earnest_money),
        ):  # fmt: skip
            editor.setText("" if value is None else f"{value:,.2f}")
        self.reserves.setText("" if terms.reserve_months is None else f"{terms.reserve_months}")
        date = terms.earnest_money_date
        self.emd_date.setText(date.isoformat() if date else "")

    # --- checks -------------------------------------------------------------------------------

    def _check_name(self) -> str | None:
        if len(self.name.text().strip()) > 120:
            return "The name is longer than 120 characters."
        return None

    def _check(self, row: NameRow) -> str | None:
        person = row.person()
        if not person.first or not person.last:
            return "Enter first and last name (as on the loan application)."
        if any(len(part) > 80 for part in (person.first, person.middle, person.last)):
            return "A name part is longer than 80 characters."
        return None

    def _check_money(self, editor: QLineEdit, what: str, required: bool) -> str | None:
        text = editor.text().strip()
        if not text:
            return f"Enter the {what} in dollars (e.g. 8500)." if required else None
        value = parse_amount(text)
        if value is None:
            return f"“{text}” is not an amount: {MONEY_EXAMPLE}."
        if value < 0 or (required and value == 0):
            return f"The {what} must be more than 0."
        if value > 1_000_000_000:
            return f"The {what} is more than $1,000,000,000: check the amount."
        return None

    def value(self) -> LoanFileInput:
        """The validated input."""
        people = tuple(row.person() for row in (self.main, *self.co_rows))
        reserves = self.reserves.text().strip()
        date = self.emd_date.text().strip()
        return LoanFileInput(
            borrowers=tuple(p for p in people if p.last),
            purpose=str(self.purpose.currentData()),
            monthly_income=parse_amount(self.income.text()),
            name=self.name.text().strip() or None,
            cash_to_close=parse_amount(self.cash.text()) if self.cash.text().strip() else None,
            monthly_housing_payment=(
                parse_amount(self.pitia.text()) if self.pitia.text().strip() else None
            ),
            reserve_months=reserve_months(reserves) if reserves else None,
            earnest_money=parse_amount(self.emd.text()) if self.emd.text().strip() else None,
            earnest_money_date=dt.date.fromisoformat(date) if date else None,
        )
