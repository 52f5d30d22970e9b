"""A benchmark figure beside its peer, and the helpers every benchmark uses."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
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

    @property
    def met(self) -> bool | None:
        """Whether the value meets `target`, when the target reads as a limit (else None).

        Understood: "≤ 50 ms", "< 1 s" (a limit on the value, converted between s and ms),
        "well under 1 s" (read as at most half of it: 500 ms), "≤ 1.20x" (a limit on the ratio
        to the peer), "< 100 ms more than the peer" (a limit on value − peer), "faster than …"
        (ratio < 1) and "small multiple of …" (ratio ≤ 3).
        """
        return target_met(self)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, ratio and met included."""
        return {**asdict(self), "ratio": self.ratio, "met": self.met}


_LIMIT = re.compile(
    r"^(?:≤|<=|<|well under|under)\s*([\d,]+(?:\.\d+)?)\s*(ms|s|x|MB|%)?(\s+more than the peer)?"
)
_SCALE = {("s", "ms"): 1000.0, ("ms", "s"): 0.001}


def target_met(figure: Figure) -> bool | None:
    """See `Figure.met`."""
    target = (figure.target or "").strip()
    ratio = figure.ratio
    if target.startswith("faster than"):
        return None if ratio is None else ratio < 1
    if target.startswith("small multiple of"):
        return None if ratio is None else ratio <= 3
    match = _LIMIT.match(target)
    if match is None:
        return None
    limit = float(match.group(1).replace(",", ""))
    if target.startswith("well under"):
        limit /= 2
    unit, over_peer = match.group(2), match.group(3)
    strict = not target.startswith("≤") and not target.startswith("<=")
    if unit == "x":
        if ratio is None:
            return None
        value = ratio
    elif over_peer:
        if figure.peer_value is None:
            return None
        value = figure.value - figure.peer_value
    else:
        value = figure.value
    if unit not in (None, "x", figure.unit):
        if (unit, figure.unit) not in _SCALE:
            return None
        limit *= _SCALE[(unit, figure.unit)]
    return value < limit if strict else value <= limit


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


def child_outcome(command: list[str], what: str, timeout: float) -> dict[str, Any]:
    """Run a benchmark child (offscreen, keyring off unless set) and return the last JSON object
    it prints; RuntimeError naming `what` with the child's stderr when it fails."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=timeout, check=False
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"{what} benchmark failed: {result.stderr[-3000:]}")
    outcome: dict[str, Any] = json.loads(lines[-1])
    return outcome


MET_MARK = {True: "✓", False: "✗ MISS", None: ""}


def format_table(figures: list[Figure]) -> str:
    """A plain-text table: figure, value, peer, ratio, target, and whether it is met."""
    rows = [("figure", "value", "peer", "peer value", "ratio", "target", "met")]
    for f in figures:
        rows.append(
            (
                f.name,
                f"{f.value:,.2f} {f.unit}",
                f.peer or "",
                f"{f.peer_value:,.2f} {f.unit}" if f.peer_value is not None else "",
                f"{f.ratio:.2f}x" if f.ratio is not None else "",
                f.target or "",
                MET_MARK[f.met],
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
