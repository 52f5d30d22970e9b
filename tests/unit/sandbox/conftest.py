"""Fixtures for the sandbox data tests: Plaid's schemas (plaid-python, OpenAPI), a fixed clock."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator

from assets_desktop.sandbox.data import GeneratedItem, generate_item
from assets_desktop.sandbox.reportgen import build_report, render_report_json
from tests.conformance import plaid_models
from tests.conformance.openapi import SPEC_PATH, spec

NOW = dt.datetime(2026, 11, 25, 14, 30, 5, tzinfo=dt.UTC)
ITEM_ID = "Lx8bMvQ4Wdh3KrJ6TpZcNa2fYsG9oE1uVqBm7"
REPORT_ID = "6a3b1f0e-6f4e-4c1b-9d55-2f3c6a1e9b10"
BORROWER = {
    "client_user_id": "borrower-17",
    "first_name": "Alberta",
    "middle_name": None,
    "last_name": "Charleson",
    "ssn": "123-45-6789",
    "phone_number": "+14155550123",
    "email": "accountholder0@example.com",
}


#: The schemas a report is checked against: plaid-python's models (Plaid's current schema, in
#: every clone) and, where the file is present, the OpenAPI file. Parametrized, not skipped.
VALIDATORS = ["plaid-python"] + (["openapi"] if SPEC_PATH is not None else [])


def _openapi_errors() -> Callable[[str, Any], list[str]]:
    components = spec()["components"]  # parsed once, shared with conformance
    validators: dict[str, OAS30Validator] = {}

    def errors(name: str, instance: Any) -> list[str]:
        if name not in validators:
            schema = {"$ref": f"#/components/schemas/{name}", "components": components}
            validators[name] = OAS30Validator(schema)
        return [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
            for e in validators[name].iter_errors(instance)
        ]

    return errors


def _plaid_python_errors(name: str, instance: Any) -> list[str]:
    return plaid_models.model_errors(plaid_models.model(name), json.dumps(instance).encode())


@pytest.fixture(scope="session", params=VALIDATORS)
def schema_errors(request: pytest.FixtureRequest) -> Callable[[str, Any], list[str]]:
    """`schema_errors("AssetReportGetResponse", body)` → the validation errors ([] if valid)."""
    if request.param == "openapi":
        return _openapi_errors()
    return _plaid_python_errors


@functools.cache
def item_for(
    username: str, institution: str = "ins_109508", seed: int = 7, now: dt.datetime = NOW
) -> GeneratedItem:
    """A generated Item, cached across tests (generation is deterministic)."""
    return generate_item(username, institution, item_id=ITEM_ID, seed=seed, now=now)


def report_for(
    username: str,
    days_requested: int = 731,
    *,
    institution: str = "ins_109508",
    include_insights: bool = False,
    days_to_include: int | None = None,
    fast: bool = False,
    investments: bool = False,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The rendered `report` (and warnings) of one persona's Item."""
    stored = build_report(
        [item_for(username, institution)],
        asset_report_id=REPORT_ID,
        client_report_id="loan-2291-A",
        days_requested=days_requested,
        user=BORROWER,
        date_generated=NOW,
        investments=investments,
    )
    return render_report_json(
        stored, include_insights=include_insights, days_to_include=days_to_include, fast=fast
    )
