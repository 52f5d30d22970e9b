"""Fixtures for the sandbox data tests: the Plaid OpenAPI schemas and a fixed clock."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_schema_validator import OAS30Validator

_NAME = "plaid-openapi-2020-09-14.yml"
_REPO = Path(__file__).resolve().parents[3]
_CANDIDATES = [
    Path(os.environ.get("PLAID_OPENAPI_FILE", "/nonexistent")),
    _REPO / "reference" / _NAME,
    _REPO.parent / "shared" / "reference" / _NAME,
]
OPENAPI = next((p for p in _CANDIDATES if p.is_file()), _CANDIDATES[-1])
NOW = dt.datetime(2026, 11, 25, 14, 30, 5, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def openapi_components() -> dict[str, Any]:
    """The `components` section of Plaid's OpenAPI file (loaded once; C loader)."""
    if not OPENAPI.exists():
        pytest.skip(f"Plaid's OpenAPI file is not at {OPENAPI}; set PLAID_OPENAPI_FILE")
    with OPENAPI.open("rb") as handle:
        spec = yaml.load(handle, Loader=yaml.CSafeLoader)
    components: dict[str, Any] = spec["components"]
    return components


@pytest.fixture(scope="session")
def schema_errors(openapi_components: dict[str, Any]) -> Callable[[str, Any], list[str]]:
    """`schema_errors("AssetReportGetResponse", body)` → the validation errors ([] if valid)."""
    validators: dict[str, OAS30Validator] = {}

    def errors(name: str, instance: Any) -> list[str]:
        if name not in validators:
            schema = {"$ref": f"#/components/schemas/{name}", "components": openapi_components}
            validators[name] = OAS30Validator(schema)
        return [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
            for e in validators[name].iter_errors(instance)
        ]

    return errors
