"""Changing how the library key is protected, without re-encrypting a report.

- a passphrase is added or changed by re-wrapping the key (three `meta` rows, one transaction);
- "require the passphrase" moves the key and the secrets out of the keyring into the library;
- its reverse moves them into a keyring that works now.

Each move copies first and switches `key_storage` last, in one transaction, so an interrupted
move leaves the library as it was; copies left behind in the keyring are dropped on the next
open (`drop_keyring_copies`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assets_desktop.domain.vocabulary import PlaidEnvironment
from assets_desktop.store import keys, passphrase, secrets, vault
from assets_desktop.store.backend import Connection, set_meta
from assets_desktop.store.crypto import key_to_text
from assets_desktop.store.errors import LibraryKeyError, MissingKeyError

if TYPE_CHECKING:
    from assets_desktop.store.database import Database


class KeyProtection:
    """How the library key is kept: keyring, passphrase, or this session only."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def key_storage(self) -> str:
        """Where the key is kept: `keyring`, `passphrase` (only) or `session` (nowhere)."""
        return self._db.key_storage

    @property
    def has_passphrase(self) -> bool:
        """True when a passphrase unlocks the library (alone or beside the keyring)."""
        with self._db.reading() as connection:
            return keys.wrapped_key(connection) is not None

    def verify_passphrase(self, text: str) -> None:
        """Check the passphrase (to unlock an idle-locked window): WrongPassphraseError if not.

        Wrong tries count towards the growing delay, as when opening the library.
        """
        now = self._db.clock().timestamp()
        with self._db.transaction() as connection:
            wrapped = keys.wrapped_key(connection)
            if wrapped is None:
                raise LibraryKeyError("This library has no passphrase; set one in Settings first.")
            keys.refuse_if_delayed(connection, now)
        right = passphrase.matches(wrapped, text)  # the slow part, outside the transaction
        with self._db.transaction() as connection:
            if right:
                keys.clear_failures(connection)
                return
            refused = keys.record_failure(connection, now)
        raise refused

    def set_passphrase(self, new: str, repeated: str, current: str | None = None) -> None:
        """Add a passphrase, or change it (`current` needed): re-wraps the key, nothing else."""
        passphrase.check_new(new, repeated)
        if self.has_passphrase:
            self.verify_passphrase(current or "")
        with self._db.transaction() as connection:  # a fresh salt; the old wrap goes with it
            ident = keys.library_id(connection)
            assert ident is not None
            set_meta(connection, keys.wrap_rows(self._db.key, ident, new, keys.Access().kdf_n))

    def require_passphrase(self, required: bool) -> None:
        """Keep the key only under the passphrase (True) or also in the keyring (False).

        Moves the key and the secrets between the keyring and the library without touching a
        report; an interrupted move leaves the library as it was.
        """
        kept = self.key_storage
        if required and kept == keys.KEYRING:
            if not self.has_passphrase:
                raise LibraryKeyError(
                    "Set a passphrase first: without one, a library whose key is not in the "
                    "keyring could never be opened again."
                )
            _keyring_to_library(self._db)
        elif not required and kept == keys.PASSPHRASE:
            _library_to_keyring(self._db)


def secret_refs(connection: Connection) -> list[tuple[str, str]]:
    """Every secret this library may have: Plaid keys, access and report/audit-copy tokens."""
    refs = [(kind, name.value) for name in PlaidEnvironment for kind in _PLAID_KEYS]
    for kind, sql in (
        (secrets.ACCESS_TOKEN, "SELECT item_id FROM items"),
        (secrets.ASSET_REPORT_TOKEN, "SELECT asset_report_id FROM reports"),
        (secrets.AUDIT_COPY_TOKEN, "SELECT id FROM audit_copies"),
    ):
        refs += [(kind, str(row[0])) for row in connection.execute(sql)]
    return refs


_PLAID_KEYS = (secrets.PLAID_CLIENT_ID, secrets.PLAID_SECRET)


def drop_keyring_copies(db: Database) -> None:
    """A passphrase-only library's key (and secrets) left in the keyring by a move: drop them."""
    with db.transaction() as connection:
        ident = keys.library_id(connection)
        refs = secret_refs(connection)
    for kind, key in refs:
        db.secrets.keyring_delete(kind, key)
    if ident is not None:
        db.secrets.keyring_delete(secrets.LIBRARY_KEY, ident)


def adopt_stranded_secrets(db: Database) -> None:
    """Secrets sealed in a keyring library while its keyring was gone go to the keyring now."""
    store = db.secrets
    entries = list(db.vault.entries())
    for kind, key, value in entries:
        store.keyring_set(kind, key, value)
    if entries and store.durable:
        with db.transaction() as connection:
            connection.execute("DELETE FROM meta WHERE name LIKE 'secret:%'")


def _keyring_to_library(db: Database) -> None:
    store = db.secrets
    with db.transaction() as connection:
        rows: list[tuple[str, object]] = []
        for kind, key in secret_refs(connection):
            value = store.keyring_get(kind, key)
            if value is not None:
                rows.append(vault.seal(db.sealer, kind, key, value))
        set_meta(connection, [*rows, ("key_storage", keys.PASSPHRASE)])
    store.attach_vault(db.vault)
    drop_keyring_copies(db)


def _library_to_keyring(db: Database) -> None:
    store = db.secrets
    if not store.durable:
        raise MissingKeyError(
            "No usable system keyring now, so the key stays under the passphrase. Unlock or "
            f"start the keyring, then try again. {store.warning or ''}".strip()
        )
    with db.transaction() as connection:
        ident = keys.library_id(connection)
    assert ident is not None
    text = key_to_text(db.key)
    entries = list(db.vault.entries())
    store.keyring_set(secrets.LIBRARY_KEY, ident, text)
    for kind, key, value in entries:
        store.keyring_set(kind, key, value)
    if not store.durable or store.keyring_get(secrets.LIBRARY_KEY, ident) != text:
        store.keyring_delete(secrets.LIBRARY_KEY, ident)
        raise MissingKeyError(
            "The system keyring did not keep the library key, so it stays under the passphrase "
            "and nothing changed. Check the keyring, then try again."
        )
    with db.transaction() as connection:
        connection.execute("DELETE FROM meta WHERE name LIKE 'secret:%'")
        set_meta(connection, [("key_storage", keys.KEYRING)])
    store.attach_vault(None)
