"""Changes made by colleagues, as they happen (a team library: PostgreSQL's LISTEN/NOTIFY).

Every write appends to the activity log, and on a team server that append also sends a
notification on the channel `assets_library` (delivered when the write commits): what happened,
to which loan file and report, by which role — ids only, never personal data. `subscribe` runs a
listener thread with its own connection and calls back for each; a library on this computer has
one user, so its subscription never calls.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

CHANNEL = "assets_library"
NOTIFY_SQL = (
    "SELECT pg_notify('assets_library', json_build_object('what', ?::text, 'loan_file_id', "
    "?::text, 'report_id', ?::text, 'actor', current_user)::text)"
)
POLL_SECONDS = 0.5  # how often the listener looks whether it should stop
# Seconds before each new attempt once the server dropped the listener (the last repeats).
RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """A colleague's write: the activity entry's `what`, its loan file and report, the role."""

    what: str
    loan_file_id: str | None
    report_id: str | None
    actor: str

    @classmethod
    def from_payload(cls, payload: str) -> Change:
        data = json.loads(payload)
        return cls(data["what"], data["loan_file_id"], data["report_id"], data["actor"])


class Subscription:
    """A running listener; `stop()` ends it (and its connection).

    When the server drops the connection, the listener calls `listening(False)` and connects
    again after `RETRY_SECONDS`, until it is stopped; back, it calls `listening(True)`: what
    was written meanwhile was not heard, so the subscriber reads it again.
    """

    def __init__(
        self,
        connect: Callable[[], Any] | None,
        callback: Callable[[Change], None],
        listening: Callable[[bool], None] | None = None,
    ) -> None:
        self._connect = connect
        self._callback = callback
        self._listening = listening
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None
        """Why the listener is not listening now (None while it is)."""
        if connect is not None:
            self._thread = threading.Thread(target=self._run, name="library-changes", daemon=True)
            self._thread.start()
            self._ready.wait(10.0)

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            if self._listen():
                failures = 0
            self._ready.set()
            self._stop.wait(RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)])
            failures += 1

    def _listen(self) -> bool:
        """Listen until stopped or dropped; True if listening had started."""
        started = False
        try:
            assert self._connect is not None
            with self._connect() as connection:
                connection.execute(f"LISTEN {CHANNEL}")
                started, resumed, self.error = True, self.error is not None, None
                self._ready.set()
                if resumed:
                    log.info("Listening for colleagues' changes again")
                    self._tell(True)
                while not self._stop.is_set():
                    for note in connection.notifies(timeout=POLL_SECONDS):
                        self._deliver(note.payload)
        except Exception as error:  # the server went away: try again (the library says so)
            if self._stop.is_set():
                return started
            first, self.error = self.error is None, error
            if first:
                log.warning("Listening for colleagues' changes stopped: %s; retrying", error)
                self._tell(False)
        return started

    def _tell(self, listening: bool) -> None:
        if self._listening is not None:
            try:
                self._listening(listening)
            except Exception:
                log.exception("A subscriber to the library's changes failed")

    def _deliver(self, payload: str) -> None:
        try:
            self._callback(Change.from_payload(payload))
        except Exception:
            log.exception("A subscriber to the library's changes failed")

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5 * POLL_SECONDS + 5)


class ChangeFeed:
    """`library.changes`: subscribe to colleagues' writes (a team library)."""

    def __init__(self, connect: Callable[[], Any] | None) -> None:
        self._connect = connect

    def subscribe(
        self, callback: Callable[[Change], None], listening: Callable[[bool], None] | None = None
    ) -> Subscription:
        """Call `callback(change)` on a listener thread for each write committed by anyone
        (this library's own too), and `listening(False)` / `listening(True)` when the server
        drops the listener and when it listens again; returns once listening has started."""
        return Subscription(self._connect, callback, listening)
