"""Process start to first paint of the main window (its shell, painted before the heavy
imports) and to the workspace window painted, against a bare PySide6 window."""

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


def paints_ms(command: list[str]) -> dict[str, float]:
    """ms from process start to each `LABEL <time>` line it prints (FIRST_PAINT, WINDOW_PAINT)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.time()
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=120, check=False
    )
    paints = {}
    for line in result.stdout.splitlines():
        label, _, stamp = line.partition(" ")
        if label in ("FIRST_PAINT", "WINDOW_PAINT"):
            paints[label] = (float(stamp) - start) * 1000
    if "FIRST_PAINT" not in paints:
        raise RuntimeError(f"no first paint from {command}: {result.stderr[-2000:]}")
    return paints


def first_paint_ms(command: list[str]) -> float:
    return paints_ms(command)["FIRST_PAINT"]


def run(quick: bool) -> list[Figure]:
    """Median of several cold starts of the app and of a bare window, taking turns."""
    repeat = 3 if quick else 7
    app, bare = [], []
    for _ in range(repeat):
        app.append(paints_ms([sys.executable, "-m", "assets_desktop", "--first-paint-exit"]))
        bare.append(first_paint_ms([sys.executable, "-c", BARE_WINDOW]))
    peer = statistics.median(bare)

    def beside_bare(name: str, paint: str, target: str | None = None) -> Figure:
        median = statistics.median(run[paint] for run in app)
        return Figure(
            name, median, "ms", peer="bare PySide6 window", peer_value=peer, target=target
        )

    return [
        beside_bare(
            "start to first paint (main window shell, before the heavy imports)",
            "FIRST_PAINT",
            target="≤ 1.50x",
        ),
        beside_bare(
            "↳ start to the workspace window painted (library open, tree shown)", "WINDOW_PAINT"
        ),
    ]
