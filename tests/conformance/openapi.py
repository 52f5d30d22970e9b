"""Plaid's OpenAPI file, parsed once per session (brought up to today's schema), and validators."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import yaml
from openapi_schema_validator import OAS30Validator, oas30_format_checker

from tests.conformance import plaid_models

_NAME = "plaid-openapi-2020-09-14.yml"
FILE_VERSION = (
    "2020-09-14_1.697.4"  # the file beside the repo; today's is plaid_models.SCHEMA_VERSION
)
_REPO = Path(__file__).resolve().parents[2]
_CANDIDATES = [
    Path(os.environ.get("PLAID_OPENAPI_FILE", "/nonexistent")),
    _REPO / "reference" / _NAME,
    _REPO.parent / "shared" / "reference" / _NAME,
]
SPEC_PATH: Path | None = next((p for p in _CANDIDATES if p.is_file()), None)


@functools.cache
def spec() -> dict[str, Any]:
    """The parsed OpenAPI document (C loader: ~1.5 s instead of ~11 s)."""
    assert SPEC_PATH is not None, "no OpenAPI file: set PLAID_OPENAPI_FILE"
    with SPEC_PATH.open("rb") as handle:
        document: dict[str, Any] = yaml.load(handle, Loader=yaml.CSafeLoader)
    if document["info"]["version"] == FILE_VERSION:
        _bring_up_to_date(document["components"]["schemas"])
    return document


def _bring_up_to_date(schemas: dict[str, Any]) -> None:
    """Apply what changed 1.697.4 → 1.778.0 in the schemas the sandbox serves.

    The sandbox follows today's schema (plaid-python 46.0.0's models); where today's is looser
    or larger than the file's, the file is brought up to date here rather than failing.
    """
    schemas["AddressData"]["properties"]["street"]["nullable"] = True
    for name in ("AccountSubtype", "PlaidErrorType"):
        today = plaid_models.model(name).allowed_values[("value",)].values()
        schemas[name]["enum"] = [*schemas[name]["enum"], *(v for v in today if v is not None)]
    institution = schemas["Institution"]
    institution["properties"]["connection_availability"] = {
        "type": "string",
        "enum": ["SUPPORTED", "NOT_SUPPORTED"],
    }
    institution["required"] = [*institution["required"], "connection_availability"]
    schemas["Item"]["properties"]["paired_item_id"] = {"type": "string", "nullable": True}


@functools.cache
def validator(schema_name: str) -> OAS30Validator:
    """A validator for `#/components/schemas/<schema_name>`, resolving $refs in the document."""
    root = {"$ref": f"#/components/schemas/{schema_name}", "components": spec()["components"]}
    return OAS30Validator(root, format_checker=oas30_format_checker)


def has_path(path: str) -> bool:
    """Whether the OpenAPI file (1.697.4) has the endpoint; newer ones (`/beta/webhook_events/
    list`) are checked through plaid-python's models only."""
    return path in spec()["paths"]


def response_schema(path: str, status: str = "200") -> str:
    """The component name of an endpoint's response (`default` is the PlaidError)."""
    responses = spec()["paths"][path]["post"]["responses"]
    content = responses.get(status, responses["default"])["content"]
    media = content.get("application/json") or next(iter(content.values()))
    ref: str = media["schema"]["$ref"]
    return ref.rsplit("/", 1)[-1]


def check(schema_name: str, instance: Any) -> None:
    """Fail with every schema violation listed (path and message), not just the first."""
    errors = sorted(validator(schema_name).iter_errors(instance), key=lambda e: list(e.path))
    if errors:
        lines = [
            f"{'/'.join(map(str, e.path)) or '<root>'}: {e.message[:300]}" for e in errors[:20]
        ]
        raise AssertionError(f"{schema_name}: {len(errors)} violation(s)\n" + "\n".join(lines))
