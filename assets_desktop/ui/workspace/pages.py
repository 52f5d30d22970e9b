"""What the pane says about a loan file, or a report that is not ready to open."""

from __future__ import annotations

import html

from assets_desktop.ui.workspace.navigation import LoanFileEntry, ReportEntry


def report_html(entry: ReportEntry) -> str:
    state = {
        "building": "Plaid is building this report. It opens here when ready.",
        "failed": "Plaid could not build this report.",
        "removed": "This report was removed from Plaid; its saved copy stays in the library.",
        "unknown": "The answer to the create request was lost; the app checks whether Plaid "
        "made the report before creating another.",
        "cancelled": "Waiting for this report was cancelled.",
    }.get(entry.state, "")
    detail = f"<p>{html.escape(entry.detail)}</p>" if entry.detail else ""
    return (
        f"<h2>{html.escape(entry.label)}</h2><p><b>{html.escape(entry.state)}</b>: {state}</p>"
        f"{detail}<p>Asset report id: {html.escape(entry.report_id)}</p>"
    )


def loan_html(loan: LoanFileEntry) -> str:
    items = (
        "".join(
            f"<li>{html.escape(i.institution)} ({html.escape(i.status)})</li>" for i in loan.items
        )
        or "<li>none yet: Add Item (Ctrl+I)</li>"
    )
    return (
        f"<h2>{html.escape(loan.label)}</h2>"
        f"<p>Borrowers: {html.escape(loan.borrower)}</p>"
        f"<p>{html.escape(loan.purpose.title())} · monthly qualifying income "
        f"${loan.monthly_income:,.2f}</p>{_terms_html(loan)}<p><b>Items</b></p><ul>{items}</ul>"
        f"<p>{_reports_line(len(loan.reports))}</p>"
    )


def _terms_html(loan: LoanFileEntry) -> str:
    terms = getattr(loan.record, "terms", None)
    if terms is None:
        return ""

    def money(amount: object) -> str:
        return "not entered" if amount is None else f"${amount:,.2f}"

    months = "not entered" if terms.reserve_months is None else f"{terms.reserve_months} months"
    emd = ""
    if terms.earnest_money is not None:
        when = f" on {terms.earnest_money_date.isoformat()}" if terms.earnest_money_date else ""
        emd = f" · earnest money {money(terms.earnest_money)}{when}"
    return (
        f"<p>Cash to close {money(terms.cash_to_close)} · PITIA "
        f"{money(terms.monthly_housing_payment)} · reserves {months}{emd}<br>"
        "<i>Edit loan file (Ctrl+E) to change them.</i></p>"
    )


def _reports_line(count: int) -> str:
    if count == 0:
        return "No report yet. Create one with Ctrl+R once an Item is linked."
    return (
        f"{count} report{'s' if count > 1 else ''}: pick one in the tree, or create another "
        "with Ctrl+R."
    )
