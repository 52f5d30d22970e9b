"""Reports at the edges: no accounts, null balances, other currencies."""

from __future__ import annotations

import datetime as dt

from assets_desktop.domain.analysis import AnalysisParameters, analyze
from assets_desktop.domain.report import (
    Account,
    AssetReport,
    AssetReportResponse,
    Balances,
    HistoricalBalance,
    Item,
    Transaction,
)
from assets_desktop.ui.report.accounts_model import AccountColumn
from assets_desktop.ui.report.transactions_model import Column

from .conftest import MakeView

GENERATED = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)


def _response(*accounts: Account) -> AssetReportResponse:
    item = Item(item_id="i", institution_name="Bank", institution_id="ins_1", accounts=accounts)
    report = AssetReport(
        asset_report_id="edge", date_generated=GENERATED, days_requested=30, items=(item,)
    )
    return AssetReportResponse(report=report)


def test_a_report_without_accounts_still_opens(make_view: MakeView) -> None:
    response = _response()
    view = make_view(response, analyze(response, AnalysisParameters()))
    view.show()
    assert view.accounts_model.rowCount() == 0
    assert view.transactions.proxy.rowCount() == 0
    assert view.balances.tracks == []
    assert "SSN" in view.owners.borrower_label.text()
    assert "not given" in view.owners.borrower_label.text()
    assert not view.owners.reveal_button.isEnabled()
    assert view.transactions.select_transaction("nothing") is False


def test_null_balances_and_euro_amounts(make_view: MakeView) -> None:
    day = GENERATED.date() - dt.timedelta(days=1)
    euro = Account(
        account_id="eur",
        name="Girokonto",
        mask="9876",
        type="depository",
        subtype="checking",
        balances=Balances(current=None, available=None, iso_currency_code="EUR"),
        transactions=(
            Transaction(
                transaction_id="t1",
                account_id="eur",
                amount=-1234.5,
                date=day,
                original_description="GEHALT",
                iso_currency_code="EUR",
            ),
        ),
        historical_balances=(HistoricalBalance(date=day, current=-50.0, iso_currency_code="EUR"),),
    )
    response = _response(euro)
    view = make_view(response, analyze(response, AnalysisParameters()))
    view.show()
    model = view.accounts_model
    assert model.index(0, AccountColumn.CURRENT).data() == "n/a"
    assert model.index(0, AccountColumn.AVAILABLE).data() == "n/a"
    table = view.transactions.proxy
    assert table.index(0, Column.MONEY_IN).data() == "1,234.50 EUR"
    assert view.balances.tracks[0].negative_days == 1
    assert view.balances.y_axis.titleText() == "Balance (EUR)"
