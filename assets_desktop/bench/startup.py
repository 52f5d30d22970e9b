"""Process start to first paint of the main window, against a bare PySide6 window."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from assets_desktop.bench.figures import Figure

BARE_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
class W(QMainWindow):
    done = False
    def paintEvent(self, e):
        super().paintEvent(e)
        if not self.done:
            self.done = True
            print(f"FIRST_PAINT {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
app = QApplication(sys.argv)
w = W(); w.resize(1400, 900); w.show()
app.exec()
"""


def first_paint_ms(command: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.time()
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=120, check=False
    )
    for line in result.stdout.splitlines():
        if line.startswith("FIRST_PAINT "):
            return (float(line.split()[1]) - start) * 1000
    raise RuntimeError(f"no first paint from {command}: {result.stderr[-2000:]}")


def run(quick: bool) -> list[Figure]:
    """Median of several cold starts of the app and of a bare window."""
    repeat = 2 if quick else 5
    app = [
        first_paint_ms([sys.executable, "-m", "assets_desktop", "--first-paint-exit"])
        for _ in range(repeat)
    ]
    bare = [first_paint_ms([sys.executable, "-c", BARE_WINDOW]) for _ in range(repeat)]
    return [
        Figure(
            "start to first paint (main window)",
            statistics.median(app),
            "ms",
            peer="bare PySide6 window",
            peer_value=statistics.median(bare),
        )
    ]
