"""The balance-history line chart of the report PDF, drawn with plain vector paths."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from assets_desktop.sandbox.pdf_canvas import MUTED, RED, Canvas, Color, text_width

LINE: Color = (0.11, 0.35, 0.62)
AREA: Color = (0.88, 0.92, 0.97)
GRID: Color = (0.88, 0.89, 0.92)
AXIS_WIDTH = 46.0


def _step(span: float) -> float:
    """A 1-2-5 step that cuts `span` into about four intervals."""
    raw = span / 4 if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw))


def _short(value: float) -> str:
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value >= 1_000_000:
        return f"{sign}${value / 1_000_000:.1f}M"
    if value >= 10_000:
        return f"{sign}${value / 1000:.0f}k"
    if value >= 1000:
        return f"{sign}${value / 1000:.1f}k"
    return f"{sign}${value:.0f}"


def draw_balance_chart(
    page: Canvas, x: float, y: float, width: float, height: float,
    history: list[dict[str, Any]],
) -> None:  # fmt: skip
    """End-of-day balances (newest first, as in the report) as a line over time."""
    points = list(reversed(history))
    values = [float(p["current"]) for p in points]
    low, high = min(values), max(values)
    if low > 0 and low < (high - low) * 0.5:
        low = 0.0  # anchor at zero when that costs little resolution
    step = _step(high - low)
    bottom = math.floor(low / step) * step
    top = math.ceil(high / step) * step
    if top == bottom:
        top = bottom + step
    plot_x, plot_w = x + AXIS_WIDTH, width - AXIS_WIDTH
    plot_y, plot_h = y + 6, height - 20

    def to_y(value: float) -> float:
        return plot_y + plot_h - (value - bottom) / (top - bottom) * plot_h

    tick = bottom
    while tick <= top + step / 2:
        ty = to_y(tick)
        page.line(plot_x, ty, plot_x + plot_w, ty, color=GRID)
        label = _short(tick)
        page.text(plot_x - 6 - text_width(label, 7), ty + 2.5, label, 7, "helv", MUTED)
        tick += step
    if bottom < 0 < top:
        page.line(plot_x, to_y(0), plot_x + plot_w, to_y(0), color=RED, width=0.7, dash="3 2")

    count = len(points)
    span = max(count - 1, 1)

    def to_x(index: int) -> float:
        return plot_x + plot_w * index / span

    _month_labels(page, points, to_x, plot_y + plot_h, plot_w)
    line = [(to_x(i), to_y(v)) for i, v in enumerate(values)]
    if count == 1:
        line.append((plot_x + plot_w, line[0][1]))
    page.polyline(line, color=LINE, width=1.1, fill_to=plot_y + plot_h, fill=AREA)
    page.line(plot_x, plot_y + plot_h, plot_x + plot_w, plot_y + plot_h, color=MUTED, width=0.6)


def _month_labels(
    page: Canvas, points: list[dict[str, Any]], to_x: Any, baseline: float, plot_w: float
) -> None:
    """Ticks at month starts (or weekly for short histories), labelled without crowding."""
    dates = [dt.date.fromisoformat(str(p["date"])) for p in points]
    if len(dates) <= 45:
        marks = [i for i, d in enumerate(dates) if d.weekday() == 0]
        fmt = "%b %d"
    else:
        marks = [i for i, d in enumerate(dates) if d.day == 1]
        fmt = "%b %Y" if len(dates) > 400 else "%b %d"
    if not marks:
        marks = [0]
    per_label = 52.0
    stride = max(1, math.ceil(len(marks) / max(1, plot_w / per_label)))
    for order, index in enumerate(marks):
        mx = to_x(index)
        page.line(mx, baseline, mx, baseline + 3, color=MUTED, width=0.6)
        if order % stride == 0:
            label = dates[index].strftime(fmt)
            page.text(mx - text_width(label, 7) / 2, baseline + 12, label, 7, "helv", MUTED)
