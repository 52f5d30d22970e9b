"""The underwriter's review of one report: cleared flags and notes (what the activity log holds).

The workspace reads these from the library's activity log when a report is opened and hands
them to the report view; the view reports new ones through signals, the workspace appends
them to the log. Keeping the state a plain value makes "a cleared flag survives a reopen" a
matter of replaying the log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["ClearedFlag", "ReviewNote", "ReviewState"]


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
