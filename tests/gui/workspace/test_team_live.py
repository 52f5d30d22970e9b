"""Working together in the window: two libraries on one team server (a real PostgreSQL cluster).

Window A is alice's (an underwriter); the test acts as sue, a supervisor, through a second
`Library`. What sue saves reaches A's tree and open review without a restart (LISTEN/NOTIFY),
and a loan file sue saved while alice had it open is refused with "changed by sue" and
reloaded, sue's change intact.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from assets_desktop.bench.pg_cluster import PgServer
from assets_desktop.domain.analysis import Disposition
from assets_desktop.services.review import record_disposition, record_note
from assets_desktop.services.workspace_events import ReviewChanged
from assets_desktop.store import changes, team
from assets_desktop.store.library import Library
from assets_desktop.store.secrets import SecretStore
from assets_desktop.ui.workspace.navigation import LOAN_FILE, REPORT
from assets_desktop.ui.workspace.window import WorkspaceWindow
from tests.gui.walkthrough import save_artefact
from tests.gui.workspace.conftest import WindowFactory, open_action
from tests.gui.workspace.test_store_thread import RecordingLibrary
from tests.integration.store.conftest import pg_database, pg_server  # noqa: F401 - fixtures
from tests.integration.store.test_changes import drop_listeners
from tests.unit.store.factories import report_json

WAIT = 10_000  # ms: generous; a change arrives well within a second on this machine


@dataclass
class Team:
    server: PgServer
    database: str
    loan_file_id: str  # alice's, with one report
    report_id: str

    def library(self, member: str) -> Library:
        return Library(self.server.url(self.database, user=member), SecretStore())


@pytest.fixture
def team_server(pg_database: str, pg_server: PgServer) -> Iterator[Team]:  # noqa: F811
    with Library(pg_database):  # the administrator's first open migrates the database
        pass
    team.close_database_to_public(pg_database)
    for name, role in (("alice", "underwriter"), ("sue", "supervisor")):
        team.add_member(pg_database, name, role)
    database = pg_database.rsplit("/", 1)[1]
    with Library(pg_server.url(database, user="alice")) as alice:
        loan = alice.loan_files.create(["Alberta Charleson"], "purchase", "8250.00").id
        report = alice.reports.save(loan, report_json("rep-a"), source="import").id
    yield Team(pg_server, database, loan, report)
    with pg_server.admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        for name in ("alice", "sue"):
            admin.execute(f'DROP ROLE IF EXISTS "{name}"')


@pytest.fixture
def sue(team_server: Team) -> Iterator[Library]:
    with team_server.library("sue") as library:
        yield library


def _listeners() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "library-changes" and t.is_alive()]


def _row(window: WorkspaceWindow, kind: str, ident: str) -> Any:
    return window.model.find(kind, ident)


def _open_report(qtbot: QtBot, window: WorkspaceWindow, report_id: str) -> Any:
    """Select a report (it opens in the pane); the OpenedReport shown."""
    with qtbot.waitSignal(window.controller.report_opened, timeout=WAIT) as opened:
        assert window.select(REPORT, report_id)
    return opened.args[1]


def test_a_colleagues_writes_reach_the_open_window(
    qtbot: QtBot, make_window: WindowFactory, team_server: Team, sue: Library
) -> None:
    calls: list[tuple[str, str]] = []
    window = make_window(library=RecordingLibrary(team_server.library("alice"), calls))
    assert window.workspace.colleagues.listening
    loan_id, report_id = team_server.loan_file_id, team_server.report_id

    # A new loan file, handed to alice: a new row.
    handed = sue.loan_files.create(["Dana Whitfield"], "refinance", "6100.00").id
    sue.team.assign(handed, "alice")
    qtbot.waitUntil(lambda: window.loan_file(handed) is not None, timeout=WAIT)
    assert window.loan_file(handed).borrower.startswith("Dana")  # type: ignore[union-attr]

    # A new report on alice's loan file: a new row under it.
    added = sue.reports.save(loan_id, report_json("rep-sue"), source="import").id
    qtbot.waitUntil(lambda: window.report(added) is not None, timeout=WAIT)
    assert window.loan_file_of_report(added).loan_file_id == loan_id  # type: ignore[union-attr]

    # The loan file's borrowers changed: its row follows.
    sue.loan_files.update(loan_id, borrower_names=["Alberta Charleson", "Kim Charleson"])
    qtbot.waitUntil(lambda: "Kim" in window.loan_file(loan_id).borrower, timeout=WAIT)  # type: ignore[union-attr]

    # A note and a disposition on the report alice is reading: the review is read again.
    shown = _open_report(qtbot, window, report_id)
    assert shown.review.notes == ()
    with qtbot.waitSignal(window.controller.report_opened, timeout=WAIT) as reopened:
        record_note(sue.activity, "Gift letter received", report_id=report_id, loan_file_id=loan_id)
    assert [n.text for n in reopened.args[1].review.notes] == ["Gift letter received"]
    assert any("sue changed the review" in m.text for m in window.route.history)
    flag = "large_deposit:acc-1:tx-1"  # a flag's key, as the review keeps it
    with qtbot.waitSignal(window.controller.report_opened, timeout=WAIT) as reopened:
        record_disposition(
            sue.activity, Disposition(flag, "explained", "Payroll, confirmed by phone"),
            report_id=report_id, loan_file_id=loan_id,
        )  # fmt: skip
    assert reopened.args[1].review.decisions[flag].reason == "Payroll, confirmed by phone"

    # Removed: the rows go.
    sue.reports.delete(added)
    qtbot.waitUntil(lambda: window.report(added) is None, timeout=WAIT)
    sue.loan_files.delete(handed)
    qtbot.waitUntil(lambda: window.loan_file(handed) is None, timeout=WAIT)
    assert window.report(report_id) is not None  # the rest stays
    # Every read a notification caused ran on the store thread; the UI thread got events.
    assert {thread for _call, thread in calls if not thread.startswith("store")} == set()
    assert ("library.loan_files.all", "store_0") in calls  # the deleted loan file was looked for

    window.close_now()
    assert _listeners() == []  # the listener thread ended with the window


def test_a_colleague_who_saved_first_wins_and_the_editor_reloads(
    qtbot: QtBot, make_window: WindowFactory, team_server: Team, sue: Library
) -> None:
    window = make_window(library=team_server.library("alice"))
    loan_id = team_server.loan_file_id
    window.select(LOAN_FILE, loan_id)
    editor = open_action(qtbot, window, "editLoanFile")
    sue.loan_files.update(loan_id, monthly_income="9100.00")  # sue saves first
    qtbot.waitUntil(lambda: "9,100.00" in window.pane.details.label.text(), timeout=WAIT)

    editor.cash.setText("40000.00")  # alice's change, on the version she opened
    editor.accept()
    qtbot.waitUntil(lambda: window.controller.dialog is not editor, timeout=WAIT)

    conflict = [m.text for m in window.route.history if "changed by" in m.text]
    assert conflict == [
        "Saving the loan file failed: This loan file was changed by sue since you opened it, "
        "so your change was not saved. It has been reloaded: make your change again."
    ]
    reopened = window.controller.dialog
    assert reopened.value().monthly_income == 9100  # the editor shows sue's version
    assert reopened.cash.text() == ""  # alice's unsaved change is not passed off as saved
    kept = sue.loan_files.get(loan_id)
    assert (kept.monthly_income, kept.terms.cash_to_close) == (9100, None)
    reopened.reject()
    window.resize(1400, 900)
    qtbot.wait(50)
    save_artefact(window, "team-conflict-message-1400-light")


def test_a_colleagues_note_made_while_the_report_opens_is_shown(
    qtbot: QtBot, make_window: WindowFactory, team_server: Team, sue: Library
) -> None:
    """The note arrives while alice's view of the report is still being laid out (not on
    screen yet): it is read again, not lost."""
    window = make_window(library=team_server.library("alice"))
    loan_id, report_id = team_server.loan_file_id, team_server.report_id
    notes: list[str] = []

    def sue_writes_now(*_: object) -> None:
        if not notes:  # the view is being laid out: it is not on screen before a later turn
            notes.append("Called the employer")
            record_note(sue.activity, notes[0], report_id=report_id, loan_file_id=loan_id)
            # Its notice, as the listener delivers it, at this moment (not left to the race).
            window.decisions.follow(ReviewChanged(loan_id, report_id, "sue"))

    window.workspace.colleagues.stop()  # only the notice delivered below: no second chance
    window.controller.report_opened.connect(sue_writes_now)
    assert window.select(REPORT, report_id)

    def shown() -> tuple[str, ...]:
        view = window.pane.review
        on_screen = window.pane.report_id == report_id and hasattr(view, "review")
        return tuple(n.text for n in view.review.notes) if on_screen else ()

    qtbot.waitUntil(lambda: shown() == ("Called the employer",), timeout=WAIT)


def test_after_the_server_drops_the_listener_the_window_says_so_and_catches_up(
    qtbot: QtBot,
    make_window: WindowFactory,
    team_server: Team,
    sue: Library,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(changes, "RETRY_SECONDS", (1.5,))  # sue writes while it is down
    window = make_window(library=team_server.library("alice"))
    assert window.workspace.colleagues.listening
    url = team_server.server.url(team_server.database)
    assert drop_listeners(url) == 1

    lost = "The team server dropped the connection that brings colleagues' changes"
    qtbot.waitUntil(lambda: any(lost in m.text for m in window.route.history), timeout=WAIT)
    assert not window.workspace.colleagues.listening
    window.resize(1024, 768)
    save_artefact(window, "team-listener-dropped-1024-light")
    handed = sue.loan_files.create(["Dana Whitfield"], "refinance", "6100.00").id
    sue.team.assign(handed, "alice")  # not heard: nobody listens for alice now
    sue.loan_files.update(team_server.loan_file_id, monthly_income="9100.00")

    back = "Connected to the team server again"
    qtbot.waitUntil(lambda: any(back in m.text for m in window.route.history), timeout=WAIT)
    assert window.workspace.colleagues.listening
    assert window.loan_file(handed) is not None  # read again on the reconnect
    changed = window.loan_file(team_server.loan_file_id)
    assert changed is not None and changed.monthly_income == 9100
    assert len(_listeners()) == 1  # the same listener thread, listening again


def test_a_library_on_this_computer_listens_to_no_one(
    make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window()
    assert not window.workspace.colleagues.listening
    assert _listeners() == []
    del window, tmp_path
