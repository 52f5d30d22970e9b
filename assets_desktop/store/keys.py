"""The library key: a random AES-256 key kept in the keyring and/or wrapped by a passphrase.

`meta` holds `library_id` (names the keyring entry, so a moved folder still finds its key),
`key_check` (a known value sealed with the key) and `key_storage`:

- `keyring`: the key is in the OS keyring (and, when the user added a passphrase, also wrapped
  by it, so the library still opens where the keyring is gone);
- `passphrase`: the key is only wrapped by the passphrase (no keyring, or the lender's policy
  "require the passphrase"); secrets are sealed in the library (`store.vault`);
- `session`: the key was never kept ("Don't save anything on this computer"): on reopening,
  what the library held cannot be read and it is emptied.

The wrap is `passphrase_kdf` (scrypt parameters and salt, JSON), `passphrase_verifier` and
`passphrase_key` (the sealed library key). Wrong passphrases are counted in `unlock_failures`;
the next try waits until `unlock_retry_at` (seconds since the epoch).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace

from assets_desktop.store import passphrase, secrets
from assets_desktop.store.backend import Connection, meta_text, set_meta
from assets_desktop.store.crypto import Sealer, key_from_text, key_to_text, new_key
from assets_desktop.store.errors import (
    MissingKeyError,
    PassphraseRequiredError,
    TamperedDataError,
    UnlockDelayedError,
    WrongKeyError,
    WrongPassphraseError,
)
from assets_desktop.store.passphrase import SCRYPT_N, KdfParams, WrappedKey
from assets_desktop.store.secrets import SecretStore

KEYRING, PASSPHRASE, SESSION = "keyring", "passphrase", "session"

SESSION_LIBRARY_RESET = (
    "The previous session kept nothing on this computer, so what it saved could not be kept: "
    "the library was emptied and starts again."
)
NEW_WITHOUT_KEYRING = (
    "There is no usable system keyring to keep the library's key, so a new library needs a "
    "passphrase (or the choice to keep nothing on this computer)."
)
LOCKED = "The library at {location} is protected by a passphrase: enter it to unlock."
_WRAP_ROWS = ("passphrase_kdf", "passphrase_verifier", "passphrase_key")


@dataclass(frozen=True)
class Access:
    """How to open a library: a passphrase, the explicit session-only choice, or neither.

    `kdf_n` is scrypt's cost for a passphrase set now (the default keeps unlocking under 1 s).
    """

    passphrase: str | None = field(default=None, repr=False)  # never in a log or traceback
    session_only: bool = False
    kdf_n: int = SCRYPT_N


@dataclass(frozen=True)
class OpenedKey:
    key: bytes
    storage: str
    warning: str | None = None
    reset_needed: bool = False  # a session-only library whose key is gone: empty it
    stale_keyring_copy: bool = False  # a passphrase-only library's key is in the keyring: drop

    @property
    def sealer(self) -> Sealer:
        return Sealer(self.key)


def _meta(connection: Connection, name: str) -> bytes | str | None:
    row = connection.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return None if row is None else row[0]


def library_id(connection: Connection) -> str | None:
    return meta_text(_meta(connection, "library_id"))


def storage(connection: Connection) -> str:
    """Where the key is kept: keyring, passphrase or session."""
    return meta_text(_meta(connection, "key_storage")) or KEYRING


def wrapped_key(connection: Connection) -> WrappedKey | None:
    """The passphrase's wrap of the key, or None when the library has no passphrase."""
    values = [_meta(connection, name) for name in _WRAP_ROWS]
    if all(value is None for value in values):
        return None
    kdf, verifier, sealed = values
    if kdf is None or not isinstance(verifier, bytes) or not isinstance(sealed, bytes):
        raise TamperedDataError(passphrase.DAMAGED_WRAP)
    return WrappedKey(KdfParams.from_json(meta_text(kdf) or ""), verifier, sealed)


def wrap_rows(key: bytes, ident: str, text: str, kdf_n: int) -> list[tuple[str, object]]:
    """The meta rows of a new wrap of `key` under the passphrase `text` (fresh salt)."""
    wrapped = passphrase.wrap(key, text, _wrap_context(ident), KdfParams.fresh(kdf_n))
    values = (wrapped.params.to_json(), wrapped.verifier, wrapped.sealed_key)
    return list(zip(_WRAP_ROWS, values, strict=True))


