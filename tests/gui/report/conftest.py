"""Fixtures for the report views: persona reports, and a view factory that closes its views."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from assets_desktop.domain.analysis.qualification import LoanTerms
from assets_desktop.domain.analysis.types import Analysis, ReportDiff
from assets_desktop.domain.report import AssetReportResponse
from assets_desktop.services.review import ReviewState
from assets_desktop.services.workspace_model import OpenedReport
from assets_desktop.ui.report import ReportView

from .personas import (
    PersonaMissing,
    persona_analysis,
    persona_response,
)

MakeView = Callable[..., ReportView]


@pytest.fixture
def make_view(qtbot: QtBot) -> Iterator[MakeView]:
    """Build a ReportView (1400×900), registered with qtbot so it is closed after the test."""

    def make(
        response: AssetReportResponse,
        analysis: Analysis | None = None,
        review: ReviewState | None = None,
        diff: ReportDiff | None = None,
        terms: LoanTerms | None = None,
    ) -> ReportView:
        analysis = analysis or persona_analysis(response)
        view = ReportView(
            OpenedReport(response, analysis, review or ReviewState(), diff, terms=terms)
        )
        qtbot.addWidget(view)
        view.resize(1400, 900)
        return view

    yield make


@pytest.fixture
def load_persona() -> Callable[..., AssetReportResponse]:
    """Load a persona's report, skipping (with the reason) when the sandbox lacks it."""

    def load(username: str, days: int = 731) -> AssetReportResponse:
        try:
            return persona_response(username, days)
        except PersonaMissing:
            pytest.skip(f"the sandbox has no persona {username!r} yet")

    return load
