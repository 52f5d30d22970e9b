"""Fixtures for workflow tests against the local sandbox over loopback."""

from __future__ import annotations

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
    return library.loan_files.create(["Alberta Bobbeth Charleson"], "purchase", 8000).id
