"""Issue 18's defects in the report view: each test failed on the code before the fix."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from assets_desktop.domain.analysis.types import SourcedDeposit
from assets_desktop.services.workspace_model import OpenedReport
from assets_desktop.ui.report import ReportView, Tab
from assets_desktop.ui.report.transactions_model import Column

from .conftest import MakeView
from .factory import build_analysis, build_response

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def test_a_long_saved_path_never_widens_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    """Defect 1: "Worksheet saved to …" with a long path kept the window within 1400 px."""
    response = build_response()
    window = QMainWindow()
    qtbot.addWidget(window)
    view = ReportView(OpenedReport(response, build_analysis(response)))
    window.setCentralWidget(view)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    folder = tmp_path
    for part in range(6):
        folder = folder / f"a-rather-long-folder-name-for-the-loan-files-{part:02d}"
    folder.mkdir(parents=True)
    for _ in range(2):  # the second export widened it further
        view.export_worksheet(folder / "worksheet-of-alberta-charleson.pdf")
        QApplication.processEvents()
        assert window.width() <= 1400
        assert window.minimumSizeHint().width() <= 1024
    status = view.export_status
    assert status.toolTip() == status.text() and "worksheet-of-alberta" in status.text()
    assert view.worksheet_button.geometry().right() <= view.width()


def _sourced_view(make_view: MakeView) -> ReportView:
    response = build_response(transactions_per_account=30)
    analysis = build_analysis(response)
    deposit = next(t for t in response.report.accounts()[1].transactions if t.amount < 0)
    sourced = SourcedDeposit(
        account_id=deposit.account_id,
        transaction_id=deposit.transaction_id,
        date=deposit.date,
        amount=Decimal(str(-deposit.amount)),
        currency="USD",
        source="transfer",
        description=deposit.description,
        counterpart_account_id="acc0",
    )
    return make_view(response, dataclasses.replace(analysis, sourced_deposits=(sourced,)))


def test_transactions_put_money_first_with_balance_source_and_whole_text(
    make_view: MakeView,
) -> None:
    """Defect 3: money columns before the insights ones, a running balance, the source of a
    sourced deposit, and the whole description in a tooltip."""
    view = _sourced_view(make_view)
    view.resize(1024, 768)
    tab = view.transactions
    header = tab.table.horizontalHeader()
    visual = {column: header.visualIndex(column) for column in Column}
    assert visual[Column.MONEY_IN] < visual[Column.DESCRIPTION] < visual[Column.MERCHANT]
    assert visual[Column.MONEY_OUT] < visual[Column.CATEGORY]
    assert not tab.table.isColumnHidden(Column.BALANCE)
    # Within the first 1024 px: the date, both amounts and the balance.
    assert header.sectionViewportPosition(Column.BALANCE) + header.sectionSize(Column.BALANCE) < 700

    model = tab.model
    account = view.response.report.accounts()[0]
    newest, older = sorted(account.transactions, key=lambda t: t.date, reverse=True)[:2]
    row_newest, row_older = model.row_of(newest.transaction_id), model.row_of(older.transaction_id)
    assert row_newest is not None and row_older is not None
    balance = model.index(row_newest, Column.BALANCE).data()
    assert balance == f"${account.balances.current:,.2f}"
    expected_older = account.balances.current + newest.amount  # money out lowered it
    assert model.index(row_older, Column.BALANCE).data() == f"${expected_older:,.2f}".replace(
        "$-", "-$"
    )

    sourced = view.analysis.sourced_deposits[0]
    row = model.row_of(sourced.transaction_id)
    assert row is not None
    assert model.index(row, Column.NOTE).data() == "Sourced: transfer from Checking 0 ••1000"
    assert not tab.table.isColumnHidden(Column.NOTE)
    description = model.index(row, Column.DESCRIPTION)
    assert description.data(TOOLTIP) == description.data()


def test_the_flagged_count_counts_only_rows_shown(make_view: MakeView) -> None:
    """Defect 14: "· 1 flagged" counted a flagged row the filter hid."""
    response = build_response()
    view = make_view(response, build_analysis(response))
    tab = view.transactions
    assert "1 flagged" in tab.count_label.text()
    tab.account_filter.setCurrentIndex(tab.account_filter.findData("acc1"))
    assert "flagged" not in tab.count_label.text()


def test_balance_chart_reads_money_iso_dates_and_marks_large_deposits(
    make_view: MakeView, qtbot: QtBot, tmp_path: Path
) -> None:
    """Defect 6: "40000" on the y-axis, "Sep 16, 20…" cut dates, a cut legend, unmarked
    large deposits."""
    response = build_response(days=120)
    view = make_view(response, build_analysis(response))
    view.resize(1024, 768)
    view.show()
    view.tabs.setCurrentIndex(Tab.BALANCES)
    chart = view.balances
    labels = chart.y_axis.categoriesLabels()
    assert labels and all(label.startswith(("$", "-$")) for label in labels)
    assert any("," in label for label in labels)  # "$5,000", grouped
    assert chart.x_axis.format() == "yyyy-MM-dd"
    assert 2 <= chart.x_axis.tickCount() <= chart.chart_view.width() // 120  # room per label
    assert not chart.chart.legend().isVisible()
    flag = next(f for f in view.analysis.flags if f.transaction_id)
    points = chart.deposit_marks.points()
    assert len(points) == 1
    text = chart.mark_text(points[0])
    assert "$4,200.00" in text and flag.date.isoformat() in text and "Checking 0" in text


def test_default_export_names_say_whose_report_of_when(make_view: MakeView) -> None:
    """Defect 14: default export file names were the report's UUID."""
    response = build_response()
    view = make_view(response, build_analysis(response))
    assert view.file_name("worksheet", "pdf") == "Alberta-Charleson-2026-11-20-worksheet.pdf"
    assert view.transactions.file_name == "Alberta-Charleson-2026-11-20-transactions.csv"
    assert view.balances.file_name == "Alberta-Charleson-2026-11-20-balances.png"


