"""The underwriter's review of a report: dispositions of flags and notes, from the activity log.

Dispositions are recorded per loan file, so a decision on a report carries over to every later
report of the same loan file (a refresh, or a new report) whose flag has the same stable key;
such a disposition says which report it was carried from. Notes belong to one report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from assets_desktop.domain.analysis.decisions import (
    DecisionError,
    Disposition,
    disposition_from_json,
    disposition_to_json,
)
from assets_desktop.domain.analysis.types import Flag
from assets_desktop.store.activity_log import ActivityLog
from assets_desktop.store.database import current_user
from assets_desktop.store.records import Activity, ActivityEntry

__all__ = [
    "ReviewNote",
    "ReviewState",
    "current_user",
    "load_review",
    "record_disposition",
    "record_note",
    "review_from_activity",
]


@dataclass(frozen=True)
class ReviewNote:
    """A free-text note on the report."""

    text: str
    created_at: dt.datetime | None = None
    author: str | None = None


@dataclass(frozen=True)
class ReviewState:
    """Dispositions (by the key they were recorded under) and notes, oldest first."""

    decisions: Mapping[str, Disposition] = field(default_factory=dict)
    notes: tuple[ReviewNote, ...] = ()

    @classmethod
    def build(
        cls, decisions: Iterable[Disposition] = (), notes: Iterable[ReviewNote] = ()
    ) -> ReviewState:
        """A state from dispositions (a later one of the same key wins) and notes."""
        return cls(decisions={d.key: d for d in decisions}, notes=tuple(notes))

    def with_disposition(self, decision: Disposition) -> ReviewState:
        """A copy with one more disposition."""
        return ReviewState({**self.decisions, decision.key: decision}, self.notes)

    def with_note(self, note: ReviewNote) -> ReviewState:
        """A copy with one more note."""
        return ReviewState(self.decisions, (*self.notes, note))

    def resolution(self, flag: Flag | str) -> Disposition | None:
        """How a flag was resolved (by its key or legacy key), or None while it is open."""
        keys = (flag,) if isinstance(flag, str) else flag.keys
        return next((self.decisions[k] for k in keys if k in self.decisions), None)

    @property
    def all_decisions(self) -> tuple[Disposition, ...]:
        return tuple(self.decisions.values())


def review_from_activity(
    entries: Iterable[ActivityEntry],
    report_id: str | None = None,
    carried: Mapping[str, str] | None = None,
) -> ReviewState:
    """Replay the log, oldest first (a later disposition of the same key wins).

    With `report_id`, notes are that report's only, and dispositions decided on the reports
    named in `carried` (report id → "report … of 2026-12-03") are marked as carried from
    them; dispositions of reports in neither are ignored.
    """
    decisions: list[Disposition] = []
    notes: list[ReviewNote] = []
    for entry in entries:
        mine = report_id is None or entry.report_id == report_id
        if entry.what == Activity.FLAG_CLEARED:
            if mine:
                decisions.append(_disposition(entry))
            elif carried and entry.report_id is not None and entry.report_id in carried:
                origin = carried[entry.report_id]
                decisions.append(dataclasses.replace(_disposition(entry), carried_from=origin))
        elif entry.what == Activity.NOTE and mine:
            notes.append(_note(entry))
    return ReviewState.build(decisions, notes)


def _disposition(entry: ActivityEntry) -> Disposition:
    """A disposition from its log entry; entries written before dispositions had kinds
    (`{"key", "reason"}`, or a plain reason with the key as subject) read as accepted."""
    try:
        data = json.loads(entry.detail)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("key"), str):
        data.setdefault("disposition", "accepted")
        try:
            decision = disposition_from_json(data)
        except DecisionError:
            decision = Disposition(data["key"], "accepted", str(data.get("reason", "")))
    else:
        decision = Disposition(entry.subject, "accepted", entry.detail)
    return dataclasses.replace(decision, report_id=entry.report_id, decided_at=entry.at)


def _note(entry: ActivityEntry) -> ReviewNote:
    """A note from its log entry: `{"text", "by"}`, or (written before authors were kept) the
    plain text."""
    try:
        data = json.loads(entry.detail)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("text"), str):
        author = data.get("by")
        return ReviewNote(data["text"], entry.at, author if isinstance(author, str) else None)
    return ReviewNote(entry.detail, entry.at)


def load_review(
    log: ActivityLog, report_id: str | None = None, loan_file_id: str | None = None
) -> ReviewState:
    """The review of a report (or, without `report_id`, everything of a loan file)."""
    if report_id is not None and loan_file_id is None:
        return review_from_activity(log.entries(report_id=report_id), report_id)
    return review_from_activity(log.entries(loan_file_id=loan_file_id), report_id)


def record_disposition(
    log: ActivityLog, decision: Disposition, *, report_id: str, loan_file_id: str | None = None
) -> None:
    """Append a disposition to the log (its JSON goes in the sealed detail)."""
    if not decision.reason.strip():
        raise ValueError("A disposition needs a reason: say why the flag is resolved.")
    if decision.decided_by is None:
        decision = dataclasses.replace(decision, decided_by=current_user())
    log.log(
        Activity.FLAG_CLEARED,
        f"report {report_id}",
        detail=json.dumps(disposition_to_json(decision)),
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
        detail=json.dumps({"text": text.strip(), "by": current_user()}),
        loan_file_id=loan_file_id,
        report_id=report_id,
    )
