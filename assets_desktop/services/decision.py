"""From a loan file to the decision: analysis parameters, loan terms, and the review of a report
with the dispositions carried from earlier reports of the same loan file."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from assets_desktop.services.review import ReviewState, review_from_activity
from assets_desktop.store.records import LoanFile, ReportRecord

if TYPE_CHECKING:
    from assets_desktop.domain.analysis import AnalysisParameters, LoanTerms
    from assets_desktop.services.settings import WorkspaceRules
    from assets_desktop.store.library import Library

__all__ = ["analysis_parameters", "loan_terms", "report_label", "review_for_report"]

_KINDS = {None: "report", "refresh": "refresh", "filter": "filtered report"}


def analysis_parameters(loan: LoanFile, rules: WorkspaceRules) -> AnalysisParameters:
    """The analysis parameters of a loan file: its borrowers (the first is the borrower, the
    others co-borrowers), purpose and income, with the user's settings applied."""
    from assets_desktop.domain.analysis import AnalysisParameters

    names = loan.borrower_names
    return AnalysisParameters(
        purpose=loan.purpose,
        monthly_income=Decimal(loan.monthly_income) if loan.monthly_income else None,
        borrower=names[0] if names else None,
        co_borrowers=tuple(names[1:]),
        large_deposit_ratio=Decimal(str(rules.large_deposit_ratio)),
        min_history_days=rules.min_history_days if loan.purpose == "purchase" else None,
    )


def loan_terms(loan: LoanFile, rules: WorkspaceRules) -> LoanTerms:
    """What the qualification needs from a loan file (the retirement factor is a setting)."""
    from assets_desktop.domain.analysis import LoanTerms

    terms = loan.terms
    return LoanTerms(
        cash_to_close=terms.cash_to_close,
        monthly_housing_payment=terms.monthly_housing_payment,
        reserve_months=terms.reserve_months,
        retirement_factor=Decimal(str(rules.retirement_factor)),
        earnest_money=terms.earnest_money,
        earnest_money_date=terms.earnest_money_date,
    )


def report_label(record: ReportRecord) -> str:
    """`refresh of 2026-12-03, 90 days`: a report named the way an underwriter names it."""
    moment = record.date_generated or record.created_at
    days = f", {record.days_requested} days" if record.days_requested else ""
    return f"{_KINDS.get(record.relation, 'report')} of {moment.date().isoformat()}{days}"


def review_for_report(library: Library, record: ReportRecord) -> ReviewState:
    """The report's notes and dispositions, plus those decided on earlier reports of its loan
    file (created before it), marked as carried from them; later decisions win."""
    earlier: dict[str, str] = {}
    for other in library.reports.all(record.loan_file_id):
        if other.id == record.id:
            break
        earlier[other.id] = report_label(other)
    entries = library.activity.entries(loan_file_id=record.loan_file_id)
    return review_from_activity(entries, record.id, earlier)
