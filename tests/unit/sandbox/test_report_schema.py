"""Every persona's report validates against Plaid's OpenAPI schemas, in every rendering."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from assets_desktop.sandbox.data import known_usernames
from tests.unit.sandbox.conftest import ITEM_ID, report_for

SchemaErrors = Callable[[str, Any], list[str]]


def _one_of_each_kind(report: dict[str, Any]) -> None:
    """Keep two transactions per description and account: the shapes, not the volume."""
    for item in report["items"]:
        for account in item["accounts"]:
            seen: dict[str, int] = {}
            kept = []
            for txn in account["transactions"]:
                seen[txn["original_description"]] = seen.get(txn["original_description"], 0) + 1
                if seen[txn["original_description"]] <= 2:
                    kept.append(txn)
            account["transactions"] = kept


def _response(username: str, institution: str, **render: Any) -> dict[str, Any]:
    report, warnings = report_for(username, 90, institution=institution, **render)
    _one_of_each_kind(report)  # jsonschema is slow; 14,000 rows of one shape add nothing
    return {"report": report, "warnings": warnings, "request_id": "Vk3b8Q2mZt9pLx1"}


@pytest.mark.parametrize("username", known_usernames())
@pytest.mark.parametrize(
    "render",
    [
        {"include_insights": False, "days_to_include": None, "fast": False},
        {"include_insights": True, "days_to_include": None, "fast": False},
        {"include_insights": False, "days_to_include": None, "fast": True},
        {"include_insights": True, "days_to_include": 30, "fast": False, "investments": True},
    ],
    ids=["standard", "insights", "fast", "investments"],
)
def test_persona_report_matches_the_schema(
    schema_errors: SchemaErrors, username: str, render: dict[str, Any]
) -> None:
    body = _response(username, "ins_109508", **render)
    assert schema_errors("AssetReportGetResponse", body) == []


def test_report_without_identity_matches_the_schema_and_warns(schema_errors: SchemaErrors) -> None:
    body = _response("user_good", "ins_109512", include_insights=True, days_to_include=None,
                     fast=False)  # fmt: skip
    assert schema_errors("AssetReportGetResponse", body) == []
    assert [w["warning_code"] for w in body["warnings"]] == ["OWNERS_UNAVAILABLE"]
    assert body["warnings"][0]["cause"]["item_id"] == ITEM_ID
    for account in body["report"]["items"][0]["accounts"]:
        assert account["owners"] == []


def test_the_validator_does_catch_a_missing_required_field(schema_errors: SchemaErrors) -> None:
    body = _response("user_good", "ins_109508", include_insights=False, days_to_include=None,
                     fast=False)  # fmt: skip
    del body["report"]["items"][0]["accounts"][0]["mask"]
    errors = schema_errors("AssetReportGetResponse", body)
    assert len(errors) == 1 and "'mask'" in errors[0] and "required" in errors[0], errors
