"""Typed library errors reach the user as their own sentence, not as "unexpected error"."""

from __future__ import annotations

from pathlib import Path

import pytest

from assets_desktop.store.errors import (
    DiskFullError,
    ImportRejectedError,
    LibraryError,
    NotFoundError,
    ReadOnlyLibraryError,
)
from assets_desktop.ui.workspace.errors import describe_error

FOLDER = str(Path("/data/assets-desktop"))


@pytest.mark.parametrize(
    "error",
    [
        ImportRejectedError("report.json is cut short: download or copy it again."),
        ReadOnlyLibraryError(f"The library folder {FOLDER} is read-only, so …", FOLDER),
        DiskFullError(f"The disk holding the library folder {FOLDER} is full, so …", FOLDER),
        NotFoundError("There is no such report in the library (id 7)."),
    ],
)
def test_a_library_error_is_shown_as_its_message(error: LibraryError) -> None:
    text = describe_error(error, "Importing the report")
    assert text == f"Importing the report failed: {error}"
    assert "unexpected" not in text and "report it" not in text
