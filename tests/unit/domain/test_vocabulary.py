"""The closed vocabularies: one name per environment for people, Plaid's URL for the hosted ones,
and members that equal the strings kept in files and rows."""

from __future__ import annotations

import json

from assets_desktop.domain.vocabulary import PlaidEnvironment, ReportRelation, ReportState


def test_each_environment_has_one_label_and_the_hosted_ones_a_plaid_url() -> None:
    assert [(e.label, e.plaid_url) for e in PlaidEnvironment] == [
        ("Local sandbox (built in)", None),
        ("Plaid Sandbox", "https://sandbox.plaid.com"),
        ("Plaid Production", "https://production.plaid.com"),
    ]


def test_members_are_the_strings_stored_in_files_and_rows() -> None:
    assert PlaidEnvironment("production") is PlaidEnvironment.PRODUCTION
    assert [str(s) for s in ReportState] == ["building", "ready", "failed", "removed"]
    assert [str(r) for r in ReportRelation] == ["refresh", "filter"]
    assert json.dumps({"state": ReportState.READY}) == '{"state": "ready"}'
