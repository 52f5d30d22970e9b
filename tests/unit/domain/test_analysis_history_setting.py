"""The user's minimum-history setting replaces the purpose's rule in the analysis."""

from __future__ import annotations

from assets_desktop.domain.analysis import AnalysisParameters, FlagCode, analyze

from .builders import account, report


def _thin(days: float, params: AnalysisParameters) -> list[str]:
    analysis = analyze(report(account(days_available=days)), params)
    return [f.message for f in analysis.flags if f.code == FlagCode.INSUFFICIENT_HISTORY]


def test_a_longer_minimum_flags_history_the_rule_accepts() -> None:
    assert not _thin(75, AnalysisParameters())
    (message,) = _thin(75, AnalysisParameters(min_history_days=90))
    assert "a purchase needs 90" in message
    assert not _thin(90, AnalysisParameters(min_history_days=90))


def test_a_shorter_minimum_accepts_history_the_rule_flags() -> None:
    assert _thin(45, AnalysisParameters())
    assert not _thin(45, AnalysisParameters(min_history_days=45))
