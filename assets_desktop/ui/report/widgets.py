"""Small widgets of the report views: a selectable rich-text label, the selected flag read in
full under the flags table, the report's tables and their row selection, and the file dialogs
(open, save)."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from assets_desktop.domain.analysis.decisions import Disposition
from assets_desktop.domain.analysis.types import Flag
from assets_desktop.ui.report.flags_model import flag_title
from assets_desktop.ui.report.formatting import SORT_ROLE

__all__ = [
    "FlagDetail",
    "WrappedLabel",
    "ask_open_path",
    "ask_save_path",
    "select_row",
    "sortable_table",
    "table_view",
    "text_label",
]


class WrappedLabel(QLabel):
    """A word-wrapped label that lays its text out once per width asked.

    QLabel lays its whole text out again on every `heightForWidth`, and the summary's layouts
    ask each label 15-50 times per pass (a rich-text table each time): measured, half the
    cost of showing and laying out the summary's detail boxes.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._heights: dict[int, int] = {}

    def setText(self, text: str) -> None:
        self._heights.clear()
        super().setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height


def text_label(parent: QWidget, name: str, accessible: str) -> QLabel:
    """A wrapping, selectable rich-text label."""
    label = WrappedLabel("", parent)
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class FlagDetail(WrappedLabel):
    """The selected flag in full, wrapped: what to check, and how it was resolved (the table's
    "What to check" column is cut on a narrow window)."""

    EMPTY = "Select a flag to read it in full here."

    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.EMPTY, parent)
        self.setObjectName("flagDetail")
        self.setAccessibleName("Selected flag")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_flag(self, flag: Flag | None, resolution: Disposition | None = None) -> None:
        """Show a flag (None: the hint) and its resolution, if any."""
        if flag is None:
            self.setText(self.EMPTY)
            return
        text = f"<b>{html.escape(flag_title(flag))}</b>: {html.escape(flag.message)}"
        if resolution is not None:
            text += f"<br><i>Resolved</i> — {html.escape(resolution.summary)}"
        self.setText(text)


def ask_save_path(
    parent: QWidget, title: str, name: str, filter_: str, file: str, chosen: Callable[[str], object]
) -> QFileDialog:
    """A non-blocking save dialog (`filter_` like "CSV files (*.csv)" gives the suffix) that
    calls `chosen(path)` when the user picks a file."""
    dialog = _file_dialog(parent, title, name, [filter_], chosen)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(filter_.rsplit(".", 1)[-1].rstrip(")"))
    dialog.selectFile(file)
    dialog.open()
    return dialog


def ask_open_path(
    parent: QWidget, title: str, name: str, filters: list[str], chosen: Callable[[str], object]
) -> QFileDialog:
    """A non-blocking dialog picking an existing file (`filters` like "All files (*)") that
    calls `chosen(path)` when the user picks one."""
    dialog = _file_dialog(parent, title, name, filters, chosen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.open()
    return dialog


def _file_dialog(
    parent: QWidget, title: str, name: str, filters: list[str], chosen: Callable[[str], object]
) -> QFileDialog:
    dialog = QFileDialog(parent, title)
    dialog.setObjectName(name)
    dialog.setNameFilters(filters)
    dialog.fileSelected.connect(chosen)
    return dialog


def table_view(
    parent: QWidget,
    names: tuple[str, str],
    model: QAbstractItemModel,
    widths: Iterable[tuple[int, int]],
) -> QTableView:
    """A table of `model` (object and accessible `names`) that selects whole rows, has no row
    numbers, the (column, width)s given and its last column stretched."""
    table = QTableView(parent)
    table.setObjectName(names[0])
    table.setAccessibleName(names[1])
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    for column, width in widths:
        table.setColumnWidth(column, width)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def select_row(table: QTableView, index: QModelIndex) -> None:
    """Make the row of `index` (an index of the table's model) the current and only selected
    row of `table`."""
    flags = QItemSelectionModel.SelectionFlag
    table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)


def sortable_table(
    parent: QWidget,
    names: tuple[str, str],
    model: QAbstractItemModel,
    widths: Iterable[tuple[int, int]],
    row_height: int = 26,
) -> tuple[QTableView, QSortFilterProxyModel]:
    """A `table_view` of `model` that sorts by `SORT_ROLE` when a header is clicked (unsorted
    at first), with rows of `row_height`; and its proxy."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = table_view(parent, names, proxy, widths)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(row_height)
    return table, proxy
