"""The Owners tab: who owns each account, against the borrower; the SSN masked by default."""

from __future__ import annotations

import html
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from assets_desktop.domain.analysis.types import AccountAnalysis
from assets_desktop.domain.report import Account, Address, ReportUser
from assets_desktop.services.worksheet import mask_ssn
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.colors import palette_colors
from assets_desktop.ui.report.accounts_model import OWNER_MATCH_TEXT
from assets_desktop.ui.report.table_model import RowsTableModel
from assets_desktop.ui.report.widgets import table_view

__all__ = ["OwnersModel", "OwnersTab"]

_MATCH_COLORS = {"match": "good", "partial": "caution", "mismatch": "bad"}


def format_phone(number: str, kind: str | None = None) -> str:
    """`(111) 222-3333 · home` for ten-digit North American numbers; others as given."""
    digits = "".join(c for c in number if c.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    text = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}" if len(digits) == 10 else number
    return f"{text} · {kind}" if kind else text


def _address(address: Address) -> str:
    d = address.data
    city = ", ".join(p for p in (d.city, " ".join(x for x in (d.region, d.postal_code) if x)) if p)
    return ", ".join(p for p in (d.street, city, d.country) if p)


def ownership_text(account: Account) -> str:
    """`Joint · 2 owners`: how the account is held (Plaid's `ownership_type`)."""
    kind = (account.ownership_type or "").replace("_", " ")
    held = kind.capitalize() if kind else "Ownership not reported"
    count = sum(max(1, len(owner.names)) for owner in account.owners)
    return f"{held} · {count} owner{'' if count == 1 else 's'}" if count else held


class OwnerColumn(IntEnum):
    ACCOUNT = 0
    NAMES = 1
    ADDRESSES = 2
    EMAILS = 3
    PHONES = 4
    MATCH = 5


HEADERS = ("Account", "Owner names", "Addresses", "Emails", "Phones", "Match with borrower")


OwnerRow = tuple[str, str, str, str, str, str]


def owner_rows(accounts: Sequence[Account], analyses: Sequence[AccountAnalysis]) -> list[OwnerRow]:
    """One row per owner record of each account (one row saying so when there is none): the
    account and how it is held, the owner's names, addresses, emails, phones, and match."""
    match = {a.account_id: a.owner_match for a in analyses}
    rows: list[OwnerRow] = []
    for account in accounts:
        result = match.get(account.account_id, "unavailable")
        label = f"{account.label}\n{ownership_text(account)}"
        if not account.owners:
            rows.append((label, "No owner data in the report", "", "", "", result))
        for owner in account.owners:
            rows.append(
                (
                    label,
                    "\n".join(owner.names),
                    "\n".join(_address(a) for a in owner.addresses),
                    "\n".join(e.data for e in owner.emails),
                    "\n".join(format_phone(p.data, p.type) for p in owner.phone_numbers),
                    result,
                )
            )
    return rows


class OwnersModel(RowsTableModel[OwnerRow]):
    """The rows of `owner_rows`; the match in words, coloured."""

    headers = HEADERS

    def __init__(
        self,
        accounts: Sequence[Account],
        analyses: Sequence[AccountAnalysis],
        parent: Any = None,
    ) -> None:
        super().__init__(owner_rows(accounts, analyses), parent)

    def cell(self, row: OwnerRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == OwnerColumn.MATCH:
                return OWNER_MATCH_TEXT.get(row[column], row[column])
            return row[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == OwnerColumn.MATCH:
            color = _MATCH_COLORS.get(row[column])
            return QBrush(getattr(palette_colors(), color)) if color else None
        return None


class OwnersTab(QWidget):
    """The borrower (SSN masked until revealed) above the owners of every account."""

    def __init__(
        self,
        user: ReportUser,
        borrower: str,
        accounts: Sequence[Account],
        analyses: Sequence[AccountAnalysis],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ownersTab")
        self.user = user
        self.borrower = borrower
        self.revealed = False
        self.borrower_label = QLabel(self)
        self.borrower_label.setObjectName("borrowerDetails")
        self.borrower_label.setAccessibleName("Borrower details")
        self.borrower_label.setTextFormat(Qt.TextFormat.RichText)
        self.reveal_button = named_button(self, "Reveal SSN", "revealSsn")
        self.reveal_button.setCheckable(True)
        self.reveal_button.toggled.connect(self.set_revealed)
        self.reveal_button.setEnabled(bool(user.ssn))
        top = QHBoxLayout()
        top.addWidget(self.borrower_label, 1)
        top.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignTop)
        self.model = OwnersModel(accounts, analyses, self)
        widths = enumerate((190, 220, 330, 220, 190))
        table = table_view(self, ("ownersTable", "Account owners"), self.model, widths)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setWordWrap(True)
        self.table = table
        note = QLabel(
            "Asset Reports carry only the last four digits of each account number "
            "(Plaid's mask); full numbers are never in the report.",
            self,
        )
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        note.setWordWrap(True)  # never sets the view's width
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(table, 1)
        layout.addWidget(note)
        self._fill_borrower()

    def ssn_text(self) -> str:
        """The SSN as shown now: masked unless revealed."""
        if not self.user.ssn:
            return "not given"
        return self.user.ssn if self.revealed else mask_ssn(self.user.ssn)

    def set_revealed(self, revealed: bool) -> None:
        """Show or mask the SSN."""
        self.revealed = revealed
        self.reveal_button.blockSignals(True)
        self.reveal_button.setChecked(revealed)
        self.reveal_button.blockSignals(False)
        self.reveal_button.setText("Hide SSN" if revealed else "Reveal SSN")
        self.reveal_button.setAccessibleName(self.reveal_button.text())
        self._fill_borrower()

    def _fill_borrower(self) -> None:
        user = self.user
        rows = [
            ("Borrower", self.borrower or "not given"),
            ("SSN", self.ssn_text()),
            ("Email", user.email or "not given"),
            ("Phone", user.phone_number or "not given"),
            ("Client user id", user.client_user_id or "—"),
        ]
        muted = palette_colors().css("muted")
        body = "".join(
            f"<tr><td style='color:{muted}'>{k}&nbsp;&nbsp;</td><td>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        self.borrower_label.setText(f"<table>{body}</table>")
