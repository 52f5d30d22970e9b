"""Every table model of the report views passes Qt's model tester."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from assets_desktop.domain.analysis import diff_reports
from assets_desktop.domain.analysis.decisions import Disposition
from assets_desktop.services.review import ReviewState
from assets_desktop.ui.report.accounts_model import AccountsModel
from assets_desktop.ui.report.changes_tab import ChangesModel, change_rows
from assets_desktop.ui.report.flags_model import FlagsModel
from assets_desktop.ui.report.owners_tab import OwnersModel
from assets_desktop.ui.report.transactions_model import (
    Column,
    TransactionFilter,
    TransactionFilterProxy,
    TransactionsModel,
)

from .factory import build_analysis, build_response
from .personas import PARAMETERS


def test_transactions_model_and_proxy_pass_the_model_tester(qtmodeltester: Any) -> None:
    response = build_response(transactions_per_account=40)
    analysis = build_analysis(response)
    model = TransactionsModel(response.report.accounts(), analysis.flags)
    qtmodeltester.check(model)
    proxy = TransactionFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter(TransactionFilter(text="coffee", direction="in"))
    proxy.sort(Column.MONEY_IN, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    assert 0 < proxy.rowCount() < model.total


def test_accounts_flags_owners_and_changes_models_pass_the_model_tester(
    qtmodeltester: Any,
) -> None:
    response = build_response()
    analysis = build_analysis(response)
    qtmodeltester.check(AccountsModel(analysis.accounts))
    labels = {a.account_id: a.label for a in analysis.accounts}
    review = ReviewState.build(
        [Disposition(analysis.flags[0].key, "sourced", "Gift letter on file")]
    )
    qtmodeltester.check(FlagsModel(analysis.flags, labels, review))
    qtmodeltester.check(OwnersModel(response.report.accounts(), analysis.accounts))
    older = build_response(transactions_per_account=10, seed=3)
    diff = diff_reports(older, response, PARAMETERS)
    assert not diff.is_empty
    qtmodeltester.check(ChangesModel(change_rows(diff, labels)))
