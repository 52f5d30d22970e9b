"""A small pool of render processes shared by the open PDF viewers: pages render outside the
app's GIL (PyMuPDF holds it for a whole `get_pixmap`), two at a time.

Started lazily by the first document that wants it, shut down when the last one lets go and at
exit, so no render process outlives the app. Until its first worker is up (the forkserver loads
PyMuPDF once, then forks), pages render on the caller's thread as before.
`ASSETS_DESKTOP_RENDER_PROCESSES=0` turns the pool off.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import mmap
import multiprocessing
import os
import shutil
import tempfile
import threading
from collections import deque
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from assets_desktop.domain.errors import AppError
from assets_desktop.ui.pdf import worker
from assets_desktop.ui.pdf.worker import Pixels

PREFIX = "assets-desktop-pdf-"
FREE_BYTES = 96 << 20  # buffers of evicted pages kept for reuse (new memory is slow to fault in)
GRAIN = 64 << 10  # buffer sizes are rounded up to this


def _processes() -> int:
    wanted = os.environ.get("ASSETS_DESKTOP_RENDER_PROCESSES", "")
    return int(wanted) if wanted.isdigit() else min(2, os.cpu_count() or 1)


def _shared_root() -> str:
    return "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()  # noqa: S108


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_orphans(root: str) -> None:
    """Remove the folders of apps that died without cleaning up (their pid is gone)."""
    for folder in Path(root).glob(f"{PREFIX}*"):
        pid = folder.name[len(PREFIX) :].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


class PoolStoppedError(AppError):
    """The render processes stopped (or died) before the job ran: render it elsewhere."""

    def __init__(self, user_message: str = "") -> None:
        super().__init__(
            user_message or "The PDF's render processes stopped; the page is drawn in the app."
        )


class SharedBuffer:
    """A file in the pool's folder, mapped here; workers write pixels into it. Its memory is
    reused for another render once the page showing it is evicted (`give_back`)."""

    def __init__(self, path: str, capacity: int, generation: int, create: bool) -> None:
        self.path, self.capacity, self.generation = path, capacity, generation
        flags = os.O_RDWR | (os.O_CREAT | os.O_EXCL if create else 0)
        fd = os.open(path, flags, 0o600)
        try:
            if create:
                os.ftruncate(fd, capacity)
            self.mapping = mmap.mmap(fd, capacity, flags=mmap.MAP_SHARED)
        finally:
            os.close(fd)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(BufferError):  # an image still uses it: freed with the image
            self.mapping.close()


@dataclass
class MappedPixels:
    """A worker's result in a buffer mapped here (no copy made); `give_back` once unused."""

    buffer: SharedBuffer
    pixels: Pixels
    pool: RenderPool

    def give_back(self) -> None:
        self.pool.give_back(self.buffer)


