"""What a failed write or open of the library's folder means: read-only, full disk, I/O error.

Judged by SQLite's error code (`sqlite_errorname`) or the OS's errno, never by message text.
"""

from __future__ import annotations

from pathlib import Path

from assets_desktop.store.errors import DiskFullError, ReadOnlyLibraryError, StorageError

_READ_ONLY = {"SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"}


def storage_error(
    error: BaseException, data_dir: Path, outcome: str = "the change was not saved"
) -> StorageError | None:
    """The typed error for a failed write to the library in `data_dir`, or None if `error` is
    not about the storage (judged by SQLite's error code or the OS's errno)."""
    name = str(getattr(error, "sqlite_errorname", ""))
    errno = getattr(error, "errno", None)
    kept = "Everything saved before is intact."
    if name.startswith("SQLITE_FULL") or errno == 28:  # ENOSPC
        return DiskFullError(
            f"The disk holding the library folder {data_dir} is full, so {outcome}. {kept} "
            "Free some space on that disk (or start Assets Desktop with --data-dir on another "
            "disk), then try again.",
            str(data_dir),
        )
    if any(name.startswith(code) for code in _READ_ONLY) or errno in (13, 30):  # EACCES, EROFS
        return ReadOnlyLibraryError(
            f"The library folder {data_dir} is read-only, so {outcome}. {kept} Make the folder "
            "and its files writable for your user (or start Assets Desktop with a writable "
            "--data-dir), then try again.",
            str(data_dir),
        )
    if name.startswith("SQLITE_IOERR") or isinstance(error, OSError):
        return StorageError(
            f"The library folder {data_dir} could not be written ({error}), so {outcome}. "
            f"{kept} Check the disk, then try again.",
            str(data_dir),
        )
    return None


def opening_error(error: BaseException, data_dir: Path) -> StorageError | None:
    """The typed error for a library that cannot be opened because it cannot be written."""
    return storage_error(error, data_dir, "the library could not be opened (it needs to write)")
