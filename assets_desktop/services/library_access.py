"""Opening the library: with the keyring, a passphrase, or keeping nothing on this computer.

Key sources, in order: the OS keyring when it works; otherwise the library passphrase, typed
by the user, or — for scripts, CI and the frozen smoke test — read from `--passphrase-file` or
the `ASSETS_DESKTOP_PASSPHRASE` environment variable. Re-exports what the UI needs of
`store.keys`/`store.passphrase` (the layering: ui → services → store).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from assets_desktop.store.database import is_server_location
from assets_desktop.store.errors import (
    LibraryError,
    LibraryKeyError,
    PassphraseRequiredError,
    UnlockDelayedError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from assets_desktop.store.keys import KEYRING, PASSPHRASE, SESSION, Access
from assets_desktop.store.library import Library
from assets_desktop.store.passphrase import MIN_LENGTH, check_new, strength
from assets_desktop.store.secrets import SecretStore

__all__ = [
    "KEYRING",
    "MIN_LENGTH",
    "PASSPHRASE",
    "PASSPHRASE_ENV",
    "SESSION",
    "Access",
    "LibraryError",
    "LibraryKeyError",
    "PassphraseRequiredError",
    "PassphraseSourceError",
    "SecretStore",
    "UnlockDelayedError",
    "WeakPassphraseError",
    "WrongPassphraseError",
    "check_new",
    "is_server_location",
    "open_library",
    "passphrase_from",
    "strength",
]

PASSPHRASE_ENV = "ASSETS_DESKTOP_PASSPHRASE"  # noqa: S105 - the variable's name


class PassphraseSourceError(LibraryError):
    """The passphrase file could not be read, or is empty; says which and what to do."""


def passphrase_from(
    file: str | Path | None, environ: Mapping[str, str] | None = None
) -> str | None:
    """The passphrase given for scripted use: the file's first line, else the variable, else None.

    The file wins over the variable. A trailing newline (as `echo` writes it) is not part of it.
    """
    if file is not None:
        try:
            text = Path(file).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise PassphraseSourceError(
                f"Cannot read the passphrase file {file} ({type(error).__name__}). Check the "
                "path and that it is readable by you only (chmod 600)."
            ) from error
        line = text.splitlines()[0] if text.strip() else ""
        if not line:
            raise PassphraseSourceError(
                f"The passphrase file {file} is empty: put the passphrase on its first line."
            )
        return line
    value = (os.environ if environ is None else environ).get(PASSPHRASE_ENV)
    return value or None


def open_library(
    location: Path | str, secrets: SecretStore, access: Access | None = None
) -> Library:
    """The library in the folder `location`, or on the team server `postgresql://…`, opened
    with `access` (see `store.database.Database`)."""
    return Library(location, secrets, access=access or Access())
