"""The underwriting worksheet: a one- or two-page PDF for the loan file (PyMuPDF, no Qt).

Borrower, report ids and dates, accounts with their averages, verified assets per currency,
every flag with how it was resolved, and the notes. Text goes through `pymupdf.TextWriter`
and rules through one shape per page, which keeps generation to a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pymupdf as _pymupdf

from assets_desktop.domain.analysis.types import Analysis, Flag, FlagCode
from assets_desktop.domain.report import AssetReportResponse
from assets_desktop.services.formatting import format_money
from assets_desktop.services.review import ReviewState

__all__ = ["MAX_PAGES", "build_worksheet", "mask_ssn"]

# PyMuPDF annotates only part of its API (mypy --strict rejects the rest): use it untyped.
pymupdf: Any = _pymupdf

MAX_PAGES = 2
PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0  # US Letter
MARGIN = 42.0
BOTTOM = PAGE_HEIGHT - 46.0
REGULAR = pymupdf.Font("helv")
BOLD = pymupdf.Font("hebo")
GREY = (0.35, 0.35, 0.35)
RED = (0.65, 0.16, 0.1)
GREEN = (0.09, 0.41, 0.18)
FLAG_TITLES = {
    "LARGE_DEPOSIT": "Large deposit",
    "NSF_FEE": "NSF / overdraft fee",
    "NEGATIVE_BALANCE": "Negative balance",
    "INSUFFICIENT_HISTORY": "Insufficient history",
    "OWNER_MISMATCH": "Owner mismatch",
    "OWNERS_UNAVAILABLE": "Owners unavailable",
    "STALE_DATA": "Stale data",
    "REPORT_WARNING": "Report warning",
}


def mask_ssn(ssn: str | None) -> str:
    """`***-**-6789`; the worksheet never carries a full SSN."""
    if not ssn:
        return "not given"
    digits = "".join(c for c in ssn if c.isdigit())
    return f"***-**-{digits[-4:]}" if len(digits) >= 4 else "***-**-****"


_ADVANCES: dict[tuple[str, str], float] = {}


def text_width(text: str, size: float, font: Any = REGULAR) -> float:
    """Width of `text` in points; glyph advances are cached (PyMuPDF's text_length is slow)."""
    name = font.name
    total = 0.0
    for char in text:
        advance = _ADVANCES.get((name, char))
        if advance is None:
            advance = _ADVANCES[(name, char)] = font.glyph_advance(ord(char))
        total += advance
    return total * size


def wrap(text: str, width: float, size: float, font: Any = REGULAR) -> list[str]:
    """Greedy word wrap to `width` points."""
    space = text_width(" ", size, font)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            word_width = text_width(word, size, font)
            if line and used + space + word_width > width:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used += word_width + (space if line else 0.0)
            line.append(word)
        lines.append(" ".join(line))
    return lines


@dataclass
class _Column:
    title: str
    width: float
    right: bool = False


class _Writer:
    """Pages, a cursor and a TextWriter per colour; truncates politely past MAX_PAGES."""

    def __init__(self, footer: str) -> None:
        self.doc = pymupdf.open()
        self.footer = footer
        self.writers: list[dict[tuple[float, float, float], Any]] = []
        self.shapes: list[Any] = []
        self.y = MARGIN
        self.full = False
        self._new_page()

    def _new_page(self) -> None:
        if self.shapes:
            self.shapes[-1].commit()  # a Shape cannot be committed once a later page exists
        page = self.doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
        self.writers.append({})
        self.shapes.append(page.new_shape())
        self.y = MARGIN

    def room(self, height: float) -> bool:
        """Make room for `height` points: a new page if needed; False past the last page."""
        if self.y + height <= BOTTOM:
            return True
        if len(self.writers) >= MAX_PAGES:
            self.full = True
            return False
        self._new_page()
        return True

    def text(
        self,
        x: float,
        text: str,
        size: float = 9,
        font: Any = REGULAR,
        color: tuple[float, float, float] = (0, 0, 0),
        right_edge: float | None = None,
    ) -> None:
        """Write one line on the baseline `self.y` (right-aligned to `right_edge` if given)."""
        if right_edge is not None:
            x = right_edge - text_width(text, size, font)
        writer = self.writers[-1].get(color)
        if writer is None:
            writer = self.writers[-1][color] = pymupdf.TextWriter(self.doc[-1].rect, color=color)
        writer.append((x, self.y), text, font=font, fontsize=size)

    def rule(self, weight: float = 0.5) -> None:
        """A horizontal line across the page below the cursor."""
        shape = self.shapes[-1]
        shape.draw_line((MARGIN, self.y + 3), (PAGE_WIDTH - MARGIN, self.y + 3))
        shape.finish(color=(0.6, 0.6, 0.6), width=weight)

    def band(self, height: float, fill: tuple[float, float, float]) -> None:
        """A tinted background behind the next `height` points."""
        shape = self.shapes[-1]
        shape.draw_rect(
            pymupdf.Rect(MARGIN - 2, self.y - 9, PAGE_WIDTH - MARGIN + 2, self.y - 9 + height)
        )
        shape.finish(color=None, fill=fill)

    def heading(self, text: str) -> bool:
        if not self.room(40):
            return False
        self.y += 16
        self.text(MARGIN, text, size=11.5, font=BOLD)
        self.rule(0.8)
        self.y += 16
        return True

    def finish(self) -> bytes:
        self.shapes[-1].commit()
        total = len(self.writers)
        for number, (page, writers) in enumerate(zip(self.doc, self.writers, strict=True), start=1):
            footer = pymupdf.TextWriter(page.rect, color=GREY)
            footer.append((MARGIN, PAGE_HEIGHT - 24), self.footer, font=REGULAR, fontsize=7.5)
            label = f"Page {number} of {total}"
            width = text_width(label, 7.5)
            footer.append(
                (PAGE_WIDTH - MARGIN - width, PAGE_HEIGHT - 24), label, font=REGULAR, fontsize=7.5
            )
            footer.write_text(page)
            for writer in writers.values():
                writer.write_text(page)
        data: bytes = self.doc.tobytes(garbage=3, deflate=True)
        self.doc.close()
        return data


def _table_row(
    out: _Writer,
    columns: Sequence[_Column],
    cells: Sequence[str],
    *,
    font: Any = REGULAR,
    size: float = 8,
    colors: Sequence[tuple[float, float, float] | None] = (),
) -> None:
    x = MARGIN
    for n, (column, cell) in enumerate(zip(columns, cells, strict=True)):
        color = (colors[n] if n < len(colors) else None) or (0, 0, 0)
        text = cell
        while text and text_width(text, size, font) > column.width - 4:
            text = text[:-2] + "…"
        if column.right:
            out.text(x, text, size, font, color, right_edge=x + column.width - 4)
        else:
            out.text(x, text, size, font, color)
        x += column.width


def build_worksheet(
    response: AssetReportResponse,
    analysis: Analysis,
    review: ReviewState | None = None,
    *,
    prepared_at: dt.datetime | None = None,
) -> bytes:
    """The worksheet PDF bytes (at most MAX_PAGES pages; what does not fit is counted)."""
    review = review or ReviewState()
    report = response.report
    prepared = (prepared_at or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    out = _Writer(
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
    _details(out, response, analysis)
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


def _details(out: _Writer, response: AssetReportResponse, analysis: Analysis) -> None:
    report, params = response.report, analysis.parameters
    user = report.user
    borrower = params.borrower or " ".join(p for p in (user.first_name, user.last_name) if p)
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


def _totals(out: _Writer, analysis: Analysis) -> None:
    out.heading("Verified assets")
    columns = [
        _Column("Currency", 80),
        _Column("Assets", 110, True),
        _Column("Liabilities", 110, True),
        _Column("Unsourced large deposits", 130, True),
        _Column("Verified assets", 100, True),
    ]
    _table_row(out, columns, [c.title for c in columns], font=BOLD)
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
        _table_row(out, columns, [*cells[:-1], ""], size=9)
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


def _accounts(out: _Writer, analysis: Analysis) -> None:
    out.heading(f"Accounts ({len(analysis.accounts)})")
    columns = [
        _Column("Account", 108),
        _Column("Type", 56),
        _Column("Current", 58, True),
        _Column("Avg 30 d", 55, True),
        _Column("Avg 60 d", 55, True),
        _Column("Avg 90 d", 55, True),
        _Column("Min 60 d", 55, True),
        _Column("Days", 28, True),
        _Column("Owner", 36),
        _Column("NSF", 22, True),
    ]
    _table_row(out, columns, [c.title for c in columns], font=BOLD)
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
        _table_row(out, columns, cells, colors=colors)
        out.y += 12


def _flags(out: _Writer, flags: Sequence[Flag], analysis: Analysis, review: ReviewState) -> None:
    labels = {a.account_id: a.label for a in analysis.accounts}
    cleared = sum(review.resolution(f.key) is not None for f in flags)
    out.heading(f"Flags ({len(flags) - cleared} open, {cleared} cleared)")
    if not flags:
        out.text(MARGIN, "No flags: nothing in this report needed a closer look.", 9)
        out.y += 13
        return
    _flag_summary(out, flags, labels, review)
    out.y += 10
    width = PAGE_WIDTH - 2 * MARGIN - 150
    for n, flag in enumerate(flags):
        resolution = review.resolution(flag.key)
        message = wrap(flag.message, width, 8)
        outcome = (
            wrap(f"Cleared: {resolution.reason}", width, 8)
            if resolution
            else ["Open — not resolved yet"]
        )
        height = max(11 * (len(message) + len(outcome)), 33) + 12
        last = n == len(flags) - 1
        if not out.room(height + (0 if last else 16)):
            out.room(16)
            out.y += 14
            rest = flags[n:]
            still_open = sum(review.resolution(f.key) is None for f in rest)
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
        out.text(MARGIN, FLAG_TITLES.get(str(flag.code), str(flag.code)), 8.5, BOLD, status_color)
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
    out: _Writer, flags: Sequence[Flag], labels: dict[str, str], review: ReviewState
) -> None:
    """One line per kind of flag and account: how many are open and cleared."""
    groups: dict[tuple[str, str], list[int]] = {}
    for flag in flags:
        key = (FLAG_TITLES.get(str(flag.code), str(flag.code)), flag.account_id or "")
        counts = groups.setdefault(key, [0, 0])
        counts[0 if review.resolution(flag.key) is None else 1] += 1
    columns = [_Column("Kind", 150), _Column("Account", 200), _Column("Open", 60, True),
               _Column("Cleared", 60, True)]  # fmt: skip
    _table_row(out, columns, [c.title for c in columns], font=BOLD)
    out.y += 12
    for (title, account_id), (open_count, cleared_count) in groups.items():
        if not out.room(12):
            return
        cells = [title, labels.get(account_id, "Whole report"), str(open_count), str(cleared_count)]
        _table_row(out, columns, cells, colors=[None, None, RED if open_count else None, GREEN])
        out.y += 12
