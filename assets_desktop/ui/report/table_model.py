"""The part every report table shares: row and column counts, the header texts and tips, the
right-aligned number columns, and for a table over a list of rows, the cell lookup."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ParentIndex = QModelIndex | QPersistentModelIndex

#: The alignment of a number cell.
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class HeaderedTableModel(QAbstractTableModel):
    """A flat table with fixed column `headers` (and `header_tips`, the header tooltips);
    subclasses say how many rows and what `data` is."""

    headers: ClassVar[tuple[str, ...]] = ()
    header_tips: ClassVar[Mapping[int, str]] = {}

    def row_total(self) -> int:
        """How many rows the table has."""
        raise NotImplementedError

    def rowCount(self, parent: ParentIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: ParentIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips.get(section)
        return None


Row = TypeVar("Row")


class RowsTableModel(HeaderedTableModel, Generic[Row]):
    """A flat table over a list of row values that is replaced whole (`set_rows`); subclasses
    say what a cell shows (`cell`) and which columns hold numbers (`right_aligned`)."""

    right_aligned: ClassVar[frozenset[int]] = frozenset()

    def __init__(self, rows: Sequence[Row] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = list(rows)

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show other rows."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index: ParentIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if index.column() in self.right_aligned else None
        return self.cell(self.rows[index.row()], index.column(), role)

    def cell(self, row: Row, column: int, role: int) -> Any:
        """What the cell of `row` in `column` holds for `role` (the alignment aside)."""
        raise NotImplementedError
