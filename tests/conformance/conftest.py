"""Conformance tests: every sandbox response and webhook validated against Plaid's schemas.

Nothing here skips: plaid-python's models validate in every clone; the OpenAPI file adds its
checks where it is present (see `caller.Conform`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from tests.conformance.caller import Conform, check_webhook
from tests.integration.sandbox.helpers import Receiver


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A webhook receiver on 127.0.0.1; every webhook it got is validated at the end."""
    hook = Receiver()
    yield hook
    hook.close()
    for body in hook.bodies():
        check_webhook(body)


@pytest.fixture
def conform(sandbox: EmbeddedSandbox) -> Iterator[Conform]:
    """An API caller that validates every response it gets."""

    client = Conform(sandbox)
    yield client
    client.close()
