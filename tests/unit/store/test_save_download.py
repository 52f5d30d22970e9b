"""Saving a downloaded report with the light check (`full_check=False`): the bytes are kept
exactly, the record's header fields are filled, and unusable JSON is refused with its reason."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assets_desktop.store.errors import ImportRejectedError
from assets_desktop.store.library import Library

from .factories import report_json


def test_light_check_keeps_the_bytes_and_fills_the_record(library: Library, loan: str) -> None:
    record = library.reports.add(loan, "rep-1", days_requested=60)
    raw = report_json("rep-1")
    ready = library.reports.save_content(record.id, raw, full_check=False)
    assert (ready.state, ready.has_json, ready.json_size) == ("ready", True, len(raw))
    assert ready.date_generated is not None
    assert library.reports.json(record.id) == raw
    assert library.reports.open(record.id).report.transaction_count() == 3


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda raw: raw[: len(raw) // 2], "is not a Plaid Asset Report"),
        (lambda raw: b'{"request_id": "r"}', "is not a Plaid Asset Report"),
        (lambda raw: b"  \n", "is empty"),
    ],
)
def test_light_check_refuses_unusable_json(
    library: Library, loan: str, mangle: Callable[[bytes], bytes], reason: str
) -> None:
    record = library.reports.add(loan, "rep-1")
    with pytest.raises(ImportRejectedError, match=reason):
        library.reports.save_content(record.id, mangle(report_json("rep-1")), full_check=False)
    assert library.reports.get(record.id).state == "building"


def test_light_check_refuses_another_report(library: Library, loan: str) -> None:
    record = library.reports.add(loan, "rep-1")
    with pytest.raises(ImportRejectedError, match="is report rep-2, not rep-1"):
        library.reports.save_content(record.id, report_json("rep-2"), full_check=False)
