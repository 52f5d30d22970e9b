"""Request validation as Plaid does it: MISSING_FIELDS, UNKNOWN_FIELDS, INVALID_FIELD.

Each endpoint declares its body as a tree of `Field`s (from the OpenAPI request schemas).
Nested objects are checked too and reported with dotted paths (`options.days_to_include`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assets_desktop.sandbox.errors import PlaidError, invalid_request

_KIND_NAMES = {
    "str": "a string",
    "int": "an integer",
    "num": "a number",
    "bool": "a boolean",
    "list": "an array",
    "obj": "an object",
    "any": "a value",
}


@dataclass(frozen=True)
class Field:
    """One field of a request body."""

    kind: str
    required: bool = False
    nullable: bool = False
    minimum: int | None = None
    maximum: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    min_length: int | None = None
    items: Field | None = None
    fields: dict[str, Field] | None = None  # for "obj": the known keys; None = any keys
    open: bool = False  # for "obj": unknown keys allowed (additionalProperties: true)
    enum: frozenset[str] | None = None


def string(
    *,
    required: bool = False,
    nullable: bool = False,
    enum: set[str] | None = None,
    min_length: int | None = None,
) -> Field:
    """A string field."""
    return Field(
        "str", required, nullable, enum=frozenset(enum) if enum else None, min_length=min_length
    )


def integer(lo: int, hi: int, *, required: bool = False, nullable: bool = False) -> Field:
    """An integer field within [lo, hi]."""
    return Field("int", required, nullable, minimum=lo, maximum=hi)


def boolean(*, nullable: bool = False) -> Field:
    """A boolean field."""
    return Field("bool", nullable=nullable)


def array(
    items: Field,
    *,
    required: bool = False,
    nullable: bool = False,
    lo: int | None = None,
    hi: int | None = None,
) -> Field:
    """An array field with an item spec and optional size bounds."""
    return Field("list", required, nullable, items=items, min_items=lo, max_items=hi)


def obj(
    fields: dict[str, Field] | None = None,
    *,
    required: bool = False,
    nullable: bool = False,
    open: bool = False,
) -> Field:
    """An object field; `fields=None` accepts any keys."""
    return Field("obj", required, nullable, fields=fields, open=open)


ANY = Field("any", nullable=True)
AUTH_FIELDS = {"client_id": string(), "secret": string()}


def _type_ok(kind: str, value: Any) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "num":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "list":
        return isinstance(value, list)
    if kind == "obj":
        return isinstance(value, dict)
    return True


class _Walker:
    def __init__(self) -> None:
        self.missing: list[str] = []
        self.unknown: list[str] = []
        self.invalid: list[str] = []

    def walk_object(self, value: dict[str, Any], spec: Field, path: str) -> None:
        if spec.fields is None:
            return
        prefix = f"{path}." if path else ""
        for key, sub in spec.fields.items():
            if key not in value:
                if sub.required:
                    self.missing.append(prefix + key)
                continue
            self.walk(value[key], sub, prefix + key)
        if not spec.open:
            self.unknown.extend(prefix + key for key in value if key not in spec.fields)

    def walk(self, value: Any, spec: Field, path: str) -> None:
        if value is None:
            if not spec.nullable and spec.kind != "any":
                self.invalid.append(f"{path} must be {_KIND_NAMES[spec.kind]}, not null")
            return
        if not _type_ok(spec.kind, value):
            self.invalid.append(f"{path} must be {_KIND_NAMES[spec.kind]}")
            return
        if spec.kind == "int":
            if spec.minimum is not None and value < spec.minimum:
                self.invalid.append(f"{path} must be at least {spec.minimum} (got {value})")
            elif spec.maximum is not None and value > spec.maximum:
                self.invalid.append(f"{path} must be at most {spec.maximum} (got {value})")
        elif spec.kind == "str":
            if spec.enum is not None and value not in spec.enum:
                allowed = ", ".join(sorted(spec.enum))
                self.invalid.append(f"{path} must be one of: {allowed} (got {value!r})")
            elif spec.min_length is not None and len(value) < spec.min_length:
                self.invalid.append(f"{path} must not be empty")
        elif spec.kind == "list":
            self._walk_list(value, spec, path)
        elif spec.kind == "obj":
            self.walk_object(value, spec, path)

    def _walk_list(self, value: list[Any], spec: Field, path: str) -> None:
        if spec.min_items is not None and len(value) < spec.min_items:
            self.invalid.append(f"{path} must have at least {spec.min_items} item(s)")
        elif spec.max_items is not None and len(value) > spec.max_items:
            self.invalid.append(
                f"{path} must have at most {spec.max_items} items (got {len(value)})"
            )
        elif spec.items is not None:
            for index, item in enumerate(value):
                self.walk(item, spec.items, f"{path}[{index}]")


def validate(body: Any, fields: dict[str, Field]) -> dict[str, Any]:
    """Check `body` against an endpoint's fields; returns it, or raises Plaid's error."""
    if not isinstance(body, dict):
        raise invalid_request(
            "INVALID_BODY", "body could not be parsed as JSON: expected a JSON object"
        )
    walker = _Walker()
    walker.walk_object(body, obj({**AUTH_FIELDS, **fields}), "")
    if walker.missing:
        raise invalid_request(
            "MISSING_FIELDS",
            "the following required fields are missing: " + ", ".join(walker.missing),
        )
    if walker.unknown:
        raise invalid_request(
            "UNKNOWN_FIELDS",
            "the following fields are not recognized by this endpoint: "
            + ", ".join(walker.unknown),
        )
    if walker.invalid:
        raise invalid_request("INVALID_FIELD", "; ".join(walker.invalid))
    return body


def field_error(message: str) -> PlaidError:
    """INVALID_FIELD for checks the field tree cannot express."""
    return invalid_request("INVALID_FIELD", message)
