"""The report view builds the summary first and its other tabs in later event-loop turns."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView
from pytestqt.qtbot import QtBot

from assets_desktop.ui.report.balances_tab import BalancesTab
from assets_desktop.ui.report.transactions_columns import transaction_rows
from assets_desktop.ui.report.view import Tab
from assets_desktop.ui.report.widgets import WrappedLabel

from .conftest import MakeView
from .factory import build_analysis, build_response


def _built(view: object) -> dict[int, bool]:
    pages = view._pages  # type: ignore[attr-defined]
    return {index: page.content is not None for index, page in pages.items()}


def test_only_the_summary_is_built_at_first_and_the_rest_follow_once_shown(
    make_view: MakeView, qtbot: QtBot
) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    assert not any(_built(view).values()) and not view.is_fully_built
    count = response.report.transaction_count()
    assert view.tabs.tabText(Tab.TRANSACTIONS) == f"Transactions ({count:,})"
    with qtbot.waitSignal(view.fully_built, timeout=5000):
        view.show()
    assert all(_built(view).values())
    assert view.transactions.model.total == count
    assert view.tabs.widget(Tab.TRANSACTIONS).isAncestorOf(view.transactions.table)
    assert view.transactions.table.isVisible() is False  # its tab is not the current one
    view.tabs.setCurrentIndex(Tab.TRANSACTIONS)
    assert view.transactions.table.isVisible()


def test_a_tab_is_built_when_selected_or_asked_for(make_view: MakeView, qtbot: QtBot) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    view.tabs.setCurrentIndex(Tab.OWNERS)
    assert _built(view)[Tab.OWNERS] and not _built(view)[Tab.BALANCES]
    assert isinstance(view.accounts_table, QTableView)  # the attribute builds its tab
    assert _built(view)[Tab.ACCOUNTS]
    assert isinstance(view.balances, BalancesTab)  # a tab attribute builds its tab, typed
    assert _built(view)[Tab.BALANCES] and not _built(view)[Tab.CHANGES]
    view.ensure_all_built()
    assert view.is_fully_built


def test_a_diff_given_before_the_changes_tab_exists_is_shown_when_built(
    make_view: MakeView, qtbot: QtBot
) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    older = build_response()
    diff = view.compare_with(older, "the older report")
    assert not _built(view)[Tab.CHANGES]
    assert view.changes.diff is diff
    assert "No other report" not in view.changes.heading.text()


def test_the_transactions_table_comes_a_turn_after_its_filters_with_rows_worked_out_in_slices(
    make_view: MakeView, qtbot: QtBot
) -> None:
    response = build_response()
    analysis = build_analysis(response)
    view = make_view(response, analysis)
    view.show()
    tab = view.built_tab(Tab.TRANSACTIONS)
    assert tab._table is None and tab.search.isVisibleTo(tab)  # the filters, not the table yet
    qtbot.waitUntil(lambda: tab._table is not None, timeout=5000)
    expected = transaction_rows(
        response.report.accounts(), analysis.flags, analysis.sourced_deposits
    )
    assert tab.model.transactions == expected.transactions
    assert tab.model.sorted_order == expected.newest_first
    assert tab.model.balances == expected.balances
    table = tab.table
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu  # menu wired


def test_the_summary_details_show_with_the_view(make_view: MakeView) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    details = view.summary.report_label.parentWidget()
    view.show()
    assert details.isVisible()  # in the turn that shows the view
    assert "Borrower" in view.summary.report_label.text()


def test_a_wrapped_label_measures_its_new_text_like_a_plain_label(qtbot: QtBot) -> None:
    wrapped, plain = WrappedLabel(), QLabel()
    plain.setWordWrap(True)
    qtbot.addWidget(wrapped)
    qtbot.addWidget(plain)
    for text in ("Short.", "<b>Long</b> " + "words that wrap " * 12):
        wrapped.setText(text)
        plain.setText(text)
        for width in (80, 200, 80):  # the second 80 comes from the label's memo
            assert wrapped.heightForWidth(width) == plain.heightForWidth(width)
    assert wrapped.heightForWidth(80) > wrapped.heightForWidth(200)  # the long text, wrapped
