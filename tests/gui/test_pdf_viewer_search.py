"""PdfViewer: search hits in a known PDF, stepping through them, copying text."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assets_desktop.ui.pdf import PdfViewer
from tests.gui.pdf_support import (
    SANDBOX_NEEDLE,
    known_sample,
    pdftotext_counts,
    sandbox_report_pdf,
    shown_viewer,
)


def test_search_highlights_every_hit_and_steps_through_them(qtbot: QtBot) -> None:
    pdf = known_sample(8)
    viewer = shown_viewer(qtbot, pdf)
    box = viewer.toolbar.search.box
    count = viewer.toolbar.search.count
    box.setFocus()
    qtbot.keyClicks(box, pdf.needle)
    with qtbot.waitSignal(viewer.search_finished, timeout=10_000) as finished:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert finished.args == [pdf.hit_count]
    hits = viewer.canvas.hits
    assert len(hits) == pdf.hit_count == 6
    assert {hit.page: sum(h.page == hit.page for h in hits) for hit in hits} == pdf.hits_per_page
    assert count.text() == "hit 1 of 6"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert count.text() == "hit 2 of 6"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert count.text() == "hit 3 of 6"
    assert viewer.current_page == 3, "the third hit is on page 4: the view scrolled there"
    assert viewer.canvas.current_hit == 2
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert count.text() == "hit 2 of 6"
    qtbot.keyClick(box, Qt.Key.Key_F3)
    qtbot.keyClick(box, Qt.Key.Key_F3)
    assert count.text() == "hit 4 of 6"
    qtbot.keyClick(box, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert count.text() == "hit 3 of 6"
    qtbot.mouseClick(viewer.toolbar.search.previous, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(viewer.toolbar.search.previous, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(viewer.toolbar.search.previous, Qt.MouseButton.LeftButton)
    assert count.text() == "hit 6 of 6", "previous from the first hit wraps to the last"
    hit = hits[5]
    rect = viewer.canvas.page_rect(hit.page)
    top = rect.y() + hit.rect[1] * viewer.canvas.scale
    assert 0 <= top <= viewer.canvas.viewport().height(), "the current hit is on screen"


def test_search_starts_from_the_current_page_and_says_when_nothing_matches(
    qtbot: QtBot,
) -> None:
    pdf = known_sample(8)
    viewer = shown_viewer(qtbot, pdf)
    viewer.go_to_page(4)
    with qtbot.waitSignal(viewer.search_finished, timeout=10_000):
        viewer.finder.search(pdf.needle)
    assert viewer.toolbar.search.count.text() == "hit 5 of 6"  # first hit on page 7
    assert viewer.current_page == 6
    with qtbot.waitSignal(viewer.search_finished, timeout=10_000) as finished:
        viewer.finder.search("no such words anywhere")
    assert finished.args == [0]
    assert viewer.toolbar.search.count.text() == "No matches"
    assert viewer.canvas.hits == []


def test_typing_searches_after_a_pause_and_escape_clears(qtbot: QtBot) -> None:
    pdf = known_sample(4)
    viewer = shown_viewer(qtbot, pdf)
    box = viewer.toolbar.search.box
    box.setFocus()
    with qtbot.waitSignal(viewer.search_finished, timeout=10_000):
        qtbot.keyClicks(box, "sample page 3")
    assert viewer.toolbar.search.count.text() == "hit 1 of 1"
    assert viewer.current_page == 2
    with qtbot.waitSignal(viewer.search_finished, timeout=10_000):
        qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and len(viewer.canvas.hits) == 0


def test_copy_current_page_text(qtbot: QtBot) -> None:
    pdf = known_sample(3)
    viewer = shown_viewer(qtbot, pdf)
    viewer.go_to_page(1)
    qtbot.mouseClick(viewer.toolbar.copy, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert "Asset Report - sample page 2" in copied
    assert "Page 2 of 3" in copied
    assert "sample page 1" not in copied
    assert "Copied the text of page 2" in viewer.status.text()


def test_copy_rubber_band_selection(qtbot: QtBot) -> None:
    pdf = known_sample(2)
    viewer = shown_viewer(qtbot, pdf)
    viewer.set_zoom_percent(100)
    canvas = viewer.canvas
    page = canvas.page_rect(0)
    s = canvas.scale

    def at(x_pt: float, y_pt: float) -> QPoint:
        return QPoint(round(page.x() + x_pt * s), round(page.y() + y_pt * s))

    # the heading line only: "Asset Report - sample page 1" sits around y = 48..64 pt
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=at(50, 44))
    qtbot.mouseMove(canvas.viewport(), at(300, 55))
    qtbot.mouseMove(canvas.viewport(), at(370, 66))
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=at(370, 66))
    assert canvas.selection is not None
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text()
    assert copied.strip() == pdf.first_page_text
    assert "Copied the text of the selection" in viewer.status.text()
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=at(300, 300))
    assert canvas.selection is None, "a plain click clears the selection"


def test_search_hits_in_the_sandbox_report_pdf(qtbot: QtBot) -> None:
    data = sandbox_report_pdf()
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    viewer.resize(1000, 700)
    viewer.show()
    with qtbot.waitSignal(viewer.page_rendered, timeout=10_000):
        assert viewer.load_bytes(data, "Asset Report report-pdf-viewer")
    assert viewer.page_count >= 2
    with qtbot.waitSignal(viewer.search_finished, timeout=10_000) as finished:
        viewer.finder.search(SANDBOX_NEEDLE)
    hits = viewer.canvas.hits
    per_page = {page: sum(hit.page == page for hit in hits) for page in {h.page for h in hits}}
    poppler = pdftotext_counts(data, SANDBOX_NEEDLE, viewer.page_count)
    if poppler is not None:
        assert per_page == poppler, "MuPDF and poppler find the same hits on the same pages"
    assert finished.args == [len(hits)] and len(hits) >= 1
    assert viewer.toolbar.search.count.text() == f"hit 1 of {len(hits)}"
    first = hits[0]
    assert viewer.current_page == first.page
    assert SANDBOX_NEEDLE in viewer.source.page_text(first.page, first.rect).lower()  # type: ignore[union-attr]
    with qtbot.waitSignal(viewer.search_finished, timeout=10_000):
        viewer.finder.search("Charleson")
    assert len(viewer.canvas.hits) >= 1, "the borrower's name is in the report"


def test_search_of_a_long_pdf_runs_in_chunks_and_finds_every_hit(qtbot: QtBot) -> None:
    pdf = known_sample(20)  # 3 chunks of 8 pages
    viewer = shown_viewer(qtbot, pdf)
    with qtbot.waitSignal(viewer.search_finished, timeout=10_000) as finished:
        viewer.finder.search(pdf.needle)
        assert viewer.toolbar.search.count.text() == "Searching… page 1 of 20"
    assert finished.args == [pdf.hit_count] == [14]
    assert sorted({hit.page for hit in viewer.canvas.hits}) == sorted(pdf.hits_per_page)
