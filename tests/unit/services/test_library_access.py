"""A scripted run's passphrase: --passphrase-file first, then ASSETS_DESKTOP_PASSPHRASE."""

from __future__ import annotations

from pathlib import Path

import pytest

from assets_desktop.services.library_access import (
    PASSPHRASE_ENV,
    PassphraseSourceError,
    passphrase_from,
)


def test_the_file_wins_over_the_variable_and_loses_its_newline(tmp_path: Path) -> None:
    file = tmp_path / "passphrase"
    file.write_text("from the file  \nsecond line ignored\n")
    environ = {PASSPHRASE_ENV: "from the variable"}
    assert passphrase_from(file, environ) == "from the file  "  # spaces are part of it
    assert passphrase_from(None, environ) == "from the variable"
    assert passphrase_from(None, {}) is None
    assert passphrase_from(None, {PASSPHRASE_ENV: ""}) is None


def test_an_unreadable_or_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PassphraseSourceError, match="Cannot read the passphrase file"):
        passphrase_from(tmp_path / "absent", {})
    (tmp_path / "empty").write_text("\n")
    with pytest.raises(PassphraseSourceError, match="is empty"):
        passphrase_from(tmp_path / "empty", {})
