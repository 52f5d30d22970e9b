"""The Balances tab: a QtCharts line per account of daily balances, below-zero shaded red."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCharts import (
    QAreaSeries,
    QCategoryAxis,
    QChart,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
)
from PySide6.QtCore import QDateTime, QPointF, Qt, QTime, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.domain.analysis.types import Flag, FlagCode
from assets_desktop.domain.report import Account
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.report.balance_chart import (
    DAY_MS,
    AccountSeries,
    BalanceChartView,
    BalanceLines,
    balance_lines,
)
from assets_desktop.ui.report.formatting import money, qdate, qt_date_format, short_date
from assets_desktop.ui.report.widgets import ask_save_path

__all__ = ["DAY_MS", "BalanceChartView", "BalancesTab"]

PALETTE = ("#1f6fb2", "#e07b00", "#2a9d4b", "#8e44ad", "#c0392b", "#16a5a5", "#7f6a00", "#d35fb7")
NEGATIVE_FILL = QColor(214, 39, 40, 40)
ZERO_PEN = QColor("#d62728")


def nice_step(rough: float) -> float:
    """1, 2 or 5 times a power of ten, at least `rough`: tick intervals people read easily."""
    magnitude = 10 ** math.floor(math.log10(rough))
    return float(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough))


class BalancesTab(QWidget):
    """Historical balances per account, with toggles, zoom, pan, read-out and PNG export.

    Signals:
        png_exported(str): the path a PNG was written to.
    """

    png_exported = Signal(str)

    def __init__(
        self,
        accounts: Sequence[Account],
        parent: QWidget | None = None,
        flags: Sequence[Flag] = (),
        lines: BalanceLines | None = None,
    ) -> None:
        """`lines`: `balance_lines(accounts)` if already worked out (on a thread)."""
        super().__init__(parent)
        self.setObjectName("balancesTab")
        self.file_name = "balances.png"  # the export's default (the view names it)
        self.chart = QChart()
        self.chart.setTitle("End-of-day balances")
        # The accounts list beside the chart is the legend (in full, with each line's colour):
        # the chart's own legend was cut when account names are long.
        self.chart.legend().hide()
        self.chart_view = BalanceChartView(self.chart, self)
        self.chart_view.setObjectName("balanceChart")
        self.chart_view.setAccessibleName("Balance history chart")
        self.tracks: list[AccountSeries] = []
        self.checkboxes: dict[str, QCheckBox] = {}
        self._build_series(lines or balance_lines(accounts))
        self._mark_large_deposits(flags)
        self._build_layout()

    def _build_series(self, lines: BalanceLines) -> None:
        accounts, first, last = lines.accounts, lines.first, lines.last
        base_ms, base_ordinal = lines.base_ms, lines.base_ordinal
        self.chart_view.base_ordinal, self.chart_view.base_ms = base_ordinal, base_ms
        x_axis = QDateTimeAxis()
        x_axis.setFormat(qt_date_format())  # as every other date of the views
        x_axis.setTickCount(6)
        x_axis.setRange(QDateTime(qdate(first), QTime(0, 0)), QDateTime(qdate(last), QTime(23, 59)))
        y_axis = QCategoryAxis()
        currencies = sorted({a.balances.currency for a in accounts}) or ["USD"]
        y_axis.setTitleText(f"Balance ({', '.join(currencies)})")
        balances = [h.current for a in accounts for h in a.historical_balances] or [0.0]
        low, high = min(0.0, min(balances)), max(0.0, max(balances))
        step = nice_step((high - low) / 6 or 100.0)
        # Anchor ticks at zero and keep only a sliver below it when nothing goes negative.
        below = step * 0.25 if low == 0 else step * 0.5
        bottom, top = (
            math.floor(low / step) * step - below if low < 0 else -below,
            math.ceil(high / step) * step,
        )
        y_axis.setRange(bottom, top)
        # Money on the axis ("$40,000", not "40000"): a label at each step from zero.
        y_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        currency = currencies[0] if len(currencies) == 1 else ""
        tick = math.ceil(bottom / step) * step
        while tick <= top + step / 2:
            label = money(tick, currency) if currency else f"{tick:,.0f}"
            y_axis.append(label.replace(".00", ""), tick)
            tick += step
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        self.x_axis, self.y_axis = x_axis, y_axis
        self._add_zero_band(
            base_ms - DAY_MS,
            base_ms + (last.toordinal() - base_ordinal + 1) * DAY_MS,
            low - (high - low + step) * 100,
        )
        for n, (account, line) in enumerate(zip(accounts, lines.lines, strict=True)):
            track = AccountSeries(account, line, QColor(PALETTE[n % len(PALETTE)]))
            self.chart.addSeries(track.series)
            track.series.attachAxis(x_axis)
            track.series.attachAxis(y_axis)
            self.tracks.append(track)
        self.chart_view.tracks = self.tracks

    def _mark_large_deposits(self, flags: Sequence[Flag]) -> None:
        """A dot on the line at each flagged large deposit; hovering it names the deposit."""
        tracks = {t.account.account_id: t for t in self.tracks}
        self.deposit_marks = QScatterSeries()
        self.deposit_marks.setName("Large deposits")
        self.deposit_marks.setMarkerSize(11)
        self.deposit_marks.setColor(QColor("#e0a800"))
        self.deposit_marks.setBorderColor(QColor("#7a5a00"))
        self.mark_texts: dict[tuple[float, float], str] = {}
        for flag in flags:
            track = tracks.get(flag.account_id or "")
            if flag.code != FlagCode.LARGE_DEPOSIT or track is None or flag.date is None:
                continue
            ordinal = flag.date.toordinal()
            balance = track.by_ordinal.get(ordinal)
            if balance is None:
                continue
            x = self.chart_view.base_ms + (ordinal - self.chart_view.base_ordinal) * DAY_MS
            self.deposit_marks.append(QPointF(x, balance))
            amount = money(flag.amount, flag.currency or track.currency) if flag.amount else ""
            self.mark_texts[(float(x), float(balance))] = (
                f"Large deposit {amount} on {short_date(flag.date)} into "
                f"{track.account.label}\n{flag.message}"
            )
        if not self.mark_texts:
            return
        self.chart.addSeries(self.deposit_marks)
        self.deposit_marks.attachAxis(self.x_axis)
        self.deposit_marks.attachAxis(self.y_axis)
        self.deposit_marks.hovered.connect(self._on_mark_hovered)

    def mark_text(self, point: QPointF) -> str:
        """What a deposit mark's tooltip says."""
        return self.mark_texts.get((point.x(), point.y()), "")

    def _on_mark_hovered(self, point: QPointF, state: bool) -> None:
        if state:
            QToolTip.showText(self.cursor().pos(), self.mark_text(point), self.chart_view)
        else:
            QToolTip.hideText()

    def highlight(self, account_id: str | None) -> None:
        """Draw one account's line bold (the others thin); None: all as usual."""
        for track in self.tracks:
            pen = track.series.pen()
            chosen = track.account.account_id == account_id
            pen.setWidthF(3.4 if chosen else (1.6 if account_id is None else 1.1))
            track.series.setPen(pen)

    def _add_zero_band(self, x0: float, x1: float, floor: float) -> None:
        """A red zero line and a pale red band below it: negative balances show at a glance."""
        zero = QLineSeries()
        zero.setName("Zero")
        zero.replace([QPointF(x0, 0.0), QPointF(x1, 0.0)])
        bottom = QLineSeries()
        bottom.replace([QPointF(x0, floor), QPointF(x1, floor)])
        self._band_edges = (zero, bottom)  # QAreaSeries does not own its edges: keep them
        band = QAreaSeries(zero, bottom)
        band.setName("Below zero")
        band.setBrush(QBrush(NEGATIVE_FILL))
        pen = QPen(ZERO_PEN)
        pen.setWidthF(1.2)
        pen.setStyle(Qt.PenStyle.DashLine)
        band.setPen(pen)
        self.chart.addSeries(band)
        band.attachAxis(self.x_axis)
        band.attachAxis(self.y_axis)
        self.zero_band = band

    def _build_layout(self) -> None:
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(QLabel("<b>Accounts</b>", side))
        for track in self.tracks:
            label = track.series.name()
            if track.negative_days:
                label += f"\nbelow zero on {track.negative_days} days"
            box = QCheckBox(label, side)
            box.setObjectName(f"showSeries_{track.account.account_id}")
            box.setAccessibleName(f"Show {track.account.label}")
            box.setChecked(True)
            box.setToolTip(label)
            color = track.series.pen().color().name()
            box.setStyleSheet(f"QCheckBox {{ color: {color}; font-weight: 600; }}")
            box.toggled.connect(track.series.setVisible)
            self.checkboxes[track.account.account_id] = box
            side_layout.addWidget(box)
        if not self.tracks:
            side_layout.addWidget(QLabel("No account has balance history.", side))
        self.reset_button = named_button(side, "Reset zoom", "resetZoom")
        self.reset_button.clicked.connect(self.reset_zoom)
        self.export_button = named_button(
            side, "Export PNG…", "exportChartPng", "Export chart to PNG"
        )
        self.export_button.clicked.connect(self.on_export_clicked)
        help_text = QLabel(
            "Drag a box or turn the wheel to zoom; Shift+drag, middle-drag or the arrow keys "
            "to pan; right-click to zoom out. The red band marks balances below zero; "
            "dashed lines are balances owed (cards, loans).",
            side,
        )
        help_text.setWordWrap(True)
        help_text.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        side_layout.addSpacing(8)
        side_layout.addWidget(self.reset_button)
        side_layout.addWidget(self.export_button)
        side_layout.addWidget(help_text)
        side_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFixedWidth(290)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.chart_view, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # One date label per ~120 px: more were elided ("Sep 16, 20…") on a narrow window.
        self.x_axis.setTickCount(max(2, min(8, self.chart_view.width() // 120)))

    def visible_series(self) -> list[QLineSeries]:
        """The account lines shown now."""
        return [t.series for t in self.tracks if t.series.isVisible()]

    def reset_zoom(self) -> None:
        """Back to the whole history."""
        self.chart.zoomReset()

    def export_png(self, path: str | Path) -> bool:
        """Save the chart as a PNG; True when written."""
        written = self.chart_view.grab().save(str(path), "PNG")
        if written:
            self.png_exported.emit(str(path))
        return bool(written)

    def on_export_clicked(self) -> None:
        ask_save_path(
            self, "Export chart to PNG", "exportPngDialog", "PNG images (*.png)",
            self.file_name, self.export_png,
        )  # fmt: skip
