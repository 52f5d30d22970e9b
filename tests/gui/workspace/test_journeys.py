"""Journeys 1 and 3 of design.md, driven through the window against the local sandbox."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from assets_desktop.child_sandbox import LocalSandbox
from assets_desktop.ui.report.view import ReportView
from assets_desktop.ui.workspace.navigation import ITEM, LOAN_FILE, REPORT, ReportEntry
from assets_desktop.ui.workspace.window import WorkspaceWindow

from .conftest import WindowFactory, open_action

TIMEOUT = 20_000


def reports(window: WorkspaceWindow) -> list[ReportEntry]:
    return [r for loan in window.model.loan_files for r in loan.reports]


def by_relation(window: WorkspaceWindow, relation: str) -> ReportEntry | None:
    found = [r for r in reports(window) if r.relation == relation]
    return found[-1] if found else None


def new_loan_file(qtbot: QtBot, window: WorkspaceWindow, name: str = "Alberta Charleson") -> None:
    window.commands["newLoanFile"].trigger()
    dialog = window.controller.dialog
    first, last = name.split(" ", 1)
    qtbot.keyClicks(dialog.main.first, first)
    qtbot.keyClicks(dialog.main.last, last)
    qtbot.keyClicks(dialog.income, "8500")
    known = len(window.model.loan_files)
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: len(window.model.loan_files) > known and window.selected_loan_file() is not None,
        timeout=TIMEOUT,
    )


def add_item(qtbot: QtBot, window: WorkspaceWindow, outcome: int = 0) -> None:
    window.commands["addItem"].trigger()
    dialog = window.controller.dialog
    dialog.outcome.setCurrentIndex(outcome)
    dialog.ok_button.click()


def create_report(qtbot: QtBot, window: WorkspaceWindow, days: int = 61) -> None:
    loan = window.model.loan_files[0]
    window.select(LOAN_FILE, loan.loan_file_id)
    window.commands["createReport"].trigger()
    dialog = window.controller.dialog
    dialog.days.setValue(days)
    dialog.ok_button.click()


def wait_ready(qtbot: QtBot, window: WorkspaceWindow, relation: str) -> ReportEntry:
    qtbot.waitUntil(
        lambda: (r := by_relation(window, relation)) is not None and r.state == "ready",
        timeout=TIMEOUT,
    )
    qtbot.waitUntil(lambda: isinstance(window.pane.review, ReportView), timeout=TIMEOUT)
    entry = by_relation(window, relation)
    assert entry is not None
    qtbot.waitUntil(lambda: window.pane.report_id == entry.report_id, timeout=TIMEOUT)
    return entry


def test_journey_1_end_to_end(
    qtbot: QtBot, make_window: WindowFactory, local_sandbox: LocalSandbox
) -> None:
    window = make_window(local_sandbox)
    assert window.pane.currentWidget() is window.pane.empty
    new_loan_file(qtbot, window)
    loan = window.model.loan_files[0]
    assert loan.borrower == "Alberta Charleson" and loan.purpose == "purchase"
    assert window.commands["addItem"].isEnabled()
    assert not window.commands["createReport"].isEnabled()  # no Item yet

    add_item(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
    item = window.model.loan_files[0].items[0]
    assert item.institution == "First Platypus Bank"
    assert window.select(ITEM, item.item_id)

    states: list[str] = []
    resets: list[int] = []
    seen = lambda *_: states.extend(  # noqa: E731
        r.state for r in reports(window) if r.relation == "original"
    )
    window.model.rowsInserted.connect(seen)
    window.model.dataChanged.connect(seen)
    window.model.modelReset.connect(lambda: resets.append(1))
    create_report(qtbot, window)
    original = wait_ready(qtbot, window, "original")
    assert "building" in states  # the tree showed it building before ready
    assert resets == []  # row by row: no full reload of the tree
    assert original.days == 61
    view = window.pane.review
    assert view.tabs.count() == 6 and len(view.response.report.accounts()) >= 2
    assert window.pane.tabs.isTabEnabled(1)  # the PDF
    qtbot.waitUntil(lambda: window.pane.pdf.page_count >= 1, timeout=TIMEOUT)

    window.commands["refreshReport"].trigger()
    dialog = window.controller.dialog
    dialog.change_days.setChecked(True)
    dialog.days.setValue(90)
    dialog.ok_button.click()
    refresh = wait_ready(qtbot, window, "refresh")
    assert refresh.parent_id == original.report_id and refresh.days == 90
    assert window.model.find(REPORT, refresh.report_id).parent() == window.model.find(
        REPORT, original.report_id
    )
    assert window.pane.review.changes is not None

    dialog = open_action(qtbot, window, "filterReport")
    first = next(iter(dialog.boxes))
    dialog.boxes[first].setChecked(True)
    dialog.ok_button.click()
    filtered = wait_ready(qtbot, window, "filter")
    assert filtered.parent_id == refresh.report_id
    accounts = {a.account_id for a in window.pane.review.response.report.accounts()}
    assert first not in accounts
    view = window.pane.review  # compare the filtered report with the original instead
    view.changes.compare_requested.emit(original.report_id)
    qtbot.waitUntil(
        lambda: "Compared with <b>report of " in view.changes.heading.text(), timeout=TIMEOUT
    )
    library = window.workspace.library
    assert view.changes.diff is not None
    assert (
        view.changes.diff.older_report_id == library.reports.get(original.report_id).asset_report_id
    )

    dialog = open_action(qtbot, window, "auditCopies")
    dialog.auditor.setCurrentIndex(0)  # Fannie Mae
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.token.text() != "", timeout=TIMEOUT)
    assert dialog.copy_token.isEnabled()
    dialog.reject()
    qtbot.waitUntil(
        lambda: any(not c.removed for c in by_relation(window, "filter").audit_copies),
        timeout=TIMEOUT,
    )
    assert by_relation(window, "filter").audit_copies[0].auditor == "fannie_mae"

    window.commands["removeReport"].trigger()
    box = window.controller.dialog
    box.findChild(QPushButton, "confirmButton").click()
    qtbot.waitUntil(lambda: by_relation(window, "filter").state == "removed", timeout=TIMEOUT)
    assert all(copy.removed for copy in by_relation(window, "filter").audit_copies)
    assert by_relation(window, "refresh").state == "ready"  # the others are untouched
    assert window.route.last("error") is None, window.route.last("error").text


def test_journey_3_offline_restart(
    qtbot: QtBot, make_window: WindowFactory, local_sandbox: LocalSandbox
) -> None:
    online = make_window(local_sandbox)
    new_loan_file(qtbot, online)
    add_item(qtbot, online)
    qtbot.waitUntil(lambda: bool(online.model.loan_files[0].items), timeout=TIMEOUT)
    create_report(qtbot, online)
    ready = wait_ready(qtbot, online, "original")
    online_connect_enabled = online.commands["connect"].isEnabled()
    online.pane.review.clear_flag("some-flag", "explained by the borrower's letter")
    online.pane.review.add_note("Reviewed with the LO")
    online.runner.cancel_all()  # "quit": the writes finish, the rest is cancelled
    qtbot.waitUntil(lambda: not online.runner.running(), timeout=TIMEOUT)
    online.workspace.library.close()  # "quit": the library is closed
    local_sandbox.stop()  # no network from here on

    offline = make_window(None)  # same data directory, no client at all
    loan = offline.model.loan_files[0]
    assert loan.borrower == "Alberta Charleson"
    assert [i.institution for i in loan.items] == ["First Platypus Bank"]
    assert [r.state for r in loan.reports] == ["ready"]
    assert offline.select(REPORT, ready.report_id)
    qtbot.waitUntil(lambda: offline.pane.report_id == ready.report_id, timeout=TIMEOUT)
    review = offline.pane.review
    assert isinstance(review, ReportView)
    assert review.review.resolution("some-flag").reason == "explained by the borrower's letter"
    assert [n.text for n in review.review.notes] == ["Reviewed with the LO"]
    qtbot.waitUntil(lambda: offline.pane.pdf.page_count >= 1, timeout=TIMEOUT)
    refresh = offline.commands["refreshReport"]  # needs the network: disabled, and says why
    assert not refresh.isEnabled() and "Offline: this needs a connection" in refresh.toolTip()
    assert not offline.commands["createReport"].isEnabled()
    connect = offline.commands["connect"]  # and a way back online, without a restart
    assert connect.isEnabled() and not online_connect_enabled
    with qtbot.waitSignal(offline.connect_requested):
        connect.trigger()
    assert offline.select(LOAN_FILE, loan.loan_file_id)  # still usable
