"""The balance chart's pieces: one account's line (`AccountSeries`) and the chart view with
wheel zoom, drag-to-zoom, pan and a read-out under the cursor (`BalanceChartView`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Sequence
from dataclasses import dataclass

from PySide6.QtCharts import QChart, QChartView, QLineSeries
from PySide6.QtCore import QDateTime, QPointF, Qt, QTime, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QGraphicsLineItem, QLabel, QWidget

from assets_desktop.domain.report import Account
from assets_desktop.ui.report.formatting import money, qdate, short_date
from assets_desktop.ui.report.slices import run_to_end

__all__ = [
    "DAY_MS",
    "LIABILITY_TYPES",
    "AccountSeries",
    "BalanceChartView",
    "BalanceLines",
    "balance_line_steps",
    "balance_lines",
]

DAY_MS = 86_400_000
LIABILITY_TYPES = frozenset({"credit", "loan"})


@dataclass(frozen=True)
class Line:
    """One account's points (x in ms since the epoch, y the balance), its balance by day
    ordinal, and its number of days below zero."""

    points: list[QPointF]
    by_ordinal: dict[int, float]
    negative_days: int


@dataclass(frozen=True)
class BalanceLines:
    """The lines of the accounts with a balance history (in their order), and the dates they
    span: plain data, worked out a slice a turn (2,900 points: ~2.5 ms of Python)."""

    accounts: tuple[Account, ...]
    lines: tuple[Line, ...]
    first: dt.date
    last: dt.date
    base_ordinal: int
    base_ms: int


def balance_lines(accounts: Sequence[Account]) -> BalanceLines:
    """The chart's lines of `accounts` (those without a balance history have none)."""
    return run_to_end(balance_line_steps(accounts))


def balance_line_steps(accounts: Sequence[Account]) -> Generator[None, None, BalanceLines]:
    """`balance_lines`, yielding after each account's line (see `slices`)."""
    with_history = tuple(a for a in accounts if a.historical_balances)
    dates = [h.date for a in with_history for h in a.historical_balances]
    first = min(dates) if dates else dt.date.today()
    last = max(dates) if dates else first
    base_ms = QDateTime(qdate(first), QTime(12, 0)).toMSecsSinceEpoch()
    base_ordinal = first.toordinal()
    lines = []
    for account in with_history:
        yield
        history = sorted(account.historical_balances, key=lambda h: h.date)
        points = [
            QPointF(base_ms + (h.date.toordinal() - base_ordinal) * DAY_MS, h.current)
            for h in history
        ]
        by_ordinal = {h.date.toordinal(): h.current for h in history}
        lines.append(Line(points, by_ordinal, sum(1 for h in history if h.current < 0)))
    return BalanceLines(with_history, tuple(lines), first, last, base_ordinal, base_ms)


class AccountSeries:
    """One account's line and the balance of each day, for the hover read-out."""

    def __init__(self, account: Account, line: Line, color: QColor) -> None:
        self.account = account
        self.currency = account.balances.currency
        self.by_ordinal = line.by_ordinal
        self.is_liability = account.type in LIABILITY_TYPES
        self.series = QLineSeries()
        self.series.setName(f"{account.label} (owed)" if self.is_liability else account.label)
        pen = QPen(color)
        pen.setWidthF(1.6)
        if self.is_liability:
            pen.setStyle(Qt.PenStyle.DashLine)  # a balance owed, not an asset
        self.series.setPen(pen)
        self.series.replace(line.points)
        self.negative_days = line.negative_days


class BalanceChartView(QChartView):
    """A chart view with wheel zoom, drag-to-zoom, pan and a read-out under the cursor.

    Signals:
        hovered(str): the read-out text for the day under the cursor ("" when off the plot).
    """

    hovered = Signal(str)

    def __init__(self, chart: QChart, parent: QWidget | None = None) -> None:
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRubberBand(QChartView.RubberBand.RectangleRubberBand)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.tracks: list[AccountSeries] = []
        self.base_ordinal = 0
        self.base_ms = 0
        self.readout = QLabel(self.viewport())
        self.readout.setObjectName("balanceReadout")
        self.readout.setStyleSheet(
            "background: rgba(255,255,255,235); color: #111; border: 1px solid #999; padding: 4px;"
        )
        self.readout.hide()
        self.cursor_line = QGraphicsLineItem(chart)
        self.cursor_line.setPen(QPen(QColor(90, 90, 90, 160), 1, Qt.PenStyle.DotLine))
        self.cursor_line.setZValue(20)
        self.cursor_line.hide()
        self._pan_from: QPointF | None = None

    def readout_at(self, position: QPointF) -> str:
        """The date and each shown account's balance at a point of the view."""
        if not self.chart().plotArea().contains(position):
            return ""
        value = self.chart().mapToValue(position)
        ordinal = self.base_ordinal + round((value.x() - self.base_ms) / DAY_MS)
        try:
            day = dt.date.fromordinal(ordinal)
        except ValueError:
            return ""
        lines = [f"<b>{short_date(day)}</b>"]
        for track in self.tracks:
            if not track.series.isVisible():
                continue
            balance = track.by_ordinal.get(ordinal)
            if balance is None:
                continue
            style = " style='color:#c0392b'" if balance < 0 else ""  # on the light read-out
            lines.append(
                f"{track.account.label}: <span{style}>{money(balance, track.currency)}</span>"
            )
        return "<br>".join(lines) if len(lines) > 1 else ""

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        if self._pan_from is not None:
            delta = position - self._pan_from
            self.chart().scroll(-delta.x(), delta.y())
            self._pan_from = position
            return
        text = self.readout_at(position)
        if text:
            area = self.chart().plotArea()
            self.cursor_line.setLine(position.x(), area.top(), position.x(), area.bottom())
            self.cursor_line.show()
            self.readout.setText(text)
            self.readout.adjustSize()
            x = int(position.x()) + 14
            if x + self.readout.width() > self.viewport().width():
                x = int(position.x()) - self.readout.width() - 14
            self.readout.move(x, max(0, int(position.y()) - self.readout.height() - 8))
            self.readout.show()
        else:
            self.readout.hide()
            self.cursor_line.hide()
        self.hovered.emit(text)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: object) -> None:
        self.readout.hide()
        self.cursor_line.hide()
        super().leaveEvent(event)  # type: ignore[arg-type]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self._pan_from = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.unsetCursor()
            return
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        self.chart().zoom(factor)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Left: (-40, 0),
            Qt.Key.Key_Right: (40, 0),
            Qt.Key.Key_Up: (0, 40),
            Qt.Key.Key_Down: (0, -40),
        }
        key = Qt.Key(event.key())
        if key in steps:
            self.chart().scroll(*steps[key])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.chart().zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.chart().zoom(0.8)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.chart().zoomReset()
        else:
            super().keyPressEvent(event)
