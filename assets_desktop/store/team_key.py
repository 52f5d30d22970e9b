"""The team key: one library key for the whole team, handed to each member in an invite.

The key never reaches the server in clear. A supervisor (or the administrator) who has it
seals it to an invite passphrase with scrypt (`store.passphrase`, bound to the library and the
member) and stores the invite for that member's role; row-level security lets each member read
only their own invite. On a member's first open, the invite's passphrase unwraps the key, which
then goes to the member's keyring like any library key.
"""

from __future__ import annotations

from assets_desktop.store import passphrase, secrets
from assets_desktop.store.backend import Connection
from assets_desktop.store.crypto import key_to_text
from assets_desktop.store.errors import (
    LibraryKeyError,
    MissingKeyError,
    PassphraseRequiredError,
    WrongPassphraseError,
)
from assets_desktop.store.keys import Access, library_id
from assets_desktop.store.passphrase import KdfParams, WrappedKey
from assets_desktop.store.secrets import SecretStore

JOIN = (
    "This team library is shared with you by an invite. Type the invite passphrase your "
    "supervisor gave you (once: the team key then goes to this computer's keyring)."
)


class WrongInviteError(LibraryKeyError):
    """The invite passphrase does not open this member's invite."""


def _context(ident: str, member: str) -> str:
    return f"team_invites:{ident}:{member}"


def seal_invite(
    connection: Connection, key: bytes, member: str, text: str, now: str, kdf_n: int
) -> None:
    """Store (or replace) `member`'s invite: the team key sealed to the passphrase `text`."""
    passphrase.check_new(text, text)
    ident = library_id(connection)
    assert ident is not None
    wrapped = passphrase.wrap(key, text, _context(ident, member), KdfParams.fresh(kdf_n))
    connection.execute(
        "INSERT INTO team_invites (member, kdf, verifier, sealed_key, created_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (member) DO UPDATE SET kdf = excluded.kdf, "
        "verifier = excluded.verifier, sealed_key = excluded.sealed_key, "
        "created_at = excluded.created_at",
        (member, wrapped.params.to_json(), wrapped.verifier, wrapped.sealed_key, now),
    )


def accept_invite(connection: Connection, store: SecretStore, access: Access) -> None:
    """Before the key is looked up: a member without the team key in their keyring who has an
    invite unwraps it with `access.passphrase` and keeps the key in the keyring."""
    ident = library_id(connection)
    if ident is None or store.keyring_get(secrets.LIBRARY_KEY, ident) is not None:
        return
    row = connection.execute(
        "SELECT member, kdf, verifier, sealed_key FROM team_invites WHERE member = current_user"
    ).fetchone()
    if row is None:
        return
    if access.passphrase is None:
        raise PassphraseRequiredError(JOIN, new_library=False)
    wrapped = WrappedKey(KdfParams.from_json(str(row[1])), bytes(row[2]), bytes(row[3]))
    try:
        key = passphrase.unwrap(wrapped, access.passphrase, _context(ident, str(row[0])))
    except WrongPassphraseError:  # not counted in the library: scrypt is the cost of a guess
        raise WrongInviteError(
            "Wrong invite passphrase: the team library was not opened. Check it with your "
            "supervisor and try again."
        ) from None
    if not store.durable:
        raise MissingKeyError(
            "Joining a team library needs a working system keyring to keep the team key; "
            f"none is usable now. {store.warning or ''}".strip()
        )
    store.keyring_set(secrets.LIBRARY_KEY, ident, key_to_text(key))
