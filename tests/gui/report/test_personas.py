"""Each sandbox persona, loaded as the app receives it, shows what it was built to show."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from assets_desktop.domain.analysis.types import FlagCode
from assets_desktop.domain.report import AssetReportResponse, decode_report_response
from assets_desktop.ui.report import Tab
from assets_desktop.ui.report.accounts_model import AccountColumn
from assets_desktop.ui.report.flags_model import FlagColumn, flag_title
from assets_desktop.ui.report.holdings_model import HoldingColumn
from assets_desktop.ui.report.owners_tab import OwnerColumn
from assets_desktop.ui.report.transactions_model import Column

from .conftest import MakeView
from .personas import LARGEST, PERSONAS, persona_response, report_of_tomorrow

Load = Callable[..., AssetReportResponse]


@pytest.mark.parametrize("username", PERSONAS)
def test_every_view_shows_the_whole_persona_report(
    username: str, load_persona: Load, make_view: MakeView
) -> None:
    response = load_persona(username)
    view = make_view(response)
    report, analysis = response.report, view.analysis
    accounts = report.accounts()
    assert view.accounts_model.rowCount() == len(accounts)
    assert view.transactions.model.total == report.transaction_count()
    assert view.transactions.proxy.rowCount() == report.transaction_count()
    assert view.tabs.tabText(Tab.TRANSACTIONS) == f"Transactions ({report.transaction_count():,})"
    with_history = [a for a in accounts if a.historical_balances]
    assert [t.series.name() for t in view.balances.tracks] == [
        f"{a.label} (owed)" if a.type in ("credit", "loan") else a.label for a in with_history
    ]
    assert [t.series.count() for t in view.balances.tracks] == [
        len(a.historical_balances) for a in with_history
    ]
    flags = view.summary.flags_model
    assert flags.rowCount() == len(analysis.flags)
    assert [flags.index(r, FlagColumn.FLAG).data() for r in range(flags.rowCount())] == [
        flag_title(f) for f in analysis.flags
    ]
    assert view.summary.no_flags.isHidden() == bool(analysis.flags)
    assert view.summary.flags_table.isHidden() == (not analysis.flags)
    assert view.owners.model.rowCount() == sum(max(1, len(a.owners)) for a in accounts)
    assert "***-**-6789" in view.owners.borrower_label.text()
    assert "123-45-6789" not in view.owners.borrower_label.text()
    for row, account in enumerate(analysis.accounts):
        shown = view.accounts_model.index(row, AccountColumn.ACCOUNT).data()
        assert shown == account.label
        if account.available is None:
            assert view.accounts_model.index(row, AccountColumn.AVAILABLE).data() == "n/a"


def test_nsf_persona_flags_fees_and_negative_days(load_persona: Load, make_view: MakeView) -> None:
    view = make_view(load_persona("user_nsf_overdraft"))
    codes = {f.code for f in view.analysis.flags}
    assert {FlagCode.NSF_FEE, FlagCode.NEGATIVE_BALANCE} <= codes
    checking = view.accounts_model.row_of(view.analysis.flags[0].account_id or "")
    assert checking is not None
    nsf = int(view.accounts_model.index(checking, AccountColumn.NSF).data())
    assert nsf == sum(f.code == FlagCode.NSF_FEE for f in view.analysis.flags) > 0
    assert view.accounts_model.index(checking, AccountColumn.NSF).data(
        Qt.ItemDataRole.ForegroundRole
    )
    tab = view.transactions
    tab.flagged_only.setChecked(True)
    flagged_ids = {f.transaction_id for f in view.analysis.flags if f.transaction_id}
    assert tab.proxy.rowCount() == len(flagged_ids)
    assert all(
        tab.proxy.index(r, Column.FLAG).data() == "nsf fee" for r in range(tab.proxy.rowCount())
    )
    assert view.balances.tracks[0].negative_days > 0 or view.balances.tracks[1].negative_days > 0


def test_gift_deposit_drills_down_to_the_deposit(load_persona: Load, make_view: MakeView) -> None:
    view = make_view(load_persona("user_gift_deposit"))
    (large,) = [f for f in view.analysis.flags if f.code == FlagCode.LARGE_DEPOSIT]
    view.summary.select_flag(large.key)
    view.summary.on_show_clicked()
    assert view.tabs.currentIndex() == Tab.TRANSACTIONS
    index = view.transactions.table.currentIndex()
    assert view.transactions.selected_transaction_id() == large.transaction_id
    money_in = index.siblingAtColumn(Column.MONEY_IN).data()
    assert money_in.startswith("$") and index.siblingAtColumn(Column.MONEY_OUT).data() == ""


def test_thin_history_falls_short_of_the_purchase_window(
    load_persona: Load, make_view: MakeView
) -> None:
    view = make_view(load_persona("user_thin_history"))
    coverage = view.summary.coverage_label.text()
    assert "fewer than 60 days" in coverage
    days = view.accounts_model.index(0, AccountColumn.DAYS)
    assert int(days.data()) < 60 and days.data(Qt.ItemDataRole.ForegroundRole) is not None


def test_joint_account_lists_both_owners(load_persona: Load, make_view: MakeView) -> None:
    view = make_view(load_persona("user_joint_account"))
    names = [view.owners.model.index(r, 1).data() for r in range(view.owners.model.rowCount())]
    assert any("Marcus" in n and "Alberta" in n for n in names)


def test_largest_report_search_and_sort(load_persona: Load, make_view: MakeView) -> None:
    response = load_persona(LARGEST)
    view = make_view(response)
    tab = view.transactions
    txns = [t for a in response.report.accounts() for t in a.transactions]
    assert len(txns) > 14_000
    word = txns[0].description.split()[0].lower()
    expected = sum(
        word
        in "\n".join((t.description, t.merchant_name or "", *(t.category or ()), a.label)).lower()
        for a in response.report.accounts()
        for t in a.transactions
    )
    tab.search.setText(word)
    tab.apply_filters()
    assert tab.proxy.rowCount() == expected > 0
    tab.table.horizontalHeader().setSortIndicator(Column.MONEY_OUT, Qt.SortOrder.DescendingOrder)
    first = tab.proxy.index(0, Column.MONEY_OUT).data()
    biggest = max(
        (t.amount for t in txns if word in t.description.lower() and t.amount > 0), default=0
    )
    if biggest:
        assert first == f"${biggest:,.2f}"


def test_limited_purpose_account_shows_na_and_stays_out_of_the_totals(
    load_persona: Load, make_view: MakeView
) -> None:
    view = make_view(load_persona("user_limited_purpose"))
    row = next(i for i, a in enumerate(view.analysis.accounts) if a.mask == "0421")
    model = view.accounts_model
    for column in (AccountColumn.CURRENT, AccountColumn.AVAILABLE, AccountColumn.AVERAGE_30):
        assert model.index(row, column).data() == "n/a"
    assert "limited purpose checking" in model.index(row, AccountColumn.TYPE).data()
    assert "No current or available balance for Mortgage Pay Account ••0421" in (
        view.summary.notes_label.text()
    )
    assert "$27,273.40" in view.summary.totals_label.text()
    addresses = view.owners.model.index(0, OwnerColumn.ADDRESSES).data().splitlines()
    assert addresses == ["2992 Cameron Road, Malakoff, NY 14236, US", "Malakoff, NY 14236, US"]


def test_a_report_with_unknown_fields_and_enum_values_opens(make_view: MakeView) -> None:
    response = decode_report_response(json.dumps(report_of_tomorrow()))
    view = make_view(response)
    model = view.accounts_model
    assert model.index(0, AccountColumn.TYPE).data() == "crypto · prediction market"
    assert model.index(1, AccountColumn.TYPE).data() == "depository · commercial line of credit"
    assert model.index(1, AccountColumn.CURRENT).data() == "n/a"
    assert view.transactions.model.total == response.report.transaction_count()


def test_investment_holdings_show_under_the_accounts(make_view: MakeView) -> None:
    response = persona_response("user_investments", 90, investments=True)
    view = make_view(response)
    view.tabs.setCurrentIndex(Tab.ACCOUNTS)
    table = view.accounts_table.parent().findChild(QTableView, "holdingsTable")
    assert table is not None
    model = table.model()
    rows = [[model.index(r, c).data() for c in HoldingColumn] for r in range(model.rowCount())]
    assert len(rows) == 6
    fund = next(r for r in rows if r[HoldingColumn.TICKER] == "VFFVX")
    assert fund == [
        "Employer 401(k) ••7702",
        "Vanguard Target Retirement 2055 Fund",
        "VFFVX",
        "mutual fund",
        "1,834.562",
        "$48.37",
        "$88,737.76",
        "$79,810.50",
    ]
    stable = next(r for r in rows if r[HoldingColumn.SECURITY] == "Halcyon Stable Value Fund")
    assert stable[HoldingColumn.TICKER] == "—"


def test_no_holdings_table_without_investments(load_persona: Load, make_view: MakeView) -> None:
    view = make_view(load_persona("user_good"))
    assert view.accounts_table.parent().findChild(QTableView, "holdingsTable") is None