def open_key(
    connection: Connection, store: SecretStore, location: str, access: Access, now: float
) -> OpenedKey:
    """Find (or, for a new library, make) the key; check it is the right one.

    Runs inside a write transaction held by the caller. Raises PassphraseRequiredError when a
    passphrase is needed and none was given, WrongPassphraseError (the caller counts it).
    """
    ident = library_id(connection)
    stored_check = _meta(connection, "key_check")
    if ident is None or stored_check is None:
        return _new_key(connection, store, access)
    check = stored_check if isinstance(stored_check, bytes) else stored_check.encode()
    kept = storage(connection)
    if kept == SESSION:
        opened = _new_key(connection, store, access)
        return replace(opened, warning=SESSION_LIBRARY_RESET, reset_needed=True)
    wrapped = wrapped_key(connection)
    if kept == PASSPHRASE:
        if wrapped is None:
            raise TamperedDataError(passphrase.DAMAGED_WRAP)
        key = _unlock(connection, wrapped, access, ident, check, location, now)
        stale = store.durable and store.keyring_get(secrets.LIBRARY_KEY, ident) is not None
        return OpenedKey(key, PASSPHRASE, stale_keyring_copy=stale)
    text = store.keyring_get(secrets.LIBRARY_KEY, ident)
    if text is None and wrapped is not None:
        return OpenedKey(_unlock(connection, wrapped, access, ident, check, location, now), KEYRING)
    if text is None:
        raise MissingKeyError(_missing(location, store))
    key = key_from_text(text)
    if not Sealer(key).matches(check):
        raise WrongKeyError(
            f"The key in the system keyring does not decrypt the library at {location} (the "
            "keyring entry was replaced, or the library comes from another machine). Nothing "
            "was shown or changed. Restore the original key, or use a different --data-dir."
        )
    return OpenedKey(key, KEYRING)


def unlock_wait(connection: Connection, now: float) -> float:
    """Seconds before the next passphrase may be tried (0 when it may be now)."""
    retry_at = _meta(connection, "unlock_retry_at")
    return max(0.0, float(meta_text(retry_at) or 0) - now) if retry_at is not None else 0.0


def refuse_if_delayed(connection: Connection, now: float) -> None:
    """UnlockDelayedError while the delay after wrong passphrases runs."""
    wait = unlock_wait(connection, now)
    if wait > 0:
        raise UnlockDelayedError(
            f"Too many wrong passphrases: wait {wait:.0f} s before the next try.",
            retry_after=wait,
        )


def record_failure(connection: Connection, now: float) -> WrongPassphraseError:
    """Count a wrong passphrase; the error to raise, saying how long the next try waits."""
    failures = int(meta_text(_meta(connection, "unlock_failures")) or 0) + 1
    delay = passphrase.retry_delay(failures)
    set_meta(connection, [("unlock_failures", str(failures)), ("unlock_retry_at", now + delay)])
    wait = f" Wait {delay:.0f} s before the next try." if delay else ""
    return WrongPassphraseError(passphrase.WRONG_PASSPHRASE + wait, retry_after=delay)


def clear_failures(connection: Connection) -> None:
    connection.execute("DELETE FROM meta WHERE name IN ('unlock_failures', 'unlock_retry_at')")


def _unlock(
    connection: Connection,
    wrapped: WrappedKey,
    access: Access,
    ident: str,
    check: bytes,
    location: str,
    now: float,
) -> bytes:
    if access.passphrase is None:
        raise PassphraseRequiredError(LOCKED.format(location=location), new_library=False)
    refuse_if_delayed(connection, now)
    key = passphrase.unwrap(wrapped, access.passphrase, _wrap_context(ident))
    if not Sealer(key).matches(check):
        raise TamperedDataError(passphrase.DAMAGED_WRAP)
    clear_failures(connection)
    return key


def _new_key(connection: Connection, store: SecretStore, access: Access) -> OpenedKey:
    ident = uuid.uuid4().hex
    key = new_key()
    if access.passphrase is not None:
        passphrase.check_new(access.passphrase, access.passphrase)
    kept = SESSION if access.session_only else KEYRING
    if kept == KEYRING and store.durable:
        store.keyring_set(secrets.LIBRARY_KEY, ident, key_to_text(key))
    if kept == KEYRING and not store.durable:  # no keyring, or it failed just now
        store.keyring_delete(secrets.LIBRARY_KEY, ident)
        if access.passphrase is None:
            raise PassphraseRequiredError(NEW_WITHOUT_KEYRING, new_library=True)
        kept = PASSPHRASE
    rows: list[tuple[str, object]] = [
        ("library_id", ident),
        ("key_check", Sealer(key).key_check()),
        ("key_storage", kept),
    ]
    if access.passphrase is not None and kept != SESSION:
        rows += wrap_rows(key, ident, access.passphrase, access.kdf_n)
    connection.execute("DELETE FROM meta WHERE name LIKE 'secret:%' OR name LIKE 'passphrase_%'")
    set_meta(connection, rows)
    return OpenedKey(key, kept)


def _wrap_context(ident: str) -> str:
    return f"meta.passphrase_key:{ident}"


def _missing(location: str, store: SecretStore) -> str:
    if not store.durable:
        return (
            f"The library at {location} is encrypted with a key kept in the system keyring, but "
            f"no usable keyring is available now. {store.warning or ''} Unlock or start the "
            "keyring and restart Assets Desktop, or use a different --data-dir."
        )
    return (
        f"The key of the library at {location} is not in the system keyring (it was removed, or "
        "the library was copied from another machine), so its reports cannot be read. Restore "
        "the keyring entry from a backup, or use a different --data-dir; to move a review "
        "between machines, export a review bundle instead."
    )
