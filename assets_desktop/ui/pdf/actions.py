"""What the viewer does with a document besides showing it: search, copy text, save, print.

Two parts the viewer owns (`viewer.finder`, `viewer.output`); they reach the viewer only
through `ViewerParts`, a protocol, so this module never imports the viewer.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QStandardPaths, Qt, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from assets_desktop.ui.pdf.document import PdfSource, SearchHit
from assets_desktop.ui.pdf.output import PrintJob, print_document, save_bytes
from assets_desktop.ui.pdf.pages import PageCanvas
from assets_desktop.ui.pdf.render import RenderService
from assets_desktop.ui.pdf.search import SearchState
from assets_desktop.ui.pdf.toolbar import ViewerToolbar


class ViewerParts(Protocol):
    """What the search and output parts use of the viewer that owns them."""

    source: PdfSource | None
    service: RenderService | None
    canvas: PageCanvas
    toolbar: ViewerToolbar
    data: bytes
    title: str
    search_finished: SignalInstance
    print_finished: SignalInstance

    @property
    def current_page(self) -> int: ...

    @property
    def page_count(self) -> int: ...

    def set_status(self, text: str) -> None: ...

    def widget(self) -> QWidget: ...


SEARCH_CHUNK = 8  # pages per search job


class SearchActions:
    """Search off the UI thread; every hit highlighted; next/previous hit, wrapping."""

    def __init__(self, viewer: ViewerParts) -> None:
        self.viewer = viewer
        self.state = SearchState()
        self._generation = 0
        self._hits: list[SearchHit] = []

    def reset(self) -> None:
        """Forget the search (the document closed)."""
        self._generation += 1
        self.state = SearchState()
        self.viewer.toolbar.search.reset()

    def focus_search(self) -> None:
        box = self.viewer.toolbar.search.box
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        box.selectAll()

    def search(self, text: str) -> None:
        """Find every occurrence of `text` (off the UI thread); `search_finished` when done."""
        v, bar = self.viewer, self.viewer.toolbar.search
        self._generation += 1
        self.state = SearchState()
        v.canvas.hits, v.canvas.current_hit = (), -1
        v.canvas.viewport().update()
        if bar.box.text() != text:
            bar.box.setText(text)
            bar._searched = text
        if not text.strip() or v.service is None or v.source is None:
            bar.count.setText("")
            v.search_finished.emit(0)
            return
        self._hits = []
        self._search_chunk(text, 0)

    def _search_chunk(self, text: str, start: int) -> None:
        """Search SEARCH_CHUNK pages in one worker job, so page renders can run in between."""
        v = self.viewer
        if v.service is None or v.source is None:
            return
        source, pages = v.source, range(start, min(start + SEARCH_CHUNK, v.page_count))
        v.toolbar.search.count.setText(f"Searching… page {pages[0] + 1} of {v.page_count}")
        v.service.submit(
            ("search", self._generation, text, start),
            50,  # after the visible pages, before the pages around them and the thumbnails
            lambda: [hit for page in pages for hit in source.search_page(page, text)],
        )

    def chunk_done(
        self, generation: int, text: str, start: int, hits: object, error: str | None
    ) -> None:
        """A search job's result (the viewer routes it here)."""
        v, count = self.viewer, self.viewer.toolbar.search.count
        if generation != self._generation:
            return
        if error is not None:
            count.setText("Search failed")
            v.set_status(f"The search failed: {error}.")
            v.search_finished.emit(0)
            return
        self._hits.extend(hits)  # type: ignore[arg-type]
        if start + SEARCH_CHUNK < v.page_count:
            self._search_chunk(text, start + SEARCH_CHUNK)
            return
        self.state = SearchState(text, self._hits)
        v.canvas.hits = self.state.hits
        if self.state.first_from(v.current_page) is not None:
            self._show_hit()
        count.setText(self.state.label())
        v.canvas.viewport().update()
        v.search_finished.emit(len(self.state.hits))

    def step_hit(self, forward: bool) -> None:
        if self.state.step(forward) is not None:
            self._show_hit()
            self.viewer.toolbar.search.count.setText(self.state.label())

    def next_hit(self) -> None:
        self.step_hit(True)

    def previous_hit(self) -> None:
        self.step_hit(False)

    def _show_hit(self) -> None:
        canvas, hit = self.viewer.canvas, self.state.hits[self.state.current]
        canvas.current_hit = self.state.current
        canvas.ensure_visible(hit.page, hit.rect)
        canvas.viewport().update()


