"""Opening PDF bytes with PyMuPDF, page geometry, text and search: no Qt here.

PyMuPDF is not thread-safe, so every call on a `PdfSource`'s document goes through its lock
(`with source.locked() as doc:`); the render worker and the UI thread share it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from assets_desktop.domain.errors import AppError
from assets_desktop.ui.pdf.pymupdf_any import pymupdf

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF points, origin top-left


class PdfOpenError(AppError):
    """The bytes are not a PDF this viewer can show; `reason` says why, in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"The PDF cannot be shown: {reason}")
        self.reason = reason


@dataclass(frozen=True)
class SearchHit:
    """One occurrence of the search text: the page index and its rectangle in points."""

    page: int
    rect: Rect


def _reason_for(data: bytes, error: Exception) -> str:
    head = data[:1024].lstrip()
    if not head.startswith(b"%PDF"):
        return "the file is not a PDF (it does not start with %PDF)"
    text = str(error).strip() or type(error).__name__
    return f"the file is damaged or incomplete ({text})"


def open_pdf(data: bytes) -> Any:
    """Open PDF bytes, or raise PdfOpenError with a reason a user can act on."""
    if not data:
        raise PdfOpenError("the file is empty (0 bytes)")
    if not data[:1024].lstrip().startswith(b"%PDF"):
        raise PdfOpenError("the file is not a PDF (it does not start with %PDF)")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as error:  # pymupdf raises several types for broken files
        raise PdfOpenError(_reason_for(data, error)) from error
    if doc.needs_pass:
        doc.close()
        raise PdfOpenError("the file is password-protected")
    try:
        count = doc.page_count
        if count == 0:
            raise PdfOpenError("the file has no pages (it is probably truncated)")
        doc.load_page(0).rect  # noqa: B018 - touching page 0 surfaces a broken page tree early
    except PdfOpenError:
        doc.close()
        raise
    except Exception as error:
        doc.close()
        raise PdfOpenError(_reason_for(data, error)) from error
    return doc


def _page_sizes(doc: Any) -> list[tuple[float, float]]:
    """(width, height) in points of every page as shown, without loading each page (fast)."""
    sizes = []
    for index in range(doc.page_count):
        try:
            box = doc.page_cropbox(index)
            kind, rotate = doc.xref_get_key(doc.page_xref(index), "Rotate")
            turned = kind == "int" and int(rotate) % 180 == 90
            sizes.append((box.height, box.width) if turned else (box.width, box.height))
        except (ValueError, RuntimeError):  # a repaired file: ask the page itself
            rect = doc.load_page(index).rect
            sizes.append((rect.width, rect.height))
    return sizes


class PdfSource:
    """One open document plus the lock that serialises every PyMuPDF call on it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.shared_path: str | None = None  # where render processes open it (set by the pool)
        self._lock = threading.Lock()
        self._doc = open_pdf(data)
        try:
            self.page_sizes = _page_sizes(self._doc)
        except Exception as error:
            self._doc.close()
            raise PdfOpenError(_reason_for(data, error)) from error
        self.page_count = len(self.page_sizes)
        self.repaired = bool(self._doc.is_repaired)  # MuPDF rebuilt a broken file on open

    @contextmanager
    def locked(self) -> Iterator[Any]:
        """Hold the lock and yield the pymupdf.Document."""
        with self._lock:
            if self._doc is None:
                raise PdfOpenError("the document was closed")
            yield self._doc

    def close(self) -> None:
        """Close the document (waits for a render in progress)."""
        with self._lock:
            if self._doc is not None:
                self._doc.close()
                self._doc = None

    def page_text(self, index: int, clip: Rect | None = None) -> str:
        """The text of one page, or of the part of it inside `clip` (points)."""
        with self.locked() as doc:
            page = doc.load_page(index)
            if clip is None:
                return str(page.get_text("text"))
            return str(page.get_text("text", clip=pymupdf.Rect(*clip)))

    def search_page(self, index: int, needle: str) -> list[SearchHit]:
        """Every occurrence of `needle` on one page (case-insensitive, as MuPDF searches)."""
        with self.locked() as doc:
            quads = doc.load_page(index).search_for(needle, quads=True)
        hits = []
        for quad in quads:
            r = quad.rect
            hits.append(SearchHit(index, (r.x0, r.y0, r.x1, r.y1)))
        return hits

    def search(self, needle: str) -> list[SearchHit]:
        """Every occurrence of `needle` in the document, in reading order of pages."""
        hits: list[SearchHit] = []
        if not needle.strip():
            return hits
        for index in range(self.page_count):
            hits.extend(self.search_page(index, needle))
        return hits


_OPENER = ThreadPoolExecutor(1, thread_name_prefix="pdf-open")


def open_soon(data: bytes) -> Future[PdfSource]:
    """Open `data` as a `PdfSource` on a thread (its result raises PdfOpenError as it would)."""
    return _OPENER.submit(PdfSource, data)


def discard(opening: Future[PdfSource]) -> None:
    """An `open_soon` whose document will not be shown: close it once opened."""

    def close(done: Future[PdfSource]) -> None:
        if not done.cancelled() and done.exception() is None:
            done.result().close()

    if not opening.cancel():
        opening.add_done_callback(close)
