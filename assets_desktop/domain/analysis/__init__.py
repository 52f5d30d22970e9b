"""The underwriting analysis of a Plaid Asset Report: pure functions, exact to the cent.

    analysis = analyze(response, AnalysisParameters(monthly_income=Decimal("6000")))
    qualification = qualify(analysis, LoanTerms(cash_to_close=..., ...), dispositions)
    analysis_to_json(analysis, qualification)   # the JSON of `assets-desktop analyze`
    diff_reports(original, refreshed, parameters)

Rules and their sources: `shared/docs/underwriting-domain.md`; the JSON is documented in README.
"""

from assets_desktop.domain.analysis.decisions import (
    DecisionError,
    Disposition,
    DispositionKind,
    SourceType,
    parse_decisions,
)
from assets_desktop.domain.analysis.eligibility import AccountEligibility, Eligibility
from assets_desktop.domain.analysis.engine import analyze
from assets_desktop.domain.analysis.export import analysis_to_json, diff_to_json
from assets_desktop.domain.analysis.money import cents_to_decimal, format_money
from assets_desktop.domain.analysis.names import match_owner_names, owner_name_match
from assets_desktop.domain.analysis.qualification import (
    LoanTerms,
    Qualification,
    decisions_by_flag,
    qualify,
)
from assets_desktop.domain.analysis.refresh_diff import diff_reports
from assets_desktop.domain.analysis.types import (
    REQUIRED_HISTORY_DAYS,
    AccountAnalysis,
    AccountRef,
    Analysis,
    AnalysisParameters,
    BalanceChange,
    CurrencyTotals,
    DepositSource,
    Flag,
    FlagCode,
    NewTransaction,
    OwnerMatch,
    Purpose,
    ReportDiff,
    SourcedDeposit,
)

__all__ = [
    "REQUIRED_HISTORY_DAYS",
    "AccountAnalysis",
    "AccountEligibility",
    "AccountRef",
    "Analysis",
    "AnalysisParameters",
    "BalanceChange",
    "CurrencyTotals",
    "DecisionError",
    "DepositSource",
    "Disposition",
    "DispositionKind",
    "Eligibility",
    "Flag",
    "FlagCode",
    "LoanTerms",
    "NewTransaction",
    "OwnerMatch",
    "Purpose",
    "Qualification",
    "ReportDiff",
    "SourceType",
    "SourcedDeposit",
    "analysis_to_json",
    "analyze",
    "cents_to_decimal",
    "decisions_by_flag",
    "diff_reports",
    "diff_to_json",
    "format_money",
    "match_owner_names",
    "owner_name_match",
    "parse_decisions",
    "qualify",
]
