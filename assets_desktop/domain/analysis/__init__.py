"""The underwriting analysis of a Plaid Asset Report: pure functions, exact to the cent.

    analysis = analyze(response, AnalysisParameters(monthly_income=Decimal("6000")))
    analysis_to_json(analysis)        # the stable JSON of `assets-desktop analyze --format json`
    diff_reports(original, refreshed, parameters)

Rules and their sources: `shared/docs/underwriting-domain.md`; the JSON is documented in README.
"""

from assets_desktop.domain.analysis.engine import analyze
from assets_desktop.domain.analysis.export import analysis_to_json, diff_to_json
from assets_desktop.domain.analysis.money import cents_to_decimal, format_money
from assets_desktop.domain.analysis.names import match_owner_names, owner_name_match
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
    "AccountRef",
    "Analysis",
    "AnalysisParameters",
    "BalanceChange",
    "CurrencyTotals",
    "DepositSource",
    "Flag",
    "FlagCode",
    "NewTransaction",
    "OwnerMatch",
    "Purpose",
    "ReportDiff",
    "SourcedDeposit",
    "analysis_to_json",
    "analyze",
    "cents_to_decimal",
    "diff_reports",
    "diff_to_json",
    "format_money",
    "match_owner_names",
    "owner_name_match",
]
