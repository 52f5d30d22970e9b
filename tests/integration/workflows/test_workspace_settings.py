"""services.workspace applies the user's settings: the polling interval reaches the report
wait (against the local sandbox, reports never ready), and the analysis uses the large-deposit
ratio and the minimum history."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from assets_desktop.api import ReportWaitTimeoutError
from assets_desktop.api.polling import ReportWait
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.services import reports as report_workflows
from assets_desktop.services.settings import WorkspaceRules
from assets_desktop.services.workspace import Workspace
from assets_desktop.services.workspace_inputs import QUICK, AddItemInput, CreateReportInput
from assets_desktop.store.library import Library
from tests.integration.workflows.support import local_environment


@pytest.mark.asyncio
async def test_the_polling_interval_setting_reaches_the_wait(
    sandbox: EmbeddedSandbox,
    library: Library,
    loan_file_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox.faults.never_ready = True
    async with local_environment(sandbox, library) as env:
        rules = WorkspaceRules(poll_interval=0.2, wait_timeout=0.5)
        workspace = Workspace(library, library.secrets, env, "local", rules)
        intervals: list[Any] = []
        real_wait = report_workflows.wait_for_report

        async def spy(client: Any, get: Any, wait: ReportWait) -> Any:
            intervals.append(wait.interval)
            return await real_wait(client, get, wait)

        monkeypatch.setattr(report_workflows, "wait_for_report", spy)
        quick = AddItemInput(QUICK, "ins_109508", "user_good", "pass_good")
        item_id = await workspace.plaid.add_item(loan_file_id, quick)
        with pytest.raises(ReportWaitTimeoutError) as raised:
            await workspace.plaid.create_report(
                loan_file_id, CreateReportInput(days=60, item_ids=(item_id,))
            )
        (record,) = library.reports.all(loan_file_id)
        assert record.state == "building"  # Plaid keeps building; the wait can resume
        workspace.rules = dataclasses.replace(rules, poll_interval=0.3)  # the user saved one
        with pytest.raises(ReportWaitTimeoutError):
            await workspace.plaid.resume_report(record.id)
    assert intervals == [0.2, 0.3]
    assert "checks" in raised.value.user_message


def test_analysis_parameters_follow_the_settings(library: Library) -> None:
    rules = WorkspaceRules(large_deposit_ratio=0.25, min_history_days=90)
    workspace = Workspace(library, library.secrets, None, "local", rules)
    purchase = library.loan_files.create(["Ann Lee"], "purchase", Decimal("8000"))
    refinance = library.loan_files.create(["Bo Lee"], "refinance", Decimal("6000"))
    params = workspace.analysis_parameters(purchase)
    assert params.large_deposit_ratio == Decimal("0.25")
    assert params.required_history_days == 90
    assert params.monthly_income == Decimal("8000")
    # the setting is the purchase rule; a refinance keeps its 30-day rule
    assert workspace.analysis_parameters(refinance).required_history_days == 30
    default = Workspace(library, library.secrets, None, "local").analysis_parameters(purchase)
    assert (default.large_deposit_ratio, default.required_history_days) == (Decimal("0.5"), 60)


def test_loan_terms_carry_co_borrowers_and_the_retirement_setting(library: Library) -> None:
    rules = WorkspaceRules(retirement_factor=0.6)
    workspace = Workspace(library, library.secrets, None, "local", rules)
    loan = library.loan_files.create(
        ["John Q. Smith", "Mary Smith"], "purchase", "6000", cash_to_close="41000",
        monthly_housing_payment="3000", reserve_months="2",
    )  # fmt: skip
    params = workspace.analysis_parameters(loan)
    assert (params.borrower, params.co_borrowers) == ("John Q. Smith", ("Mary Smith",))
    terms = workspace.loan_terms(loan)
    assert (terms.cash_to_close, terms.monthly_housing_payment) == (Decimal("41000"), 3000)
    assert (terms.reserve_months, terms.retirement_factor) == (2, Decimal("0.6"))
