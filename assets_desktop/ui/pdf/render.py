"""Rendering pages to QImages off the UI thread and process, and a bounded LRU cache of them.

Dispatcher threads per open document (one per render process) take jobs most-urgent-first;
jobs nobody wants any more (pages scrolled out of view, an old zoom) are dropped before they
start. A page job renders in the render pool (`pool.POOL`, outside this process's GIL) once it
is up, on the dispatcher thread before. Results reach the UI thread through a Qt signal.
"""

from __future__ import annotations

import atexit
import heapq
import itertools
import math
import os
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from assets_desktop.ui.pdf.document import PdfSource
from assets_desktop.ui.pdf.pool import POOL, MappedPixels, PoolStoppedError
from assets_desktop.ui.pdf.worker import TILE, render_pixmap

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
    """A rendered page or tile as a QImage that shares memory with its PyMuPDF pixmap or the
    mapped result of a render process (no copy); `origin` is its top-left in device pixels of
    the whole page at that scale."""

    __slots__ = ("_lease", "_owner", "image", "nbytes", "origin", "rendered_by")

    def __init__(self, pixmap: Any, device_pixel_ratio: float) -> None:
        self._lease: MappedPixels | None = None
        self.rendered_by = os.getpid()  # the process that rendered it
        self._set(pixmap, pixmap.samples_mv, pixmap.width, pixmap.height, pixmap.stride)
        self.image.setDevicePixelRatio(device_pixel_ratio)
        self.origin = (pixmap.x, pixmap.y)

    @classmethod
    def mapped(cls, result: MappedPixels, device_pixel_ratio: float) -> RenderedPage:
        """The page a render process left in shared memory."""
        page = cls.__new__(cls)
        p = result.pixels
        page._lease = result
        samples = memoryview(result.buffer.mapping)[: p.stride * p.height]
        page._set(result.buffer, samples, p.width, p.height, p.stride)
        page.image.setDevicePixelRatio(device_pixel_ratio)
        page.origin = p.origin
        page.rendered_by = p.pid
        return page

    def __del__(self) -> None:
        """Drop the image first, then hand a shared buffer back for another render."""
        lease, self._lease = getattr(self, "_lease", None), None
        if lease is not None:
            self.image = QImage()
            lease.give_back()

    def _set(self, owner: object, samples: Any, width: int, height: int, stride: int) -> None:
        self._owner = owner  # keeps the samples alive as long as the image
        self.image = QImage(samples, width, height, stride, QImage.Format.Format_RGB888)
        self.nbytes = stride * height


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
    pixels per point, in this process. Small renders keep each GIL-holding MuPDF call short."""
    return RenderedPage(render_pixmap(doc, index, scale, tile), device_pixel_ratio)


def expected_bytes(size: tuple[float, float], scale: float, tile: tuple[int, int] | None) -> int:
    """An upper bound of the RGB bytes of a page (or tile) of `size` points at `scale`."""
    if tile is not None:
        return (TILE + 2) ** 2 * 3
    return (math.ceil(size[0] * scale) + 2) * (math.ceil(size[1] * scale) + 2) * 3


def page_job(
    source: PdfSource,
    page: int,
    scale: float,
    device_pixel_ratio: float,
    tile: tuple[int, int] | None = None,
) -> Callable[[], RenderedPage]:
    """The job a dispatcher runs for one page or tile: in a render process once the pool is
    up (`source.shared_path` set), else here under the document's lock."""

    def job() -> RenderedPage:
        if source.shared_path is not None and POOL.ready:
            try:
                nbytes = expected_bytes(source.page_sizes[page], scale, tile)
                result = POOL.render(source.shared_path, page, scale, tile, nbytes)
            except PoolStoppedError:  # render here instead
                pass
            else:
                return RenderedPage.mapped(result, device_pixel_ratio)
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
_Key = TypeVar("_Key", bound=Hashable)
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
    """Dispatcher threads over one PdfSource (one per render process, or one when the pool is
    off); `finished(key, result, error)` arrives on the UI thread.

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
        self._pooled = POOL.acquire()
        if self._pooled:
            source.shared_path = POOL.share(source.data)
        self._threads = [
            threading.Thread(target=self._run, name="pdf-render", daemon=True)
            for _ in range(POOL.processes if self._pooled else 1)
        ]
        for thread in self._threads:
            thread.start()
        _LIVE.add(self)

    def want(self, group: str, jobs: Mapping[_Key, tuple[int, Job]]) -> None:
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
        """Drop pending jobs, stop the dispatchers, close the document and let go of the pool
        (the last document to close stops the render processes)."""
        with self._cond:
            was_closed, self._closed = self._closed, True
            self._pending.clear()
            self._cond.notify_all()
        for thread in self._threads:
            thread.join(timeout=5)
        self.source.close()
        if self._pooled and not was_closed:
            POOL.forget(self.source.shared_path)
            self.source.shared_path = None
            POOL.release()

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