def test_double_clicking_an_account_shows_its_transactions_and_its_line(
    make_view: MakeView, qtbot: QtBot
) -> None:
    """Drill-down: an account double-clicked → its transactions only, its chart line bold."""
    response = build_response()
    view = make_view(response, build_analysis(response))
    view.show()
    view.tabs.setCurrentIndex(Tab.ACCOUNTS)
    table = view.accounts_table
    qtbot.waitExposed(table)
    row = view.accounts_proxy.mapFromSource(view.accounts_model.index(1, 0)).row()
    account_id = view.accounts_model.rows[1].account_id
    rect = table.visualRect(table.model().index(row, 0))
    # A click first: QTest's double click alone makes no doubleClicked (see test_summary_tab).
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.tabs.currentIndex() == Tab.TRANSACTIONS
    tab = view.transactions
    shown = {tab.model.transaction_at(r).account_id for r in tab.visible_rows()}
    assert shown == {account_id}
    widths = {t.account.account_id: t.series.pen().widthF() for t in view.balances.tracks}
    assert widths[account_id] > max(w for a, w in widths.items() if a != account_id)


def test_right_click_menus_on_flags_and_transactions(make_view: MakeView, qtbot: QtBot) -> None:
    """Right-click menus: a flag (show, resolve, copy, add note) and a transaction (copy, show
    its flag, show the account in the chart, add a note)."""
    from assets_desktop.ui.report.drill_down import flag_menu, transaction_menu

    response = build_response()
    view = make_view(response, build_analysis(response))
    view.show()
    summary = view.summary
    flag_row = next(
        r
        for r in range(summary.flags_proxy.rowCount())
        if summary.flags_model.flag_list[
            summary.flags_proxy.mapToSource(summary.flags_proxy.index(r, 0)).row()
        ].transaction_id
    )
    menu = flag_menu(view, summary.flags_proxy.index(flag_row, 0))
    titles = [a.text() for a in menu.actions() if a.text()]
    assert titles == ["Show transaction", "Show in PDF", "Resolve flag…", "Copy", "Add note…"]
    menu.actions()[0].trigger()
    assert view.tabs.currentIndex() == Tab.TRANSACTIONS
    tab = view.transactions
    flagged = tab.table.currentIndex()
    menu = transaction_menu(view, flagged)
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert list(actions) == [
        "Copy",
        "Copy description",
        "Show flag",
        "Show in PDF",
        "Show account in the chart",
        "Add note…",
    ]
    actions["Copy"].trigger()
    assert "$" in QApplication.clipboard().text()
    actions["Show flag"].trigger()
    assert view.tabs.currentIndex() == Tab.SUMMARY
    assert summary.current_flag() is not None and summary.current_flag().transaction_id
    menu = transaction_menu(view, flagged)
    note = next(a for a in menu.actions() if a.text() == "Add note…")
    note.trigger()
    dialog = view.findChild(QWidget, "addNoteDialog")
    assert dialog is not None and dialog.editor.toPlainText().startswith(
        tab.table.model().index(flagged.row(), 0).data()
    )
    dialog.close()


def test_one_date_format_everywhere_iso_or_the_locales_with_four_digit_years(
    make_view: MakeView,
) -> None:
    """Defect 2: "3 12 2026" in the date filters, "Sep 4, 2026" in the chart, ISO elsewhere;
    now one format, ISO by default or the locale's (four-digit year) by the setting."""
    from PySide6.QtCore import QLocale

    from assets_desktop.ui.report.formatting import set_date_format, short_date

    response = build_response()
    newest = max(t.date for a in response.report.accounts() for t in a.transactions)
    view = make_view(response, build_analysis(response))
    tab = view.transactions
    assert tab.date_to.text() == newest.isoformat()
    assert view.balances.x_axis.format() == "yyyy-MM-dd"
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        set_date_format("locale")
        assert short_date(newest) == f"{newest.month}/{newest.day}/{newest.year}"
        other = make_view(response, build_analysis(response))
        assert other.transactions.date_to.text() == short_date(newest)
        assert other.balances.x_axis.format() == "M/d/yyyy"
        row = other.transactions.model.row_of(newest.isoformat()) or 0
        assert "/" in other.transactions.model.index(row, Column.DATE).data()
    finally:
        set_date_format("iso")
        QLocale.setDefault(before)
    assert short_date(newest) == newest.isoformat()


