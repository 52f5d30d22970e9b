"""Balances chart, Owners (masked SSN) and Changes (diff against another report)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assets_desktop.domain.analysis import diff_reports
from assets_desktop.ui.report import Tab
from assets_desktop.ui.report.balances_tab import DAY_MS

from .conftest import MakeView
from .factory import build_analysis, build_response
from .personas import PARAMETERS


def test_chart_has_one_series_per_account_with_history_and_toggles(
    make_view: MakeView, qtbot: QtBot
) -> None:
    response = build_response(days=120, negative_account=True)
    view = make_view(response, build_analysis(response))
    balances = view.balances
    with_history = [a for a in response.report.accounts() if a.historical_balances]
    assert [t.series.name() for t in balances.tracks] == [a.label for a in with_history]
    assert [t.series.count() for t in balances.tracks] == [120, 120]
    first = balances.tracks[0].series.points()
    assert first[0].x() < first[-1].x()  # oldest first on the time axis
    assert balances.tracks[0].negative_days == 4
    assert "below zero on 4 days" in balances.checkboxes["acc0"].text()
    assert balances.y_axis.min() < 0  # the zero line and the red band are on screen
    assert balances.zero_band.name() == "Below zero"
    balances.checkboxes["acc1"].setChecked(False)
    assert [s.name() for s in balances.visible_series()] == ["Checking 0 ••1000"]


def test_chart_readout_zoom_and_png_export(
    make_view: MakeView, qtbot: QtBot, tmp_path: Path
) -> None:
    response = build_response(days=90)
    view = make_view(response, build_analysis(response))
    view.show()
    view.tabs.setCurrentIndex(Tab.BALANCES)
    chart_view = view.balances.chart_view
    qtbot.waitExposed(chart_view)
    track = view.balances.tracks[0]
    point = track.series.at(45)
    position = chart_view.chart().mapToPosition(point, track.series)
    text = chart_view.readout_at(position)
    day = dt.date.fromordinal(
        chart_view.base_ordinal + round((point.x() - chart_view.base_ms) / DAY_MS)
    )
    balance = track.by_ordinal[day.toordinal()]
    assert f"${balance:,.2f}" in text.replace("\u2212", "-") or f"{balance:,.2f}" in text
    assert "Checking 0 ••1000" in text and "Checking 1 ••1001" in text
    # WORKAROUND: QTest.mouseMove with no button pressed is not delivered offscreen; send the
    # move event the way the window system would.
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        position,
        chart_view.viewport().mapToGlobal(position),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(chart_view.hovered) as hovered:
        QApplication.sendEvent(chart_view.viewport(), move)
    assert "Checking 0" in hovered.args[0]
    assert chart_view.readout.isVisible()
    assert chart_view.cursor_line.isVisible()
    assert chart_view.readout_at(QPointF(1, 1)) == ""
    before = (
        view.balances.x_axis.max().toMSecsSinceEpoch()
        - view.balances.x_axis.min().toMSecsSinceEpoch()
    )
    chart_view.chart().zoom(2.0)
    after = (
        view.balances.x_axis.max().toMSecsSinceEpoch()
        - view.balances.x_axis.min().toMSecsSinceEpoch()
    )
    assert after < before
    qtbot.keyClick(chart_view, Qt.Key.Key_Left)
    qtbot.mouseClick(view.balances.reset_button, Qt.MouseButton.LeftButton)
    reset = (
        view.balances.x_axis.max().toMSecsSinceEpoch()
        - view.balances.x_axis.min().toMSecsSinceEpoch()
    )
    assert reset == before
    target = tmp_path / "chart.png"
    assert view.balances.export_png(target)
    image = QImage(str(target))
    assert image.width() > 400 and image.height() > 300


def _span(view: object) -> int:
    axis = view.balances.x_axis  # type: ignore[attr-defined]
    return int(axis.max().toMSecsSinceEpoch() - axis.min().toMSecsSinceEpoch())


def test_owners_show_per_account_and_ssn_is_masked_until_revealed(
    make_view: MakeView, qtbot: QtBot
) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    owners = view.owners
    assert owners.model.rowCount() == 3
    assert owners.model.index(0, 1).data() == "Alberta Bobbeth Charleson"
    assert "2992 Cameron Road, Malakoff, NY 14236, US" in owners.model.index(0, 2).data()
    assert owners.model.index(0, 5).data() == "Match"
    assert owners.model.index(2, 1).data() == "No owner data in the report"
    text = owners.borrower_label.text()
    assert "***-**-6789" in text and "123-45-6789" not in text
    qtbot.mouseClick(owners.reveal_button, Qt.MouseButton.LeftButton)
    assert "123-45-6789" in owners.borrower_label.text()
    assert owners.reveal_button.text() == "Hide SSN"
    qtbot.mouseClick(owners.reveal_button, Qt.MouseButton.LeftButton)
    assert "123-45-6789" not in owners.borrower_label.text()


def test_changes_list_what_a_refresh_changed(make_view: MakeView) -> None:
    newer = build_response(transactions_per_account=30, seed=7)
    older = build_response(transactions_per_account=20, seed=7)
    view = make_view(newer, build_analysis(newer))
    assert "No other report" in view.changes.heading.text()
    assert view.changes.model.rowCount() == 0
    diff = view.compare_with(older, "the original report")
    assert "Compared with <b>the original report</b>" in view.changes.heading.text()
    kinds = [view.changes.model.index(r, 0).data() for r in range(view.changes.model.rowCount())]
    assert kinds.count("New transaction") == len(diff.new_transactions) > 0
    assert kinds.count("Balance change") == len(diff.balance_changes)
    view.set_diff(diff_reports(newer, newer, PARAMETERS))
    assert "nothing changed" in view.changes.heading.text()


def test_an_account_added_or_removed_is_one_row_with_its_balance() -> None:
    from decimal import Decimal

    from assets_desktop.domain.analysis.types import AccountRef, ReportDiff
    from assets_desktop.ui.report.changes_tab import ChangeRow, change_rows

    savings = AccountRef("a-1", "Savings ••6204", "depository", "USD", Decimal("1250.50"))
    card = AccountRef("a-2", "Gold Card ••1008", "credit", "EUR", None)
    diff = ReportDiff("old", "new", accounts_added=(savings,), accounts_removed=(card,))
    assert change_rows(diff, {}) == [
        ChangeRow("Account added", "Savings ••6204", None, "New depository account",
                  "$1,250.50", 1250.5),
        ChangeRow("Account removed", "Gold Card ••1008", None,
                  "credit account no longer in the report", "n/a", 0.0),
    ]  # fmt: skip
