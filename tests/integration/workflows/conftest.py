"""Fixtures for workflow tests against the local sandbox over loopback."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from assets_desktop.store.library import Library


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """An empty library in a temporary directory (secrets in the in-memory keyring)."""
    opened = Library(tmp_path / "library")
    yield opened
    opened.close()


@pytest.fixture
def loan_file_id(library: Library) -> str:
    return library.create_loan_file(["Alberta Bobbeth Charleson"], "purchase", 8000).id


@pytest.fixture(autouse=True)
def _collect_garbage_between_loops() -> Iterator[None]:
    """Collect between tests: a closed qasync loop's Qt objects (socket notifiers, signallers)
    collected while a LATER loop runs crash the process (seen here after ~18 socket tests)."""
    gc.collect()
    yield
    gc.collect()