def test_the_summary_shows_the_reports_age_and_how_long_it_stays_usable(
    make_view: MakeView,
) -> None:
    """Report age and expiry: the 45-day limit and Freddie Mac AIM's as-of + 14 days."""
    import datetime as dt

    from assets_desktop.ui.report.report_age import report_age_text

    generated = dt.date(2026, 11, 20)
    assert report_age_text(generated, 45, dt.date(2026, 11, 30)) == (
        "10 days old · 45-day limit: until 2027-01-04, 35 days left · "
        "Freddie Mac AIM: until 2026-12-04, 4 days left"
    )
    assert report_age_text(generated, 45, dt.date(2027, 1, 5)).endswith(
        "45-day limit: expired 2027-01-04 · Freddie Mac AIM: expired 2026-12-04"
    )
    response = build_response()
    view = make_view(response, build_analysis(response))
    assert report_age_text(generated, 45) in view.summary.report_label.text()


def test_owners_show_each_accounts_ownership_type_and_owners(make_view: MakeView) -> None:
    """Ownership type (individual / joint) and each owner per account."""
    import msgspec

    from assets_desktop.domain.report import Owner
    from assets_desktop.ui.report.owners_tab import OwnersModel

    response = build_response()
    first, second, *_ = response.report.accounts()
    joint = msgspec.structs.replace(
        first,
        ownership_type="joint",
        owners=(*first.owners, Owner(names=("Robert Charleson",))),
    )
    model = OwnersModel([joint, second], build_analysis(response).accounts)
    cells = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert cells[0] == "Checking 0 ••1000\nJoint · 2 owners"
    assert [model.index(row, 1).data() for row in range(2)] == [
        "Alberta Bobbeth Charleson",
        "Robert Charleson",
    ]
    assert cells[-1].endswith("Ownership not reported · 1 owner")


def test_changes_show_amounts_in_sight_and_let_the_user_pick_the_report(
    make_view: MakeView, qtbot: QtBot
) -> None:
    """Defect 4: new transactions' amounts were off-screen at 1024 px (after a 700 px detail);
    the compared report could not be chosen."""
    newer = build_response(transactions_per_account=30, seed=7)
    older = build_response(transactions_per_account=20, seed=7)
    view = make_view(newer, build_analysis(newer))
    view.resize(1024, 768)
    view.show()
    view.set_comparable(
        [("r-1", "asset report of 2026-11-01, 90 days"), ("r-2", "refresh of 2026-11-10, 90 days")]
    )
    view.tabs.setCurrentIndex(Tab.CHANGES)
    changes = view.changes
    assert "Choose a report of the loan file" in changes.heading.text()
    assert changes.compare_choice.isVisibleTo(view) and changes.compare_choice.count() == 2
    with qtbot.waitSignal(view.compare_requested) as chosen:
        changes.compare_choice.activated.emit(1)
    assert chosen.args == ["r-2"]
    view.compare_with(older, "refresh of 2026-11-10, 90 days")
    view.set_comparable([("r-2", "refresh of 2026-11-10, 90 days")], "r-2")
    assert changes.compare_choice.currentText() == "refresh of 2026-11-10, 90 days"
    assert "Compared with <b>refresh of 2026-11-10, 90 days</b>" in changes.heading.text()
    table, header = changes.table, changes.table.horizontalHeader()
    row = next(
        r
        for r in range(changes.proxy.rowCount())
        if changes.proxy.index(r, 0).data() == "New transaction"
    )
    assert changes.proxy.index(row, 4).data().startswith(("+$", "−$", "-$", "$"))
    right = header.sectionViewportPosition(4) + header.sectionSize(4)
    assert right <= table.viewport().width()  # the amount is in sight


def test_the_selected_flag_reads_in_full_under_the_table(make_view: MakeView) -> None:
    """Defect 9: flag text and the clearing reason needed horizontal scrolling."""
    response = build_response()
    view = make_view(response, build_analysis(response))
    view.resize(1024, 768)
    summary = view.summary
    detail = summary.flag_detail
    assert detail.wordWrap() and detail.text() == detail.EMPTY
    flag = view.analysis.flags[0]
    summary.select_flag(flag.key)
    assert flag.message in detail.text() and "Large deposit" in detail.text()
    view.clear_flag(flag.key, "Gift letter from the borrower's father, on file")
    summary.select_flag(flag.key)
    assert "Gift letter from the borrower&#x27;s father, on file" in detail.text()


def test_a_note_says_who_wrote_it(make_view: MakeView) -> None:
    """Who wrote each note: the OS user name (the team identity later)."""
    import getpass

    response = build_response()
    view = make_view(response, build_analysis(response))
    view.add_note("Called the borrower about the wire.")
    assert view.review.notes[-1].author == getpass.getuser()
    assert f", {getpass.getuser()}:</b> Called the borrower" in view.summary.notes_label.text()
