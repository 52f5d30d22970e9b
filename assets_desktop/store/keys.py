"""The library key: a random AES-256 key in the keyring, recognised by a sealed check value.

`meta` holds `library_id` (names the keyring entry, so a moved folder still finds its key),
`key_check` (a known value sealed with the key) and `key_storage` (`keyring`, or `session` when
there was no usable keyring and the key lived in memory only).
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass

from assets_desktop.store import secrets
from assets_desktop.store.crypto import Sealer, key_from_text, key_to_text, new_key
from assets_desktop.store.errors import MissingKeyError, WrongKeyError
from assets_desktop.store.secrets import SecretStore

SESSION_KEY_WARNING = (
    "No usable system keyring: the library is encrypted with a key kept in memory, so reports "
    "and notes saved during this session will NOT be readable after Assets Desktop closes. "
    "Export review bundles to keep work, or install/unlock a system keyring and restart."
)
SESSION_LIBRARY_RESET = (
    "The previous session had no usable system keyring, so what it saved could not be kept: "
    "the library was emptied and starts again."
)


@dataclass(frozen=True)
class OpenedKey:
    sealer: Sealer
    warning: str | None
    reset_needed: bool  # a session-only library whose key is gone: empty it


def _meta(connection: sqlite3.Connection, name: str) -> bytes | None:
    row = connection.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return None if row is None else bytes(row[0]) if isinstance(row[0], bytes) else row[0]


def library_id(connection: sqlite3.Connection) -> str | None:
    value = _meta(connection, "library_id")
    return None if value is None else str(value)


def open_key(connection: sqlite3.Connection, store: SecretStore, location: str) -> OpenedKey:
    """Find (or, for a new library, make) the key; check it is the right one.

    Runs inside a write transaction held by the caller.
    """
    ident = library_id(connection)
    check = _meta(connection, "key_check")
    if ident is None or check is None:
        return _new_key(connection, store)
    storage = str(_meta(connection, "key_storage") or "keyring")
    text = store.get(secrets.LIBRARY_KEY, ident)
    if text is None:
        if storage == "session":
            opened = _new_key(connection, store)
            return OpenedKey(opened.sealer, _join(SESSION_LIBRARY_RESET, opened.warning), True)
        if not store.durable:
            raise MissingKeyError(
                f"The library at {location} is encrypted with a key kept in the system keyring, "
                f"but no usable keyring is available now. {store.warning or ''} Unlock or start "
                "the keyring and restart Assets Desktop, or use a different --data-dir."
            )
        raise MissingKeyError(
            f"The key of the library at {location} is not in the system keyring (it was removed, "
            "or the library was copied from another machine), so its reports cannot be read. "
            "Restore the keyring entry from a backup, or use a different --data-dir; to move a "
            "review between machines, export a review bundle instead."
        )
    sealer = Sealer(key_from_text(text))
    if not sealer.matches(bytes(check)):
        raise WrongKeyError(
            f"The key in the system keyring does not decrypt the library at {location} (the "
            "keyring entry was replaced, or the library comes from another machine). Nothing "
            "was shown or changed. Restore the original key, or use a different --data-dir."
        )
    return OpenedKey(sealer, None if storage == "keyring" else SESSION_KEY_WARNING, False)


def _new_key(connection: sqlite3.Connection, store: SecretStore) -> OpenedKey:
    ident = uuid.uuid4().hex
    key = new_key()
    store.set(secrets.LIBRARY_KEY, ident, key_to_text(key))
    sealer = Sealer(key)
    storage = "keyring" if store.durable else "session"
    rows = [("library_id", ident), ("key_check", sealer.key_check()), ("key_storage", storage)]
    connection.executemany("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", rows)
    return OpenedKey(sealer, None if store.durable else SESSION_KEY_WARNING, False)


def _join(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)
