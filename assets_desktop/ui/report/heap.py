"""Give the C heap's free pages back to the system once a report's view is built
or dropped.

Decrypting, decoding and analysing the largest report allocate ~100 MB that is freed again, but
glibc keeps most of it in its arenas (one per worker thread): the window stayed ~30 MB larger
than it needs, and the next open's peak started from there. `malloc_trim(0)` returns it; it
runs on a worker thread (ctypes releases the GIL) and does nothing where there is no glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import threading
from typing import Any

__all__ = ["trim_heap", "trim_heap_in_background"]


@functools.cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def trim_heap() -> bool:
    """Return free heap memory to the system; False where that is not possible (no glibc)."""
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True


def trim_heap_in_background() -> None:
    """`trim_heap` on a thread of its own (it walks the heap: a few milliseconds)."""
    threading.Thread(target=trim_heap, name="trim-heap", daemon=True).start()
