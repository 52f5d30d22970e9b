"""Summary: the qualification, totals, coverage, the flag list, dispositions and notes, and
their round trip through the library."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from assets_desktop.domain.analysis.decisions import Disposition
from assets_desktop.domain.analysis.qualification import LoanTerms
from assets_desktop.domain.report import encode
from assets_desktop.services.review import (
    ReviewState,
    load_review,
    record_disposition,
    record_note,
)
from assets_desktop.store.library import Library
from assets_desktop.ui.report import ReportView, Tab
from assets_desktop.ui.report.disposition_dialog import REQUIRED, DispositionDialog
from assets_desktop.ui.report.flags_model import FlagColumn
from assets_desktop.ui.report.qualification_panel import EligibilityColumn

from .conftest import MakeView
from .factory import build_analysis, build_response


def _open_dialog(view: ReportView, row: int, qtbot: QtBot) -> DispositionDialog:
    view.summary.flags_table.selectRow(row)
    qtbot.mouseClick(view.summary.clear_button, Qt.MouseButton.LeftButton)
    dialog = view.summary.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_summary_shows_borrower_totals_coverage_and_flags(make_view: MakeView) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    summary = view.summary
    assert "Alberta Charleson" in summary.report_label.text()
    assert "report-1234" in summary.report_label.text()
    totals = summary.totals_label.text()
    assert "$11,000.00" in totals and "$410.00" in totals
    assert "4,200" not in totals  # deductions are the qualification's, after decisions
    rows = summary.qualification_panel.model
    eligible = [rows.index(r, EligibilityColumn.ELIGIBLE).data() for r in range(rows.rowCount())]
    assert eligible == ["$611.23", "$6,867.58", "$0.00"]  # 4,811.23 − 4,200.00; card: a debt
    why = rows.index(0, EligibilityColumn.REASON).data()
    assert why == "Balance $4,811.23 less $4,200.00 of unsourced large deposits (B3-4.2-02)."
    assert "Not assessed" in summary.qualification_panel.answer.text()
    assert "purchase needs 60 days" in summary.coverage_label.text()
    model = summary.flags_model
    assert [model.index(r, FlagColumn.FLAG).data() for r in range(model.rowCount())] == [
        "Large deposit",
        "Negative balance",
    ]
    assert "2 open, 0 resolved" in summary.flags_heading.text()
    assert view.tabs.tabText(Tab.SUMMARY) == "Summary && flags (2 open)"
    assert "monthly income of $6,000.00" in summary.notes_label.text()


def test_double_click_drills_down_to_the_transaction_or_the_account(
    make_view: MakeView, qtbot: QtBot
) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    view.show()
    table = view.summary.flags_table
    large, negative = view.analysis.flags
    for flag, tab in ((large, Tab.TRANSACTIONS), (negative, Tab.ACCOUNTS)):
        view.tabs.setCurrentIndex(Tab.SUMMARY)
        view.summary.select_flag(flag.key)
        rect = table.visualRect(table.currentIndex())
        # WORKAROUND: QTest's double click alone does not make an item view emit doubleClicked;
        # a click first gives the press/release/double-click sequence a real user makes.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert view.tabs.currentIndex() == tab
    assert view.transactions.selected_transaction_id() == large.transaction_id
    current = view.accounts_table.currentIndex()
    assert current.siblingAtColumn(0).data() == "Checking 0 ••1000"


def test_resolving_a_flag_needs_a_reason_and_emits_the_disposition(
    make_view: MakeView, qtbot: QtBot
) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    view.show()
    dialog = _open_dialog(view, 0, qtbot)
    assert not dialog.ok_button.isEnabled()
    assert dialog.errors() == []  # an untouched reason blocks OK without scolding
    assert dialog.kind.currentData() == "sourced"  # a large deposit is sourced first
    assert dialog.source.currentData() == "gift_letter"
    assert dialog.amount.text() == "4200.00"  # the gift amount starts at the deposit
    qtbot.keyClicks(dialog.editor, "   ")  # a reason of spaces only
    bad_amount = "“4,2OO” is not a gift amount: use digits, e.g. 25000.00."
    dialog.amount.selectAll()
    qtbot.keyClicks(dialog.amount, "4,2OO")  # letters O for zeros
    assert not dialog.ok_button.isEnabled()
    assert dialog.errors() == [bad_amount, REQUIRED]
    note = dialog.findChild(QLabel, "clearFlagDialogTextNote")
    assert note.isVisible() and note.text().startswith("Required: say why the flag is resolved")
    dialog.kind.setCurrentIndex(dialog.kind.findData("accepted"))  # no gift: no amount asked
    assert not dialog.amount.isVisible() and not dialog.source.isVisible()
    assert dialog.errors() == [REQUIRED]
    dialog.kind.setCurrentIndex(dialog.kind.findData("sourced"))
    assert dialog.amount.isVisible() and dialog.errors() == [bad_amount, REQUIRED]
    dialog.amount.selectAll()
    qtbot.keyClicks(dialog.amount, "$4,200")
    assert dialog.gift_amount() == Decimal("4200.00")
    qtbot.keyClicks(dialog.editor, "Gift letter and donor statement on file")
    assert dialog.errors() == [] and dialog.ok_button.isEnabled()
    dialog.donor.setText("Robert Charleson")
    with qtbot.waitSignal(view.flag_resolved) as resolved:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    key = view.analysis.flags[0].key
    decision, document = resolved.args
    assert (decision.key, decision.kind, decision.source) == (key, "sourced", "gift_letter")
    assert (decision.gift_donor, str(decision.gift_amount)) == ("Robert Charleson", "4200.00")
    assert document == ""
    model = view.summary.flags_model
    assert model.index(0, FlagColumn.STATUS).data() == "Sourced"
    assert model.index(0, FlagColumn.RESOLUTION).data() == (
        "Sourced (gift letter): Gift letter and donor statement on file · gift from Robert "
        "Charleson"
    )
    assert "1 open, 1 resolved" in view.summary.flags_heading.text()
    view.summary.flags_table.selectRow(0)
    assert view.summary.clear_button.text() == "Change resolution…"
    assert view.qualification.eligible_assets == Decimal("11678.81")  # added back
    view.summary.open_only.setChecked(True)
    assert view.summary.flags_proxy.rowCount() == 1
    assert view.summary.select_flag(key)  # a hidden flag is shown again when asked for
    assert not view.summary.open_only.isChecked()
    assert view.summary.current_flag() == view.analysis.flags[0]
    with pytest.raises(ValueError, match="reason is required"):
        view.clear_flag(view.analysis.flags[1].key, " ")


def test_the_answer_follows_the_terms_and_the_dispositions(
    make_view: MakeView, qtbot: QtBot
) -> None:
    response = build_response()
    terms = LoanTerms(Decimal("5000"), Decimal("1000"), Decimal("3"))  # required 8,000.00
    view = make_view(response, build_analysis(response), terms=terms)
    panel = view.summary.qualification_panel
    # eligible 611.23 + 6,867.58 = 7,478.81 → short by 8,000.00 − 7,478.81 = 521.19
    assert "Short by $521.19" in panel.answer.text()
    assert "$8,000.00" in panel.figures.text() and "$7,478.81" in panel.figures.text()
    large = view.analysis.flags[0]
    view.resolve_flag(Disposition(large.key, "sourced", "gift letter", source="gift_letter"))
    # 11,678.81 eligible; 6,678.81 after closing = 6.67 months of 1,000.00 (rounded down)
    assert "Sufficient" in panel.answer.text()
    assert "6.67 months of reserves after closing" in panel.answer.text()
    view.set_terms(LoanTerms(Decimal("5000"), Decimal("2300"), Decimal("3")))
    # required 5,000 + 6,900 = 11,900.00 > 11,678.81: short by 221.19
    assert "Short by $221.19" in panel.answer.text()
    view.revert_flag(large.key)
    assert view.summary.flags_model.open_count == 2


def test_adding_a_note(make_view: MakeView, qtbot: QtBot) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    view.show()
    qtbot.mouseClick(view.summary.note_button, Qt.MouseButton.LeftButton)
    dialog = view.summary.dialog
    assert dialog is not None
    dialog.editor.setPlainText("Borrower called: the overdraft was a bank error.")
    with qtbot.waitSignal(view.note_added) as added:
        dialog.accept()
    assert added.args == ["Borrower called: the overdraft was a bank error."]
    assert "the overdraft was a bank error" in view.summary.notes_label.text()


def test_cleared_flag_and_note_survive_a_reopen_through_the_library(
    make_view: MakeView, qtbot: QtBot, tmp_path: Path
) -> None:
    """The workspace wiring in miniature: view signals → activity log → reopen → view."""
    response = build_response()
    data_dir = tmp_path / "library"
    with Library(data_dir) as library:
        loan = library.loan_files.create(["Alberta Charleson"], "purchase", "6000.00").id
        record = library.reports.save(loan, encode(response), source="test")
        view = make_view(library.reports.open(record.id), build_analysis(response))
        view.flag_resolved.connect(
            lambda decision, _document: record_disposition(
                library.activity, decision, report_id=record.id, loan_file_id=loan
            )
        )
        view.note_added.connect(
            lambda text: record_note(library.activity, text, report_id=record.id, loan_file_id=loan)
        )
        view.show()
        dialog = _open_dialog(view, 1, qtbot)
        assert dialog.kind.currentData() == "accepted"  # an account flag: accept or exclude
        dialog.editor.setPlainText("Overdraft cured the next day; LOE on file")
        dialog.accept()
        view.add_note("Reviewed with the borrower on the phone.")
        view.close()

    with Library(data_dir) as reopened:
        review = load_review(reopened.activity, report_id=record.id)
        again = make_view(reopened.reports.open(record.id), build_analysis(response), review)
    negative = again.analysis.flags[1]
    resolution = review.resolution(negative.key)
    assert resolution is not None
    assert resolution.reason == "Overdraft cured the next day; LOE on file"
    model = again.summary.flags_model
    assert model.index(1, FlagColumn.STATUS).data() == "Accepted"
    assert model.index(0, FlagColumn.STATUS).data() == "Open"
    assert "Reviewed with the borrower" in again.summary.notes_label.text()
    assert again.tabs.tabText(Tab.SUMMARY) == "Summary && flags (1 open)"


def test_review_state_given_at_open_is_shown(make_view: MakeView) -> None:
    response = build_response()
    analysis = build_analysis(response)
    review = ReviewState.build([Disposition(analysis.flags[0].key, "sourced", "sale of car")])
    view = make_view(response, analysis, review)
    assert view.summary.flags_model.open_count == 1
    assert QApplication.instance() is not None


def test_enter_on_a_flag_drills_down_and_ctrl_f_searches(make_view: MakeView, qtbot: QtBot) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    table = view.summary.flags_table
    view.summary.select_flag(view.analysis.flags[0].key)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert view.tabs.currentIndex() == Tab.TRANSACTIONS
    view.transactions.table.setFocus()
    qtbot.keyClick(view.transactions.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.focusWidget() is view.transactions.search
