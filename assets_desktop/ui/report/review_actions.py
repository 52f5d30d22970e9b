"""The review's actions of the report view: resolve or clear a flag, attach its document, undo
it, add a note (a mixin of `ReportView`; the view keeps the state and tells the caller)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Protocol

from assets_desktop.domain.analysis.decisions import Disposition
from assets_desktop.services.review import ReviewNote, ReviewState, current_user

__all__ = ["ReviewActions"]


class _View(Protocol):
    """What the review's actions use of the report view."""

    review: ReviewState
    _previous: dict[str, Disposition | None]
    flag_resolved: Any  # Signal(Disposition, str)
    note_added: Any  # Signal(str)

    def set_review(self, review: ReviewState) -> None: ...
    def resolve_flag(self, disposition: Disposition, document_path: str = "") -> None: ...


class ReviewActions:
    """Dispositions and notes of the report view (a mixin of `ReportView`)."""

    def resolve_flag(self: _View, disposition: Disposition, document_path: str = "") -> None:
        """Record a disposition here and tell the caller (`flag_resolved`)."""
        if not disposition.reason.strip():
            raise ValueError("A reason is required to resolve a flag.")
        now = dt.datetime.now(dt.UTC)
        decision = dataclasses.replace(disposition, decided_at=now, carried_from=None)
        self._previous[decision.key] = self.review.decisions.get(decision.key)
        self.set_review(self.review.with_disposition(decision))
        self.flag_resolved.emit(decision, document_path)

    def clear_flag(self: _View, key: str, reason: str) -> None:
        """Accept a flag as is, with a reason (the shortest disposition)."""
        self.resolve_flag(Disposition(key, "accepted", reason.strip()))

    def apply_document(self: _View, key: str, document_id: str, name: str) -> None:
        """The document of a disposition was stored: it can be opened from the flag."""
        if (current := self.review.decisions.get(key)) is not None:
            done = dataclasses.replace(current, document_id=document_id, document_name=name)
            self.set_review(self.review.with_disposition(done))

    def revert_flag(self: _View, key: str) -> None:
        """Undo a disposition the library could not keep (its document was refused)."""
        decisions = dict(self.review.decisions)
        previous = self._previous.pop(key, None)
        if previous is None:
            decisions.pop(key, None)
        else:
            decisions[key] = previous
        self.set_review(ReviewState(decisions, self.review.notes))

    def add_note(self: _View, text: str) -> None:
        """Add a note and tell the caller (`note_added`)."""
        text = text.strip()
        if not text:
            raise ValueError("A note cannot be empty.")
        note = ReviewNote(text, dt.datetime.now(dt.UTC), author=current_user())
        self.set_review(self.review.with_note(note))
        self.note_added.emit(text)
