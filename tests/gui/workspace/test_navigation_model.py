"""The navigation tree is updated row by row: nodes that stay keep their identity (and so the
view keeps them expanded and selected); Qt's model tester checks every step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtWidgets import QTreeView
from pytestqt.qtbot import QtBot

from assets_desktop.services import workspace_store
from assets_desktop.store.library import Library
from assets_desktop.store.secrets import SecretStore
from assets_desktop.ui.workspace.navigation import (
    ITEM,
    LOAN_FILE,
    REPORT,
    ItemEntry,
    LoanFileEntry,
    NavigationModel,
    ReportEntry,
)

from .conftest import WindowFactory

ORIGINAL = ReportEntry("r1", 61, "ready", created="2026-12-01 10:00")
REFRESH = ReportEntry("r2", 90, "building", "refresh", "r1", created="2026-12-02 10:00")


def loan(loan_id: str, *reports: ReportEntry, items: tuple[ItemEntry, ...] = ()) -> LoanFileEntry:
    return LoanFileEntry(loan_id, f"Borrower {loan_id}", items=items, reports=reports)


def test_updates_are_row_by_row_and_keep_what_stays(qtbot: QtBot, qtmodeltester: Any) -> None:
    model = NavigationModel()
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    resets: list[int] = []
    inserted: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))

    model.set_loan_files([loan("a", ORIGINAL)])
    qtmodeltester.check(model)
    view.expandAll()
    original = QPersistentModelIndex(model.find(REPORT, "r1"))
    view.setCurrentIndex(model.find(REPORT, "r1"))

    bank = ItemEntry("i1", "First Platypus Bank")
    model.set_loan_files([loan("b"), loan("a", ORIGINAL, REFRESH, items=(bank,))])
    qtmodeltester.check(model)
    assert original.isValid() and original.row() == model.find(REPORT, "r1").row()
    assert model.find(REPORT, "r2").parent() == model.find(REPORT, "r1")  # lineage
    assert model.find(ITEM, "i1").isValid()
    assert view.isExpanded(model.find(LOAN_FILE, "a"))  # still expanded, as the user left it
    assert view.currentIndex() == model.find(REPORT, "r1")  # still selected

    ready = ReportEntry("r2", 90, "ready", "refresh", "r1", created="2026-12-02 10:00")
    model.set_loan_files([loan("a", ORIGINAL, ready, items=(bank,))])
    qtmodeltester.check(model)
    assert model.find(LOAN_FILE, "b").isValid() is False
    assert model.find(REPORT, "r2").siblingAtColumn(1).data() == "ready"
    assert resets == []
    assert inserted  # rows came in one by one


def test_the_first_screen_goes_on_top_and_the_rest_comes_in_one_insertion(
    qtbot: QtBot, qtmodeltester: Any
) -> None:
    model = NavigationModel()
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_loan_files([loan("a", ORIGINAL), loan("b")])  # what an earlier read showed
    view.expandAll()
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(
        lambda parent, first, last: inserted.append((first, last)) if not parent.isValid() else None
    )

    model.set_first_loan_files([loan("c")])  # the first screen: the others stay for now
    qtmodeltester.check(model)
    assert [f.loan_file_id for f in model.loan_files] == ["c", "a", "b"]

    model.set_loan_files([loan("c"), loan("d"), loan("e"), loan("a", ORIGINAL)])
    qtmodeltester.check(model)
    assert [f.loan_file_id for f in model.loan_files] == ["c", "d", "e", "a"]
    assert inserted == [(0, 0), (1, 2)]  # c, then d and e together
    assert view.isExpanded(model.find(LOAN_FILE, "a"))  # kept through both reads


def test_a_library_beyond_one_screen_is_listed_whole_and_expanded(
    make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(tmp_path / "library", SecretStore())
    for name in ("Ann Lee", "Bo Chen", "Cy Diaz"):
        library.loan_files.create([name], "purchase", "5000")
    monkeypatch.setattr(workspace_store, "FIRST_SCREEN_ROWS", 3)  # Cy Diaz's rows, then the rest
    window = make_window(library=library)
    borrowers = [loan.borrower for loan in window.model.loan_files]
    assert borrowers == ["Cy Diaz", "Bo Chen", "Ann Lee"]
    for loan_file in window.model.loan_files:
        assert window.tree.isExpanded(window.model.find(LOAN_FILE, loan_file.loan_file_id))
