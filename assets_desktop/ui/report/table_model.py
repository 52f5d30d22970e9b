"""The part every flat report table shares: row and column counts and the header texts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ParentIndex = QModelIndex | QPersistentModelIndex


class HeaderedTableModel(QAbstractTableModel):
    """A flat table with fixed column `headers`; subclasses say how many rows and what `data` is."""

    headers: ClassVar[tuple[str, ...]] = ()

    def row_total(self) -> int:
        """How many rows the table has."""
        raise NotImplementedError

    def rowCount(self, parent: ParentIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: ParentIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None


Row = TypeVar("Row")


class RowsTableModel(HeaderedTableModel, Generic[Row]):
    """A flat table over a list of row values that is replaced whole (`set_rows`)."""

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
