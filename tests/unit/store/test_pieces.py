"""Decoding in pieces gives exactly what decode_report_response gives, errors included."""

from __future__ import annotations

import json

import pytest

from assets_desktop.domain.report import NotAnAssetReportError, decode_report_response
from assets_desktop.store.library import Library
from assets_desktop.store.pieces import decode_report_in_pieces

from .factories import report_json


def _variants() -> list[bytes]:
    full = report_json("rep-1", transactions=40, extra={"future_field": {"x": 1}})
    body = json.loads(full)
    bare = json.dumps(body["report"]).encode()
    body["report"]["items"][0]["accounts"][0].pop("transactions")
    no_transactions = json.dumps(body).encode()
    body["report"]["items"] = []
    no_items = json.dumps(body).encode()
    return [full, bare, no_transactions, no_items]


@pytest.mark.parametrize("data", _variants(), ids=["full", "bare", "no-txns", "no-items"])
def test_pieces_equal_the_whole_decode(data: bytes) -> None:
    assert decode_report_in_pieces(data) == decode_report_response(data)


@pytest.mark.parametrize(
    "data",
    [
        b"[1, 2]",
        report_json()[:-50],
        report_json().replace(b'"amount": -2500.0', b'"amount": "twelve"', 1),
        report_json().replace(b'"transactions": [', b'"transactions": null, "x": [', 1),
    ],
    ids=["not-a-report", "truncated", "bad-amount", "null-transactions"],
)
def test_pieces_fail_like_the_whole_decode(data: bytes) -> None:
    with pytest.raises(NotAnAssetReportError) as whole:
        decode_report_response(data)
    with pytest.raises(NotAnAssetReportError) as pieces:
        decode_report_in_pieces(data)
    assert str(pieces.value) == str(whole.value)


def test_the_library_opens_a_report_in_pieces(library: Library, loan: str) -> None:
    record = library.reports.save(loan, report_json("rep-1", 25), source="import")
    assert library.reports.open(record.id, in_pieces=True) == library.reports.open(record.id)
