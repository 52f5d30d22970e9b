"""The underwriting worksheet: a one- or two-page PDF for the loan file (PyMuPDF, no Qt).

Borrower, report ids and dates, accounts with their averages, verified assets per currency,
every flag with how it was resolved, and the notes. Text goes through `pymupdf.TextWriter`
and rules through one shape per page (see `_pdf_layout`): tens of milliseconds per worksheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from assets_desktop.domain.analysis.qualification import Qualification
from assets_desktop.domain.analysis.types import Analysis, Flag, FlagCode
from assets_desktop.domain.report import AssetReportResponse
from assets_desktop.services._pdf_layout import (
    BOLD,
    GREEN,
    GREY,
    MARGIN,
    MAX_PAGES,
    PAGE_WIDTH,
    RED,
    REGULAR,
    Column,
    Writer,
    table_row,
    wrap,
)
from assets_desktop.services.formatting import format_money
from assets_desktop.services.review import ReviewState
from assets_desktop.services.worksheet_decision import write_qualification

__all__ = ["MAX_PAGES", "build_worksheet", "mask_ssn"]


def mask_ssn(ssn: str | None) -> str:
    """`***-**-6789`; the worksheet never carries a full SSN."""
    if not ssn:
        return "not given"
    digits = "".join(c for c in ssn if c.isdigit())
    return f"***-**-{digits[-4:]}" if len(digits) >= 4 else "***-**-****"


def build_worksheet(
    response: AssetReportResponse,
    analysis: Analysis,
    review: ReviewState | None = None,
    *,
    qualification: Qualification | None = None,
    prepared_at: dt.datetime | None = None,
) -> bytes:
    """The worksheet PDF bytes (at most MAX_PAGES pages; what does not fit is counted). The
    qualification, when given, comes first."""
    review = review or ReviewState()
    report = response.report
    prepared = (prepared_at or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    out = Writer(
        f"Assets Desktop · underwriting worksheet · report {report.asset_report_id} · "
        f"prepared {prepared}"
    )
    out.y += 6
    out.text(MARGIN, "Underwriting worksheet — assets", size=17, font=BOLD)
    out.y += 16
    out.text(
        MARGIN,
        f"Plaid Asset Report analysed by Assets Desktop · prepared {prepared}",
        size=8.5,
        color=GREY,
    )
    out.y += 8
    if qualification is not None:
        write_qualification(out, qualification)
    _details(out, response, analysis)
    if qualification is None:
        _totals(out, analysis)
    _accounts(out, analysis)
    notes = [*analysis.notes, *(n.text for n in review.notes)]
    if notes and out.heading("Notes"):
        for note in notes:
            for line in wrap(f"• {note}", PAGE_WIDTH - 2 * MARGIN, 8.5):
                if not out.room(12):
                    break
                out.text(MARGIN, line, size=8.5)
                out.y += 11.5
    _flags(out, analysis.flags, analysis, review)
    return out.finish()


def _details(out: Writer, response: AssetReportResponse, analysis: Analysis) -> None:
    report, params = response.report, analysis.parameters
    user = report.user
    borrower = " & ".join(params.borrowers) or " ".join(
        p for p in (user.first_name, user.last_name) if p
    )
    income = (
        format_money(params.monthly_income) if params.monthly_income is not None else "not given"
    )
    left = [
        ("Borrower", borrower or "not given"),
        ("SSN", mask_ssn(user.ssn)),
        ("Loan purpose", f"{params.purpose} (needs {analysis.history_required_days} days)"),
        ("Monthly income", income),
    ]
    right = [
        ("Asset report", report.asset_report_id),
        ("Client report", report.client_report_id or "—"),
        ("Generated", report.date_generated.strftime("%Y-%m-%d %H:%M UTC")),
        ("Days requested / as of", f"{report.days_requested:g} / {analysis.as_of.isoformat()}"),
    ]
    out.heading("Borrower and report")
    for (lk, lv), (rk, rv) in zip(left, right, strict=True):
        out.text(MARGIN, lk, 9, color=GREY)
        out.text(MARGIN + 92, lv, 9, BOLD if lk == "Borrower" else REGULAR)
        out.text(MARGIN + 270, rk, 9, color=GREY)
        out.text(MARGIN + 392, rv, 9)
        out.y += 13


def _totals(out: Writer, analysis: Analysis) -> None:
    out.heading("Verified assets")
    columns = [
        Column("Currency", 80),
        Column("Assets", 110, True),
        Column("Liabilities", 110, True),
        Column("Unsourced large deposits", 130, True),
        Column("Verified assets", 100, True),
    ]
    table_row(out, columns, [c.title for c in columns], font=BOLD)
    out.y += 13
    if not analysis.totals:
        out.text(MARGIN, "No balances in this report.", 8.5, color=GREY)
        out.y += 13
    for currency, t in analysis.totals.items():
        cells = [
            currency,
            format_money(t.assets, currency),
            format_money(t.liabilities, currency),
            format_money(t.unsourced_large_deposits, currency),
            format_money(t.verified_assets, currency),
        ]
        table_row(out, columns, [*cells[:-1], ""], size=9)
        out.text(MARGIN + 430 - 4, cells[-1], 9, BOLD, right_edge=MARGIN + 530 - 4)
        out.y += 13
    threshold = analysis.large_deposit_threshold
    text = (
        f"Large deposit threshold: {format_money(threshold)}."
        if threshold is not None
        else "No monthly income given: large deposits not checked."
    )
    out.text(MARGIN, text, 8, color=GREY)
    out.y += 6


def _accounts(out: Writer, analysis: Analysis) -> None:
    out.heading(f"Accounts ({len(analysis.accounts)})")
    columns = [
        Column("Account", 108),
        Column("Type", 56),
        Column("Current", 58, True),
        Column("Avg 30 d", 55, True),
        Column("Avg 60 d", 55, True),
        Column("Avg 90 d", 55, True),
        Column("Min 60 d", 55, True),
        Column("Days", 28, True),
        Column("Owner", 36),
        Column("NSF", 22, True),
    ]
    table_row(out, columns, [c.title for c in columns], font=BOLD)
    out.y += 12
    for n, a in enumerate(analysis.accounts):
        if not out.room(12):
            out.text(
                MARGIN, f"… {len(analysis.accounts) - n} more accounts in the app", 8, color=GREY
            )
            out.y += 12
            return
        if n % 2:
            out.band(12, (0.95, 0.95, 0.95))
        c = a.currency
        cells = [
            a.label,
            a.subtype or a.type,
            format_money(a.current, c),
            format_money(a.average_balance_30, c),
            format_money(a.average_balance_60, c),
            format_money(a.average_balance_90, c),
            format_money(a.minimum_balance_60, c),
            str(a.days_available),
            "n/a" if a.owner_match == "unavailable" else a.owner_match,
            str(a.nsf_count),
        ]
        low = a.minimum_balance_60 is not None and a.minimum_balance_60 < 0
        colors = [None] * 6 + [
            RED if low else None,
            None if a.history_ok else RED,
            None if a.owner_match == "match" else RED,
            RED if a.nsf_count else None,
        ]
        table_row(out, columns, cells, colors=colors)
        out.y += 12


def _flags(out: Writer, flags: Sequence[Flag], analysis: Analysis, review: ReviewState) -> None:
    labels = {a.account_id: a.label for a in analysis.accounts}
    cleared = sum(review.resolution(f) is not None for f in flags)
    out.heading(f"Flags ({len(flags) - cleared} open, {cleared} cleared)")
    if not flags:
        out.text(MARGIN, "No flags: nothing in this report needed a closer look.", 9)
        out.y += 13
        return
    _flag_summary(out, flags, labels, review)
    out.y += 10
    width = PAGE_WIDTH - 2 * MARGIN - 150
    for n, flag in enumerate(flags):
        resolution = review.resolution(flag)
        message = wrap(flag.message, width, 8)
        outcome = wrap(resolution.summary, width, 8) if resolution else ["Open — not resolved yet"]
        height = max(11 * (len(message) + len(outcome)), 33) + 12
        last = n == len(flags) - 1
        if not out.room(height + (0 if last else 16)):
            out.room(16)
            out.y += 14
            rest = flags[n:]
            still_open = sum(review.resolution(f) is None for f in rest)
            out.text(
                MARGIN,
                f"… {len(rest)} more flags ({still_open} open) are counted in the table above; "
                "each is listed in Assets Desktop.",
                8.5,
                BOLD,
                RED,
            )
            out.y += 12
            return
        status_color = GREEN if resolution else RED
        if n:
            out.rule(0.3)
            out.y += 12
        top = out.y
        account = labels.get(flag.account_id or "", "Whole report")
        date = flag.date.isoformat() if flag.date else ""
        amount = ""
        if flag.amount is not None:  # a negative-balance flag carries the lowest balance, > 0
            lowest = flag.code == FlagCode.NEGATIVE_BALANCE
            amount = format_money(-flag.amount if lowest else flag.amount, flag.currency or "USD")
        out.text(MARGIN, flag.code.label, 8.5, BOLD, status_color)
        out.y += 11
        out.text(MARGIN, account, 7.5, color=GREY)
        out.y += 10
        out.text(MARGIN, " · ".join(p for p in (date, amount) if p), 7.5, color=GREY)
        left_end = out.y
        out.y = top
        for line in message:
            out.text(MARGIN + 150, line, 8)
            out.y += 11
        for line in outcome:
            out.text(MARGIN + 150, line, 8, BOLD if resolution else REGULAR, status_color)
            out.y += 11
        out.y = max(out.y - 11, left_end)


def _flag_summary(
    out: Writer, flags: Sequence[Flag], labels: dict[str, str], review: ReviewState
) -> None:
    """One line per kind of flag and account: how many are open and cleared."""
    groups: dict[tuple[str, str], list[int]] = {}
    for flag in flags:
        key = (flag.code.label, flag.account_id or "")
        counts = groups.setdefault(key, [0, 0])
        counts[0 if review.resolution(flag) is None else 1] += 1
    columns = [Column("Kind", 150), Column("Account", 200), Column("Open", 60, True),
               Column("Cleared", 60, True)]  # fmt: skip
    table_row(out, columns, [c.title for c in columns], font=BOLD)
    out.y += 12
    for (title, account_id), (open_count, cleared_count) in groups.items():
        if not out.room(12):
            return
        cells = [title, labels.get(account_id, "Whole report"), str(open_count), str(cleared_count)]
        table_row(out, columns, cells, colors=[None, None, RED if open_count else None, GREEN])
        out.y += 12
