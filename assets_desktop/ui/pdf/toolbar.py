"""The viewer's toolbar (layout only; the viewer wires the behaviour). A QToolBar, so what
does not fit a narrow pane moves behind its » extension button instead of widening the pane."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from assets_desktop.ui.pdf.search import SearchBar

ZOOM_STEPS = (25, 33, 50, 67, 75, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400)
FIT_WIDTH, FIT_PAGE = "Fit width", "Fit page"


class ViewerToolbar(QToolBar):
    """Thumbnails toggle · page navigation · zoom · search · copy, save as, print."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfToolbar")
        self.setAccessibleName("PDF toolbar")
        self.setMovable(False)
        self.setFloatable(False)
        self.setIconSize(QSize(16, 16))
        self.thumbnails = self._button(
            "pdfToggleThumbnails", "Thumbnails", "Show or hide page thumbnails"
        )
        self.thumbnails.setCheckable(True)
        self.thumbnails.setChecked(True)
        self.previous_page = self._button("pdfPreviousPage", "◀", "Previous page")
        self.page_box = QLineEdit(self)
        self.page_box.setObjectName("pdfPageBox")
        self.page_box.setAccessibleName("Page number")
        self.page_box.setToolTip("Type a page number and press Enter")
        self.page_box.setFixedWidth(48)
        self.page_box.setValidator(QIntValidator(0, 999_999, self.page_box))  # range: viewer
        self.page_count = QLabel("/ 0", self)
        self.page_count.setObjectName("pdfPageCount")
        self.page_count.setAccessibleName("Page count")
        self.next_page = self._button("pdfNextPage", "▶", "Next page")
        self.zoom_out = self._button("pdfZoomOut", "−", "Zoom out (Ctrl+-)")
        self.zoom_box = QComboBox(self)
        self.zoom_box.setObjectName("pdfZoomBox")
        self.zoom_box.setAccessibleName("Zoom")
        self.zoom_box.setToolTip("Zoom percentage: pick one or type one and press Enter")
        self.zoom_box.setEditable(True)
        self.zoom_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zoom_box.addItems([FIT_WIDTH, FIT_PAGE, *(f"{z}%" for z in ZOOM_STEPS)])
        self.zoom_box.setMinimumContentsLength(8)
        self.zoom_in = self._button("pdfZoomIn", "+", "Zoom in (Ctrl+=)")
        self.fit_width = self._button("pdfFitWidth", "Fit width", "Fit the page width")
        self.fit_page = self._button("pdfFitPage", "Fit page", "Fit the whole page")
        self.search = SearchBar(self)
        self.copy = self._button(
            "pdfCopyText",
            "Copy text",
            "Copy the selected text, or the current page's text (Ctrl+C)",
        )
        self.save_as = self._button("pdfSaveAs", "Save as…", "Save the original PDF (Ctrl+S)")
        self.print = self._button("pdfPrint", "Print…", "Print the PDF (Ctrl+P)")
        for widget in self._navigation():
            self.addWidget(widget)
        self.addSeparator()
        self.addWidget(self.search)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        for widget in self._output():
            self.addWidget(widget)
        more = self.findChild(QToolButton, "qt_toolbar_ext_button")
        if more is not None:  # Qt's » button for what does not fit
            more.setAccessibleName("More toolbar buttons")

    def controls(self) -> list[QWidget]:
        """The interactive widgets (enabled only while a document is open, but Save as)."""
        navigation = [w for w in self._navigation() if w is not self.page_count]
        return [*navigation, self.search, *self._output()]

    def _navigation(self) -> tuple[QWidget, ...]:
        """Thumbnails, page and zoom widgets, left to right."""
        return (
            self.thumbnails,
            self.previous_page,
            self.page_box,
            self.page_count,
            self.next_page,
            self.zoom_out,
            self.zoom_box,
            self.zoom_in,
            self.fit_width,
            self.fit_page,
        )

    def _output(self) -> tuple[QWidget, ...]:
        """Copy text, save as and print, right-aligned."""
        return (self.copy, self.save_as, self.print)

    def _button(self, name: str, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        return button
