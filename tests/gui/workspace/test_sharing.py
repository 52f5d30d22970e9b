"""Through the window against the local sandbox: the loan's GSE token, a report with add-ons."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from assets_desktop.app import LocalSandbox
from assets_desktop.store.records import Activity
from assets_desktop.ui.workspace.navigation import LOAN_FILE

from .conftest import WindowFactory
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
    library = window.controller.backend.library
    loan_id = window.model.loan_files[0].loan_file_id

    window.commands["gseToken"].trigger()
    dialog = window.controller.dialog
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
    assert library.gse_token(loan_id).report_id == original.report_id
    # The GSE token is not an audit copy: the audit copies dialog does not list it.
    assert original.report_id and not window.selected_report().audit_copies

    window.commands["refreshReport"].trigger()
    window.controller.dialog.ok_button.click()
    refresh = wait_ready(qtbot, window, "refresh")
    window.commands["gseToken"].trigger()
    dialog = window.controller.dialog
    assert dialog.token.text() == token  # the loan's token, shown from the refresh too
    assert "another report" in dialog.points_at.text()
    assert dialog.update_token.isEnabled()
    dialog.update_token.click()
    qtbot.waitUntil(lambda: dialog.points_at.text().startswith("this report"), timeout=TIMEOUT)
    assert library.gse_token(loan_id).report_id == refresh.report_id

    dialog.remove_token.click()
    qtbot.waitUntil(lambda: dialog.state is None, timeout=TIMEOUT)
    assert dialog.ok_button.isEnabled() and dialog.token.text() == ""
    assert library.gse_token(loan_id) is None
    logged = [entry.what for entry in library.activity(loan_file_id=loan_id)]
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
