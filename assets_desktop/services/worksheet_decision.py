"""The worksheet's first lines: the answer (sufficient, short, not assessed), the figures behind
it, each account's eligible amount with its reason, and the gifts."""

from __future__ import annotations

from assets_desktop.domain.analysis.qualification import Qualification
from assets_desktop.services._pdf_layout import (
    BOLD,
    GREEN,
    GREY,
    MARGIN,
    PAGE_WIDTH,
    RED,
    Column,
    Writer,
    table_row,
    wrap,
)
from assets_desktop.services.formatting import format_money

AMBER = (0.6, 0.4, 0.0)
_ANSWERS = {
    "sufficient": ("SUFFICIENT", GREEN),
    "short": ("SHORT", RED),
    "not_assessed": ("NOT ASSESSED", AMBER),
}


def write_qualification(out: Writer, q: Qualification) -> None:
    """The qualification block: answer, figures, accounts, gifts, and its notes."""
    cur = q.currency

    def m(amount: object) -> str:
        return "—" if amount is None else format_money(amount, cur)  # type: ignore[arg-type]

    out.heading("Does the borrower have enough?")
    answer, color = _ANSWERS[q.status]
    line = answer + (f" — short by {m(q.shortfall)}" if q.shortfall else "")
    out.text(MARGIN, line, 14, BOLD, color)
    out.y += 18
    months = "—" if q.reserve_months_available is None else f"{q.reserve_months_available} months"
    figures = [
        ("Cash to close", m(q.cash_to_close), "Eligible assets", m(q.eligible_assets)),
        ("Reserves required", m(q.reserves_required), "of which liquid", m(q.liquid_eligible)),
        ("Funds required", m(q.funds_required), "Reserves after closing",
         m(q.reserves_after_closing)),
        ("Monthly housing (PITIA)", m(q.monthly_housing_payment), "Reserves available", months),
    ]  # fmt: skip
    for left, left_value, right, right_value in figures:
        out.text(MARGIN, left, 9, color=GREY)
        out.text(MARGIN + 230, left_value, 9, BOLD, right_edge=MARGIN + 230)
        out.text(MARGIN + 270, right, 9, color=GREY)
        out.text(MARGIN + 500, right_value, 9, BOLD, right_edge=MARGIN + 500)
        out.y += 13
    out.y += 4
    columns = [Column("Account", 150), Column("Eligible", 80, True), Column("Reason", 298)]
    table_row(out, columns, [c.title for c in columns], font=BOLD)
    out.y += 12
    for row in q.accounts:
        if not out.room(12):
            return
        reason = wrap(f"{row.code.value} — {row.explanation}", 294, 7.5)
        table_row(out, columns, [row.label, m(row.eligible), reason[0]], size=7.5)
        for extra in reason[1:2]:
            out.y += 10
            out.text(MARGIN + 230, extra, 7.5)
        out.y += 12
    if q.gifts:
        out.y += 2
        out.text(MARGIN, "Gifts", 9, BOLD)
        out.y += 12
        labels = {row.account_id: row.label for row in q.accounts}
        for gift in q.gifts:
            date = gift.date.isoformat() if gift.date else ""
            out.text(
                MARGIN,
                f"{m(gift.amount)} from {gift.donor or 'donor not named'} on {date} into "
                f"{labels.get(gift.account_id, gift.account_id)}",
                8.5,
            )
            out.y += 11
    for note in q.notes:
        for text in wrap(f"• {note}", PAGE_WIDTH - 2 * MARGIN, 8.5):
            if not out.room(12):
                return
            out.text(MARGIN, text, 8.5)
            out.y += 11.5
