"""What a render process runs: open documents by path, render a page (or a tile) and hand the
pixels back through a file in shared memory. No Qt here (the pool's processes never load it).

A result travels through a file under the pool's folder in /dev/shm: the app names a buffer
file it has mapped (one left by an evicted page, so its memory is already there) and MuPDF
draws the pixels straight into it (no copy anywhere). A render larger than that buffer goes to
a new file instead, which the app maps and unlinks.
"""

from __future__ import annotations

import itertools
import mmap
import os
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from assets_desktop.ui.pdf.pymupdf_any import pymupdf

mupdf = pymupdf.mupdf

TILE = 1024  # device pixels per side of a tile
OPEN_DOCUMENTS = 2  # documents a worker keeps open (the report PDF and an audit copy)
MAPPED_BUFFERS = 48  # the app's buffer files a worker keeps mapped

_documents: OrderedDict[str, Any] = OrderedDict()
_buffers: OrderedDict[str, mmap.mmap] = OrderedDict()
_names = itertools.count()


@dataclass(frozen=True)
class Pixels:
    """A rendered page or tile waiting in `path`: RGB888 rows of `stride` bytes; `origin` is
    its top-left in device pixels of the whole page at that scale."""

    path: str
    width: int
    height: int
    stride: int
    origin: tuple[int, int]
    pid: int  # the process that rendered it


def render_pixmap(doc: Any, index: int, scale: float, tile: tuple[int, int] | None) -> Any:
    """Render page `index` of an open pymupdf.Document (or one TILE of it) at `scale` device
    pixels per point, as a pymupdf.Pixmap without alpha."""
    page = doc.load_page(index)
    matrix = pymupdf.Matrix(scale, scale)
    return page.get_pixmap(matrix=matrix, clip=_clip(page, scale, tile), alpha=False)


def warm() -> int:
    """Nothing to do (pymupdf is loaded): tells the pool a worker is up; returns its pid."""
    return os.getpid()


def _document(path: str) -> Any:
    doc = _documents.get(path)
    if doc is None:
        doc = pymupdf.open(path, filetype="pdf")
        _documents[path] = doc
        while len(_documents) > OPEN_DOCUMENTS:
            _documents.popitem(last=False)[1].close()
    _documents.move_to_end(path)
    return doc


def _clip(page: Any, scale: float, tile: tuple[int, int] | None) -> Any:
    if tile is None:
        return None
    column, row = tile
    x0, y0 = column * TILE / scale, row * TILE / scale
    return pymupdf.Rect(x0, y0, x0 + TILE / scale, y0 + TILE / scale) & page.rect


def render_into(
    doc: Any, index: int, scale: float, tile: tuple[int, int] | None, target: Any
) -> Pixels | None:
    """Draw the page (or tile) into the writable buffer `target`, as `render_pixmap` would
    (the same steps as PyMuPDF's get_pixmap, over memory we own); None if it does not fit."""
    page = doc.load_page(index)
    shown = page.get_displaylist().this
    matrix = pymupdf.JM_matrix_from_py(pymupdf.Matrix(scale, scale))
    clip = pymupdf.JM_rect_from_py(_clip(page, scale, tile))
    rect = mupdf.fz_intersect_rect(mupdf.fz_bound_display_list(shown), clip)
    box = mupdf.fz_round_rect(mupdf.fz_transform_rect(rect, matrix))
    width, height = box.x1 - box.x0, box.y1 - box.y0
    if width * 3 * height > len(target):
        return None
    data = mupdf.python_mutable_buffer_data(target)
    pix = mupdf.fz_new_pixmap_with_bbox_and_data(
        mupdf.fz_device_rgb(), box, mupdf.FzSeparations(), 0, data
    )
    mupdf.fz_clear_pixmap_with_value(pix, 0xFF)
    if mupdf.fz_is_infinite_rect(clip):
        device = mupdf.fz_new_draw_device(matrix, pix)
        clip = mupdf.FzRect(mupdf.FzRect.Fixed_INFINITE)
    else:
        device = mupdf.fz_new_draw_device_with_bbox(matrix, pix, box)
    mupdf.fz_run_display_list(shown, device, mupdf.FzMatrix(), clip, mupdf.FzCookie())
    mupdf.fz_close_device(device)
    return Pixels("", width, height, pix.stride(), (box.x0, box.y0), os.getpid())


def _mapped(path: str, capacity: int) -> mmap.mmap:
    """The app's buffer file, mapped here (kept for its next use; files the app removed are
    unmapped so their memory goes)."""
    buffer = _buffers.get(path)
    if buffer is None:
        for stale in [p for p in _buffers if not os.path.exists(p)]:
            _buffers.pop(stale).close()
        with open(path, "r+b") as file:
            buffer = mmap.mmap(file.fileno(), capacity)
        _buffers[path] = buffer
        while len(_buffers) > MAPPED_BUFFERS:
            _buffers.popitem(last=False)[1].close()
    _buffers.move_to_end(path)
    return buffer


def render_to_file(
    document: str,
    index: int,
    scale: float,
    tile: tuple[int, int] | None,
    target: str,
    capacity: int,
) -> Pixels:
    """Render in this process; the pixels go into `target` if they fit in `capacity` bytes,
    else into a new file beside it (the caller unlinks that one)."""
    doc = _document(document)
    drawn = render_into(doc, index, scale, tile, _mapped(target, capacity))
    if drawn is not None:
        return Pixels(target, drawn.width, drawn.height, drawn.stride, drawn.origin, drawn.pid)
    pixmap = render_pixmap(doc, index, scale, tile)
    samples = pixmap.samples_mv
    path = os.path.join(os.path.dirname(target), f"{os.getpid()}-{next(_names)}.rgb")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        written = 0
        while written < len(samples):
            written += os.pwrite(fd, samples[written:], written)
    finally:
        os.close(fd)
    origin = (pixmap.x, pixmap.y)
    return Pixels(path, pixmap.width, pixmap.height, pixmap.stride, origin, os.getpid())
