"""Small widgets of the report views: a selectable rich-text label, the
selected flag read in full under the flags table, widgets shown a turn after the first paint,
the report's tables and their row selection, and the file dialogs (open, save)."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
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
    "ShownLater",
    "ask_open_path",
    "ask_save_path",
    "select_row",
    "sortable_table",
    "table_view",
    "text_label",
]

FRAME_MS = 16  # one frame at 60 Hz


def text_label(parent: QWidget, name: str, accessible: str) -> QLabel:
    """A wrapping, selectable rich-text label."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class FlagDetail(QLabel):
    """The selected flag in full, wrapped: what to check, and how it was resolved (the table's
    "What to check" column is cut on a narrow window)."""

    EMPTY = "Select a flag to read it in full here."

    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.EMPTY, parent)
        self.setObjectName("flagDetail")
        self.setAccessibleName("Selected flag")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
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


class ShownLater(QObject):
    """Keeps `widgets` hidden until the turn of the event loop after `owner` first shows, so
    laying them out does not add to the stall of the first paint."""

    def __init__(self, owner: QWidget, widgets: Sequence[QWidget]) -> None:
        super().__init__(owner)
        self._owner = owner
        self._widgets = list(widgets)
        for widget in self._widgets:
            widget.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        owner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._widgets:
            self._timer.start(FRAME_MS)  # after the first frame, not in the same pass
        return False

    def _show(self) -> None:
        for widget in self._widgets:
            widget.show()
        self._widgets.clear()
        self._owner.removeEventFilter(self)


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