class OutputActions:
    """Copy the text of the selection or page; save the original bytes; print."""

    def __init__(self, viewer: ViewerParts) -> None:
        self.viewer = viewer
        self._print_dialog: QPrintDialog | None = None
        self._print_job: PrintJob | None = None

    def cancel_print(self, reason: str) -> None:
        """Stop a print in progress (the document closed)."""
        if self._print_job is not None:
            self._print_job.cancel(reason)

    def current_page_text(self) -> str:
        return self.viewer.source.page_text(self.viewer.current_page) if self.viewer.source else ""

    def selected_text(self) -> str:
        if self.viewer.source is None or self.viewer.canvas.selection is None:
            return ""
        page, rect = self.viewer.canvas.selection
        return self.viewer.source.page_text(page, rect)

    def copy_text(self) -> str:
        """Copy the selection's text, or the current page's, to the clipboard; returns it."""
        what = (
            "the selection"
            if self.viewer.canvas.selection
            else f"page {self.viewer.current_page + 1}"
        )
        try:
            text = (
                self.selected_text() if self.viewer.canvas.selection else self.current_page_text()
            )
        except Exception as error:
            self.viewer.set_status(f"Could not read the text of {what}: {error}.")
            return ""
        QGuiApplication.clipboard().setText(text)
        self.viewer.set_status(
            f"Copied the text of {what} ({len(text)} characters)."
            if text.strip()
            else f"There is no text to copy on {what} (it may be a scanned image)."
        )
        return text

    def save_to(self, path: str) -> bool:
        """Write the original bytes to `path`; reports the outcome in the status line."""
        try:
            save_bytes(self.viewer.data, path)
        except OSError as error:
            self.viewer.set_status(
                f"Could not save the PDF to {path}: {error.strerror or error}. "
                "Choose another folder."
            )
            return False
        self.viewer.set_status(f"Saved {path}.")
        return True

    def save_as(self, folder: str | None = None) -> None:
        """Ask where to save (non-blocking dialog), starting in `folder` (default: Documents)."""
        if not self.viewer.data:
            return
        folder = folder or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        start = str(Path(folder) / self.suggested_name())
        dialog = QFileDialog(self.viewer.widget(), "Save PDF as", start, "PDF files (*.pdf)")
        dialog.setObjectName("pdfSaveDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.save_to)
        dialog.open()

    def suggested_name(self) -> str:
        stem = re.sub(r"[^\w.-]+", "-", self.viewer.title).strip("-") or "report"
        return stem if stem.lower().endswith(".pdf") else f"{stem}.pdf"

    def print_to(self, printer: QPrinter) -> int:
        """Print onto `printer`; returns the pages printed (0 and a status message on failure)."""
        if self.viewer.source is None:
            return 0
        try:
            count = print_document(self.viewer.source, printer)
        except Exception as error:
            self.viewer.set_status(f"Printing failed: {error}. Check the printer and try again.")
            return 0
        self.viewer.set_status(f"Sent {count} pages to the printer.")
        return count

    def print_document(self) -> None:
        """Ask for a printer (non-blocking dialog), then print in the background.

        The dialog owns its QPrinter and lives as long as the viewer: a QPrintDialog over a
        QPrinter owned by Python, deleted on close, corrupted the heap in tests.
        """
        if self.viewer.source is None:
            return
        if self._print_dialog is None:
            self._print_dialog = QPrintDialog(self.viewer.widget())
            self._print_dialog.setObjectName("pdfPrintDialog")
            self._print_dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self._print_dialog.accepted.connect(self._print_accepted)
        self._print_dialog.printer().setDocName(self.viewer.title or "Asset Report")
        self._print_dialog.setMinMax(1, self.viewer.page_count)
        self._print_dialog.show()  # PySide6's QPrintDialog.open() wants a receiver; show() is fine

    def _print_accepted(self) -> None:
        if self._print_dialog is not None:
            self.print_in_background(self._print_dialog.printer())

    def print_in_background(self, printer: QPrinter) -> PrintJob | None:
        """Print page by page while the UI stays live; `print_finished(pages, error)` at the
        end. Returns the job (None, with a status message, if the printer refused)."""
        if self.viewer.service is None or self._print_job is not None:
            return None
        try:
            job = PrintJob(self.viewer.service, printer)
        except OSError as error:
            self.viewer.set_status(f"Printing failed: {error}. Check the printer and try again.")
            return None
        self._print_job = job
        self.viewer.toolbar.print.setEnabled(False)
        job.progressed.connect(
            lambda done, total: self.viewer.set_status(f"Printing… {done} of {total} pages sent.")
        )
        job.finished.connect(self._print_job_finished)
        job.start()
        return job

    def _print_job_finished(self, printed: int, error: str) -> None:
        self._print_job = None
        self.viewer.toolbar.print.setEnabled(self.viewer.source is not None)
        if error:
            self.viewer.set_status(f"Printing stopped after {printed} pages: {error}. Try again.")
        else:
            self.viewer.set_status(f"Sent {printed} pages to the printer.")
        self.viewer.print_finished.emit(printed, error)
