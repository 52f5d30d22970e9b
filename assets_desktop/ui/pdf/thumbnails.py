"""The thumbnails sidebar: one small image per page; clicking one jumps to that page."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from assets_desktop.ui.pdf.render import RenderedPage

THUMB_WIDTH = 110  # logical pixels


class ThumbnailPanel(QListView):
    """A vertical list of page thumbnails; `page_activated(index)` when the user picks one."""

    page_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfThumbnails")
        self.setAccessibleName("Page thumbnails")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setSpacing(6)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedWidth(THUMB_WIDTH + 44)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.clicked.connect(self._picked)
        self.activated.connect(self._picked)

    def set_pages(self, sizes: list[tuple[float, float]]) -> None:
        """One placeholder per page, sized like the page."""
        self._model.clear()
        tallest = 1.0
        blanks: dict[int, QIcon] = {}
        items = []
        for number, (w, h) in enumerate(sizes, start=1):
            height = max(1, round(THUMB_WIDTH * h / w)) if w else THUMB_WIDTH
            tallest = max(tallest, height)
            if height not in blanks:
                blank = QPixmap(THUMB_WIDTH, height)
                blank.fill(QColor(245, 245, 245))
                blanks[height] = QIcon(blank)
            item = QStandardItem(blanks[height], str(number))
            item.setData(number - 1, Qt.ItemDataRole.UserRole)
            item.setToolTip(f"Page {number}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            items.append(item)
        self.setIconSize(QSize(THUMB_WIDTH, int(tallest)))
        if items:  # at once: one insertion for the list to lay out, not one per page
            self._model.invisibleRootItem().appendRows(items)

    def set_thumbnail(self, page: int, rendered: RenderedPage) -> None:
        item = self._model.item(page)
        if item is not None:
            pixmap = QPixmap.fromImage(rendered.image)
            painter = QPainter(pixmap)
            painter.setPen(QColor(150, 150, 150))
            painter.drawRect(0, 0, pixmap.width() - 1, pixmap.height() - 1)
            painter.end()
            pixmap.setDevicePixelRatio(rendered.image.devicePixelRatio())
            item.setIcon(QIcon(pixmap))

    def thumbnail_scale(self, width_pt: float) -> float:
        """Device pixels per point that make a page THUMB_WIDTH logical pixels wide."""
        return THUMB_WIDTH * self.devicePixelRatioF() / max(width_pt, 1.0)

    def visible_rows(self) -> range:
        """The rows in view now (the first ten before the list is laid out)."""
        viewport = self.viewport().rect()
        top = self._row_near(viewport.top(), 4, viewport.bottom())
        bottom = self._row_near(viewport.bottom(), -4, viewport.top())
        first = top if top is not None else 0
        last = bottom if bottom is not None else first + 9
        return range(first, max(first, last) + 1)

    def _row_near(self, y: int, step: int, limit: int) -> int | None:
        """The first row found from `y` towards `limit` (items have gaps between them)."""
        x = self.viewport().rect().center().x()
        while (limit - y) * step >= 0:
            index = self.indexAt(QPoint(x, y))
            if index.isValid():
                return index.row()
            y += step
        return None

    def show_current(self, page: int) -> None:
        index = self._model.index(page, 0)
        if index.isValid() and self.currentIndex() != index:
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def _picked(self, index: QModelIndex) -> None:
        self.page_activated.emit(int(index.data(Qt.ItemDataRole.UserRole)))
