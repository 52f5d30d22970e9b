"""The Changes tab: what changed against the parent report (or any other report), and which
dispositions were carried over from earlier reports of the loan file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.domain.analysis.decisions import Disposition
from assets_desktop.domain.analysis.types import Flag, ReportDiff
from assets_desktop.services.review import ReviewState
from assets_desktop.ui.colors import palette_colors
from assets_desktop.ui.report.flags_model import flag_title
from assets_desktop.ui.report.formatting import SORT_ROLE, format_signed_money, money, short_date
from assets_desktop.ui.report.table_model import RowsTableModel
from assets_desktop.ui.report.widgets import sortable_table

__all__ = ["ChangesModel", "ChangesTab"]

_KIND_COLORS = {
    "Account added": "good",
    "Account removed": "bad",
    "New flag": "bad",
    "Flag gone": "good",
    "Decision carried": "good",
}
Carried = Sequence[tuple[Flag, Disposition]]


@dataclass(frozen=True)
class ChangeRow:
    kind: str
    account: str
    date: dt.date | None
    detail: str
    amount: str
    sort_amount: float = 0.0


HEADERS = ("Change", "Account", "Date", "Detail", "Amount (+ in, − out)")


class ChangeColumn(IntEnum):
    KIND = 0
    ACCOUNT = 1
    DATE = 2
    DETAIL = 3
    AMOUNT = 4


def change_rows(diff: ReportDiff, labels: Mapping[str, str]) -> list[ChangeRow]:
    """Every change of a diff as one row, grouped by kind."""
    rows: list[ChangeRow] = []
    for kind, refs, detail in (
        ("Account added", diff.accounts_added, "New {} account"),
        ("Account removed", diff.accounts_removed, "{} account no longer in the report"),
    ):
        for ref in refs:
            amount = money(ref.current, ref.currency)
            rows.append(
                ChangeRow(
                    kind, ref.label, None, detail.format(ref.type), amount, float(ref.current or 0)
                )
            )
    for change in diff.balance_changes:
        delta = change.current_change
        detail = (
            f"Current {money(change.current_before, change.currency)} → "
            f"{money(change.current_after, change.currency)}; available "
            f"{money(change.available_before, change.currency)} → "
            f"{money(change.available_after, change.currency)}"
        )
        amount = "n/a" if delta is None else format_signed_money(-float(delta), change.currency)
        rows.append(
            ChangeRow("Balance change", change.label, None, detail, amount, float(delta or 0))
        )
    for txn in diff.new_transactions:
        detail = f"{txn.description} (pending)" if txn.pending else txn.description
        rows.append(
            ChangeRow(
                "New transaction",
                labels.get(txn.account_id, txn.account_id),
                txn.date,
                detail,
                format_signed_money(float(txn.amount), txn.currency),
                -float(txn.amount),
            )
        )
    for kind, flags in (("New flag", diff.new_flags), ("Flag gone", diff.resolved_flags)):
        rows.extend(_flag_row(kind, flag, flag.message, labels) for flag in flags)
    return rows


def carried_decisions(flags: Sequence[Flag], review: ReviewState) -> Carried:
    """The flags whose disposition was carried from an earlier report, with it."""
    found = ((flag, review.resolution(flag)) for flag in flags)
    return [(flag, d) for flag, d in found if d is not None and d.carried_from]


def carried_rows(carried: Carried, labels: Mapping[str, str]) -> list[ChangeRow]:
    """One row per flag whose disposition came from an earlier report of the loan file."""
    return [
        _flag_row("Decision carried", flag, decision.summary, labels) for flag, decision in carried
    ]


def _flag_row(kind: str, flag: Flag, detail: str, labels: Mapping[str, str]) -> ChangeRow:
    """A flag's row: its account, date, title with `detail`, and amount."""
    return ChangeRow(
        kind,
        labels.get(flag.account_id or "", "Whole report"),
        flag.date,
        f"{flag_title(flag)}: {detail}",
        money(flag.amount, flag.currency or "USD") if flag.amount is not None else "",
        float(flag.amount or 0),
    )


