"""The review state replayed from the activity log (the library's, in a temporary folder)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from assets_desktop.services.review import (
    load_review,
    record_flag_cleared,
    record_note,
    review_from_activity,
)
from assets_desktop.store.library import Library
from assets_desktop.store.records import Activity


@dataclass(frozen=True)
class Entry:
    what: str
    subject: str
    detail: str
    at: dt.datetime = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)


def test_replay_reads_json_details_plain_details_and_notes() -> None:
    state = review_from_activity(
        [
            Entry(Activity.FLAG_CLEARED, "report r1", '{"key": "K1", "reason": "gift letter"}'),
            Entry(Activity.FLAG_CLEARED, "K2", "transfer from own savings"),
            Entry(Activity.NOTE, "report r1", "called the borrower"),
            Entry(Activity.REPORT_SAVED, "report r1", ""),
            Entry(Activity.FLAG_CLEARED, "report r1", '{"key": "K1", "reason": "gift letter v2"}'),
        ]
    )
    assert {k: c.reason for k, c in state.cleared.items()} == {
        "K1": "gift letter v2",
        "K2": "transfer from own savings",
    }
    assert [n.text for n in state.notes] == ["called the borrower"]
    assert state.resolution("K3") is None


def test_record_and_load_through_the_library(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as library:
        loan = library.create_loan_file(["Alberta Charleson"], "purchase", "6000.00").id
        with pytest.raises(ValueError, match="needs a reason"):
            record_flag_cleared(library, "K1", "  ", report_id="r1", loan_file_id=loan)
        record_flag_cleared(library, "K1", "gift letter", report_id="r1", loan_file_id=loan)
        record_note(library, "all good", report_id="r1", loan_file_id=loan)
    with Library(tmp_path / "lib") as reopened:
        state = load_review(reopened, loan_file_id=loan)
    assert state.cleared["K1"].reason == "gift letter"
    assert state.cleared["K1"].cleared_at is not None
    assert [n.text for n in state.notes] == ["all good"]
