"""The review state replayed from the activity log (the library's, in a temporary folder)."""

from __future__ import annotations

import datetime as dt
import getpass
from pathlib import Path

import pytest

from assets_desktop.domain.analysis.decisions import Disposition
from assets_desktop.services.review import (
    load_review,
    record_disposition,
    record_note,
    review_from_activity,
)
from assets_desktop.store.library import Library
from assets_desktop.store.records import Activity, ActivityEntry


def entry(seq: int, what: str, subject: str, detail: str) -> ActivityEntry:
    """A log line of loan file L1 about report r1, as the library reads it back."""
    at = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
    return ActivityEntry(seq, f"a{seq}", at, what, subject, "L1", "r1", detail)


def test_replay_reads_json_details_plain_details_and_notes() -> None:
    state = review_from_activity(
        [
            entry(1, Activity.FLAG_CLEARED, "report r1", '{"key": "K1", "reason": "gift letter"}'),
            entry(2, Activity.FLAG_CLEARED, "K2", "transfer from own savings"),
            entry(3, Activity.NOTE, "report r1", "called the borrower"),
            entry(4, Activity.REPORT_SAVED, "report r1", ""),
            entry(
                5, Activity.FLAG_CLEARED, "report r1", '{"key": "K1", "reason": "gift letter v2"}'
            ),
        ]
    )
    assert {k: (c.kind, c.reason) for k, c in state.decisions.items()} == {
        "K1": ("accepted", "gift letter v2"),  # written before dispositions had kinds
        "K2": ("accepted", "transfer from own savings"),
    }
    assert [n.text for n in state.notes] == ["called the borrower"]
    assert state.resolution("K3") is None


def test_record_and_load_through_the_library(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as library:
        loan = library.loan_files.create(["Alberta Charleson"], "purchase", "6000.00").id
        with pytest.raises(ValueError, match="needs a reason"):
            record_disposition(
                library.activity,
                Disposition("K1", "sourced", "  "),
                report_id="r1",
                loan_file_id=loan,
            )
        decision = Disposition("K1", "sourced", "gift letter", source="gift_letter",
                               gift_donor="Aunt May")  # fmt: skip
        record_disposition(library.activity, decision, report_id="r1", loan_file_id=loan)
        record_note(library.activity, "all good", report_id="r1", loan_file_id=loan)
    with Library(tmp_path / "lib") as reopened:
        state = load_review(reopened.activity, loan_file_id=loan)
    kept = state.decisions["K1"]
    assert (kept.kind, kept.reason, kept.source, kept.gift_donor) == (
        "sourced", "gift letter", "gift_letter", "Aunt May"
    )  # fmt: skip
    assert kept.decided_at is not None and kept.report_id == "r1"
    assert kept.decided_by == getpass.getuser()  # who decided, kept with the decision
    assert [(n.text, n.author) for n in state.notes] == [("all good", getpass.getuser())]
