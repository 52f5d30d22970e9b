"""What the viewer does with a document besides showing it: search, copy text, save, print.

Mixins of PdfViewer (kept apart to keep each module small); they use the viewer's `source`,
`service`, `canvas`, `toolbar`, `data`, `title` and `_set_status`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog

from assets_desktop.ui.pdf.document import SearchHit
from assets_desktop.ui.pdf.output import PrintJob, print_document, save_bytes
from assets_desktop.ui.pdf.search import SearchState

if TYPE_CHECKING:
    from assets_desktop.ui.pdf.viewer import PdfViewer

    _Base = PdfViewer
else:
    _Base = object


SEARCH_CHUNK = 8  # pages per search job


class SearchActions(_Base):
    """Search off the UI thread; every hit highlighted; next/previous hit, wrapping."""

    _search_hits: list[SearchHit]

    def focus_search(self) -> None:
        self.toolbar.search.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.toolbar.search.box.selectAll()

    def search(self, text: str) -> None:
        """Find every occurrence of `text` (off the UI thread); `search_finished` when done."""
        self._search_generation += 1
        self.search_state = SearchState()
        self.canvas.hits, self.canvas.current_hit = (), -1
        self.canvas.viewport().update()
        if self.toolbar.search.box.text() != text:
            self.toolbar.search.box.setText(text)
            self.toolbar.search._searched = text
        if not text.strip() or self.service is None or self.source is None:
            self.toolbar.search.count.setText("")
            self.search_finished.emit(0)
            return
        self._search_hits = []
        self._search_chunk(text, 0)

    def _search_chunk(self, text: str, start: int) -> None:
        """Search SEARCH_CHUNK pages in one worker job, so page renders can run in between."""
        if self.service is None or self.source is None:
            return
        source, pages = self.source, range(start, min(start + SEARCH_CHUNK, self.page_count))
        self.toolbar.search.count.setText(f"Searching… page {pages[0] + 1} of {self.page_count}")
        self.service.submit(
            ("search", self._search_generation, text, start),
            50,  # after the visible pages, before the pages around them and the thumbnails
            lambda: [hit for page in pages for hit in source.search_page(page, text)],
        )

    def _search_done(
        self, generation: int, text: str, start: int, hits: object, error: str | None
    ) -> None:
        if generation != self._search_generation:
            return
        if error is not None:
            self.toolbar.search.count.setText("Search failed")
            self._set_status(f"The search failed: {error}.")
            self.search_finished.emit(0)
            return
        self._search_hits.extend(hits)  # type: ignore[arg-type]
        if start + SEARCH_CHUNK < self.page_count:
            self._search_chunk(text, start + SEARCH_CHUNK)
            return
        self.search_state = SearchState(text, self._search_hits)
        self.canvas.hits = self.search_state.hits
        if self.search_state.first_from(self.current_page) is not None:
            self._show_hit()
        self.toolbar.search.count.setText(self.search_state.label())
        self.canvas.viewport().update()
        self.search_finished.emit(len(self.search_state.hits))

    def _step_hit(self, forward: bool) -> None:
        if self.search_state.step(forward) is not None:
            self._show_hit()
            self.toolbar.search.count.setText(self.search_state.label())

    def next_hit(self) -> None:
        self._step_hit(True)

    def previous_hit(self) -> None:
        self._step_hit(False)

    def _show_hit(self) -> None:
        hit = self.search_state.hits[self.search_state.current]
        self.canvas.current_hit = self.search_state.current
        self.canvas.ensure_visible(hit.page, hit.rect)
        self.canvas.viewport().update()


class OutputActions(_Base):
    """Copy the text of the selection or page; save the original bytes; print."""

    def current_page_text(self) -> str:
        return self.source.page_text(self.current_page) if self.source else ""

    def selected_text(self) -> str:
        if self.source is None or self.canvas.selection is None:
            return ""
        page, rect = self.canvas.selection
        return self.source.page_text(page, rect)

    def copy_text(self) -> str:
        """Copy the selection's text, or the current page's, to the clipboard; returns it."""
        what = "the selection" if self.canvas.selection else f"page {self.current_page + 1}"
        try:
            text = self.selected_text() if self.canvas.selection else self.current_page_text()
        except Exception as error:
            self._set_status(f"Could not read the text of {what}: {error}.")
            return ""
        QGuiApplication.clipboard().setText(text)
        self._set_status(
            f"Copied the text of {what} ({len(text)} characters)."
            if text.strip()
            else f"There is no text to copy on {what} (it may be a scanned image)."
        )
        return text

    def save_to(self, path: str) -> bool:
        """Write the original bytes to `path`; reports the outcome in the status line."""
        try:
            save_bytes(self.data, path)
        except OSError as error:
            self._set_status(
                f"Could not save the PDF to {path}: {error.strerror or error}. "
                "Choose another folder."
            )
            return False
        self._set_status(f"Saved {path}.")
        return True

    def save_as(self, folder: str | None = None) -> None:
        """Ask where to save (non-blocking dialog), starting in `folder` (default: Documents)."""
        if not self.data:
            return
        folder = folder or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        start = str(Path(folder) / self._suggested_name())
        dialog = QFileDialog(self, "Save PDF as", start, "PDF files (*.pdf)")
        dialog.setObjectName("pdfSaveDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.save_to)
        dialog.open()

    def _suggested_name(self) -> str:
        stem = re.sub(r"[^\w.-]+", "-", self.title).strip("-") or "report"
        return stem if stem.lower().endswith(".pdf") else f"{stem}.pdf"

    def print_to(self, printer: QPrinter) -> int:
        """Print onto `printer`; returns the pages printed (0 and a status message on failure)."""
        if self.source is None:
            return 0
        try:
            count = print_document(self.source, printer)
        except Exception as error:
            self._set_status(f"Printing failed: {error}. Check the printer and try again.")
            return 0
        self._set_status(f"Sent {count} pages to the printer.")
        return count

    def print_document(self) -> None:
        """Ask for a printer (non-blocking dialog), then print in the background.

        The dialog owns its QPrinter and lives as long as the viewer: a QPrintDialog over a
        QPrinter owned by Python, deleted on close, corrupted the heap in tests.
        """
        if self.source is None:
            return
        if self._print_dialog is None:
            self._print_dialog = QPrintDialog(self)
            self._print_dialog.setObjectName("pdfPrintDialog")
            self._print_dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self._print_dialog.accepted.connect(self._print_accepted)
        self._print_dialog.printer().setDocName(self.title or "Asset Report")
        self._print_dialog.setMinMax(1, self.page_count)
        self._print_dialog.show()  # PySide6's QPrintDialog.open() wants a receiver; show() is fine

    def _print_accepted(self) -> None:
        if self._print_dialog is not None:
            self.print_in_background(self._print_dialog.printer())

    def print_in_background(self, printer: QPrinter) -> PrintJob | None:
        """Print page by page while the UI stays live; `print_finished(pages, error)` at the
        end. Returns the job (None, with a status message, if the printer refused)."""
        if self.service is None or self._print_job is not None:
            return None
        try:
            job = PrintJob(self.service, printer)
        except OSError as error:
            self._set_status(f"Printing failed: {error}. Check the printer and try again.")
            return None
        self._print_job = job
        self.toolbar.print.setEnabled(False)
        job.progressed.connect(
            lambda done, total: self._set_status(f"Printing… {done} of {total} pages sent.")
        )
        job.finished.connect(self._print_job_finished)
        job.start()
        return job

    def _print_job_finished(self, printed: int, error: str) -> None:
        self._print_job = None
        self.toolbar.print.setEnabled(self.source is not None)
        if error:
            self._set_status(f"Printing stopped after {printed} pages: {error}. Try again.")
        else:
            self._set_status(f"Sent {printed} pages to the printer.")
        self.print_finished.emit(printed, error)
