"""Colleagues' changes, live: on a team library the workspace listens to `library.changes`
(LISTEN/NOTIFY) and turns each notification into the same typed events as its own writes.

The listener thread only queues the work: the loan file named by the notification is read again
on the store thread and compared with what the listeners know (`KnownRecords.follow_loan_file`);
the UI thread receives events only. A note or a flag's disposition by someone else also becomes
`ReviewChanged`. When the server drops the listener, `ColleaguesHeard(False)` says so; once it
listens again, every loan file is read again, then `ColleaguesHeard(True)`. A library on this
computer has no colleagues: its subscription never calls.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from assets_desktop.services import workspace_events as ev
from assets_desktop.services.store_executor import to_store
from assets_desktop.store.errors import LibraryError
from assets_desktop.store.records import Activity

if TYPE_CHECKING:
    from assets_desktop.services.workspace import Workspace
    from assets_desktop.store.changes import Change, Subscription

#: Activity that changes a report's review (its notes, its flags' dispositions, their documents).
REVIEW_ACTIVITY = frozenset({Activity.NOTE, Activity.FLAG_CLEARED, Activity.ATTACHMENT_ADDED})
log = logging.getLogger(__name__)


class ColleagueChanges:
    """The workspace's subscription to the library's changes (start and stop on any thread)."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._subscription: Subscription | None = None
        self._me: str | None = None
        self._stopped = False

    @property
    def listening(self) -> bool:
        """True while a listener thread runs (a team library, subscribed)."""
        running = self._subscription
        return running is not None and running.error is None and not self._stopped

    def start(self) -> None:
        """Subscribe (once; on the store thread): returns when the listener is listening."""
        if self._subscription is not None:
            return
        library = self._workspace.store.raw
        try:
            self._me = library.team.whoami()
        except LibraryError:  # a library on this computer: no colleagues
            return
        self._stopped = False
        self._subscription = library.changes.subscribe(self._heard, self._listening)

    def stop(self) -> None:
        """Unsubscribe: the listener thread and its connection end before this returns."""
        self._stopped = True
        subscription, self._subscription = self._subscription, None
        if subscription is not None:
            subscription.stop()

    def _heard(self, change: Change) -> None:
        """On the listener thread: the reading is the store thread's work."""
        if not self._stopped:
            to_store(self._follow, change)

    def _listening(self, listening: bool) -> None:
        """On the listener thread: the server dropped it (tell at once), or it listens again
        (read what was written meanwhile on the store thread, then tell)."""
        if self._stopped:
            return
        if listening:
            to_store(self._catch_up)
        else:
            self._workspace.emit(ev.ColleaguesHeard(listening=False))

    def _catch_up(self) -> None:
        if self._stopped:
            return
        try:
            self._workspace.known.follow_all()
        except LibraryError as error:  # gone again: the listener says so when it notices
            log.warning("Colleagues' changes could not be read again: %s", error)
            return
        self._workspace.emit(ev.ColleaguesHeard(listening=True))

    def _follow(self, change: Change) -> None:
        if self._stopped:
            return
        try:
            if change.loan_file_id is None:  # a loan file deleted, a purge
                self._workspace.known.follow_removals()
                return
            self._workspace.known.follow_loan_file(change.loan_file_id)
        except LibraryError as error:  # e.g. the server went away: the next read says so
            log.warning("A colleague's change could not be read: %s", error)
            return
        if change.what in REVIEW_ACTIVITY and change.actor != self._me:
            self._workspace.emit(
                ev.ReviewChanged(change.loan_file_id, change.report_id, change.actor)
            )
