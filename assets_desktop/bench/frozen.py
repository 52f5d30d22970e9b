"""The packaged app: bundle and .deb sizes, and cold start of the frozen app to first paint."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from assets_desktop.bench.figures import Figure
from assets_desktop.bench.startup import BARE_WINDOW, first_paint_ms

DIST = Path(__file__).resolve().parents[2] / "packaging" / "dist"


def _size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def run(quick: bool) -> list[Figure]:
    """Figures for the bundle built by `packaging/build.sh`; none when it has not been built."""
    bundle = DIST / "assets-desktop"
    executable = bundle / "assets-desktop"
    if not executable.exists():
        print("  (no frozen bundle in packaging/dist: run packaging/build.sh)", file=sys.stderr)
        return []
    figures = [Figure("frozen bundle size", _size_mb(bundle), "MB")]
    for deb in sorted(DIST.glob("assets-desktop_*.deb"))[:1]:
        figures.append(
            Figure(".deb size", _size_mb(deb), "MB", peer="bundle", peer_value=_size_mb(bundle))
        )
    for tarball in sorted(DIST.glob("assets-desktop-*.tar.gz"))[:1]:
        figures.append(Figure(".tar.gz size", _size_mb(tarball), "MB"))
    repeat = 2 if quick else 5
    frozen = [first_paint_ms([str(executable), "--first-paint-exit"]) for _ in range(repeat)]
    source = [
        first_paint_ms([sys.executable, "-m", "assets_desktop", "--first-paint-exit"])
        for _ in range(repeat)
    ]
    bare = [first_paint_ms([sys.executable, "-c", BARE_WINDOW]) for _ in range(repeat)]
    for title, peer, peer_runs in (
        ("frozen app: cold start to first paint", "same app from source", source),
        ("frozen app vs bare PySide6 window", "bare PySide6 window", bare),
    ):
        figures.append(
            Figure(
                title,
                statistics.median(frozen),
                "ms",
                peer=peer,
                peer_value=statistics.median(peer_runs),
            )
        )
    return figures