class RenderPool:
    """The render processes, counted by users: `acquire` starts them, the last `release` stops
    them and removes their shared folder."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._executor: ProcessPoolExecutor | None = None
        self._ready = threading.Event()
        self._folder = ""
        self._documents = itertools.count()
        self._buffers = itertools.count()
        self._generation = 0  # bumped when the pool stops: older buffers are not reused
        self._free: deque[SharedBuffer] = deque()  # appended without the lock (from __del__)

    @property
    def ready(self) -> bool:
        """A worker is up: jobs sent now start at once."""
        return self._ready.is_set()

    @property
    def processes(self) -> int:
        """How many render processes the pool runs."""
        return max(1, _processes())

    @property
    def running(self) -> bool:
        return self._executor is not None

    def worker_pids(self) -> list[int]:
        """The pids of the render processes now running (for tests and the benchmark)."""
        executor = self._executor
        processes = getattr(executor, "_processes", None) or {}
        return [int(pid) for pid in processes]

    def acquire(self) -> bool:
        """Count a user; start the pool if it is off. False when the pool is turned off."""
        if _processes() == 0:
            return False
        with self._lock:
            self._users += 1
            if self._executor is None:
                self._start()
        return True

    def release(self) -> None:
        """Uncount a user; the last one stops the pool."""
        with self._lock:
            self._users = max(0, self._users - 1)
            if self._users == 0:
                self._stop()

    def shutdown(self) -> None:
        """Stop the processes whoever still uses them (at exit)."""
        with self._lock:
            self._users = 0
            self._stop()

    def share(self, data: bytes) -> str:
        """Write a document where the workers can open it; returns its path."""
        path = os.path.join(self._folder, f"document-{next(self._documents)}.pdf")
        Path(path).write_bytes(data)
        return path

    def forget(self, path: str | None) -> None:
        """Remove a shared document (workers that still have it open keep it until evicted)."""
        if path:
            with contextlib.suppress(OSError):
                os.unlink(path)

    def render(
        self, document: str, index: int, scale: float, tile: tuple[int, int] | None, nbytes: int
    ) -> MappedPixels:
        """Render in a worker into a buffer of at least `nbytes` (the expected size); blocks
        (without the GIL) until it is done."""
        executor = self._executor
        if executor is None:
            raise PoolStoppedError("the render processes are stopped")
        buffer = self._lease(nbytes)
        args = (document, index, scale, tile, buffer.path, buffer.capacity)
        try:
            future = executor.submit(worker.render_to_file, *args)
        except (RuntimeError, BrokenProcessPool) as error:  # shut down or died meanwhile
            self.give_back(buffer)
            raise PoolStoppedError(str(error)) from error
        try:
            pixels = future.result()  # a page that fails to render raises its own error
        except (CancelledError, BrokenProcessPool) as error:
            self.give_back(buffer)
            raise PoolStoppedError(str(error) or "cancelled") from error
        except BaseException:
            self.give_back(buffer)
            raise
        if pixels.path != buffer.path:  # it did not fit: map the file the worker made
            self.give_back(buffer)
            size = pixels.stride * pixels.height
            buffer = SharedBuffer(pixels.path, size, buffer.generation, create=False)
        return MappedPixels(buffer, pixels, self)

    def give_back(self, buffer: SharedBuffer) -> None:
        """A buffer nobody shows any more: kept for reuse (up to FREE_BYTES), else removed.
        Safe from any thread and from finalizers (takes no lock)."""
        if buffer.generation != self._generation or self._folder == "":
            _discard_in_background([buffer])
            return
        self._free.append(buffer)
        surplus = []
        while sum(b.capacity for b in self._free) > FREE_BYTES and self._free:
            with contextlib.suppress(IndexError):
                surplus.append(self._free.popleft())
        _discard_in_background(surplus)

    def _lease(self, nbytes: int) -> SharedBuffer:
        """A free buffer of nbytes to 2 × nbytes, else a new one (its memory is allocated by
        the worker's first write)."""
        for _ in range(len(self._free)):
            try:
                buffer = self._free.popleft()
            except IndexError:
                break
            if nbytes <= buffer.capacity <= 2 * nbytes:
                return buffer
            self._free.append(buffer)
        capacity = -(-nbytes // GRAIN) * GRAIN
        path = os.path.join(self._folder, f"buffer-{next(self._buffers)}.rgb")
        return SharedBuffer(path, capacity, self._generation, create=True)

    def _start(self) -> None:
        root = _shared_root()
        sweep_orphans(root)
        self._folder = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=root)
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            context.set_forkserver_preload(["assets_desktop.ui.pdf.worker"])
        self._executor = ProcessPoolExecutor(_processes(), mp_context=context)
        # The first submit starts the forkserver and waits for it to load PyMuPDF (0.3-0.8 s):
        # on a thread of its own, never on the UI thread.
        threading.Thread(target=self._warm, args=(self._executor,), name="pdf-pool-start").start()

    def _warm(self, executor: ProcessPoolExecutor) -> None:
        try:
            executor.submit(worker.warm).result()
        except Exception:  # stopped meanwhile, or no process could start: render in-thread
            return
        if executor is self._executor:
            self._ready.set()

    def _stop(self) -> None:
        self._ready.clear()
        self._generation += 1
        free = list(self._free)
        self._free.clear()
        _discard_in_background(free)  # unmapping 100 MB takes tens of ms
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = ""


def _discard_in_background(buffers: list[SharedBuffer]) -> None:
    if buffers:
        threading.Thread(target=_discard, args=(buffers,), name="pdf-buffers", daemon=True).start()


def _discard(buffers: list[SharedBuffer]) -> None:
    for buffer in buffers:
        buffer.discard()


POOL = RenderPool()


class PoolHold:
    """One user's hold on the pool, taken and let go at most once each (safe to repeat)."""

    def __init__(self) -> None:
        self._held = False

    def acquire(self) -> None:
        """Hold the pool (starting it) unless already held."""
        if not self._held:
            self._held = POOL.acquire()

    def release(self) -> None:
        """Let go of the pool if held (the last user stops it)."""
        if self._held:
            self._held = False
            POOL.release()


atexit.register(POOL.shutdown)
