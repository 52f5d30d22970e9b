"""PdfViewer: the inline reader for the report PDF and the audit-copy PDF (bytes from the library).

Continuous scrolling with lazy rendering off the UI thread, zoom and fit modes, page navigation
with thumbnails, search with highlighted hits, copy text, save as and print. A PDF that cannot be
opened shows a message in place of the pages; nothing raises out of the viewer.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from concurrent.futures import Future

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.ui.pdf.actions import OutputActions, SearchActions
from assets_desktop.ui.pdf.document import PdfOpenError, PdfSource
from assets_desktop.ui.pdf.notices import OPEN_FAILED, message_label, status_label, warning_label
from assets_desktop.ui.pdf.pages import GAP, MARGIN, POINTS_TO_PIXELS, PageCanvas
from assets_desktop.ui.pdf.pool import PoolHold
from assets_desktop.ui.pdf.render import PageCache, RenderKey, RenderService, page_job
from assets_desktop.ui.pdf.thumbnails import ThumbnailPanel
from assets_desktop.ui.pdf.toolbar import FIT_PAGE, FIT_WIDTH, ZOOM_STEPS, ViewerToolbar

MIN_ZOOM, MAX_ZOOM = 10.0, 400.0
MARGIN_PAGES = 1  # pages rendered ahead of and behind the visible ones
THUMB_MARGIN = 12  # thumbnails rendered ahead of and behind the ones in view


class PdfViewer(QWidget):
    """An inline PDF reader over PDF bytes (`load_bytes`); `finder` searches it, `output`
    copies, saves and prints it."""

    document_loaded = Signal(int)  # page count
    load_failed = Signal(str)  # the message shown in place of the pages
    page_rendered = Signal(int)  # a page is on screen at the current zoom
    search_finished = Signal(int)  # number of hits
    status_changed = Signal(str)
    print_finished = Signal(int, str)  # pages printed, error ("" when all went out)

    def __init__(self, parent: QWidget | None = None, cache_bytes: int = 256 << 20) -> None:
        super().__init__(parent)
        self.setObjectName("pdfViewer")
        self.setAccessibleName("PDF viewer")
        self.title = ""
        self.data = b""
        self.source: PdfSource | None = None
        self.service: RenderService | None = None
        self.cache = PageCache(cache_bytes)
        # Held from the first load until the viewer closes: switching documents (each report
        # opened) keeps the render processes instead of stopping and restarting them.
        self._pool_hold = hold = PoolHold()
        self.destroyed.connect(lambda *_args: hold.release())  # a lambda: kept alive by Qt
        self._fit: str | None = FIT_WIDTH
        self._zoom = 100.0
        self._thumbnails_done: set[int] = set()
        self.toolbar = ViewerToolbar(self)
        self.finder = SearchActions(self)
        self.output = OutputActions(self)
        self.canvas = PageCanvas(self.cache, self)
        self.thumbnails = ThumbnailPanel(self)
        splitter = QSplitter(self)
        splitter.addWidget(self.thumbnails)
        splitter.addWidget(self.canvas)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        splitter.setSizes([self.thumbnails.width(), 10_000])
        self.message = message_label(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(splitter)
        self.stack.addWidget(self.message)
        self.warning = warning_label(self)
        self.status = status_label(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.warning)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self._request_timer = QTimer(self)
        self._request_timer.setSingleShot(True)
        self._request_timer.setInterval(0)
        self._request_timer.timeout.connect(self._request_renders)
        self._thumbnail_timer = QTimer(self)  # scrolling the thumbnails: one request per pause
        self._thumbnail_timer.setSingleShot(True)
        self._thumbnail_timer.setInterval(30)
        self._thumbnail_timer.timeout.connect(self._request_thumbnails_if_shown)
        self.thumbnails.verticalScrollBar().valueChanged.connect(
            lambda _value: self._thumbnail_timer.start()
        )
        self._wire()
        self._show_message("No PDF loaded.")

    # wiring --------------------------------------------------------------------------------

    def _wire(self) -> None:
        t, c = self.toolbar, self.canvas
        t.thumbnails.toggled.connect(self.thumbnails.setVisible)
        t.thumbnails.toggled.connect(lambda _on: self._thumbnail_timer.start())
        t.previous_page.clicked.connect(self.previous_page)
        t.next_page.clicked.connect(self.next_page)
        t.page_box.returnPressed.connect(self._page_box_entered)
        t.zoom_out.clicked.connect(self.zoom_out)
        t.zoom_in.clicked.connect(self.zoom_in)
        t.fit_width.clicked.connect(self.fit_width)
        t.fit_page.clicked.connect(self.fit_page)
        t.zoom_box.textActivated.connect(self._zoom_box_entered)
        find, out = self.finder, self.output
        t.search.search_requested.connect(find.search)
        t.search.step_requested.connect(find.step_hit)
        t.copy.clicked.connect(out.copy_text)
        t.save_as.clicked.connect(lambda: out.save_as())
        t.print.clicked.connect(out.print_document)
        c.visible_changed.connect(self._request_timer.start)
        c.current_page_changed.connect(self._current_page_changed)
        c.zoom_step_requested.connect(self._wheel_zoom)
        c.resized.connect(self._reapply_fit)
        self.thumbnails.page_activated.connect(self.go_to_page)
        shortcuts = {
            "Ctrl+=": self.zoom_in,
            "Ctrl++": self.zoom_in,
            "Ctrl+-": self.zoom_out,
            "Home": self.first_page,
            "End": self.last_page,
            "F3": find.next_hit,
            "Shift+F3": find.previous_hit,
            "Ctrl+C": out.copy_text,
            "Ctrl+S": out.save_as,
            "Ctrl+P": out.print_document,
            "Ctrl+F": find.focus_search,
        }
        for keys, slot in shortcuts.items():
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # loading -------------------------------------------------------------------------------

    def load_bytes(
        self, data: bytes, title: str = "", opening: Future[PdfSource] | None = None
    ) -> bool:
        """Show `data`; on failure show why in place of the pages. Returns whether it opened.

        `opening`: `data` already being opened on a thread (`open_soon`): reading the page
        sizes of a 247-page PDF takes ~12 ms of Python, not to be spent in a UI turn.
        """
        self.close_document()
        self._pool_hold.acquire()
        self.title, self.data = title, bytes(data)
        try:
            source = opening.result() if opening is not None else PdfSource(self.data)
        except PdfOpenError as error:
            return self._fail(error.reason)
        except Exception as error:  # never let a bad file take the app down
            return self._fail(f"unexpected error ({type(error).__name__}: {error})")
        self.source = source
        self.service = RenderService(source)
        self.service.finished.connect(self._job_finished)
        self.destroyed.connect(self.service.close)  # deleted without closeEvent (e.g. a tab)
        self.toolbar.page_count.setText(f"/ {source.page_count}")
        self.thumbnails.set_pages(source.page_sizes)
        self.canvas.set_pages(source.page_sizes)
        self.stack.setCurrentIndex(0)
        self.warning.setVisible(source.repaired)
        for widget in self.toolbar.controls():
            widget.setEnabled(True)
        self._fit = FIT_WIDTH
        self._reapply_fit()
        self._current_page_changed(0)
        self._request_renders()  # now, not on the next event loop turn: page 1 first
        # Thumbnails are rendered for the rows in view (and a margin) once the panel shows:
        # all 247 at once on the worker took the GIL in turns with the UI thread (a hidden
        # viewer's thumbnails stalled a report's first paint by 100-300 ms).
        self._request_thumbnails_if_shown()
        self.set_status(f"{title or 'PDF'} · {source.page_count} pages")
        self.document_loaded.emit(source.page_count)
        return True

    def _fail(self, reason: str) -> bool:
        text = OPEN_FAILED.format(reason=reason)
        self._show_message(text)
        self.load_failed.emit(text)
        return False

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentIndex(1)
        self.warning.hide()
        for widget in self.toolbar.controls():
            widget.setEnabled(widget is self.toolbar.save_as and bool(self.data))

    def close_document(self) -> None:
        """Stop rendering (and printing) and forget the current document."""
        self.output.cancel_print("the document was closed")
        self.cache.clear()  # first: its buffers go back to the pool before it may stop
        if self.service is not None:
            self.service.finished.disconnect(self._job_finished)
            self.service.close()
        self.service, self.source = None, None
        self.finder.reset()
        self.canvas.set_pages([])
        self.thumbnails.set_pages([])
        self._thumbnails_done.clear()
        self.toolbar.page_box.clear()
        self.toolbar.page_count.setText("/ 0")
        self.title, self.data = "", b""
        self.set_status("")
        self._show_message("No PDF loaded.")

    def closeEvent(self, event: object) -> None:
        self.close_document()
        self._pool_hold.release()
        super().closeEvent(event)  # type: ignore[arg-type]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._request_thumbnails_if_shown()
        handle = self.window().windowHandle()
        if handle is not None:  # a move to a screen with another pixel ratio re-renders
            handle.screenChanged.connect(
                self._request_timer.start, Qt.ConnectionType.UniqueConnection
            )

    # rendering -----------------------------------------------------------------------------

    def _request_renders(self) -> None:
        if self.service is None or self.source is None:
            return
        source, dpr = self.source, self.canvas.devicePixelRatioF()
        jobs = {
            key: (priority, page_job(source, key.page, scale, dpr, key.tile))
            for key, priority, scale in self.canvas.render_plan(MARGIN_PAGES)
        }
        self.service.want("pages", jobs)

    def _request_thumbnails_if_shown(self) -> None:
        if self.thumbnails.isVisible():
            self._request_thumbnails()

    def _request_thumbnails(self) -> None:
        if self.service is None or self.source is None:
            return
        source, jobs = self.source, {}
        dpr = self.thumbnails.devicePixelRatioF()
        shown = self.thumbnails.visible_rows()
        wanted = range(max(0, shown.start - THUMB_MARGIN), shown.stop + THUMB_MARGIN)
        for page in wanted:
            if page >= source.page_count or page in self._thumbnails_done:
                continue
            w = source.page_sizes[page][0]
            scale = self.thumbnails.thumbnail_scale(w)
            key = RenderKey(page, round(scale * 1000), "thumb")
            jobs[key] = (1000 + page, page_job(source, page, scale, dpr))
        self.service.want("thumbs", jobs)

    def _job_finished(self, key: Hashable, result: object, error: str | None) -> None:
        if isinstance(key, RenderKey) and key.kind == "thumb":
            if result is not None:
                self.thumbnails.set_thumbnail(key.page, result)  # type: ignore[arg-type]
                self._thumbnails_done.add(key.page)
        elif isinstance(key, RenderKey):
            if error is not None:
                self.canvas.failed[key.page] = error
            else:
                self.cache.put(key, result)  # type: ignore[arg-type]
            self.canvas.update_render(key)
            if error is None and key == self.canvas.render_key(key.page):
                self.page_rendered.emit(key.page)
        elif isinstance(key, tuple) and key[0] == "search":
            self.finder.chunk_done(key[1], key[2], key[3], result, error)

    # navigation ----------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.source.page_count if self.source else 0

    @property
    def current_page(self) -> int:
        """The page showing the most area (0-based)."""
        return self.canvas.current_page

    def go_to_page(self, page: int) -> None:
        self.toolbar.page_box.setModified(False)  # a jump drops a half-typed (blank) page
        if self.source is not None:
            self.canvas.scroll_to_page(page)
            self._current_page_changed(self.current_page)

    def next_page(self) -> None:
        self.go_to_page(min(self.current_page + 1, self.page_count - 1))

    def previous_page(self) -> None:
        self.go_to_page(max(self.current_page - 1, 0))

    def first_page(self) -> None:
        self.go_to_page(0)

    def last_page(self) -> None:
        self.go_to_page(self.page_count - 1)

    def _page_box_entered(self) -> None:
        text = self.toolbar.page_box.text().strip()
        if text.isdigit() and 1 <= int(text) <= self.page_count:
            self.go_to_page(int(text) - 1)
            self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)  # arrows now scroll
        else:
            self.set_status(
                f"There is no page {text!r}: type a number from 1 to {self.page_count}."
            )
        self.toolbar.page_box.setModified(False)
        self._current_page_changed(self.current_page)

    def _current_page_changed(self, page: int) -> None:
        box = self.toolbar.page_box
        if not (box.isModified() and box.hasFocus()):  # never overwrite what is being typed
            box.setText(str(page + 1) if self.page_count else "")
        self.toolbar.previous_page.setEnabled(page > 0)
        self.toolbar.next_page.setEnabled(page < self.page_count - 1)
        self.thumbnails.show_current(page)

    # zoom ----------------------------------------------------------------------------------

    @property
    def zoom_percent(self) -> float:
        return self._zoom

    def set_zoom_percent(
        self, percent: float, anchor: QPoint | None = None, fit: str | None = None
    ) -> None:
        """Zoom to `percent` (clamped to 10–400 %), keeping the point under `anchor` still."""
        self._fit = fit
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, percent))
        self.canvas.set_scale(self._zoom / 100 * POINTS_TO_PIXELS, anchor)
        self.toolbar.zoom_box.setEditText(f"{round(self._zoom)}%")
        self.toolbar.zoom_out.setEnabled(self._zoom > MIN_ZOOM)
        self.toolbar.zoom_in.setEnabled(self._zoom < MAX_ZOOM)

    def zoom_in(self, anchor: QPoint | None = None) -> None:
        bigger = [z for z in ZOOM_STEPS if z > self._zoom + 0.5]
        self.set_zoom_percent(bigger[0] if bigger else MAX_ZOOM, anchor)

    def zoom_out(self, anchor: QPoint | None = None) -> None:
        smaller = [z for z in ZOOM_STEPS if z < self._zoom - 0.5]
        self.set_zoom_percent(smaller[-1] if smaller else MIN_ZOOM, anchor)

    def _wheel_zoom(self, step: int, anchor: QPoint) -> None:
        (self.zoom_in if step > 0 else self.zoom_out)(anchor)

    def fit_width(self) -> None:
        if self.source is not None:
            widest = max(w for w, _ in self.source.page_sizes)
            room = self.canvas.viewport().width() - 2 * MARGIN
            self.set_zoom_percent(room / widest / POINTS_TO_PIXELS * 100, fit=FIT_WIDTH)

    def fit_page(self) -> None:
        if self.source is not None:
            w, h = self.source.page_sizes[self.current_page]
            view = self.canvas.viewport()
            scale = min((view.width() - 2 * MARGIN) / w, (view.height() - GAP) / h)
            self.set_zoom_percent(scale / POINTS_TO_PIXELS * 100, fit=FIT_PAGE)
            self.canvas.scroll_to_page(self.current_page)

    def _reapply_fit(self) -> None:
        if self._fit == FIT_WIDTH:
            self.fit_width()
        elif self._fit == FIT_PAGE:
            self.fit_page()

    def _zoom_box_entered(self, text: str) -> None:
        if text == FIT_WIDTH:
            self.fit_width()
        elif text == FIT_PAGE:
            self.fit_page()
        elif match := re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%?\s*", text):
            self.set_zoom_percent(float(match.group(1)))
        else:
            self.set_status(f"{text!r} is not a zoom: type a percentage such as 125%.")
            self.toolbar.zoom_box.setEditText(f"{round(self._zoom)}%")

    def widget(self) -> QWidget:
        """The viewer as the parent of its dialogs (for the parts it owns)."""
        return self

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status_changed.emit(text)
