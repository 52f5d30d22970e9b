"""The Summary tab: the qualification, borrower and report, balances, history coverage, flags
with their dispositions, and notes."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.domain.analysis.decisions import Disposition
from assets_desktop.domain.analysis.qualification import Qualification
from assets_desktop.domain.analysis.types import Analysis, Flag
from assets_desktop.domain.report import AssetReportResponse
from assets_desktop.services.review import ReviewNote, ReviewState
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.colors import palette_colors
from assets_desktop.ui.report.dialogs import TextDialog, note_dialog
from assets_desktop.ui.report.disposition_dialog import DispositionDialog
from assets_desktop.ui.report.flags_model import FlagColumn, FlagsModel
from assets_desktop.ui.report.formatting import money, short_date, short_datetime
from assets_desktop.ui.report.qualification_panel import QualificationPanel
from assets_desktop.ui.report.report_age import report_age_text
from assets_desktop.ui.report.widgets import (
    FlagDetail,
    sortable_table,
    text_label,
)

__all__ = ["SummaryTab"]


class SummaryTab(QWidget):
    """What the underwriter reads first.

    Signals:
        resolve_requested(Disposition, str): a disposition and the path of a document to
            attach ("" for none), after the dialog was confirmed.
        document_requested(str): open the attached document with this id.
        note_requested(str): the text of a new note.
        show_transaction(str): drill down to a transaction id.
        show_account(str): drill down to an account id.
    """

    resolve_requested = Signal(object, str)
    document_requested = Signal(str)
    note_requested = Signal(str)
    show_transaction = Signal(str)
    show_account = Signal(str)

    def __init__(
        self,
        response: AssetReportResponse,
        analysis: Analysis,
        review: ReviewState,
        qualification: Qualification,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("summaryTab")
        self.response = response
        self.analysis = analysis
        labels: Mapping[str, str] = {a.account_id: a.label for a in analysis.accounts}
        self.flags_model = FlagsModel(analysis.flags, labels, review, self)
        self.dialog: TextDialog | DispositionDialog | None = None
        self.qualification_panel = QualificationPanel(self)

        self.report_label = text_label(self, "reportDetails", "Borrower and report")
        self.totals_label = text_label(self, "totalsSummary", "Balances per currency")
        self.coverage_label = text_label(self, "historyCoverage", "History coverage")
        top = QHBoxLayout()
        details = [
            self._group("Borrower and report", self.report_label),
            self._group("Balances", self.totals_label),
            self._group("History coverage", self.coverage_label),
        ]
        for group in details:
            top.addWidget(group, 3)

        self.flags_table = self._build_flags_table()
        self.flags_heading = text_label(self, "flagsHeading", "Flags")
        self.show_button = named_button(self, "Show", "showFlagTarget")
        self.clear_button = named_button(self, "Resolve flag…", "clearFlag")
        self.document_button = named_button(self, "Open document", "openDocument")
        self.note_button = named_button(self, "Add note…", "addNote")
        self.show_button.clicked.connect(self.on_show_clicked)
        self.clear_button.clicked.connect(self.on_clear_clicked)
        self.document_button.clicked.connect(self.on_document_clicked)
        self.note_button.clicked.connect(self.on_note_clicked)
        self.open_only = QCheckBox("Open flags only", self)
        self.open_only.setObjectName("openFlagsOnly")
        self.open_only.setAccessibleName("Show open flags only")
        self.open_only.toggled.connect(self.on_open_only_toggled)
        actions = QHBoxLayout()
        actions.addWidget(self.flags_heading, 1)
        actions.addWidget(self.open_only)
        actions.addWidget(self.show_button)
        actions.addWidget(self.clear_button)
        actions.addWidget(self.document_button)
        actions.addWidget(self.note_button)

        self.notes_label = text_label(self, "notesList", "Notes")
        self.no_flags = QLabel(
            "✔ No flags. The analysis found nothing in this report that needs a closer look: "
            "no unsourced large deposits, NSF fees, negative balances, short histories or "
            "owner mismatches.",
            self,
        )
        self.no_flags.setObjectName("noFlags")
        self.no_flags.setWordWrap(True)
        self.no_flags.setAlignment(Qt.AlignmentFlag.AlignCenter)
        good = palette_colors().css("good")
        self.no_flags.setStyleSheet(f"color: {good}; font-size: 14px; padding: 24px;")
        # The answer, then what is still open, then the details: what the underwriter reads
        # first stays in view on a short screen, the rest scrolls.
        self.flags_table.setMinimumHeight(26 * 5 + 30)
        layout = QVBoxLayout(self)
        layout.addWidget(self.qualification_panel)
        layout.addLayout(actions)
        layout.addWidget(self.flags_table, 1)
        self.flag_detail = FlagDetail(self)
        layout.addWidget(self.flag_detail)
        layout.addWidget(self.no_flags, 1)
        layout.addLayout(top)
        details.append(self._group("Notes", self.notes_label))
        layout.addWidget(details[-1])
        has_flags = bool(analysis.flags)
        self.flags_table.setVisible(has_flags)
        self.flag_detail.setVisible(has_flags)
        self.open_only.setVisible(has_flags)
        self.no_flags.setVisible(not has_flags)

        self.flags_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._update_buttons()
        )
        self._fill_report()
        self._fill_totals()
        self._fill_coverage()
        self.set_review(review, qualification)

    def _group(self, title: str, content: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(content)
        box_layout.addStretch(1)
        return box

    def _build_flags_table(self) -> QTableView:
        widths = {
            FlagColumn.STATUS: 70,
            FlagColumn.FLAG: 150,
            FlagColumn.ACCOUNT: 170,
            FlagColumn.DATE: 90,
            FlagColumn.AMOUNT: 130,
            FlagColumn.MESSAGE: 640,
        }
        table, self.flags_proxy = sortable_table(
            self, ("flagsTable", "Flags"), self.flags_model, widths.items()
        )
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        # `activated`: a double click, or Enter on the current row.
        table.activated.connect(self.on_flag_double_clicked)
        return table

    # --- content ----------------------------------------------------------------------------

    def _fill_report(self) -> None:
        report = self.response.report
        params = self.analysis.parameters
        user = report.user
        borrower = " & ".join(params.borrowers) or " ".join(
            p for p in (user.first_name, user.last_name) if p
        )
        rows = [
            ("Borrower", borrower or "not given"),
            ("Report", report.asset_report_id),
            ("Client report", report.client_report_id or "—"),
            ("Generated", short_datetime(report.date_generated)),
            ("Age", report_age_text(report.date_generated.date(), params.stale_days)),
            ("Days requested", f"{report.days_requested:g}"),
            ("Reviewed as of", short_date(self.analysis.as_of)),
            ("Loan purpose", params.purpose.capitalize()),
        ]
        self.report_label.setText(_table(rows))

    def _fill_totals(self) -> None:
        totals = self.analysis.totals
        if not totals:
            self.totals_label.setText("No balances in this report.")
            return
        head = "<tr><th></th>" + "".join(f"<th align=right>{c}</th>" for c in totals) + "</tr>"
        lines = [
            ("Assets", [money(t.assets, c) for c, t in totals.items()]),
            ("Liabilities", [money(t.liabilities, c) for c, t in totals.items()]),
        ]
        body = "".join(
            f"<tr><td>{name}&nbsp;&nbsp;</td>"
            + "".join(f"<td align=right>&nbsp;&nbsp;{v}</td>" for v in values)
            + "</tr>"
            for name, values in lines
        )
        threshold = self.analysis.large_deposit_threshold
        extra = (
            f"<p>Large deposit: above {money(threshold)}."
            if threshold is not None
            else "<p>No monthly income given: large deposits not checked."
        )
        sourced = self.analysis.sourced_deposits
        if sourced:
            kinds = Counter(d.source for d in sourced)
            detail = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
            noun = "deposit" if len(sourced) == 1 else "deposits"
            extra += f"<br>{len(sourced)} large {noun} with an evident source ({detail})."
        extra += "</p>"
        self.totals_label.setText(f"<table>{head}{body}</table>{extra}")

    def _fill_coverage(self) -> None:
        required = self.analysis.history_required_days
        purpose = self.analysis.parameters.purpose
        accounts = [a for a in self.analysis.accounts if a.is_asset]
        short = [a for a in accounts if not a.history_ok]
        colors = palette_colors()
        good, bad = colors.css("good"), colors.css("bad")
        verdict = (
            f"<b style='color:{good}'>✔ Every asset account covers {required} days</b>"
            if not short
            else f"<b style='color:{bad}'>✘ {len(short)} of {len(accounts)} asset accounts "
            f"have fewer than {required} days</b>"
        )
        rows = "".join(
            f"<tr><td>{html.escape(a.label)}&nbsp;&nbsp;</td><td align=right>"
            + (
                f"{a.days_available} days"
                if a.history_ok
                else f"<span style='color:{bad}'>{a.days_available} days</span>"
            )
            + "</td></tr>"
            for a in accounts
        )
        self.coverage_label.setText(
            f"A {purpose} needs {required} days of history.<br>{verdict}<table>{rows}</table>"
        )

    def set_review(self, review: ReviewState, qualification: Qualification) -> None:
        """Show dispositions, notes and the qualification they lead to."""
        self.flags_model.set_review(review)
        self.qualification_panel.set_qualification(qualification)
        total, open_count = len(self.flags_model.flag_list), self.flags_model.open_count
        self.flags_heading.setText(
            f"<b>Flags</b> — {open_count} open, {total - open_count} resolved"
            if total
            else "<b>Flags</b> — none: nothing in this report needs a closer look"
        )
        notes = [f"<li>{html.escape(n)}</li>" for n in self.analysis.notes]
        notes += [
            f"<li><b>{html.escape(_note_head(n))}:</b> {html.escape(n.text)}</li>"
            for n in review.notes
        ]
        self.notes_label.setText(f"<ul>{''.join(notes)}</ul>" if notes else "No notes yet.")
        self._update_buttons()

    # --- flags ------------------------------------------------------------------------------

    def current_flag(self) -> Flag | None:
        """The flag on the selected row."""
        index = self.flags_table.currentIndex()
        if not index.isValid():
            return None
        return self.flags_model.flag_list[self.flags_proxy.mapToSource(index).row()]

    def select_flag(self, key: str) -> bool:
        """Select the row of a flag by key."""
        for row, flag in enumerate(self.flags_model.flag_list):
            if flag.key == key:
                index = self.flags_proxy.mapFromSource(self.flags_model.index(row, 0))
                if not index.isValid():  # hidden by "open flags only"
                    self.open_only.setChecked(False)
                    index = self.flags_proxy.mapFromSource(self.flags_model.index(row, 0))
                self.flags_table.selectRow(index.row())
                return True
        return False

    def _update_buttons(self) -> None:
        flag = self.current_flag()
        self.show_button.setEnabled(
            flag is not None and bool(flag.transaction_id or flag.account_id)
        )
        resolution = self.flags_model.review.resolution(flag) if flag else None
        self.flag_detail.show_flag(flag, resolution)
        self.clear_button.setEnabled(flag is not None)
        self.clear_button.setText("Change resolution…" if resolution else "Resolve flag…")
        self.document_button.setEnabled(bool(resolution and resolution.document_id))
        self.document_button.setToolTip(
            resolution.document_name or "" if resolution else "No document attached to this flag"
        )

    def on_open_only_toggled(self, on: bool) -> None:
        self.flags_proxy.setFilterKeyColumn(FlagColumn.STATUS)
        self.flags_proxy.setFilterFixedString("Open" if on else "")

    def on_flag_double_clicked(self, index: QModelIndex) -> None:
        self.flags_table.setCurrentIndex(index)
        self.on_show_clicked()

    def on_show_clicked(self) -> None:
        flag = self.current_flag()
        if flag is None:
            return
        if flag.transaction_id:
            self.show_transaction.emit(flag.transaction_id)
        elif flag.account_id:
            self.show_account.emit(flag.account_id)

    def on_clear_clicked(self) -> None:
        flag = self.current_flag()
        if flag is None:
            return
        self._open_dialog(
            DispositionDialog(
                self,
                flag,
                on_accept=self._resolved,
                current=self.flags_model.review.resolution(flag),
            )
        )

    def _resolved(self, disposition: Disposition, document: str) -> None:
        self.resolve_requested.emit(disposition, document)

    def on_document_clicked(self) -> None:
        flag = self.current_flag()
        resolution = self.flags_model.review.resolution(flag) if flag else None
        if resolution and resolution.document_id:
            self.document_requested.emit(resolution.document_id)

    def on_note_clicked(self) -> None:
        self._open_dialog(note_dialog(self, self.note_requested.emit))

    def _open_dialog(self, dialog: TextDialog | DispositionDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: TextDialog | DispositionDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()


def _note_head(note: ReviewNote) -> str:
    """`2026-12-03 14:05 UTC, jdoe`: when and who (the OS user, or the team identity)."""
    when = short_datetime(note.created_at) if note.created_at else "Note"
    return f"{when}, {note.author}" if note.author else when


def _table(rows: list[tuple[str, str]]) -> str:
    muted = palette_colors().css("muted")
    body = "".join(
        f"<tr><td style='color:{muted}; white-space:nowrap'>{html.escape(k)}&nbsp;&nbsp;</td>"
        f"<td style='white-space:nowrap'>{html.escape(v)}</td></tr>"  # an id never breaks
        for k, v in rows
    )
    return f"<table>{body}</table>"
