"""The right side of the workspace: what is selected, shown as a page.

An empty state with first steps; a loan file or Item summary; or an open report with its review
tabs (the report view) and its PDF (the PDF viewer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from assets_desktop.ui.timers import later

if TYPE_CHECKING:  # both are imported with the first report opened, after the first paint
    from assets_desktop.services.workspace_model import OpenedReport
    from assets_desktop.ui.report.view import ReportView

WARM_PDF_AFTER_MS = 1000
EMPTY_TEXT = (
    "<h2>Start a review</h2>"
    "<ol>"
    "<li><b>New loan file</b> (Ctrl+N): the borrowers, the loan purpose, the monthly income, "
    "and for the answer — does the borrower have enough? — the cash to close, the housing "
    "payment (PITIA) and the reserve months.</li>"
    "<li><b>Add Item</b> (Ctrl+I): link a bank (on the built-in sandbox, First Platypus Bank "
    "with <i>user_good</i>).</li>"
    "<li><b>Create report</b> (Ctrl+R): 61 days or more for a purchase; it shows here when "
    "ready.</li>"
    "</ol>"
    "<p>Or open a report JSON or PDF someone sent you (Ctrl+O).</p>"
)


class ReportPane(QStackedWidget):
    """Pages for nothing selected, a loan file / Item / building report, and an open report.

    Signals:
        flag_resolved(str, object, str): report id, disposition, document path ("" for none).
        document_requested(str, str): report id, attached document id.
        terms_edit_requested(str): report id (edit its loan file's terms).
        view_installed(str, ReportView): a report's view is on screen.
        note_added(str, str): report id, note text.
    """

    flag_resolved = Signal(str, object, str)
    view_installed = Signal(str, object)
    document_requested = Signal(str, str)
    terms_edit_requested = Signal(str)
    note_added = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPane")
        self.setAccessibleName("Selection details")
        self.empty = _text_page(self, "emptyState", EMPTY_TEXT)
        self.details = _text_page(self, "selectionDetails", "")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportPaneTabs")
        self.tabs.setAccessibleName("Report")
        self.review: QWidget = QLabel("", self.tabs)
        self.tabs.addTab(self.review, "Review")
        # The report view and the PDF viewer (QtCharts, PyMuPDF) are built with the first
        # report, not before the window's first paint.
        self._pdf: Any = None
        self.tabs.addTab(QLabel("No report open.", self.tabs), "PDF")
        for page in (self.empty, self.details, self.tabs):
            self.addWidget(page)
        self.report_id: str | None = None  # the report shown now
        self._pending: str | None = None  # the report being built into a view
        self._render_warmup: Any = None
        self._pdf_opening: Any = None  # the shown report's PDF, being opened on a thread
        self._pdf_wanted: str | None = None  # whose PDF is still to open on that thread

    def _on_flag_resolved(self, disposition: object, document: str) -> None:
        if self.report_id:
            self.flag_resolved.emit(self.report_id, disposition, document)

    def _on_document_requested(self, document_id: str) -> None:
        if self.report_id:
            self.document_requested.emit(self.report_id, document_id)

    def _on_terms_edit_requested(self) -> None:
        if self.report_id:
            self.terms_edit_requested.emit(self.report_id)

    def _on_note_added(self, text: str) -> None:
        if self.report_id:
            self.note_added.emit(self.report_id, text)

    @property
    def pdf(self) -> Any:
        """The PDF viewer (created on first use)."""
        if self._pdf is None:
            from assets_desktop.ui.pdf.viewer import PdfViewer

            viewer = PdfViewer(self.tabs)
            viewer.setObjectName("pdfViewer")
            viewer.setAccessibleName("Report PDF")
            # The viewer's toolbar asks for ~1100 px; an explicit minimum lets the splitter
            # give the navigation tree its share (the toolbar clips on narrow windows instead).
            viewer.setMinimumSize(400, 240)
            placeholder = self.tabs.widget(1)
            self.tabs.removeTab(1)
            self.tabs.insertTab(1, viewer, "PDF")
            if placeholder is not None:
                placeholder.deleteLater()
            self._pdf = viewer
        return self._pdf

    def close_pdf(self) -> None:
        """Close the open PDF, if a viewer exists (and one being opened for it)."""
        self._pdf_wanted = None
        if self._pdf_opening is not None:
            from assets_desktop.ui.pdf.document import discard

            discard(self._pdf_opening)
            self._pdf_opening = None
        if self._pdf is not None:
            self._pdf.close_document()

    def show_empty(self) -> None:
        """Nothing selected: first steps."""
        self.report_id = self._pending = None
        self.setCurrentWidget(self.empty)
        self._drop_report()

    def show_details(self, html: str) -> None:
        """A loan file, an Item, or a report that is not ready."""
        self.report_id = self._pending = None
        self.details.label.setText(html)
        self.setCurrentWidget(self.details)
        self._drop_report()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._render_warmup is None:
            later(self, WARM_PDF_AFTER_MS, self._warm_pdf)

    def _warm_pdf(self) -> None:
        """Start the PDF render processes (they take 0.3-0.8 s of a core) a second after the
        window shows, or with the first report if sooner: the first report's PDF then renders
        in them, not on a thread that holds the GIL, and its open does not share the CPU."""
        if self._render_warmup is None:
            from assets_desktop.ui.pdf.pool import PoolHold

            self._render_warmup = hold = PoolHold()
            hold.acquire()
            self.destroyed.connect(lambda *_args: hold.release())

    def _drop_report(self) -> None:
        """Free the last report's view and PDF once it is out of sight, before the next report
        decodes (else both are in memory at once: the opens' peak)."""
        if isinstance(self.review, QLabel):
            return
        old, self.review = self.review, QLabel("", self.tabs)
        self.tabs.removeTab(0)
        self.tabs.insertTab(0, self.review, "Review")
        if hasattr(old, "release"):  # a report view
            old.release()
        old.deleteLater()
        self.close_pdf()
        from assets_desktop.ui.report.heap import trim_heap_in_background

        later(self, 0, trim_heap_in_background)  # once it is deleted (next turn)

    def show_report(self, report_id: str, opened: OpenedReport, title: str) -> None:
        """An open report: a fresh report view (review tabs) and the PDF, or why there is none.

        Building the view, laying out its summary, swapping it in, building its other tabs (one
        per turn) and opening the PDF run in separate turns of the event loop, so the longest
        stall is the largest step rather than their sum.
        """

        from assets_desktop.ui.report.view import ReportView

        self._pending = report_id
        self._warm_pdf()
        self.close_pdf()  # here, not in the turn that shows the view (the viewer is not shown)
        view = ReportView(opened, self.tabs)
        later(self, 0, lambda: self._lay_out(report_id, view, opened, title))

    def _lay_out(self, report_id: str, view: ReportView, opened: OpenedReport, title: str) -> None:
        if self._pending == report_id:
            view.lay_out_summary()  # a turn of its own, between the build and the swap-in
        later(self, 0, lambda: self._install(report_id, view, opened, title))

    def _install(self, report_id: str, view: ReportView, opened: OpenedReport, title: str) -> None:
        if self._pending != report_id:  # the user moved on meanwhile
            view.deleteLater()
            return
        view.flag_resolved.connect(self._on_flag_resolved)
        view.document_requested.connect(self._on_document_requested)
        view.terms_edit_requested.connect(self._on_terms_edit_requested)
        view.pdf_requested.connect(self.show_in_pdf)
        view.note_added.connect(self._on_note_added)
        old = self.review
        self.tabs.removeTab(0)
        self.tabs.insertTab(0, view, "Review")
        self.review = view
        if hasattr(old, "release"):  # a report view, not the placeholder
            old.release()
        old.deleteLater()
        self.tabs.setTabEnabled(1, bool(opened.pdf))
        self.tabs.setTabToolTip(1, "" if opened.pdf else "No PDF was saved with this report.")
        self.tabs.setCurrentIndex(0)
        self.setCurrentWidget(self.tabs)
        self.report_id = report_id
        self.view_installed.emit(report_id, view)
        if opened.pdf:
            pdf = opened.pdf  # (not `opened`: a connection kept it, the whole report, alive)
            # Opened on a thread while the tabs build (not while this turn paints: the GIL).
            self._pdf_wanted = report_id
            later(self, 0, lambda: self._open_pdf_soon(report_id, pdf))
            load = lambda: self._load_pdf(report_id, pdf, title)  # noqa: E731
            if view.isVisible() and not view.is_fully_built:  # not in the same turns
                from assets_desktop.ui.report.view import BUILD_EVERY_MS

                # A frame after the last tab: not in the turn its table is built in.
                view.fully_built.connect(lambda: later(self, BUILD_EVERY_MS, load))
            else:
                later(self, 0, load)

    def show_in_pdf(self, text: str) -> None:
        """Switch to the PDF and find `text` in it (the viewer's own search)."""
        if self._pdf is None or not self.tabs.isTabEnabled(1):
            return
        self.tabs.setCurrentIndex(1)
        self._pdf.finder.search(text)

    def _open_pdf_soon(self, report_id: str, pdf: bytes) -> None:
        if self._pdf_wanted == report_id and self._pdf_opening is None:
            from assets_desktop.ui.pdf.document import open_soon

            self._pdf_opening = open_soon(pdf)

    def _load_pdf(self, report_id: str, pdf: bytes, title: str) -> None:
        if self.report_id != report_id:
            return
        if self._pdf is None:  # the first report: the viewer in this turn, the load the next
            self.pdf  # noqa: B018 - creates it
            later(self, 0, lambda: self._load_pdf(report_id, pdf, title))
            return
        opening, self._pdf_opening, self._pdf_wanted = self._pdf_opening, None, None
        self.pdf.load_bytes(pdf, title, opening)
        if self._render_warmup is not None:
            self._render_warmup.release()  # the viewer holds the render processes now


class _TextPage(QWidget):
    def __init__(self, parent: QWidget, name: str, html: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.label = QLabel(html, self)
        self.label.setObjectName(f"{name}Text")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setMaximumWidth(720)
        layout.addWidget(self.label)
        layout.addStretch(1)


def _text_page(parent: QWidget, name: str, html: str) -> _TextPage:
    return _TextPage(parent, name, html)
