"""Storage failures get typed errors naming the folder and what to do; nothing saved is lost."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from assets_desktop.store.errors import DiskFullError, ReadOnlyLibraryError
from assets_desktop.store.library import Library
from tests.unit.store.factories import report_json


@contextlib.contextmanager
def read_only_view(folder: Path) -> Iterator[Path]:
    """`folder`, read-only: by file modes for an ordinary user; for root (who ignores them), a
    read-only bind mount of it."""
    if os.geteuid() != 0:
        paths = [*folder.iterdir(), folder]
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield folder
        finally:
            for path in paths:
                path.chmod(0o755 if path.is_dir() else 0o644)
        return
    view = folder.with_name(folder.name + "-read-only")
    view.mkdir()
    if subprocess.run(["mount", "--bind", str(folder), str(view)]).returncode != 0:
        pytest.skip("running as root without the right to mount: file modes would not apply")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        yield view
    finally:
        subprocess.run(["umount", str(view)], check=False)


def _assert_read_only_message(error: ReadOnlyLibraryError, folder: Path) -> None:
    message = str(error)
    assert f"The library folder {folder} is read-only" in message, message
    assert "writable" in message and "--data-dir" in message
    assert "Move it aside" not in message  # the library itself is healthy
    assert error.folder == str(folder)


def test_a_read_only_library_folder_is_not_called_unusable(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    with Library(folder) as library:
        library.loan_files.create(["Alberta Charleson"], "purchase", "8000")
    with read_only_view(folder) as view, pytest.raises(ReadOnlyLibraryError) as opening:
        Library(view)
    _assert_read_only_message(opening.value, view)
    with Library(folder) as library:
        assert [f.borrower_names for f in library.loan_files.all()] == [("Alberta Charleson",)]


def test_a_write_refused_as_read_only_is_typed_and_keeps_what_was_saved(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    with Library(folder) as library:
        library.loan_files.create(["Alberta Charleson"], "purchase", "8000")
        library.database.backend.raw_writer.execute(
            "PRAGMA query_only = ON"
        )  # SQLite's SQLITE_READONLY
        with pytest.raises(ReadOnlyLibraryError) as writing:
            library.loan_files.create(["Marcus Charleson"], "purchase", "1")
        assert [f.borrower_names for f in library.loan_files.all()] == [("Alberta Charleson",)]
    _assert_read_only_message(writing.value, folder)


def test_a_full_disk_is_a_typed_error_and_earlier_saves_are_kept(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    with Library(folder) as library:
        loan = library.loan_files.create(["Alberta Charleson"], "purchase", "8000").id
        saved = library.reports.save(loan, report_json("rep-1"), None, source="import")
        pages = library.database.backend.raw_writer.execute("PRAGMA page_count").fetchone()[0]
        library.database.backend.raw_writer.execute(
            f"PRAGMA max_page_count = {pages + 2}"
        )  # the disk is full
        with pytest.raises(DiskFullError) as raised:
            library.reports.save(loan, report_json("rep-2", 3000), None, source="import")
        assert str(folder) in str(raised.value) and "Free some space" in str(raised.value)
        assert raised.value.folder == str(folder)
        assert [r.id for r in library.reports.all()] == [saved.id]
        assert library.reports.json(saved.id) == report_json("rep-1")
