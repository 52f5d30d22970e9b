"""PdfViewer: lazy off-thread rendering, the cache, navigation and zoom, on a known PDF."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from assets_desktop.ui.pdf import render as render_module
from assets_desktop.ui.pdf.pages import MARGIN, POINTS_TO_PIXELS
from assets_desktop.ui.pdf.render import PageCache, RenderedPage, RenderKey
from tests.gui.pdf_support import known_sample, shown_viewer, wait_rendered


def test_renders_visible_pages_lazily_off_the_ui_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = render_module.render_page

    def recording(*args: object) -> RenderedPage:
        threads.append(threading.current_thread())
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(render_module, "render_page", recording)
    viewer = shown_viewer(qtbot, known_sample(30))
    qtbot.waitUntil(lambda: viewer.service is not None and viewer.service.pending_count() == 0)
    pages = {key.page for key in viewer.cache._items if key.kind == "page"}
    assert 0 in pages
    assert max(pages) <= max(viewer.canvas.visible_pages()) + 1, "renders only what is near"
    assert threads and all(t is not threading.main_thread() for t in threads)


def test_hidpi_renders_at_the_device_pixel_ratio(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    viewer = shown_viewer(qtbot, known_sample(2))
    monkeypatch.setattr(viewer.canvas, "devicePixelRatioF", lambda: 2.0)
    viewer.set_zoom_percent(100)
    wait_rendered(qtbot, viewer, 0)
    rendered = viewer.cache.get(viewer.canvas.render_key(0))
    assert rendered is not None
    assert rendered.image.devicePixelRatio() == 2.0
    assert rendered.image.width() == pytest.approx(612 * POINTS_TO_PIXELS * 2, abs=1)


def test_cache_is_bounded_and_evicts_least_recently_used(qtbot: QtBot) -> None:
    import pymupdf

    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 100, 100), False)
    cache = PageCache(max_bytes=3 * 100 * 300)
    for page in range(3):
        cache.put(RenderKey(page, 1000), RenderedPage(pixmap, 1.0))
    cache.get(RenderKey(0, 1000))  # page 0 is now the most recently used
    cache.put(RenderKey(3, 1000), RenderedPage(pixmap, 1.0))
    assert RenderKey(1, 1000) not in cache
    assert {RenderKey(0, 1000), RenderKey(2, 1000), RenderKey(3, 1000)} <= set(cache._items)
    assert cache.nbytes <= cache.max_bytes


def test_page_box_next_previous_home_end(qtbot: QtBot) -> None:
    viewer = shown_viewer(qtbot, known_sample(8))
    bar = viewer.toolbar
    assert bar.page_count.text() == "/ 8"
    assert bar.page_box.text() == "1"
    assert not bar.previous_page.isEnabled()
    bar.page_box.setFocus()
    bar.page_box.selectAll()
    qtbot.keyClicks(bar.page_box, "5")
    qtbot.keyClick(bar.page_box, Qt.Key.Key_Return)
    assert viewer.current_page == 4
    assert bar.page_box.text() == "5"
    wait_rendered(qtbot, viewer, 4)
    qtbot.mouseClick(bar.next_page, Qt.MouseButton.LeftButton)
    assert viewer.current_page == 5
    qtbot.mouseClick(bar.previous_page, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.previous_page, Qt.MouseButton.LeftButton)
    assert viewer.current_page == 3
    viewer.canvas.setFocus()
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_End)
    assert viewer.current_page == 7
    assert not bar.next_page.isEnabled()
    assert bar.page_box.text() == "8"
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Home)
    assert viewer.current_page == 0


def test_page_box_rejects_a_page_that_does_not_exist(qtbot: QtBot) -> None:
    viewer = shown_viewer(qtbot, known_sample(3))
    viewer.toolbar.page_box.setText("0")
    viewer.toolbar.page_box.returnPressed.emit()
    assert viewer.current_page == 0
    assert "type a number from 1 to 3" in viewer.status.text()


def test_thumbnail_click_goes_to_that_page(qtbot: QtBot) -> None:
    viewer = shown_viewer(qtbot, known_sample(6))
    thumbs = viewer.thumbnails
    qtbot.waitUntil(lambda: viewer.service.pending_count() == 0)  # type: ignore[union-attr]
    index = thumbs.model().index(3, 0)
    thumbs.scrollTo(index)
    qtbot.mouseClick(
        thumbs.viewport(), Qt.MouseButton.LeftButton, pos=thumbs.visualRect(index).center()
    )
    assert viewer.current_page == 3
    assert viewer.toolbar.page_box.text() == "4"
    qtbot.mouseClick(viewer.toolbar.thumbnails, Qt.MouseButton.LeftButton)
    assert thumbs.isHidden()


def test_fit_width_fit_page_and_percentages(qtbot: QtBot) -> None:
    viewer = shown_viewer(qtbot, known_sample(4))
    canvas = viewer.canvas
    room = canvas.viewport().width() - 2 * MARGIN
    assert canvas.page_rect(0).width() == pytest.approx(room, abs=1)  # fit width on open
    viewer.fit_page()
    rect = canvas.page_rect(canvas.current_page)
    assert rect.height() <= canvas.viewport().height()
    assert rect.height() == pytest.approx(canvas.viewport().height() - 12, abs=1)
    assert viewer.toolbar.zoom_box.currentText() == f"{round(viewer.zoom_percent)}%"
    box = viewer.toolbar.zoom_box
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "200%")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert viewer.zoom_percent == 200
    assert canvas.page_rect(0).width() == pytest.approx(612 * 2 * POINTS_TO_PIXELS)
    wait_rendered(qtbot, viewer, canvas.current_page)
    box.setCurrentText("50")
    box.textActivated.emit("50")
    assert viewer.zoom_percent == 50
    box.textActivated.emit("big")
    assert viewer.zoom_percent == 50
    assert "is not a zoom" in viewer.status.text()
    box.textActivated.emit("Fit width")
    assert canvas.page_rect(0).width() == pytest.approx(room, abs=1)


def test_zoom_shortcuts_and_ctrl_wheel(qtbot: QtBot) -> None:
    viewer = shown_viewer(qtbot, known_sample(4))
    viewer.set_zoom_percent(100)
    viewer.canvas.setFocus()
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert viewer.zoom_percent == 110
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert viewer.zoom_percent == 90
    pos = QPointF(200, 150)
    wheel = QWheelEvent(
        pos,
        viewer.canvas.viewport().mapToGlobal(pos),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewer.canvas.viewport(), wheel)
    assert viewer.zoom_percent == 100
    viewer.set_zoom_percent(1000)
    assert viewer.zoom_percent == 400
    assert not viewer.toolbar.zoom_in.isEnabled()


def test_zoom_keeps_the_current_page(qtbot: QtBot) -> None:
    viewer = shown_viewer(qtbot, known_sample(8))
    viewer.go_to_page(5)
    for percent in (50, 200, 75):
        viewer.set_zoom_percent(percent)
        assert viewer.current_page == 5, percent


def test_a_page_that_fails_to_render_shows_why(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = render_module.render_page

    def broken_page_two(doc: object, page: int, *rest: object) -> RenderedPage:
        if page == 1:
            raise RuntimeError("syntax error in content stream")
        return real(doc, page, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(render_module, "render_page", broken_page_two)
    viewer = shown_viewer(qtbot, known_sample(3))
    viewer.set_zoom_percent(25)  # all three pages on screen
    qtbot.waitUntil(lambda: 1 in viewer.canvas.failed, timeout=10_000)
    assert viewer.canvas.failed[1] == "syntax error in content stream"
    wait_rendered(qtbot, viewer, 2)
    assert render_module.MAX_RENDER_PIXELS > 0


def test_every_interactive_widget_is_named(qtbot: QtBot) -> None:
    viewer = shown_viewer(qtbot, known_sample(2))
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractScrollArea)

    def is_internal_part(widget: QWidget) -> bool:  # e.g. a combo box's popup, a clear button
        parent = widget.parentWidget()
        while parent is not None and parent is not viewer:
            if isinstance(parent, (QComboBox, QLineEdit)):
                return True
            parent = parent.parentWidget()
        return False

    for widget in viewer.findChildren(QWidget):
        if not isinstance(widget, kinds) or is_internal_part(widget):
            continue
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()
