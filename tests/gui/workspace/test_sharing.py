"""Through the window against the local sandbox: the loan's GSE token, a report with add-ons,
Credit Relay both ways."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton, QTableView
from pytestqt.qtbot import QtBot

from assets_desktop.api import PlaidClient, UserActionRequired
from assets_desktop.api.polling import ReportWait, wait_for_report
from assets_desktop.app import LocalSandbox
from assets_desktop.sandbox.runtime import PARTNER_CLIENT_ID, PARTNER_SECRET
from assets_desktop.store.records import Activity
from assets_desktop.ui.report.view import ReportView
from assets_desktop.ui.workspace.navigation import LOAN_FILE

from .conftest import WindowFactory, open_action
from .test_journeys import TIMEOUT, add_item, create_report, new_loan_file, wait_ready


def test_gse_token_created_copied_updated_with_the_refresh_and_removed(
    qtbot: QtBot, make_window: WindowFactory, local_sandbox: LocalSandbox
) -> None:
    window = make_window(local_sandbox)
    new_loan_file(qtbot, window)
    add_item(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
    create_report(qtbot, window)
    original = wait_ready(qtbot, window, "original")
    library = window.workspace.library
    loan_id = window.model.loan_files[0].loan_file_id

    dialog = open_action(qtbot, window, "gseToken")
    assert dialog.token.text() == "" and not dialog.update_token.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.token.text() != "", timeout=TIMEOUT)
    token = dialog.token.text()
    assert token.startswith("a-")  # an audit copy token of the sandbox
    assert dialog.points_at.text().startswith("this report")
    assert not dialog.ok_button.isEnabled()  # one token per loan
    dialog.copy_token.click()
    assert QGuiApplication.clipboard().text() == token
    dialog.reject()
    assert library.tokens.gse(loan_id).report_id == original.report_id
    # The GSE token is not an audit copy: the audit copies dialog does not list it.
    assert original.report_id and not window.selected_report().audit_copies

    window.commands["refreshReport"].trigger()
    window.controller.dialog.ok_button.click()
    refresh = wait_ready(qtbot, window, "refresh")
    dialog = open_action(qtbot, window, "gseToken")
    assert dialog.token.text() == token  # the loan's token, shown from the refresh too
    assert "another report" in dialog.points_at.text()
    assert dialog.update_token.isEnabled()
    dialog.update_token.click()
    qtbot.waitUntil(lambda: dialog.points_at.text().startswith("this report"), timeout=TIMEOUT)
    assert library.tokens.gse(loan_id).report_id == refresh.report_id

    dialog.remove_token.click()
    qtbot.waitUntil(lambda: dialog.state is None, timeout=TIMEOUT)
    assert dialog.ok_button.isEnabled() and dialog.token.text() == ""
    assert library.tokens.gse(loan_id) is None
    logged = [entry.what for entry in library.activity.entries(loan_file_id=loan_id)]
    assert [w for w in logged if w.startswith("GSE")] == [
        Activity.GSE_TOKEN_CREATED,
        Activity.GSE_TOKEN_UPDATED,
        Activity.GSE_TOKEN_REMOVED,
    ]
    assert window.route.last("error") is None, window.route.last("error").text


def test_an_investments_report_created_from_the_dialog_shows_its_holdings(
    qtbot: QtBot, make_window: WindowFactory, local_sandbox: LocalSandbox
) -> None:
    window = make_window(local_sandbox)
    new_loan_file(qtbot, window)
    window.commands["addItem"].trigger()
    dialog = window.controller.dialog
    dialog.persona.setCurrentIndex(dialog.persona.findData("user_investments"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)

    window.select(LOAN_FILE, window.model.loan_files[0].loan_file_id)
    window.commands["createReport"].trigger()
    dialog = window.controller.dialog
    dialog.fast_assets.setChecked(True)
    dialog.investments.setChecked(True)
    assert dialog.value().add_ons == ("fast_assets", "investments")
    dialog.ok_button.click()
    wait_ready(qtbot, window, "original")

    view = window.pane.review
    view.tabs.setCurrentIndex(1)  # Accounts
    table = view.accounts_table.parent().findChild(QTableView, "holdingsTable")
    assert table is not None, "the accounts tab shows a holdings table"
    model = table.model()
    assert model.rowCount() >= 3
    securities = {model.index(row, 1).data() for row in range(model.rowCount())}
    assert len(securities) >= 3
    holdings = [a.investments for a in view.response.report.accounts() if a.investments]
    assert holdings, "the report was created with the investments add-on"


def test_a_relay_token_is_created_for_a_partner_and_revoked(
    qtbot: QtBot, make_window: WindowFactory, local_sandbox: LocalSandbox
) -> None:
    window = make_window(local_sandbox)
    new_loan_file(qtbot, window)
    add_item(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
    create_report(qtbot, window)
    report = wait_ready(qtbot, window, "original")
    library = window.workspace.library

    dialog = open_action(qtbot, window, "relayReport")
    assert not dialog.ok_button.isEnabled()  # no partner yet
    qtbot.keyClicks(dialog.partner, PARTNER_CLIENT_ID)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.token.text() != "", timeout=TIMEOUT)
    token = dialog.token.text()
    assert token.startswith("credit-relay-sandbox-")
    name = f"revokeRelay-{_relay(library, report).id}"
    qtbot.waitUntil(lambda: dialog.findChild(QPushButton, name) is not None, timeout=TIMEOUT)
    revoke = dialog.findChild(QPushButton, name)
    assert revoke is not None and revoke.text() == f"Revoke {PARTNER_CLIENT_ID}"

    # The partner reads the report with its own keys.
    partner = partner_client(local_sandbox)
    got = run(qtbot, partner.relay.get(token))
    assert (
        got.response.report.asset_report_id == library.reports.get(report.report_id).asset_report_id
    )

    name = revoke.objectName()
    revoke.click()
    qtbot.waitUntil(lambda: not _relay(library, report).active, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: dialog.findChild(QPushButton, name) is None)
    with pytest.raises(UserActionRequired) as refused:
        run(qtbot, partner.relay.get(token))
    assert refused.value.error_code == "INVALID_RELAY_TOKEN"
    run(qtbot, partner.aclose())
    logged = [e.what for e in library.activity.entries(report_id=report.report_id)]
    assert Activity.RELAY_TOKEN_CREATED in logged and Activity.RELAY_TOKEN_REMOVED in logged
    assert window.route.last("error") is None, window.route.last("error").text


def test_a_report_relayed_to_the_lender_is_opened_into_the_library(
    qtbot: QtBot, make_window: WindowFactory, local_sandbox: LocalSandbox
) -> None:
    # A partner links the borrower's bank, builds a report and relays it to the lender.
    partner = partner_client(local_sandbox)

    async def relayed() -> tuple[str, str]:
        public = await partner.items.sandbox_public_token_create(
            "ins_109508", username="user_good", password="pass_good"
        )
        access = (await partner.items.public_token_exchange(public.public_token)).access_token
        created = await partner.reports.create([access], 30)
        await wait_for_report(
            partner,
            lambda: partner.reports.get_bytes(created.asset_report_token),
            ReportWait(interval=0.2, timeout=20),
        )
        token = await partner.relay.create(created.asset_report_token, local_sandbox.client_id)
        return token, created.asset_report_id

    relay_token, asset_report_id = run(qtbot, relayed())
    run(qtbot, partner.aclose())

    window = make_window(local_sandbox)
    window.commands["openRelayed"].trigger()
    dialog = window.controller.dialog
    qtbot.keyClicks(dialog.token, relay_token)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(window.model.loan_files), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].reports), timeout=TIMEOUT)
    entry = window.model.loan_files[0].reports[0]
    assert entry.state == "ready"
    qtbot.waitUntil(lambda: isinstance(window.pane.review, ReportView), timeout=TIMEOUT)
    assert window.pane.review.response.report.asset_report_id == asset_report_id
    library = window.workspace.library
    record = library.reports.get(entry.report_id)
    assert record.source == "relay" and record.has_pdf
    assert Activity.RELAYED_REPORT_OPENED in [e.what for e in library.activity.entries()]
    assert window.route.last("error") is None, window.route.last("error").text


def _relay(library: Any, report: Any) -> Any:
    return next(c for c in library.audit_copies.of_report(report.report_id) if c.kind == "relay")


def partner_client(sandbox: LocalSandbox) -> PlaidClient:
    """The Credit Relay partner: the sandbox's second client identity."""
    return PlaidClient(
        sandbox.base_url, PARTNER_CLIENT_ID, PARTNER_SECRET, environment="local", timeout=5.0
    )


def run(qtbot: QtBot, work: Any) -> Any:
    """Await `work` on the test's qasync loop while Qt keeps running."""
    task = asyncio.ensure_future(work)
    qtbot.waitUntil(task.done, timeout=TIMEOUT)
    return task.result()
