"""Typed errors of the local library. Each message says what went wrong and what to do."""

from __future__ import annotations

from assets_desktop.domain.errors import AppError


class LibraryError(AppError):
    """Base class: the library could not do what was asked; `user_message` is for the user."""


class NewerSchemaError(LibraryError):
    """The database was written by a newer version of the app; it is not opened."""


class MigrationError(LibraryError):
    """Upgrading the database's format failed; it was left at its previous version."""


class LibraryKeyError(LibraryError):
    """The key that decrypts the library is missing or wrong; nothing is shown."""


class MissingKeyError(LibraryKeyError):
    """The library's key is not in the keyring (or no keyring is usable)."""


class WrongKeyError(LibraryKeyError):
    """The key in the keyring does not decrypt this library."""


class PassphraseRequiredError(LibraryKeyError):
    """The library is (or, being new without a keyring, must be) protected by a passphrase.

    `new_library` tells a library still to be protected apart from one to unlock.
    """

    def __init__(self, message: str, *, new_library: bool) -> None:
        super().__init__(message)
        self.new_library = new_library


class WrongPassphraseError(LibraryKeyError):
    """The passphrase is not this library's; `retry_after` seconds pass before the next try."""

    def __init__(self, message: str, *, retry_after: float = 0.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class UnlockDelayedError(WrongPassphraseError):
    """Too soon after wrong passphrases: nothing was tried; wait `retry_after` seconds."""


class WeakPassphraseError(LibraryError, ValueError):
    """A new passphrase was refused (too short, or the two entries differ); says why."""


class TamperedDataError(LibraryError):
    """Stored data failed its integrity check (altered, truncated or moved); it is not shown."""


class NotFoundError(LibraryError, KeyError):
    """No such loan file, Item, report or audit copy in the library."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class StorageError(LibraryError):
    """The library's folder cannot take a write (read-only, full disk, I/O error); nothing
    already saved was lost. `folder` is the library's folder."""

    def __init__(self, message: str, folder: str) -> None:
        super().__init__(message)
        self.folder = folder


class ReadOnlyLibraryError(StorageError):
    """The library's folder or files are read-only: it can be read, not changed."""


class DiskFullError(StorageError):
    """The disk holding the library is full."""


class ImportRejectedError(LibraryError, ValueError):
    """A file offered for import (report JSON, PDF or review bundle) was refused; says why."""


class TeamServerError(LibraryError):
    """The team's PostgreSQL server cannot be reached (or refused the connection); nothing was
    saved by the failed action."""


class ConcurrentChangeError(LibraryError):
    """Someone saved the loan file or report after it was opened here: nothing was saved;
    reload it and make the change again. `by` names who (a team member's role), if known."""

    def __init__(self, message: str, by: str | None = None) -> None:
        super().__init__(message)
        self.by = by


class AccessDeniedError(LibraryError):
    """The team server refused the action: the member's database role may not do it."""
