"""Rendering pages to QImages off the UI thread, and a bounded LRU cache of the results.

One worker thread per open document takes jobs most-urgent-first; jobs nobody wants any more
(pages scrolled out of view, an old zoom) are dropped before they start. Results reach the UI
thread through a Qt signal (queued across threads).
"""

from __future__ import annotations

import atexit
import heapq
import itertools
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import pymupdf
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from assets_desktop.ui.pdf.document import PdfSource

TILE = 1024  # device pixels per side of a tile
TILED_ABOVE = 4_000_000  # a page bigger than this (device pixels) is rendered in tiles
PREVIEW_PIXELS = 1_000_000  # the whole-page stand-in under the tiles of a big page


@dataclass(frozen=True)
class RenderKey:
    """What to render: page index, device pixels per PDF point, a kind tag, and the tile
    (column, row) for part of a big page (None: the whole page)."""

    page: int
    scale_milli: int  # round(scale * 1000): equal keys for equal zooms
    kind: str = "page"
    tile: tuple[int, int] | None = None

    @property
    def scale(self) -> float:
        return self.scale_milli / 1000


class RenderedPage:
    """A rendered page or tile as a QImage that shares memory with its PyMuPDF pixmap (no
    copy); `origin` is its top-left in device pixels of the whole page at that scale."""

    __slots__ = ("_pixmap", "image", "nbytes", "origin")

    def __init__(self, pixmap: Any, device_pixel_ratio: float) -> None:
        self._pixmap = pixmap  # keeps the samples alive as long as the image
        self.image = QImage(
            pixmap.samples_mv,
            pixmap.width,
            pixmap.height,
            pixmap.stride,
            QImage.Format.Format_RGB888,
        )
        self.image.setDevicePixelRatio(device_pixel_ratio)
        self.nbytes = pixmap.stride * pixmap.height
        self.origin = (pixmap.x, pixmap.y)


def is_tiled(width_pt: float, height_pt: float, scale: float) -> bool:
    """Whether a page at `scale` device pixels per point is rendered in tiles."""
    return width_pt * height_pt * scale * scale > TILED_ABOVE


def preview_scale(width_pt: float, height_pt: float, scale: float) -> float:
    """`scale`, lowered so that the whole page stays within PREVIEW_PIXELS."""
    pixels = width_pt * height_pt * scale * scale
    if pixels <= PREVIEW_PIXELS:
        return scale
    return float(scale * (PREVIEW_PIXELS / pixels) ** 0.5)


def render_page(
    doc: Any,
    index: int,
    scale: float,
    device_pixel_ratio: float,
    tile: tuple[int, int] | None = None,
) -> RenderedPage:
    """Render page `index` of an open pymupdf.Document (or one TILE of it) at `scale` device
    pixels per point. Small renders keep each GIL-holding MuPDF call short."""
    page = doc.load_page(index)
    matrix = pymupdf.Matrix(scale, scale)
    if tile is None:
        return RenderedPage(page.get_pixmap(matrix=matrix, alpha=False), device_pixel_ratio)
    column, row = tile
    x0, y0 = column * TILE / scale, row * TILE / scale
    clip = pymupdf.Rect(x0, y0, x0 + TILE / scale, y0 + TILE / scale) & page.rect
    pixmap = page.get_pixmap(matrix=matrix, clip=clip, alpha=False)
    return RenderedPage(pixmap, device_pixel_ratio)


def page_job(
    source: PdfSource,
    page: int,
    scale: float,
    device_pixel_ratio: float,
    tile: tuple[int, int] | None = None,
) -> Callable[[], RenderedPage]:
    """The job the worker runs for one page or tile: render it under the document's lock."""

    def job() -> RenderedPage:
        with source.locked() as doc:
            return render_page(doc, page, scale, device_pixel_ratio, tile)

    return job


class PageCache:
    """Rendered pages, least recently used evicted first once over `max_bytes`."""

    def __init__(self, max_bytes: int = 256 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.nbytes = 0
        self._items: OrderedDict[RenderKey, RenderedPage] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: RenderKey) -> bool:
        return key in self._items

    def get(self, key: RenderKey) -> RenderedPage | None:
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item

    def best_for_page(self, page: int, kind: str = "page") -> RenderedPage | None:
        """Any cached render of the page (a stand-in while the right zoom renders)."""
        found = [k for k in self._items if k.page == page and k.kind == kind and k.tile is None]
        return self._items[max(found, key=lambda k: k.scale_milli)] if found else None

    def put(self, key: RenderKey, item: RenderedPage) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self.nbytes -= old.nbytes
        self._items[key] = item
        self.nbytes += item.nbytes
        while self.nbytes > self.max_bytes and len(self._items) > 1:
            _, evicted = self._items.popitem(last=False)
            self.nbytes -= evicted.nbytes

    def clear(self) -> None:
        self._items.clear()
        self.nbytes = 0


