"""Journey 4 of design.md through the window, against the local sandbox: does the borrower have
enough? Short until the gift is sourced with a letter; sufficient after; the disposition carries
to the refresh; the worksheet says so.

`user_gift_deposit` (sandbox persona): Total Checking ••6203 holds $37,124.55 and Premier Savings
••6204 $12,650.00 (the persona's current balances), both Alberta Charleson's; a $25,000.00 gift
wire came in 21 days before linking, above half of the $8,500.00 income.

    eligible before sourcing = 37,124.55 − 25,000.00 + 12,650.00 = 24,774.55
    funds required           = 40,000.00 + 2 × 2,500.00       = 45,000.00  → short by 20,225.45
    eligible after sourcing  = 49,774.55                       → sufficient
    reserves after closing   = 49,774.55 − 40,000.00 = 9,774.55 = 3.90 months of 2,500.00
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pymupdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from assets_desktop.app import LocalSandbox
from assets_desktop.domain.analysis.types import FlagCode
from assets_desktop.ui.report.flags_model import FlagColumn
from assets_desktop.ui.workspace.navigation import LOAN_FILE
from assets_desktop.ui.workspace.window import WorkspaceWindow

from .conftest import WindowFactory
from .test_journeys import TIMEOUT, create_report, wait_ready

SIZES = ((1400, 900), (1024, 768))


def _shot(widget: QWidget, name: str, sizes: tuple[tuple[int, int], ...] = SIZES) -> None:
    """With ASSETS_DESKTOP_ARTEFACTS set, PNGs of the widget at each size (a dialog: its own)."""
    folder = os.environ.get("ASSETS_DESKTOP_ARTEFACTS")
    if not folder:
        return
    size = widget.size()
    for width, height in sizes or ((size.width(), size.height()),):
        widget.resize(width, height)
        QApplication.processEvents()
        widget.grab().save(str(Path(folder) / f"{name}-{width}.png"))
    widget.resize(size)


def _gift_letter(path: Path) -> Path:
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text(
            (72, 72), "Gift letter: $25,000.00 from Harold P. Charleson, no repayment."
        )
        doc.save(path)
    return path


def _new_loan_file_with_terms(qtbot: QtBot, window: WorkspaceWindow) -> None:
    window.commands["newLoanFile"].trigger()
    dialog = window.controller.dialog
    for editor, text in (
        (dialog.main.first, "Alberta"), (dialog.main.last, "Charleson"), (dialog.income, "8500"),
        (dialog.cash, "40,000"), (dialog.pitia, "2500"), (dialog.reserves, "2"),
    ):  # fmt: skip
        qtbot.keyClicks(editor, text)
    assert dialog.ok_button.isEnabled(), dialog.errors()
    _shot(dialog, "loan-file-dialog", ())
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: window.selected_loan_file() is not None, timeout=TIMEOUT)


def test_journey_4_short_then_sourced_then_carried_to_the_refresh(
    qtbot: QtBot, make_window: WindowFactory, local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    window = make_window(local_sandbox)
    _new_loan_file_with_terms(qtbot, window)
    loan = window.model.loan_files[0]
    assert loan.record.terms.cash_to_close is not None
    window.commands["addItem"].trigger()
    add = window.controller.dialog
    add.persona.setCurrentIndex(add.persona.findData("user_gift_deposit"))
    add.ok_button.click()
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
    create_report(qtbot, window)
    original = wait_ready(qtbot, window, "original")

    view = window.pane.review
    balances = {a.mask: a.balances.current for a in view.response.report.accounts()}
    assert balances == {"6203": 37124.55, "6204": 12650.0}  # the hand-worked figures' inputs
    panel = view.summary.qualification_panel
    assert "Short by $20,225.45" in panel.answer.text()
    _shot(window, "journey4-short")

    gift = next(f for f in view.analysis.flags if f.code == FlagCode.LARGE_DEPOSIT)
    assert view.summary.select_flag(gift.key)
    qtbot.mouseClick(view.summary.clear_button, Qt.MouseButton.LeftButton)
    dialog = view.summary.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("sourced"))
    dialog.source.setCurrentIndex(dialog.source.findData("gift_letter"))
    dialog.donor.setText("Harold P. Charleson (father)")
    dialog.editor.setPlainText("Signed gift letter on file; no repayment expected.")
    dialog.set_document(str(_gift_letter(tmp_path / "gift-letter.pdf")))
    _shot(dialog, "disposition-dialog", ())
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert "Sufficient" in panel.answer.text()
    assert "3.90 months of reserves after closing" in panel.answer.text()
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=TIMEOUT)  # kept, with its letter
    resolution = view.review.resolution(gift)
    assert resolution is not None and resolution.document_name == "gift-letter.pdf"
    assert window.route.last("error") is None, window.route.last("error").text
    view.summary.select_flag(gift.key)
    assert view.summary.document_button.isEnabled()
    view.summary.document_button.click()
    opened = lambda: window.controller.dialog.objectName() == "documentDialog"  # noqa: E731
    qtbot.waitUntil(opened, timeout=TIMEOUT)
    document = window.controller.dialog
    assert document.objectName() == "documentDialog" and document.opened
    qtbot.waitUntil(lambda: document.viewer.page_count == 1, timeout=TIMEOUT)
    _shot(document, "document-dialog", ())
    document.reject()

    window.commands["refreshReport"].trigger()
    window.controller.dialog.ok_button.click()
    refresh = wait_ready(qtbot, window, "refresh")
    assert refresh.parent_id == original.report_id
    again = window.pane.review
    carried = again.review.resolution(gift)
    assert carried is not None and carried.kind == "sourced"
    assert carried.carried_from is not None and carried.carried_from.startswith("report of ")
    status = again.summary.flags_model.index(0, FlagColumn.STATUS).data()
    assert status == "Sourced ↻"
    assert "Sufficient" in again.summary.qualification_panel.answer.text()
    _shot(window, "journey4-refresh-sufficient")
    changes = again.changes
    kinds = [changes.model.index(r, 0).data() for r in range(changes.model.rowCount())]
    assert kinds.count("Decision carried") == 1
    assert "Compared with <b>report of " in changes.heading.text()  # named, not a UUID
    assert "1 decision carried from earlier reports" in changes.heading.text()

    target = again.export_worksheet(tmp_path / "worksheet.pdf")
    artefacts = os.environ.get("ASSETS_DESKTOP_ARTEFACTS")
    if artefacts:  # for looking at it: pdftoppm -png worksheet-journey-4.pdf
        shutil.copy(target, Path(artefacts) / "worksheet-journey-4.pdf")
    with pymupdf.open(target) as pdf:
        text = " ".join(" ".join(page.get_text().split()) for page in pdf)
    assert "Does the borrower have enough?" in text and "SUFFICIENT" in text
    assert "Short" not in text
    assert "Sourced (gift letter): Signed gift letter on file" in text
    assert "carried from report of" in text
    assert "$25,000.00 from Harold P. Charleson (father)" in text  # the gifts list

    assert window.select(LOAN_FILE, loan.loan_file_id)
    window.commands["deleteLoanFile"].trigger()
    window.controller.dialog.findChild(QPushButton, "confirmButton").click()
    qtbot.waitUntil(lambda: window.model.loan_files == [], timeout=TIMEOUT)
    library = window.workspace.library
    assert library.reports.all() == [] and library.attachments.of_loan_file(loan.loan_file_id) == []
