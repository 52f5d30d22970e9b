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
    box = viewer.toolbar.page_box
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "9")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert viewer.current_page == 0
    assert viewer.status.text() == "There is no page '9': type a number from 1 to 3."
    assert box.text() == "1"


def test_page_box_follows_scrolling_after_a_jump(qtbot: QtBot) -> None:
    viewer = shown_viewer(qtbot, known_sample(6))
    box = viewer.toolbar.page_box
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "3")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert viewer.current_page == 2 and viewer.canvas.hasFocus()
    viewer.canvas.verticalScrollBar().setValue(viewer.canvas.verticalScrollBar().maximum())
    assert box.text() == "6"


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


def test_big_zoom_renders_tiles_that_match_a_direct_render_pixel_for_pixel(
    qtbot: QtBot,
) -> None:
    import pymupdf
    from PySide6.QtGui import QImage

    pdf = known_sample(2)
    viewer = shown_viewer(qtbot, pdf)
    viewer.set_zoom_percent(400)
    canvas = viewer.canvas
    assert canvas.is_tiled(0) and canvas.devicePixelRatioF() == 1.0
    # bring the corner where four tiles meet (device pixel 1024, 1024 of page 1) into view
    canvas.horizontalScrollBar().setValue(0)
    canvas.verticalScrollBar().setValue(0)
    rect = canvas.page_rect(0)
    canvas.horizontalScrollBar().setValue(round(rect.x()) + 1024 - 150)
    canvas.verticalScrollBar().setValue(round(rect.y()) + 1024 - 150)
    tiles = canvas.visible_tiles(0, margin=0)
    assert {key.tile for key in tiles} >= {(0, 0), (1, 0), (0, 1), (1, 1)}
    qtbot.waitUntil(lambda: all(key in viewer.cache for key in tiles), timeout=10_000)
    assert all(viewer.cache.get(k).image.width() <= render_module.TILE for k in tiles)  # type: ignore[union-attr]
    canvas.viewport().repaint()
    shot = canvas.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    rect = canvas.page_rect(0)  # in viewport pixels; device pixel (px, py) is at rect + (px, py)
    scale = canvas.device_scale(0)
    doc = pymupdf.open(stream=pdf.data)
    clip = pymupdf.Rect(924 / scale, 924 / scale, 1124 / scale, 1124 / scale)
    expected = doc[0].get_pixmap(matrix=pymupdf.Matrix(scale, scale), clip=clip, alpha=False)
    left, top = round(rect.x()) + expected.x, round(rect.y()) + expected.y
    assert left >= 0 and left + expected.width <= shot.width(), (left, shot.width())
    assert top >= 0 and top + expected.height <= shot.height(), (top, shot.height())
    region = shot.copy(left, top, expected.width, expected.height)
    line, width = region.bytesPerLine(), expected.width * 3
    got, want = bytes(region.constBits()), expected.samples
    rows_got = [got[r * line : r * line + width] for r in range(expected.height)]
    rows_want = [
        want[r * expected.stride : r * expected.stride + width] for r in range(expected.height)
    ]
    # the same renderer at the same scale, drawn 1:1: a seam, a shift or a resampled
    # stand-in would show as differing pixels
    assert rows_got == rows_want


def test_thumbnails_render_for_the_rows_in_view_and_follow_scrolling(qtbot: QtBot) -> None:
    viewer = shown_viewer(qtbot, known_sample(80))
    thumbs = viewer.thumbnails

    def thumbnailed() -> set[int]:
        return set(viewer._thumbnails_done)

    qtbot.waitUntil(lambda: 0 in thumbnailed() and viewer.service.pending_count() == 0)  # type: ignore[union-attr]
    assert 79 not in thumbnailed(), "pages far out of view wait until scrolled to"
    thumbs.scrollTo(thumbs.model().index(79, 0))
    qtbot.waitUntil(lambda: 79 in thumbnailed())


def test_page_box_never_stays_blank_after_a_jump_or_a_new_document(qtbot: QtBot) -> None:
    """Issue 18, defect 10: the page box stayed blank after ▶ or End once it had been edited,
    and on the next document opened."""
    viewer = shown_viewer(qtbot, known_sample(8))
    box = viewer.toolbar.page_box
    box.setFocus()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)  # emptied, not confirmed
    assert box.text() == ""
    qtbot.mouseClick(viewer.toolbar.next_page, Qt.MouseButton.LeftButton)
    assert viewer.current_page == 1 and box.text() == "2"
    box.setFocus()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    viewer.canvas.setFocus()
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_End)
    assert viewer.current_page == 7 and box.text() == "8"
    box.setFocus()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    viewer.canvas.setFocus()
    with qtbot.waitSignal(viewer.page_rendered, timeout=10_000):
        assert viewer.load_bytes(known_sample(3).data, "Another")
    assert box.text() == "1"
