"""The loan's GSE token and relay tokens, kept beside audit copies."""

from __future__ import annotations

import pytest

from assets_desktop.store import secrets
from assets_desktop.store.library import Library
from assets_desktop.store.records import Activity

from .factories import report_json


def test_one_gse_token_per_loan_moved_to_a_refresh_and_removed(library: Library, loan: str) -> None:
    first = library.reports.save(loan, report_json("rep-1"), source="plaid:local")
    second = library.reports.save(loan, report_json("rep-2"), source="plaid:local")
    copy = library.tokens.add_gse(first.id, "a-sandbox-GSE")
    assert copy.kind == "gse" and library.tokens.gse(loan) == copy
    assert library.secrets.get(secrets.AUDIT_COPY_TOKEN, copy.id) == "a-sandbox-GSE"
    with pytest.raises(ValueError, match="already has a GSE token"):
        library.tokens.add_gse(second.id, "a-sandbox-OTHER")

    moved = library.tokens.move_gse(copy.id, second.id)
    assert moved.report_id == second.id and library.audit_copies.of_report(first.id) == []
    removed = library.tokens.mark_removed(copy.id)
    assert not removed.active and library.tokens.gse(loan) is None
    assert library.secrets.get(secrets.AUDIT_COPY_TOKEN, copy.id) is None
    logged = [
        (e.what, e.detail) for e in library.activity.entries(loan_file_id=loan) if "GSE" in e.what
    ]
    assert logged == [
        (Activity.GSE_TOKEN_CREATED, "VOA token for Fannie Mae D1C / Freddie Mac AIM"),
        (Activity.GSE_TOKEN_UPDATED, "from report rep-1 to rep-2"),
        (Activity.GSE_TOKEN_REMOVED, "VOA token for Fannie Mae D1C / Freddie Mac AIM"),
    ]


def test_a_gse_token_stays_in_its_loan_file(library: Library, loan: str) -> None:
    first = library.reports.save(loan, report_json("rep-1"), source="plaid:local")
    other_loan = library.loan_files.create(["Other Borrower"], "purchase").id
    other = library.reports.save(other_loan, report_json("rep-9"), source="plaid:local")
    copy = library.tokens.add_gse(first.id, "a-sandbox-GSE")
    with pytest.raises(ValueError, match="its own loan file"):
        library.tokens.move_gse(copy.id, other.id)


def test_relay_tokens_name_their_partner(library: Library, loan: str) -> None:
    record = library.reports.save(loan, report_json("rep-1"), source="plaid:local")
    relay = library.tokens.add_relay(record.id, " partner-client-id ", "credit-relay-sandbox-1")
    assert (relay.kind, relay.partner) == ("relay", "partner-client-id")
    with pytest.raises(ValueError, match="secondary_client_id"):
        library.tokens.add_relay(record.id, "  ", "credit-relay-sandbox-2")
    library.tokens.mark_removed(relay.id)
    assert [e.what for e in library.activity.entries(report_id=record.id)][-2:] == [
        Activity.RELAY_TOKEN_CREATED,
        Activity.RELAY_TOKEN_REMOVED,
    ]
