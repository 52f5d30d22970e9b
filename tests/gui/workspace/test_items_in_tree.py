"""Two Items at one bank are told apart in the tree, and selecting an Item shows its status and
its accounts from the newest report that covers it (read off the UI thread)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.ui.workspace.navigation import ITEM

from .conftest import WindowFactory
from .test_journeys import TIMEOUT, add_item, create_report, new_loan_file, wait_ready


def test_items_told_apart_and_their_accounts_shown(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox
) -> None:
    window = make_window(sandbox)
    new_loan_file(qtbot, window)
    for count in (1, 2):
        add_item(qtbot, window)
        qtbot.waitUntil(lambda n=count: len(window.model.loan_files[0].items) == n, timeout=TIMEOUT)
    first, second = window.model.loan_files[0].items
    assert first.institution == second.institution == "First Platypus Bank"
    names = [window.model.find(ITEM, i.item_id).data() for i in (first, second)]
    assert names[0] != names[1] and all(n.startswith("First Platypus Bank (") for n in names)
    assert first.item_id[-6:] in names[0]  # told apart by the id's tail at least

    assert window.select(ITEM, first.item_id, open_report=False)
    window.show_selection()
    details = window.pane.details.label
    assert "No saved report covers this Item yet" in details.text() or "Reading" in details.text()
    qtbot.waitUntil(lambda: "Reading" not in details.text(), timeout=TIMEOUT)
    assert "No saved report covers this Item yet" in details.text()

    create_report(qtbot, window)
    wait_ready(qtbot, window, "original")
    assert window.select(ITEM, first.item_id, open_report=False)
    window.show_selection()
    qtbot.waitUntil(lambda: "<b>Accounts</b>" in details.text(), timeout=TIMEOUT)
    assert "Plaid Checking ••0000" in details.text()
    assert "report of " in details.text()  # which report the accounts come from
