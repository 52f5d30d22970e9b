"""The flag list of the Summary tab: every analysis flag with how it was resolved."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from assets_desktop.domain.analysis.decisions import KIND_TITLES
from assets_desktop.domain.analysis.types import Flag, FlagCode
from assets_desktop.services.review import ReviewState
from assets_desktop.ui.colors import palette_colors
from assets_desktop.ui.report.formatting import SORT_ROLE, money, short_date
from assets_desktop.ui.report.table_model import RowsTableModel

__all__ = ["FlagColumn", "FlagsModel", "flag_title"]


def flag_title(flag: Flag) -> str:
    """`Large deposit`, a flag code for people."""
    return FlagCode(flag.code).label


class FlagColumn(IntEnum):
    STATUS = 0
    FLAG = 1
    ACCOUNT = 2
    DATE = 3
    AMOUNT = 4
    MESSAGE = 5
    RESOLUTION = 6


HEADERS = ("Status", "Flag", "Account", "Date", "Amount", "What to check", "Resolution")


class FlagsModel(RowsTableModel[Flag]):
    """One row per flag; open flags are highlighted, resolved ones greyed with their
    disposition (kind, source, reason, document, where it was carried from)."""

    headers = HEADERS
    right_aligned = frozenset((FlagColumn.AMOUNT,))

    def __init__(
        self,
        flags: Sequence[Flag],
        account_labels: Mapping[str, str],
        review: ReviewState | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(flags, parent)
        self.account_labels = dict(account_labels)
        self.review = review or ReviewState()
        colors = palette_colors()  # open flags tinted, cleared ones muted, on any palette
        self._open_brush = QBrush(colors.flagged)
        self._cleared_brush = QBrush(colors.muted)

    def set_review(self, review: ReviewState) -> None:
        """Show another review state (e.g. after a flag was cleared)."""
        self.review = review
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(HEADERS) - 1)
            )

    @property
    def flag_list(self) -> list[Flag]:
        """The flags, in the model's row order."""
        return self.rows

    def is_cleared(self, flag: Flag) -> bool:
        """True when the underwriter resolved this flag (here or on an earlier report)."""
        return self.review.resolution(flag) is not None

    @property
    def open_count(self) -> int:
        """Flags not cleared yet."""
        return sum(not self.is_cleared(f) for f in self.rows)

    def cell(self, flag: Flag, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._display(flag, column, raw=role == SORT_ROLE)
        if role == Qt.ItemDataRole.ToolTipRole:
            resolution = self.review.resolution(flag)
            return flag.message + (f"\n\n{resolution.summary}" if resolution else "")
        cleared = self.is_cleared(flag)
        if role == Qt.ItemDataRole.BackgroundRole and not cleared:
            return self._open_brush
        if role == Qt.ItemDataRole.ForegroundRole and cleared:
            return self._cleared_brush
        return None

    def _display(self, flag: Flag, column: int, raw: bool) -> Any:
        resolution = self.review.resolution(flag)
        if column == FlagColumn.STATUS:
            if resolution is None:
                return "Open"
            return KIND_TITLES[resolution.kind].split()[0] + (
                " ↻" if resolution.carried_from else ""
            )
        if column == FlagColumn.FLAG:
            return flag_title(flag)
        if column == FlagColumn.ACCOUNT:
            if flag.account_id is None:
                return "Whole report"
            return self.account_labels.get(flag.account_id, flag.account_id)
        if column == FlagColumn.DATE:
            if raw:
                return flag.date.toordinal() if flag.date else 0
            return short_date(flag.date) if flag.date else ""
        if column == FlagColumn.AMOUNT:
            if raw:
                return float(flag.amount) if flag.amount is not None else 0.0
            if flag.amount is None:
                return f"{flag.days} days" if flag.days else ""
            # A negative balance flag carries the lowest balance as a positive amount.
            negative = flag.code == "NEGATIVE_BALANCE"
            text = money(-flag.amount if negative else flag.amount, flag.currency or "USD")
            return f"{text} · {flag.days} days" if flag.days else text
        if column == FlagColumn.MESSAGE:
            return flag.message
        return resolution.summary if resolution else ""
