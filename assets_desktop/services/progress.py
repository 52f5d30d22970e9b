"""Progress reported by the workflows to their caller (the UI shows it; tests record it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """One step of a workflow.

    Attributes:
        stage: a short label ("Creating report", "Waiting for Plaid", "Saving").
        detail: a sentence for a status line (never contains a secret).
        fraction: 0..1 when known, None for an indeterminate step.
    """

    stage: str
    detail: str = ""
    fraction: float | None = None


ProgressCallback = Callable[[Progress], None]


def ignore(_progress: Progress) -> None:
    """The default callback: discard progress."""


def reporter(callback: ProgressCallback | None) -> ProgressCallback:
    """`callback`, or one that ignores progress; a failing callback never breaks a workflow."""
    if callback is None:
        return ignore

    def safe(progress: Progress) -> None:
        try:
            callback(progress)
        except Exception:  # the UI's problem must not abort a billed workflow midway
            import logging

            logging.getLogger(__name__).exception("progress callback failed")

    return safe
