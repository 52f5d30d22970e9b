"""The PDF viewer renders in a pool of processes (outside the UI process's GIL), pixel for
pixel as PyMuPDF does here, and no render process outlives the viewer or the app."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pymupdf
from pytestqt.qtbot import QtBot

from assets_desktop.ui.pdf.pool import POOL
from tests.gui.pdf_support import known_sample, shown_viewer, wait_rendered


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not reaped, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def _gone(pids: list[int], seconds: float = 10) -> bool:
    """Wait (bounded) until none of `pids` runs; processes need a moment to exit."""
    deadline = time.monotonic() + seconds
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(_alive(pid) for pid in pids)


def test_pages_render_in_another_process_pixel_for_pixel(qtbot: QtBot) -> None:
    pdf = known_sample(6)
    viewer = shown_viewer(qtbot, pdf)
    qtbot.waitUntil(lambda: POOL.ready, timeout=30_000)
    viewer.set_zoom_percent(150)  # a new scale: rendered now that the pool is up
    wait_rendered(qtbot, viewer, 0)
    rendered = viewer.cache.get(viewer.canvas.render_key(0))
    assert rendered is not None
    assert rendered.rendered_by != os.getpid()
    assert rendered.rendered_by in POOL.worker_pids()
    scale = viewer.canvas.device_scale(0)
    doc = pymupdf.open(stream=pdf.data)
    expected = doc[0].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
    image = rendered.image
    assert (image.width(), image.height()) == (expected.width, expected.height)
    assert bytes(image.constBits())[: len(expected.samples)] == expected.samples


def test_no_render_process_outlives_the_viewer(qtbot: QtBot) -> None:
    POOL.shutdown()  # this viewer the only user: no window of an earlier test still holds it
    viewer = shown_viewer(qtbot, known_sample(4))
    qtbot.waitUntil(lambda: POOL.ready, timeout=30_000)
    viewer.set_zoom_percent(50)
    qtbot.waitUntil(lambda: len(POOL.worker_pids()) > 0)
    workers, folder = POOL.worker_pids(), POOL._folder
    assert all(_alive(pid) for pid in workers)
    viewer.close()
    assert not POOL.running
    assert _gone(workers), [pid for pid in workers if _alive(pid)]
    assert not Path(folder).exists(), "the shared buffers are removed with the pool"


APP = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from multiprocessing import forkserver, resource_tracker
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from assets_desktop.ui.pdf import PdfViewer
from assets_desktop.ui.pdf.pool import POOL
from assets_desktop.ui.pdf.sample import sample_pdf

if __name__ == "__main__":
    app = QApplication([])
    viewer = PdfViewer()
    viewer.resize(800, 600)
    viewer.show()
    viewer.load_bytes(sample_pdf(4), "exit test")
    while not (POOL.ready and POOL.worker_pids()):
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    helpers = [forkserver._forkserver._forkserver_pid, resource_tracker._resource_tracker._pid]
    print(*POOL.worker_pids(), *[pid for pid in helpers if pid], flush=True)
    sys.exit(0)  # no close: the app just ends, with the viewer open
"""


def test_no_render_process_outlives_the_app(tmp_path: Path) -> None:
    script = tmp_path / "app.py"
    script.write_text(APP, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pids = [int(word) for word in done.stdout.split()]
    assert len(pids) >= 2, done.stdout  # at least one worker and the forkserver
    assert _gone(pids), [pid for pid in pids if _alive(pid)]
