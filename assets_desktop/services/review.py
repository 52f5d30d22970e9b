"""The underwriter's review of one report: cleared flags and notes (what the activity log holds).

The workspace reads these from the library's activity log when a report is opened and hands
them to the report view; the view reports new ones through signals, the workspace appends
them to the log. Keeping the state a plain value makes "a cleared flag survives a reopen" a
matter of replaying the log.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from assets_desktop.store.records import Activity

__all__ = [
    "ActivityLog",
    "ClearedFlag",
    "ReviewNote",
    "ReviewState",
    "load_review",
    "record_flag_cleared",
    "record_note",
    "review_from_activity",
]


@dataclass(frozen=True)
class ClearedFlag:
    """A flag the underwriter cleared, with the reason they gave."""

    key: str
    reason: str
    cleared_at: dt.datetime | None = None
    cleared_by: str | None = None


@dataclass(frozen=True)
class ReviewNote:
    """A free-text note on the report."""

    text: str
    created_at: dt.datetime | None = None
    author: str | None = None


@dataclass(frozen=True)
class ReviewState:
    """Cleared flags (by flag key) and notes, oldest first."""

    cleared: Mapping[str, ClearedFlag] = field(default_factory=dict)
    notes: tuple[ReviewNote, ...] = ()

    @classmethod
    def build(
        cls, cleared: Iterable[ClearedFlag] = (), notes: Iterable[ReviewNote] = ()
    ) -> ReviewState:
        """A state from cleared flags (a later clearing of the same key wins) and notes."""
        return cls(cleared={c.key: c for c in cleared}, notes=tuple(notes))

    def with_cleared(self, cleared: ClearedFlag) -> ReviewState:
        """A copy with one more cleared flag."""
        return ReviewState(cleared={**self.cleared, cleared.key: cleared}, notes=self.notes)

    def with_note(self, note: ReviewNote) -> ReviewState:
        """A copy with one more note."""
        return ReviewState(cleared=self.cleared, notes=(*self.notes, note))

    def resolution(self, key: str) -> ClearedFlag | None:
        """How the flag with this key was resolved, or None while it is open."""
        return self.cleared.get(key)


class ActivityLike(Protocol):
    """What the review needs of an activity-log entry (`store.records.ActivityEntry`)."""

    @property
    def what(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def detail(self) -> str: ...
    @property
    def at(self) -> dt.datetime: ...


class ActivityLog(Protocol):
    """The append-only activity log (`store.library.Library` provides it)."""

    def log(
        self,
        what: str,
        subject: str,
        *,
        detail: str = "",
        loan_file_id: str | None = None,
        report_id: str | None = None,
    ) -> object: ...

    def activity(
        self, loan_file_id: str | None = None, report_id: str | None = None
    ) -> Sequence[ActivityLike]: ...


def review_from_activity(entries: Iterable[ActivityLike]) -> ReviewState:
    """Replay the log: `flag cleared` entries and notes, oldest first (a later clearing wins).

    A cleared flag's detail is JSON `{"key": …, "reason": …}` (sealed, like every detail);
    entries with a plain reason as detail and the key as subject are read too.
    """
    cleared: list[ClearedFlag] = []
    notes: list[ReviewNote] = []
    for entry in entries:
        if entry.what == Activity.FLAG_CLEARED:
            cleared.append(_cleared_flag(entry))
        elif entry.what == Activity.NOTE:
            notes.append(ReviewNote(entry.detail, entry.at))
    return ReviewState.build(cleared, notes)


def _cleared_flag(entry: ActivityLike) -> ClearedFlag:
    try:
        data = json.loads(entry.detail)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("key"), str):
        return ClearedFlag(data["key"], str(data.get("reason", "")), entry.at)
    return ClearedFlag(entry.subject, entry.detail, entry.at)


def load_review(
    log: ActivityLog, report_id: str | None = None, loan_file_id: str | None = None
) -> ReviewState:
    """The review of a report (or of a whole loan file, so clearings carry over a refresh)."""
    return review_from_activity(log.activity(loan_file_id=loan_file_id, report_id=report_id))


def record_flag_cleared(
    log: ActivityLog, key: str, reason: str, *, report_id: str, loan_file_id: str | None = None
) -> None:
    """Append a cleared flag to the log: key and reason go in the (sealed) detail as JSON."""
    if not reason.strip():
        raise ValueError("Clearing a flag needs a reason: say why it is resolved.")
    log.log(
        Activity.FLAG_CLEARED,
        f"report {report_id}",
        detail=json.dumps({"key": key, "reason": reason.strip()}),
        loan_file_id=loan_file_id,
        report_id=report_id,
    )


def record_note(
    log: ActivityLog, text: str, *, report_id: str, loan_file_id: str | None = None
) -> None:
    """Append a note on a report to the log."""
    if not text.strip():
        raise ValueError("A note cannot be empty.")
    log.log(
        Activity.NOTE,
        f"report {report_id}",
        detail=text.strip(),
        loan_file_id=loan_file_id,
        report_id=report_id,
    )