class ChangesModel(RowsTableModel[ChangeRow]):
    """The rows of a diff."""

    headers = HEADERS
    right_aligned = frozenset((ChangeColumn.AMOUNT,))

    def cell(self, row: ChangeRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ChangeColumn.DATE:
                return short_date(row.date) if row.date else ""
            return (row.kind, row.account, "", row.detail, row.amount)[column]
        if role == SORT_ROLE:
            if column == ChangeColumn.DATE:
                return row.date.toordinal() if row.date else 0
            if column == ChangeColumn.AMOUNT:
                return row.sort_amount
            return (row.kind, row.account, "", row.detail, "")[column].lower()
        if role == Qt.ItemDataRole.ToolTipRole and column == ChangeColumn.DETAIL:
            return row.detail
        if role == Qt.ItemDataRole.ForegroundRole and column == ChangeColumn.KIND:
            color = _KIND_COLORS.get(row.kind)
            return QBrush(getattr(palette_colors(), color)) if color else None
        return None


class ChangesTab(QWidget):
    """A summary line, a choice of the report to compare with, and the table of changes.

    Signals:
        compare_requested(str): the id of the report the user chose to compare with.
    """

    compare_requested = Signal(str)

    def __init__(self, labels: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changesTab")
        self.labels = dict(labels)
        self.diff: ReportDiff | None = None
        self.other: str | None = None
        self.carried: Carried = ()
        self.heading = QLabel(self)
        self.heading.setObjectName("changesHeading")
        self.heading.setAccessibleName("Changes summary")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.model = ChangesModel(parent=self)
        widths = {
            ChangeColumn.KIND: 130, ChangeColumn.ACCOUNT: 190, ChangeColumn.DATE: 90,
            ChangeColumn.AMOUNT: 130,
        }  # fmt: skip
        table, self.proxy = sortable_table(
            self, ("changesTable", "Changes"), self.model, widths.items(), 24
        )
        header = table.horizontalHeader()
        # The amount before the (long) detail: on a narrow window it stays in sight.
        header.moveSection(header.visualIndex(ChangeColumn.AMOUNT), ChangeColumn.DETAIL)
        self.table = table
        self.compare_choice = QComboBox(self)
        self.compare_choice.setObjectName("compareWith")
        self.compare_choice.setAccessibleName("Report to compare with")
        self.compare_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.compare_choice.activated.connect(self._on_compare_chosen)
        self.compare_label = QLabel("Compare with:", self)
        choice = QHBoxLayout()
        choice.addWidget(self.compare_label)
        choice.addWidget(self.compare_choice)
        choice.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(choice)
        layout.addWidget(table, 1)
        self.set_comparable(())
        self.set_diff(None)

    def set_comparable(
        self, reports: Sequence[tuple[str, str]], current: str | None = None
    ) -> None:
        """The other reports of the loan file, as (report id, "refresh of 2026-12-03, 90
        days"), offered to compare with; `current` is the one compared now."""
        self.compare_choice.blockSignals(True)
        self.compare_choice.clear()
        for report_id, label in reports:
            self.compare_choice.addItem(label, report_id)
        index = self.compare_choice.findData(current) if current else -1
        self.compare_choice.setCurrentIndex(index)
        self.compare_choice.setPlaceholderText("Choose a report…")
        self.compare_choice.blockSignals(False)
        for widget in (self.compare_label, self.compare_choice):
            widget.setVisible(bool(reports))

    def _on_compare_chosen(self, index: int) -> None:
        report_id = self.compare_choice.itemData(index)
        if report_id:
            self.compare_requested.emit(str(report_id))

    def set_carried(self, carried: Carried) -> None:
        """Show the dispositions carried from earlier reports (they change with the review)."""
        self.carried = tuple(carried)
        self.set_diff(self.diff, self.other)

    def set_diff(self, diff: ReportDiff | None, other: str | None = None) -> None:
        """Show a diff (None: nothing to compare with) and the carried dispositions."""
        self.diff, self.other = diff, other
        carried = carried_rows(self.carried, self.labels)
        decisions = (
            f" {len(carried)} decision{'' if len(carried) == 1 else 's'} carried from earlier "
            "reports of the loan file."
            if carried
            else ""
        )
        if diff is None:
            self.model.set_rows(carried)
            hint = (
                "Choose a report of the loan file to compare with."
                if self.compare_choice.count()
                else "No other report to compare with. A refresh of this report, or another "
                "report of the loan file, shows here what changed."
            )
            self.heading.setText(hint + decisions)
            return
        self.model.set_rows(change_rows(diff, self.labels) + carried)
        counts = (
            (len(diff.accounts_added), "account added", "accounts added"),
            (len(diff.accounts_removed), "account removed", "accounts removed"),
            (len(diff.balance_changes), "balance change", "balance changes"),
            (len(diff.new_transactions), "new transaction", "new transactions"),
            (len(diff.new_flags), "new flag", "new flags"),
            (len(diff.resolved_flags), "flag gone", "flags gone"),
        )
        parts = [f"{n:,} {one if n == 1 else many}" for n, one, many in counts]
        against = other or diff.older_report_id
        summary = "nothing changed" if diff.is_empty else ", ".join(parts)
        self.heading.setText(f"Compared with <b>{against}</b>: {summary}.{decisions}")
