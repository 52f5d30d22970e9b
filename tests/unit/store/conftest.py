"""Fixtures for library tests: a library in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assets_desktop.store.library import Library


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def loan(library: Library) -> str:
    return library.loan_files.create(["Alberta Charleson"], "purchase", "8250.00").id
