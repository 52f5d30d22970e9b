"""The Summary tab's first panel: does the borrower have enough? The answer, the figures
behind it, and one line per account with its eligible amount and the reason."""

from __future__ import annotations

import html
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.domain.analysis.eligibility import AccountEligibility
from assets_desktop.domain.analysis.qualification import Qualification
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.colors import palette_colors
from assets_desktop.ui.report.formatting import SORT_ROLE, money
from assets_desktop.ui.report.table_model import ParentIndex, RowsTableModel
from assets_desktop.ui.report.widgets import WrappedLabel

__all__ = ["EligibilityColumn", "EligibilityModel", "QualificationPanel"]


class EligibilityColumn(IntEnum):
    ACCOUNT = 0
    ELIGIBLE = 1
    REASON = 2


class EligibilityModel(RowsTableModel[AccountEligibility]):
    """One row per account: its eligible amount and the rule behind it (tooltip: the sentence)."""

    headers = ("Account", "Eligible", "Why")

    def data(self, index: ParentIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = EligibilityColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column == EligibilityColumn.ACCOUNT:
                return row.label
            if column == EligibilityColumn.ELIGIBLE:
                if row.other_currency_amount is not None:
                    return f"({money(row.other_currency_amount, row.currency)})"
                return money(row.eligible, row.currency)
            return row.explanation
        if role == SORT_ROLE and column == EligibilityColumn.ELIGIBLE:
            return float(row.eligible)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.code.value}: {row.explanation}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == EligibilityColumn.ELIGIBLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.eligible == 0:
            return palette_colors().muted
        return None


class QualificationPanel(QGroupBox):
    """The answer in one line, the figures, the accounts. `edit_requested` asks for the loan
    file editor (where the missing terms are entered); `export_requested` for the CSV."""

    edit_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Does the borrower have enough?", parent)
        self.setObjectName("qualificationPanel")
        self.setAccessibleName("Qualification")
        self.answer = WrappedLabel("", self)
        self.answer.setObjectName("qualificationAnswer")
        self.answer.setAccessibleName("Answer")
        self.answer.setTextFormat(Qt.TextFormat.RichText)
        self.figures = QLabel(self)
        self.figures.setObjectName("qualificationFigures")
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = WrappedLabel("", self)
        self.notes.setObjectName("qualificationNotes")
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.edit_button = named_button(
            self, "Edit loan terms…", "editLoanTerms", "Edit the loan terms"
        )
        self.edit_button.clicked.connect(self.edit_requested)
        self.export_button = named_button(
            self, "Export CSV…", "exportQualificationCsv", "Export the qualification as CSV"
        )
        self.export_button.clicked.connect(self.export_requested)
        self.model = EligibilityModel(parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("eligibilityTable")
        self.table.setAccessibleName("Eligible amount per account")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setColumnWidth(EligibilityColumn.ACCOUNT, 190)
        self.table.setColumnWidth(EligibilityColumn.ELIGIBLE, 110)
        self.table.horizontalHeader().setSectionResizeMode(
            EligibilityColumn.REASON, QHeaderView.ResizeMode.Stretch
        )
        left = QVBoxLayout()
        left.addWidget(self.answer)
        left.addWidget(self.figures)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        left.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(left, 2)
        top.addWidget(self.table, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notes)
        self.qualification: Qualification | None = None

    def set_qualification(self, q: Qualification) -> None:
        """Show an answer (recomputed whenever a disposition or the loan terms change)."""
        self.qualification = q
        colors = palette_colors()
        good, bad, muted = colors.css("good"), colors.css("bad"), colors.css("muted")
        cur = q.currency
        if q.status == "sufficient":
            months = f" · {q.reserve_months_available} months of reserves after closing"
            text = f"<span style='color:{good}'>✔ Sufficient</span>{months}"
        elif q.status == "short":
            text = f"<span style='color:{bad}'>✘ Short by {money(q.shortfall, cur)}</span>"
        else:
            text = f"<span style='color:{muted}'>Not assessed</span>"
        self.answer.setText(f"<b style='font-size:16px'>{text}</b>")
        self.answer.setToolTip(q.notes[0] if q.notes else "")
        self.figures.setText(_figures(q))
        extra = q.notes[1:] if q.status != "not_assessed" else q.notes
        self.notes.setText("<br>".join(f"• {html.escape(n)}" for n in extra))
        self.notes.setVisible(bool(extra))
        self.model.set_rows(q.accounts)
        rows = min(max(len(q.accounts), 2), 8)  # the table as tall as its rows, within reason
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setMaximumHeight(header + rows * 22 + 4)


def _figures(q: Qualification) -> str:
    cur = q.currency

    def m(amount: Decimal | None) -> str:
        return money(amount, cur) if amount is not None else "—"

    muted = palette_colors().css("muted")
    months = q.reserve_months
    reserves = (
        f"Reserves ({months.normalize():f} × {m(q.monthly_housing_payment)})"
        if months is not None and q.monthly_housing_payment is not None
        else "Reserves"
    )
    rows = [
        ("Cash to close", m(q.cash_to_close)),
        (reserves, m(q.reserves_required)),
        ("<b>Funds required</b>", f"<b>{m(q.funds_required)}</b>"),
        ("<b>Eligible assets</b>", f"<b>{m(q.eligible_assets)}</b>"),
        *(
            (f"<span style='color:{muted}'>&nbsp;&nbsp;{kind}</span>",
             f"<span style='color:{muted}'>{m(q.eligible_by_kind[key])}</span>")
            for key, kind in (("liquid", "liquid"), ("securities", "securities"),
                              ("retirement", "retirement"))
            if q.eligible_by_kind[key] or key == "liquid"
        ),
        ("Reserves after closing", m(q.reserves_after_closing)),
    ]  # fmt: skip
    body = "".join(
        f"<tr><td>{name}&nbsp;&nbsp;</td><td align=right>{value}</td></tr>" for name, value in rows
    )
    return f"<table>{body}</table>"
