"""Unit tests of the client: collect garbage between qasync loops (stale Qt objects of a closed
loop must not be collected while a later loop runs)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _collect_garbage_between_loops() -> Iterator[None]:
    gc.collect()
    yield
    gc.collect()
