"""Plaid's current schema as plaid-python's generated models enforce it (type checks on).

plaid-python (pinned in the test extra) is generated from Plaid's current OpenAPI file; its
`ApiClient.deserialize(..., _check_type=True)` is what Plaid's users' code runs on every answer:
it rejects a missing required field, a wrong type, or a null where the schema has no null.
Enum values it lets through on purpose, so `enum_errors` checks them against the same models'
`allowed_values`. Unlike the OpenAPI file beside the repo, plaid-python is installed in every
clone, so these checks never skip.
"""

from __future__ import annotations

import functools
import importlib
import re
from typing import Any

import plaid
from plaid.api import plaid_api
from plaid.model_utils import ModelNormal, ModelSimple, OpenApiModel

SCHEMA_VERSION = "2020-09-14_1.778.0"  # the OpenAPI version plaid-python 46.0.0 is generated from

#: (webhook_type, webhook_code) → the plaid-python model of that payload.
WEBHOOK_MODELS: dict[tuple[str, str], str] = {
    ("ASSETS", "PRODUCT_READY"): "AssetsProductReadyWebhook",
    ("ASSETS", "ERROR"): "AssetsErrorWebhook",
    ("LINK", "SESSION_FINISHED"): "LinkSessionFinishedWebhook",
    ("TRANSACTIONS", "DEFAULT_UPDATE"): "DefaultUpdateWebhook",
}


class _Raw:
    """The little of a urllib3 response that `ApiClient.deserialize` reads."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def getheader(self, name: str) -> None:
        return None


@functools.cache
def _client() -> plaid.ApiClient:
    return plaid.ApiClient(plaid.Configuration(host=plaid.Environment.Sandbox))


@functools.cache
def response_models() -> dict[str, Any]:
    """Endpoint path → its 200 response model, read from plaid-python's own `PlaidApi`."""
    api = plaid_api.PlaidApi(_client())
    return {
        endpoint.settings["endpoint_path"]: endpoint.settings["response_type"][0]
        for name, endpoint in vars(api).items()
        if name.endswith("_endpoint") and endpoint.settings["response_type"]
    }


@functools.cache
def model(name: str) -> Any:
    """The plaid-python model class called `name` (e.g. "AssetReportGetResponse")."""
    module = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
    return getattr(importlib.import_module(f"plaid.model.{module}"), name)


def deserialize(model_class: Any, body: bytes) -> Any:
    """`body` read through `model_class` exactly as plaid-python reads an answer."""
    return _client().deserialize(_Raw(body), (model_class,), True)


def model_errors(model_class: Any, body: bytes) -> list[str]:
    """[] when `body` reads as `model_class` with every enum value listed, else the complaints."""
    try:
        value = deserialize(model_class, body)
    except (TypeError, ValueError, plaid.OpenApiException) as error:
        return [f"{model_class.__name__}: {error}"]
    return [f"{model_class.__name__}: {problem}" for problem in enum_errors(value, "")]


def enum_errors(value: Any, path: str) -> list[str]:
    """Enum values the schema does not list, anywhere in a deserialized model.

    plaid-python reads unlisted enum values on purpose (its `check_allowed_values` is a no-op,
    so a value Plaid adds never breaks its users); the sandbox, though, must send listed ones.
    """
    if isinstance(value, list):
        return [e for i, item in enumerate(value) for e in enum_errors(item, f"{path}/{i}")]
    if isinstance(value, ModelSimple):
        return _unlisted(value, ("value",), value.value, path)
    if not isinstance(value, ModelNormal):
        return []
    errors = []
    for name, inner in value._data_store.items():
        errors += _unlisted(value, (name,), inner, f"{path}/{name}")
        errors += enum_errors(inner, f"{path}/{name}")
    return errors


def _unlisted(owner: Any, key: tuple[str], value: Any, path: str) -> list[str]:
    allowed = owner.allowed_values.get(key)
    if allowed is None or value is None or isinstance(value, OpenApiModel):
        return []
    listed = set(allowed.values())
    kind = type(owner).__name__ if key == ("value",) else f"{type(owner).__name__}.{key[0]}"
    return [
        f"{path or '<root>'}: {v!r} is not a value of {kind}"
        for v in (value if isinstance(value, list) else [value])
        if v not in listed
    ]


def response_model(path: str, status: int) -> Any:
    """The model plaid-python reads an answer of `path` with `status` into."""
    if status != 200:
        return model("PlaidError")
    models = response_models()
    assert path in models, f"plaid-python has no endpoint {path}: is it still Plaid's API?"
    return models[path]


def webhook_model(payload: dict[str, Any]) -> Any:
    """The model of a webhook payload, by its type and code."""
    key = (payload.get("webhook_type"), payload.get("webhook_code"))
    assert key in WEBHOOK_MODELS, f"no plaid-python model listed for webhook {key}"
    return model(WEBHOOK_MODELS[key])


def check_response(path: str, status: int, body: bytes) -> None:
    """Fail with plaid-python's complaints if it would not read this answer."""
    errors = model_errors(response_model(path, status), body)
    assert not errors, f"{path} ({status}) rejected by plaid-python {plaid.__version__}: {errors}"


def check_webhook(body: bytes, payload: dict[str, Any]) -> None:
    """Fail with plaid-python's complaints if it would not read this webhook."""
    errors = model_errors(webhook_model(payload), body)
    assert not errors, f"webhook rejected by plaid-python {plaid.__version__}: {errors}"
