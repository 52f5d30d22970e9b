"""Issue 18's defects in the report view: each test failed on the code before the fix."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from assets_desktop.domain.analysis.types import SourcedDeposit
from assets_desktop.ui.report import ReportView, Tab
from assets_desktop.ui.report.transactions_model import Column

from .conftest import MakeView
from .factory import build_analysis, build_response

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def test_a_long_saved_path_never_widens_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    """Defect 1: "Worksheet saved to …" with a long path kept the window within 1400 px."""
    response = build_response()
    window = QMainWindow()
    qtbot.addWidget(window)
    view = ReportView(response, build_analysis(response))
    window.setCentralWidget(view)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    folder = tmp_path
    for part in range(6):
        folder = folder / f"a-rather-long-folder-name-for-the-loan-files-{part:02d}"
    folder.mkdir(parents=True)
    for _ in range(2):  # the second export widened it further
        view.export_worksheet(folder / "worksheet-of-alberta-charleson.pdf")
        QApplication.processEvents()
        assert window.width() <= 1400
        assert window.minimumSizeHint().width() <= 1024
    status = view.export_status
    assert status.toolTip() == status.text() and "worksheet-of-alberta" in status.text()
    assert view.worksheet_button.geometry().right() <= view.width()


def _sourced_view(make_view: MakeView) -> ReportView:
    response = build_response(transactions_per_account=30)
    analysis = build_analysis(response)
    deposit = next(t for t in response.report.accounts()[1].transactions if t.amount < 0)
    sourced = SourcedDeposit(
        account_id=deposit.account_id,
        transaction_id=deposit.transaction_id,
        date=deposit.date,
        amount=Decimal(str(-deposit.amount)),
        currency="USD",
        source="transfer",
        description=deposit.description,
        counterpart_account_id="acc0",
    )
    return make_view(response, dataclasses.replace(analysis, sourced_deposits=(sourced,)))


def test_transactions_put_money_first_with_balance_source_and_whole_text(
    make_view: MakeView,
) -> None:
    """Defect 3: money columns before the insights ones, a running balance, the source of a
    sourced deposit, and the whole description in a tooltip."""
    view = _sourced_view(make_view)
    view.resize(1024, 768)
    tab = view.transactions
    header = tab.table.horizontalHeader()
    visual = {column: header.visualIndex(column) for column in Column}
    assert visual[Column.MONEY_IN] < visual[Column.DESCRIPTION] < visual[Column.MERCHANT]
    assert visual[Column.MONEY_OUT] < visual[Column.CATEGORY]
    assert not tab.table.isColumnHidden(Column.BALANCE)
    # Within the first 1024 px: the date, both amounts and the balance.
    assert header.sectionViewportPosition(Column.BALANCE) + header.sectionSize(Column.BALANCE) < 700

    model = tab.model
    account = view.response.report.accounts()[0]
    newest, older = sorted(account.transactions, key=lambda t: t.date, reverse=True)[:2]
    row_newest, row_older = model.row_of(newest.transaction_id), model.row_of(older.transaction_id)
    assert row_newest is not None and row_older is not None
    balance = model.index(row_newest, Column.BALANCE).data()
    assert balance == f"${account.balances.current:,.2f}"
    expected_older = account.balances.current + newest.amount  # money out lowered it
    assert model.index(row_older, Column.BALANCE).data() == f"${expected_older:,.2f}".replace(
        "$-", "-$"
    )

    sourced = view.analysis.sourced_deposits[0]
    row = model.row_of(sourced.transaction_id)
    assert row is not None
    assert model.index(row, Column.NOTE).data() == "Sourced: transfer from Checking 0 ••1000"
    assert not tab.table.isColumnHidden(Column.NOTE)
    description = model.index(row, Column.DESCRIPTION)
    assert description.data(TOOLTIP) == description.data()


def test_the_flagged_count_counts_only_rows_shown(make_view: MakeView) -> None:
    """Defect 14: "· 1 flagged" counted a flagged row the filter hid."""
    response = build_response()
    view = make_view(response, build_analysis(response))
    tab = view.transactions
    assert "1 flagged" in tab.count_label.text()
    tab.account_filter.setCurrentIndex(tab.account_filter.findData("acc1"))
    assert "flagged" not in tab.count_label.text()


def test_balance_chart_reads_money_iso_dates_and_marks_large_deposits(
    make_view: MakeView, qtbot: QtBot, tmp_path: Path
) -> None:
    """Defect 6: "40000" on the y-axis, "Sep 16, 20…" cut dates, a cut legend, unmarked
    large deposits."""
    response = build_response(days=120)
    view = make_view(response, build_analysis(response))
    view.resize(1024, 768)
    view.show()
    view.tabs.setCurrentIndex(Tab.BALANCES)
    chart = view.balances
    labels = chart.y_axis.categoriesLabels()
    assert labels and all(label.startswith(("$", "-$")) for label in labels)
    assert any("," in label for label in labels)  # "$5,000", grouped
    assert chart.x_axis.format() == "yyyy-MM-dd"
    assert not chart.chart.legend().isVisible()
    flag = next(f for f in view.analysis.flags if f.transaction_id)
    points = chart.deposit_marks.points()
    assert len(points) == 1
    text = chart.mark_text(points[0])
    assert "$4,200.00" in text and flag.date.isoformat() in text and "Checking 0" in text