Job = Callable[[], object]
DRAIN_BUDGET_S = 0.015  # UI-thread time per turn of the event loop spent handing out results


class _Bridge(QObject):
    ready = Signal()  # results are waiting in RenderService._results


_LIVE: weakref.WeakSet[RenderService] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    """Stop every worker before the interpreter tears down (a render mid-exit would crash)."""
    for service in list(_LIVE):
        service.close()


class RenderService(QObject):
    """A worker thread over one PdfSource; `finished(key, result, error)` arrives on the UI thread.

    `want(group, {key: (priority, job)})` replaces the pending jobs of that group (lower
    priority value runs first); a job already running completes.
    """

    finished = Signal(object, object, object)

    def __init__(self, source: PdfSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self._bridge = _Bridge()
        # Queued even from the UI thread, so a drain that runs out of budget resumes next turn.
        self._bridge.ready.connect(self._drain, Qt.ConnectionType.QueuedConnection)
        # (priority, seq, key, result, error): the UI gets the most wanted results first
        self._results: list[tuple[int, int, Hashable, object, str | None]] = []
        self._results_lock = threading.Lock()
        self._signalled = False  # a `ready` is on its way to the UI thread
        self._cond = threading.Condition()
        self._pending: dict[Hashable, tuple[int, int, str, Job]] = {}
        self._seq = itertools.count()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="pdf-render", daemon=True)
        self._thread.start()
        _LIVE.add(self)

    def want(self, group: str, jobs: dict[Hashable, tuple[int, Job]]) -> None:
        """Replace the pending jobs of `group` with `jobs`."""
        with self._cond:
            for key in [k for k, v in self._pending.items() if v[2] == group]:
                del self._pending[key]
            for key, (priority, job) in jobs.items():
                self._pending[key] = (priority, next(self._seq), group, job)
            self._cond.notify()

    def submit(self, key: Hashable, priority: int, job: Job, group: str = "misc") -> None:
        """Add one job (replacing a pending one with the same key)."""
        with self._cond:
            self._pending[key] = (priority, next(self._seq), group, job)
            self._cond.notify()

    def pending_count(self) -> int:
        with self._cond:
            return len(self._pending)

    def close(self) -> None:
        """Drop pending jobs, stop the worker and close the document."""
        with self._cond:
            self._closed = True
            self._pending.clear()
            self._cond.notify()
        self._thread.join(timeout=5)
        self.source.close()

    def _take(self) -> tuple[int, Hashable, Job] | None:
        with self._cond:
            while not self._pending and not self._closed:
                self._cond.wait()
            if self._closed:
                return None
            key = min(self._pending, key=lambda k: self._pending[k][:2])
            priority, _, _, job = self._pending.pop(key)
            return priority, key, job

    def _run(self) -> None:
        while (taken := self._take()) is not None:
            priority, key, job = taken
            try:
                result, error = job(), None
            except Exception as exc:  # a broken page must not kill the worker
                result, error = None, str(exc) or type(exc).__name__
            if self._closed:
                continue
            with self._results_lock:  # one wake-up of the UI thread per batch of results
                entry = (priority, next(self._seq), key, result, error)
                heapq.heappush(self._results, entry)
                wake, self._signalled = not self._signalled, True
            if wake:
                self._bridge.ready.emit()

    def _drain(self) -> None:
        """On the UI thread: hand waiting results to `finished`, most wanted first, for at most
        DRAIN_BUDGET_S; the rest wait for the next turn of the event loop, so a burst (247
        thumbnails) never stalls the UI for the whole burst."""
        deadline = time.perf_counter() + DRAIN_BUDGET_S
        while True:
            with self._results_lock:
                if not self._results:
                    self._signalled = False
                    return
                _, _, key, result, error = heapq.heappop(self._results)
            self.finished.emit(key, result, error)
            if time.perf_counter() > deadline:
                self._bridge.ready.emit()  # `_signalled` stays True: this is the wake-up
                return
