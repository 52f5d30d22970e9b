"""Conformance tests: every sandbox response validated against Plaid's OpenAPI schemas."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from tests.conformance.caller import Conform
from tests.conformance.openapi import SPEC_PATH
from tests.integration.sandbox.helpers import Receiver

if SPEC_PATH is None:
    pytest.skip(
        "Plaid's OpenAPI file was not found: set PLAID_OPENAPI_FILE to "
        "plaid-openapi-2020-09-14.yml",
        allow_module_level=True,
    )


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A webhook receiver on 127.0.0.1."""
    hook = Receiver()
    yield hook
    hook.close()


@pytest.fixture
def conform(sandbox: EmbeddedSandbox) -> Iterator[Conform]:
    """An API caller that validates every response it gets."""

    client = Conform(sandbox)
    yield client
    client.close()
