"""What a render process runs: open documents by path, render a page (or a tile) and hand the
pixels back through a file in shared memory. No Qt here (the pool's processes never load it).

A result travels through a file under the pool's folder in /dev/shm: the app names a buffer
file it has mapped (one left by an evicted page, so its memory is already there) and the worker
writes the pixels into it; one copy, none in the app. A render larger than that buffer goes to
a new file instead, which the app maps and unlinks.
"""

from __future__ import annotations

import itertools
import os
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import pymupdf

TILE = 1024  # device pixels per side of a tile
OPEN_DOCUMENTS = 2  # documents a worker keeps open (the report PDF and an audit copy)

_documents: OrderedDict[str, Any] = OrderedDict()
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
    if tile is None:
        return page.get_pixmap(matrix=matrix, alpha=False)
    column, row = tile
    x0, y0 = column * TILE / scale, row * TILE / scale
    clip = pymupdf.Rect(x0, y0, x0 + TILE / scale, y0 + TILE / scale) & page.rect
    return page.get_pixmap(matrix=matrix, clip=clip, alpha=False)


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
    pixmap = render_pixmap(_document(document), index, scale, tile)
    samples = pixmap.samples_mv
    path = target
    if len(samples) > capacity:
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
