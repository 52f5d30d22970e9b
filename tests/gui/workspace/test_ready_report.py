"""A report that becomes ready is selected at once and opens a moment later, once its row and
message have painted (its library read, started in the same turn, slowed that paint)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from assets_desktop.store.library import Library
from assets_desktop.store.secrets import SecretStore
from assets_desktop.ui.workspace.controller import OPEN_WHEN_READY_MS
from assets_desktop.ui.workspace.navigation import LOAN_FILE
from assets_desktop.ui.workspace.window import WorkspaceWindow
from tests.unit.store.factories import report_json

from .conftest import WindowFactory


def _window_with_a_report(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[WorkspaceWindow, str, str, list[str]]:
    library = Library(tmp_path / "library", SecretStore())
    loan = library.loan_files.create(["Alberta Charleson"], "purchase", "8250.00").id
    report = library.reports.save(loan, report_json("rep-1"), source="import").id
    window = make_window(library=library)
    qtbot.waitUntil(lambda: window.report(report) is not None)
    window.select(LOAN_FILE, loan)
    reads: list[str] = []
    workspace, real_open = window.workspace, window.workspace.open_report

    def counted(report_id: str) -> Any:
        reads.append(report_id)
        return real_open(report_id)

    monkeypatch.setattr(workspace, "open_report", counted)
    return window, loan, report, reads


def test_a_ready_report_is_selected_at_once_and_read_after_the_paint(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _loan, report, reads = _window_with_a_report(qtbot, make_window, tmp_path, monkeypatch)
    with qtbot.waitSignal(window.controller.report_opened, timeout=5_000) as opened:
        window.controller.report_ready(report)
        selected = window.selected_report()
        assert selected is not None and selected.report_id == report  # in the same turn
        assert reads == []  # its read waits for the paint
        assert any(m.text == "The report is ready." for m in window.route.history)
    assert opened.args[0] == report and reads == [report]


def test_a_ready_report_the_user_moved_away_from_is_not_opened(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, loan, report, reads = _window_with_a_report(qtbot, make_window, tmp_path, monkeypatch)
    window.controller.report_ready(report)
    window.select(LOAN_FILE, loan)  # the user clicks the loan file before it opens
    qtbot.wait(OPEN_WHEN_READY_MS + 200)
    assert reads == []
    assert window.pane.report_id is None
    assert "Alberta Charleson" in window.pane.details.label.text()  # the loan file's page
