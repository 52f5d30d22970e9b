"""Working together on a team server: a colleague's write reaches another open library through
LISTEN/NOTIFY (again after the server drops the listener), and the activity log names the role
that acted."""

from __future__ import annotations

import queue

import psycopg
import pytest

from assets_desktop.store import changes
from assets_desktop.store.changes import Change
from assets_desktop.store.library import Library
from assets_desktop.store.records import Activity
from tests.unit.store.factories import report_json

WAIT = 10.0  # seconds: generous, the test only needs the change to arrive


def test_a_colleagues_changes_arrive_without_a_restart(pg_database: str) -> None:
    heard: queue.Queue[Change] = queue.Queue()
    with Library(pg_database) as mine, Library(pg_database) as colleague:
        listening = mine.changes.subscribe(heard.put)
        try:
            loan = colleague.loan_files.create(["Alberta Charleson"], "purchase").id
            created = heard.get(timeout=WAIT)
            assert (created.what, created.loan_file_id) == (Activity.LOAN_FILE_CREATED, loan)
            assert created.actor == "postgres"
            assert mine.loan_files.get(loan).borrower_names == ("Alberta Charleson",)
            report = colleague.reports.save(loan, report_json("rep-1"), source="import")
            colleague.reports.set_notes(report.id, "Large deposit explained")
            saved, noted = heard.get(timeout=WAIT), heard.get(timeout=WAIT)
            assert (saved.what, saved.report_id) == (Activity.REPORT_SAVED, report.id)
            assert (noted.what, noted.report_id) == (Activity.NOTE, report.id)
            assert mine.reports.get(report.id).notes == "Large deposit explained"
        finally:
            listening.stop()
        assert listening.error is None


def drop_listeners(url: str) -> int:
    """End every session LISTENing on the server, as a server restart or a network cut would;
    how many there were."""
    with psycopg.connect(url, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE query = %s AND pid <> pg_backend_pid()",
            (f"LISTEN {changes.CHANNEL}",),
        ).fetchall()
    return len(rows)


def test_the_listener_listens_again_after_the_server_drops_it(
    pg_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(changes, "RETRY_SECONDS", (0.2,))
    heard: queue.Queue[Change] = queue.Queue()
    states: queue.Queue[bool] = queue.Queue()
    with Library(pg_database) as mine, Library(pg_database) as colleague:
        listening = mine.changes.subscribe(heard.put, states.put)
        try:
            assert drop_listeners(pg_database) == 1
            assert states.get(timeout=WAIT) is False
            assert listening.error is not None  # not listening now: the window may say so
            assert states.get(timeout=WAIT) is True
            assert listening.error is None
            loan = colleague.loan_files.create(["Alberta Charleson"], "purchase").id
            created = heard.get(timeout=WAIT)
            assert (created.what, created.loan_file_id) == (Activity.LOAN_FILE_CREATED, loan)
        finally:
            listening.stop()
        assert states.empty()  # told once each way


def test_the_activity_log_names_the_role(pg_database: str) -> None:
    with Library(pg_database) as library:
        library.loan_files.create(["Alberta Charleson"], "purchase")
        assert [entry.actor for entry in library.activity.entries()] == ["postgres"]


def test_a_library_on_this_computer_has_no_colleagues(tmp_path: object) -> None:
    with Library(str(tmp_path)) as library:
        subscription = library.changes.subscribe(lambda change: None)
        library.loan_files.create(["Alberta Charleson"], "purchase")
        subscription.stop()
        assert [entry.actor for entry in library.activity.entries()] == [None]
