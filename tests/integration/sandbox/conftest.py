"""Sandbox integration tests: the local sandbox over real HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from tests.integration.sandbox.helpers import Api, Receiver


@pytest.fixture
def api(sandbox: EmbeddedSandbox) -> Iterator[Api]:
    """A sync client of the `sandbox` fixture."""
    client = Api(sandbox)
    yield client
    client.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A webhook receiver on 127.0.0.1."""
    hook = Receiver()
    yield hook
    hook.close()
