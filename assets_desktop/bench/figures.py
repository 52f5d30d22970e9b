"""A benchmark figure beside its peer, and the helpers every benchmark uses."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Figure:
    """One measured figure, with the peer measured in the same run (if any) and a target."""

    name: str
    value: float
    unit: str
    peer: str | None = None
    peer_value: float | None = None
    target: str | None = None

    @property
    def ratio(self) -> float | None:
        """value / peer_value, when there is a peer."""
        if self.peer_value in (None, 0):
            return None
        return self.value / float(self.peer_value)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, ratio included."""
        return {**asdict(self), "ratio": self.ratio}


def median_ms(func: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of `func` in milliseconds."""
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def format_table(figures: list[Figure]) -> str:
    """A plain-text table: figure, value, peer, ratio, target."""
    rows = [("figure", "value", "peer", "peer value", "ratio", "target")]
    for f in figures:
        rows.append(
            (
                f.name,
                f"{f.value:,.2f} {f.unit}",
                f.peer or "",
                f"{f.peer_value:,.2f} {f.unit}" if f.peer_value is not None else "",
                f"{f.ratio:.2f}x" if f.ratio is not None else "",
                f.target or "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
