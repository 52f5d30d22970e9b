"""The Transactions tab: search, filters, sorting, flagged rows, sign, CSV export."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot

from assets_desktop.ui.colors import palette_colors
from assets_desktop.ui.report import Tab
from assets_desktop.ui.report.formatting import SORT_ROLE
from assets_desktop.ui.report.transactions_model import Column

from .conftest import MakeView
from .factory import build_analysis, build_response


def _view(make_view: MakeView, **kwargs: object):  # type: ignore[no-untyped-def]
    response = build_response(**kwargs)  # type: ignore[arg-type]
    return response, make_view(response, build_analysis(response))


def test_search_filters_on_description_merchant_category_and_account(
    make_view: MakeView, qtbot: QtBot
) -> None:
    response, view = _view(make_view, transactions_per_account=60)
    tab = view.transactions
    everything = response.report.transaction_count()
    assert tab.proxy.rowCount() == everything
    coffee = sum(
        "COFFEE" in t.description for a in response.report.accounts() for t in a.transactions
    )
    with qtbot.waitSignal(tab.filter_applied, timeout=2000) as shown:
        qtbot.keyClicks(tab.search, "CoFfEe")  # case-insensitive, debounced
    assert shown.args == [coffee]
    assert tab.proxy.rowCount() == coffee
    assert f"Showing {coffee:,} of {everything:,}" in tab.count_label.text()
    tab.search.setText("checking 1 ••1001")  # the account label is searchable too
    tab.apply_filters()
    assert tab.proxy.rowCount() == len(response.report.accounts()[1].transactions)
    tab.clear_filters()
    assert tab.proxy.rowCount() == everything


def test_filters_by_account_date_amount_direction_and_flag(make_view: MakeView) -> None:
    response, view = _view(make_view, transactions_per_account=80)
    tab = view.transactions
    txns = [t for a in response.report.accounts() for t in a.transactions]
    tab.account_filter.setCurrentIndex(tab.account_filter.findData("acc1"))
    assert tab.proxy.rowCount() == sum(t.account_id == "acc1" for t in txns)
    tab.account_filter.setCurrentIndex(0)

    tab.direction_filter.setCurrentIndex(tab.direction_filter.findData("in"))
    assert tab.proxy.rowCount() == sum(t.amount < 0 for t in txns)
    tab.direction_filter.setCurrentIndex(tab.direction_filter.findData("out"))
    assert tab.proxy.rowCount() == sum(t.amount > 0 for t in txns)
    tab.direction_filter.setCurrentIndex(0)

    tab.amount_min.setValue(100)
    tab.amount_max.setValue(300)
    assert tab.proxy.rowCount() == sum(100 <= abs(t.amount) <= 300 for t in txns)
    tab.amount_min.setValue(0)
    tab.amount_max.setValue(0)

    start = max(t.date for t in txns) - dt.timedelta(days=20)
    tab.date_from.setDate(start)
    assert tab.proxy.rowCount() == sum(t.date >= start for t in txns)
    tab.clear_filters()

    tab.flagged_only.setChecked(True)
    assert tab.proxy.rowCount() == 1
    assert tab.selected_transaction_id() is None
    tab.clear_filters()
    assert tab.proxy.rowCount() == len(txns)


def test_every_column_sorts_by_its_raw_value(make_view: MakeView) -> None:
    _response, view = _view(make_view, transactions_per_account=50)
    tab = view.transactions
    header = tab.table.horizontalHeader()
    for column in Column:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            header.setSortIndicator(column, order)
            values = [
                tab.proxy.index(row, column).data(SORT_ROLE) for row in range(tab.proxy.rowCount())
            ]
            expected = sorted(values, reverse=order == Qt.SortOrder.DescendingOrder)
            assert values == expected, f"column {column.name} {order}"
    header.setSortIndicator(Column.MONEY_OUT, Qt.SortOrder.DescendingOrder)
    biggest = max(
        t.amount for a in _response.report.accounts() for t in a.transactions if t.amount > 0
    )
    assert tab.proxy.index(0, Column.MONEY_OUT).data() == f"${biggest:,.2f}"


def test_flagged_rows_stand_out_and_sign_is_explained(make_view: MakeView) -> None:
    response, view = _view(make_view)
    tab = view.transactions
    flag = view.analysis.flags[0]
    assert flag.transaction_id is not None
    assert view.show_transaction(flag.transaction_id)
    assert view.tabs.currentIndex() == Tab.TRANSACTIONS
    assert tab.selected_transaction_id() == flag.transaction_id
    index = tab.table.currentIndex()
    background = index.data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == palette_colors().flagged
    assert index.data(Qt.ItemDataRole.ToolTipRole) == flag.message
    flag_cell = index.siblingAtColumn(Column.FLAG)
    assert flag_cell.data() == "large deposit"
    assert flag_cell.data(Qt.ItemDataRole.DecorationRole) is not None
    # Plaid's negative amount is money in: shown positive in "Money in", never with Plaid's sign.
    txn = next(
        t
        for a in response.report.accounts()
        for t in a.transactions
        if t.transaction_id == flag.transaction_id
    )
    money_in = index.siblingAtColumn(Column.MONEY_IN).data()
    money_out = index.siblingAtColumn(Column.MONEY_OUT).data()
    if txn.amount < 0:
        assert money_in == f"${-txn.amount:,.2f}" and money_out == ""
    else:
        assert money_out == f"${txn.amount:,.2f}" and money_in == ""
    assert "Plaid reports money out as positive" in tab.sign_label.text()
    header_tip = tab.proxy.headerData(
        Column.MONEY_IN, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "Money in" in header_tip


def test_drill_down_clears_a_filter_that_hides_the_transaction(make_view: MakeView) -> None:
    _response, view = _view(make_view)
    tab = view.transactions
    tab.search.setText("no such text anywhere")
    tab.apply_filters()
    assert tab.proxy.rowCount() == 0
    flag = view.analysis.flags[0]
    assert view.show_transaction(flag.transaction_id or "")
    assert tab.search.text() == ""
    assert tab.selected_transaction_id() == flag.transaction_id


def test_insight_columns_show_only_when_present(make_view: MakeView) -> None:
    _response, view = _view(make_view)
    assert not view.transactions.table.isColumnHidden(Column.MERCHANT)
    bare = build_response()
    stripped = bare.report.accounts()
    assert any(t.merchant_name for a in stripped for t in a.transactions)


def test_csv_export_writes_shown_rows_with_money_in_and_out(
    make_view: MakeView, tmp_path: Path
) -> None:
    response, view = _view(make_view, transactions_per_account=30)
    tab = view.transactions
    tab.direction_filter.setCurrentIndex(tab.direction_filter.findData("in"))
    target = tmp_path / "in.csv"
    written = tab.export_csv(target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbfdate,")  # a BOM: Excel reads UTF-8
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    inflows = [t for a in response.report.accounts() for t in a.transactions if t.amount < 0]
    assert written == len(rows) == len(inflows)
    assert all(r["money_out"] == "" and float(r["money_in"]) > 0 for r in rows)
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
