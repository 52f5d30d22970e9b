"""Review bundles from the File menu (out, then back in after the loan file was deleted, with
the decision kept), and the tree's right-click menu offering what fits the node."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.ui.workspace.navigation import LOAN_FILE, REPORT

from .conftest import WindowFactory
from .test_journeys import TIMEOUT, add_item, create_report, new_loan_file, wait_ready


def _menu_names(window, kind: str, entry_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    index = window.model.find(kind, entry_id)
    point = window.tree.visualRect(index).center()
    menu = window.show_menu(point)
    assert isinstance(menu, QMenu)
    names = [action.objectName() for action in menu.actions()]
    menu.close()
    return names


def test_bundle_out_and_back_and_the_tree_menu(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    window = make_window(sandbox)
    new_loan_file(qtbot, window)
    add_item(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
    create_report(qtbot, window)
    report = wait_ready(qtbot, window, "original")
    loan_id = window.model.loan_files[0].loan_file_id
    window.pane.review.clear_flag("some-flag", "explained by the borrower's letter")

    assert _menu_names(window, REPORT, report.report_id) == [
        "refreshReport", "filterReport", "auditCopies", "exportBundle", "removeReport",
    ]  # fmt: skip
    assert "deleteLoanFile" in _menu_names(window, LOAN_FILE, loan_id)

    assert window.select(REPORT, report.report_id)
    target = tmp_path / "review.zip"
    window.bundles.ask_export()  # File ▸ Export review bundle…: a save dialog, then the file
    saving = window.controller.dialog
    assert saving.objectName() == "exportBundleDialog"
    assert (saving.defaultSuffix(), saving.nameFilters()) == ("zip", ["Review bundles (*.zip)"])
    assert Path(saving.selectedFiles()[0]).name == f"review-{report.report_id[:8]}.zip"
    saving.fileSelected.emit(str(target))
    saving.close()
    qtbot.waitUntil(lambda: target.exists(), timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: "Review bundle saved" in (window.route.last("info").text), timeout=TIMEOUT
    )
    assert "not encrypted" in window.route.last("info").text  # exports warn

    deleting = asyncio.ensure_future(window.workspace.delete_loan_file(loan_id))
    qtbot.waitUntil(deleting.done, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.model.loan_files == [], timeout=TIMEOUT)
    window.bundles.ask_import()
    opening = window.controller.dialog
    assert opening.objectName() == "importBundleDialog"
    assert opening.fileMode() == opening.FileMode.ExistingFile
    opening.fileSelected.emit(str(target))
    opening.close()
    qtbot.waitUntil(lambda: len(window.model.loan_files) == 1, timeout=TIMEOUT)
    (imported,) = window.model.loan_files[0].reports
    qtbot.waitUntil(lambda: window.pane.report_id == imported.report_id, timeout=TIMEOUT)
    resolution = window.pane.review.review.resolution("some-flag")
    assert resolution is not None and resolution.reason == "explained by the borrower's letter"


def test_show_a_transaction_in_the_pdf(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox
) -> None:
    from assets_desktop.ui.report.drill_down import transaction_menu

    window = make_window(sandbox)
    new_loan_file(qtbot, window)
    add_item(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
    create_report(qtbot, window)
    wait_ready(qtbot, window, "original")
    qtbot.waitUntil(lambda: window.pane.pdf.page_count >= 1, timeout=TIMEOUT)
    view = window.pane.review
    table = view.transactions.table
    index = table.model().index(0, 0)
    menu = transaction_menu(view, index)
    (show,) = [a for a in menu.actions() if a.text() == "Show in PDF"]
    with qtbot.waitSignal(window.pane.pdf.search_finished, timeout=TIMEOUT) as found:
        show.trigger()
    assert window.pane.tabs.currentIndex() == 1  # the PDF tab
    assert found.args[0] >= 1  # the transaction is in the PDF
