"""Through the window: a report's whole life updates the tree row by row (no full reload), and
every library and keyring call runs on the store thread, none on the UI thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.store.library import Library
from assets_desktop.store.secrets import SecretStore
from assets_desktop.ui.workspace.navigation import REPORT, EntryRole
from assets_desktop.ui.workspace.window import WorkspaceWindow
from tests.conftest import MemoryKeyring

from .conftest import WindowFactory
from .test_journeys import TIMEOUT, add_item, create_report, new_loan_file, wait_ready


class RecordingLibrary:
    """The library (and each of its stores), noting the thread of every call made on it."""

    def __init__(self, target: Any, calls: list[tuple[str, str]], name: str = "library") -> None:
        self._target = target
        self._calls = calls
        self._name = name

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._target, name)
        path = f"{self._name}.{name}"
        if not callable(found):
            store = type(found).__module__.startswith("assets_desktop.store.")
            return RecordingLibrary(found, self._calls, path) if store else found

        def call(*args: Any, **kwargs: Any) -> Any:
            self._calls.append((path, threading.current_thread().name))
            return found(*args, **kwargs)

        return call


class RecordingKeyring(MemoryKeyring):
    """The in-memory keyring, noting the thread of every read and write."""

    def __init__(self, calls: list[tuple[str, str]]) -> None:
        super().__init__()
        self.calls = calls

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append(("keyring.get", threading.current_thread().name))
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append(("keyring.set", threading.current_thread().name))
        super().set_password(service, username, password)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    import keyring

    recorded: list[tuple[str, str]] = []
    keyring.set_keyring(RecordingKeyring(recorded))  # the memory_keyring fixture restores it
    return recorded


def _count_full_loads(window: WorkspaceWindow) -> list[int]:
    loads: list[int] = []
    full_load = window.model.set_loan_files

    def counted(loan_files: Any) -> None:
        loads.append(len(loan_files))
        full_load(loan_files)

    window.model.set_loan_files = counted  # type: ignore[method-assign]
    return loads


def test_creating_a_report_reloads_no_tree_its_row_changes_in_place(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox
) -> None:
    window = make_window(sandbox)
    new_loan_file(qtbot, window)
    add_item(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
    loads = _count_full_loads(window)
    states: list[str] = []
    model = window.model

    def seen(first: Any, *_rest: Any) -> None:
        entry = first.data(EntryRole) if first.isValid() else None
        if getattr(entry, "report_id", None):
            states.append(entry.state)

    model.rowsInserted.connect(lambda parent, row, _last: seen(model.index(row, 0, parent)))
    model.dataChanged.connect(seen)

    create_report(qtbot, window)
    ready = wait_ready(qtbot, window, "original")
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=TIMEOUT)

    assert loads == []  # not one full reload: the row was inserted, then changed
    assert states[0] == "building" and states[-1] == "ready"
    assert window.selected_report() == ready and window.pane.report_id == ready.report_id


def test_no_library_or_keyring_call_runs_on_the_ui_thread(
    qtbot: QtBot,
    make_window: WindowFactory,
    sandbox: EmbeddedSandbox,
    tmp_path: Path,
    calls: list[tuple[str, str]],
) -> None:
    library = Library(tmp_path / "library", SecretStore())
    calls.clear()  # opening the library is the app's start, before the window
    window = make_window(sandbox, library=RecordingLibrary(library, calls))  # type: ignore[arg-type]
    new_loan_file(qtbot, window)
    add_item(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
    create_report(qtbot, window)  # create → ready → open
    original = wait_ready(qtbot, window, "original")
    window.pane.review.clear_flag("some-flag", "explained by the borrower's letter")  # dispose
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=TIMEOUT)
    window.commands["refreshReport"].trigger()  # refresh
    window.controller.dialog.ok_button.click()
    refresh = wait_ready(qtbot, window, "refresh")
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=TIMEOUT)

    assert refresh.parent_id == original.report_id
    kept = library.reports.get(original.report_id).id  # (the test's own check, after the flow)
    assert kept == original.report_id
    made = {name for name, _thread in calls}
    assert {"library.reports.add", "library.reports.save_content", "keyring.get"} <= made
    on_ui = [(name, thread) for name, thread in calls if thread == threading.main_thread().name]
    assert on_ui == []
    assert {thread for _name, thread in calls} == {"store_0"}
    assert window.select(REPORT, original.report_id)
