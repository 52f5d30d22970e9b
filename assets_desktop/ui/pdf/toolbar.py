"""The viewer's toolbar widgets (layout only; the viewer wires the behaviour)."""

from __future__ import annotations

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from assets_desktop.ui.pdf.search import SearchBar

ZOOM_STEPS = (25, 33, 50, 67, 75, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400)
FIT_WIDTH, FIT_PAGE = "Fit width", "Fit page"


class ViewerToolbar(QWidget):
    """Thumbnails toggle · page navigation · zoom · search · copy, save as, print."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfToolbar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
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
        for widget in (
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
        ):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addWidget(self.search)
        layout.addStretch(1)
        for widget in (self.copy, self.save_as, self.print):
            layout.addWidget(widget)

    def _button(self, name: str, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        return button
