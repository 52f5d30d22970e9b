"""Sandbox integration tests: the local sandbox over real HTTP on 127.0.0.1."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

import pytest

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from tests.integration.sandbox.helpers import Api, Receiver

_DATA_SIDE = ("data", "reportgen", "pdf")
if any(importlib.util.find_spec(f"assets_desktop.sandbox.{m}") is None for m in _DATA_SIDE):
    # TEMPORARY until the data side (data.py, reportgen.py, pdf.py) lands.
    from tests.integration.sandbox import _fake_data

    _fake_data.install()


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
