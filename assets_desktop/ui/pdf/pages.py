"""The continuous, vertically scrolling page area: layout, painting, hits, rubber-band selection.

Pages are painted straight from the render cache in `paintEvent` (no widget per page). A page
not rendered yet at the current zoom shows a stand-in (another zoom's render, scaled) or a
"Loading" placeholder; a page that failed to render shows why.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from assets_desktop.ui.pdf.document import Rect, SearchHit
from assets_desktop.ui.pdf.render import PageCache, RenderKey, is_tiled, preview_scale
from assets_desktop.ui.pdf.worker import TILE

POINTS_TO_PIXELS = 96 / 72  # 100 % zoom shows a page at its printed size on a 96 dpi screen
GAP = 12
MARGIN = 16
HIT_COLOR = QColor(255, 214, 0, 110)
CURRENT_HIT_COLOR = QColor(255, 120, 0, 150)
SELECTION_COLOR = QColor(40, 110, 230, 70)


class PageCanvas(QAbstractScrollArea):
    """Shows every page of a document stacked vertically at one zoom."""

    visible_changed = Signal()  # the set of pages on screen (or the zoom) changed
    current_page_changed = Signal(int)
    zoom_step_requested = Signal(int, QPoint)  # +1/-1 from Ctrl+wheel, at a viewport position
    selection_changed = Signal()
    resized = Signal()

    def __init__(self, cache: PageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPages")
        self.setAccessibleName("PDF pages")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.cache = cache
        self.failed: dict[int, str] = {}
        self.hits: Sequence[SearchHit] = ()
        self.current_hit: int = -1
        self.selection: tuple[int, Rect] | None = None
        self._drag_start: tuple[int, QPointF] | None = None
        self._sizes: list[tuple[float, float]] = []
        self._tops: list[float] = []
        self._scale = 1.0  # logical pixels per PDF point
        self._current_page = 0
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)

    # geometry ----------------------------------------------------------------------------

    @property
    def scale(self) -> float:
        return self._scale

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    @property
    def current_page(self) -> int:
        return self._current_page

    def set_pages(self, sizes: list[tuple[float, float]]) -> None:
        self._sizes = list(sizes)
        self.failed.clear()
        self.hits, self.current_hit, self.selection = (), -1, None
        self._current_page = 0
        self._relayout()
        self.verticalScrollBar().setValue(0)

    def device_scale(self, page: int) -> float:
        """Device pixels per point at the current zoom and screen."""
        return self._scale * self.devicePixelRatioF()

    def is_tiled(self, page: int) -> bool:
        w, h = self._sizes[page]
        return is_tiled(w, h, self.device_scale(page))

    def render_scale(self, page: int) -> float:
        """Device pixels per point of the whole-page render (capped for tiled pages)."""
        w, h = self._sizes[page]
        scale = self.device_scale(page)
        return preview_scale(w, h, scale) if is_tiled(w, h, scale) else scale

    def render_key(self, page: int) -> RenderKey:
        """The whole-page render shown for `page` (a preview under the tiles of a big page)."""
        return RenderKey(page, round(self.render_scale(page) * 1000))

    def visible_tiles(self, page: int, margin: int = 128) -> list[RenderKey]:
        """The tiles of a tiled page that intersect the viewport (widened by `margin` px)."""
        if not self.is_tiled(page):
            return []
        rect = self.page_rect(page)
        view = QRectF(self.viewport().rect()).adjusted(-margin, -margin, margin, margin)
        seen = rect.intersected(view)
        if seen.isEmpty():
            return []
        scale = self.device_scale(page)
        dpr = self.devicePixelRatioF()
        to_tile = dpr / TILE
        c0, c1 = int((seen.left() - rect.x()) * to_tile), int((seen.right() - rect.x()) * to_tile)
        r0, r1 = int((seen.top() - rect.y()) * to_tile), int((seen.bottom() - rect.y()) * to_tile)
        milli = round(scale * 1000)
        return [
            RenderKey(page, milli, "page", (c, r))
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
        ]

    def render_plan(self, margin_pages: int) -> list[tuple[RenderKey, int, float]]:
        """What to render next as (key, urgency, exact scale), most urgent (lowest) first: the
        visible pages (or their preview, then their visible tiles), then whole pages
        `margin_pages` around them. Keys round the scale; renders use the exact one."""
        current, visible = self._current_page, self.visible_pages()
        plan = []
        for page in self.visible_pages(margin_pages):
            distance = abs(page - current)
            if page in self.failed:
                continue
            whole = (self.render_key(page), distance, self.render_scale(page))
            if page not in visible:
                plan.append((whole[0], 200 + distance, whole[2]))
                continue
            plan.append(whole)
            scale = self.device_scale(page)
            plan.extend((key, 100 + distance, scale) for key in self.visible_tiles(page))
        return [item for item in plan if item[0] not in self.cache]

    def content_width(self) -> float:
        widest = max((w for w, _ in self._sizes), default=0.0)
        return widest * self._scale + 2 * MARGIN

    def _relayout(self) -> None:
        self._tops, y = [], float(MARGIN)
        for _, h in self._sizes:
            self._tops.append(y)
            y += h * self._scale + GAP
        total = y - GAP + MARGIN if self._sizes else 0.0
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        vbar.setRange(0, max(0, int(total) - self.viewport().height()))
        vbar.setPageStep(self.viewport().height())
        vbar.setSingleStep(40)
        hbar.setRange(0, max(0, int(self.content_width()) - self.viewport().width()))
        hbar.setPageStep(self.viewport().width())
        hbar.setSingleStep(40)
        self._update_current()
        self.viewport().update()
        self.visible_changed.emit()

    def page_rect(self, page: int) -> QRectF:
        """The page's rectangle in viewport coordinates."""
        w, h = self._sizes[page]
        width = w * self._scale
        area = max(float(self.viewport().width()), self.content_width())
        x = round((area - width) / 2) - self.horizontalScrollBar().value()
        y = round(self._tops[page]) - self.verticalScrollBar().value()  # on the pixel grid: sharp
        return QRectF(x, y, width, h * self._scale)

    def visible_pages(self, margin_pages: int = 0) -> range:
        """Pages intersecting the viewport, widened by `margin_pages` on both sides."""
        if not self._sizes:
            return range(0)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        last = max(first, bisect.bisect_left(self._tops, bottom) - 1)
        return range(max(0, first - margin_pages), min(len(self._sizes), last + 1 + margin_pages))

    def set_scale(self, scale: float, anchor: QPoint | None = None) -> None:
        """Zoom to `scale` logical px per point, keeping the document point under `anchor`."""
        if not self._sizes or abs(scale - self._scale) < 1e-6:
            self._scale = scale
            return
        anchor = anchor or QPoint(self.viewport().width() // 2, 0)
        under = self.page_at(anchor)
        page = under if under is not None else self._current_page
        rect = self.page_rect(page)
        fx = (anchor.x() - rect.x()) / self._scale
        fy = (anchor.y() - rect.y()) / self._scale
        self._scale = scale
        self._relayout()
        new = self.page_rect(page)
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        hbar.setValue(round(hbar.value() + new.x() + fx * scale - anchor.x()))
        vbar.setValue(round(vbar.value() + new.y() + fy * scale - anchor.y()))

    def scroll_to_page(self, page: int, y_points: float = 0.0) -> None:
        """Put `page` (at `y_points` down the page) at the top of the viewport."""
        page = max(0, min(page, len(self._sizes) - 1))
        top = self._tops[page] - GAP / 2 + y_points * self._scale
        self.verticalScrollBar().setValue(round(top))
        self._current_page = page  # the last pages may not reach the top: the user asked for it
        self.current_page_changed.emit(page)

    def ensure_visible(self, page: int, rect: Rect) -> None:
        """Scroll so that `rect` (points) on `page` is on screen, with some context above."""
        r = self.page_rect(page)
        top = r.y() + rect[1] * self._scale
        bottom = r.y() + rect[3] * self._scale
        height = self.viewport().height()
        vbar = self.verticalScrollBar()
        if top < 0 or bottom > height:
            vbar.setValue(round(vbar.value() + top - height / 3))
        left, right = r.x() + rect[0] * self._scale, r.x() + rect[2] * self._scale
        hbar = self.horizontalScrollBar()
        if left < 0 or right > self.viewport().width():
            hbar.setValue(round(hbar.value() + left - self.viewport().width() / 3))

    def page_at(self, pos: QPoint | QPointF) -> int | None:
        for page in self.visible_pages():
            if self.page_rect(page).contains(QPointF(pos)):
                return page
        return None

    def to_page_point(self, page: int, pos: QPointF) -> QPointF:
        r = self.page_rect(page)
        w, h = self._sizes[page]
        x = min(max((pos.x() - r.x()) / self._scale, 0.0), w)
        y = min(max((pos.y() - r.y()) / self._scale, 0.0), h)
        return QPointF(x, y)

    def _scrolled(self) -> None:
        self._update_current()
        self.viewport().update()
        self.visible_changed.emit()

    def _update_current(self) -> None:
        """The current page is the one showing the most area."""
        best, best_area = self._current_page, -1.0
        view = QRectF(self.viewport().rect())
        for page in self.visible_pages():
            inter = self.page_rect(page).intersected(view)
            area = inter.width() * inter.height()
            if area > best_area + 1:
                best, best_area = page, area
        if best != self._current_page and self._sizes:
            self._current_page = best
            self.current_page_changed.emit(best)

    # events --------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()
        self.resized.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_step_requested.emit(1 if delta > 0 else -1, event.position().toPoint())
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        page = self.page_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and page is not None:
            self._drag_start = (page, self.to_page_point(page, event.position()))
            self.selection = None
            self.viewport().update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_start is not None:
            page, start = self._drag_start
            end = self.to_page_point(page, event.position())
            x0, x1 = sorted((start.x(), end.x()))
            y0, y1 = sorted((start.y(), end.y()))
            self.selection = (page, (x0, y0, x1, y1))
            self.viewport().update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_start is not None:
            self._drag_start = None
            if self.selection is not None:
                _, (x0, y0, x1, y1) = self.selection
                if (x1 - x0) * self._scale < 3 or (y1 - y0) * self._scale < 3:
                    self.selection = None  # a click, not a drag
            self.viewport().update()
            self.selection_changed.emit()
        super().mouseReleaseEvent(event)

    def set_selection(self, page: int, rect: Rect | None) -> None:
        self.selection = None if rect is None else (page, rect)
        self.viewport().update()
        self.selection_changed.emit()

    # painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), QColor(96, 99, 104))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        dirty = QRectF(event.rect()).adjusted(-4, -4, 4, 4)  # the page shadow reaches out
        for page in self.visible_pages():
            if self.page_rect(page).intersects(dirty):
                self._paint_page(painter, page, dirty)
        painter.end()

    def update_render(self, key: RenderKey) -> None:
        """Repaint only where a finished render shows: its tile, or its page."""
        if key.page not in self.visible_pages():
            return
        rect = self.page_rect(key.page)
        if key.tile is not None:
            side = TILE / self.devicePixelRatioF()
            rect = QRectF(
                rect.x() + key.tile[0] * side, rect.y() + key.tile[1] * side, side, side
            ).intersected(rect)
        self.viewport().update(rect.toAlignedRect().adjusted(-1, -1, 4, 4))

    def _paint_page(self, painter: QPainter, page: int, dirty: QRectF) -> None:
        """The page's shadow, then its render (at 400 %, a shadow under the page and a scaled
        preview under complete tiles were most of a paging stall)."""
        rect = self.page_rect(page)
        shadow = QColor(0, 0, 0, 60)  # 2 px right and 3 px below the page, not under it
        painter.fillRect(QRectF(rect.right(), rect.top() + 3, 2, rect.height()), shadow)
        painter.fillRect(QRectF(rect.left() + 2, rect.bottom(), rect.width() - 2, 3), shadow)
        if page in self.failed:
            painter.fillRect(rect, Qt.GlobalColor.white)
            painter.setPen(QColor(160, 20, 20))
            painter.drawText(
                rect.adjusted(24, 24, -24, -24),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                f"Page {page + 1} could not be rendered: {self.failed[page]}.\n"
                "Re-download the PDF from the report, or open the JSON view.",
            )
            return
        exact = None if self.is_tiled(page) else self.cache.get(self.render_key(page))
        if exact is not None:
            painter.drawImage(rect.topLeft(), exact.image)  # 1:1 device pixels: no resampling
        elif self.is_tiled(page) and self._tiles_cover(page, rect, dirty):
            painter.fillRect(rect.intersected(dirty), Qt.GlobalColor.white)  # under tile seams
            self._paint_tiles(painter, page, rect)
        elif (rendered := self.cache.best_for_page(page)) is not None:
            painter.fillRect(rect, Qt.GlobalColor.white)
            # A stand-in at another zoom, scaled; not smoothed under tiles (a big page at 400 %:
            # smoothing 1 MP up to the viewport took most of a paging frame, for ~50 ms).
            smooth = QPainter.RenderHint.SmoothPixmapTransform
            painter.setRenderHint(smooth, not self.is_tiled(page))
            painter.drawImage(rect, rendered.image)
            painter.setRenderHint(smooth, True)
            self._paint_tiles(painter, page, rect)
        else:
            painter.fillRect(rect, Qt.GlobalColor.white)
            painter.setPen(QColor(120, 120, 120))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"Loading page {page + 1}…")
        self._paint_marks(painter, page, rect)

    def _tiles_cover(self, page: int, rect: QRectF, dirty: QRectF) -> bool:
        """Whether the cached tiles of a big page cover all of it inside `dirty`."""
        side = TILE / self.devicePixelRatioF()
        missing = [k.tile for k in self.visible_tiles(page) if k not in self.cache and k.tile]
        return not any(
            QRectF(rect.x() + c * side, rect.y() + r * side, side, side).intersects(dirty)
            for c, r in missing
        )

    def _paint_tiles(self, painter: QPainter, page: int, rect: QRectF) -> None:
        """Draw the sharp tiles of a big page over its preview, each at its own origin."""
        dpr = self.devicePixelRatioF()
        for key in self.visible_tiles(page):
            tile = self.cache.get(key)
            if tile is not None:
                x, y = tile.origin
                size = tile.image.deviceIndependentSize()
                painter.drawImage(
                    QRectF(rect.x() + x / dpr, rect.y() + y / dpr, size.width(), size.height()),
                    tile.image,
                )

    def _paint_marks(self, painter: QPainter, page: int, rect: QRectF) -> None:
        s = self._scale

        def to_view(r: Rect) -> QRectF:
            return QRectF(
                rect.x() + r[0] * s, rect.y() + r[1] * s, (r[2] - r[0]) * s, (r[3] - r[1]) * s
            )

        for index, hit in enumerate(self.hits):
            if hit.page == page:
                color = CURRENT_HIT_COLOR if index == self.current_hit else HIT_COLOR
                painter.fillRect(to_view(hit.rect), color)
        if self.selection is not None and self.selection[0] == page:
            sel = to_view(self.selection[1])
            painter.fillRect(sel, SELECTION_COLOR)
            painter.setPen(QColor(40, 110, 230))
            painter.drawRect(
                sel.toAlignedRect().adjusted(0, 0, -1, -1) if sel.width() > 1 else QRect()
            )
