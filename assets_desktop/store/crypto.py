"""AES-GCM sealing of library fields, each bound to its table, column and row.

A sealed value is `version byte ‖ 12-byte random nonce ‖ ciphertext ‖ 16-byte tag`. The
associated data names where the value lives (`reports.json:<row id>`), so a blob copied onto
another row or column fails to open just like an altered one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from assets_desktop.store.errors import TamperedDataError, WrongKeyError

FORMAT_VERSION = b"\x01"
NONCE_BYTES = 12
KEY_BYTES = 32
_KEY_CHECK = b"assets-desktop library key check v1"
_KEY_CHECK_CONTEXT = "meta.key_check"
_MAC_KEY_LABEL = b"assets-desktop row binding v1"


def new_key() -> bytes:
    """A random 256-bit key."""
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def key_to_text(key: bytes) -> str:
    """The key as text for the keyring."""
    return base64.b64encode(key).decode("ascii")


def key_from_text(text: str) -> bytes:
    """The key back from the keyring; a malformed entry is a wrong key."""
    try:
        key = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as error:
        raise WrongKeyError(
            "The library key in the system keyring is malformed, so the library cannot be "
            "decrypted. Restore the key from a backup of the keyring, or open another data folder."
        ) from error
    if len(key) != KEY_BYTES:
        raise WrongKeyError(
            f"The library key in the system keyring has {len(key)} bytes instead of {KEY_BYTES}, "
            "so the library cannot be decrypted. Restore the key, or open another data folder."
        )
    return key


class Sealer:
    """Seals and opens field values with one library key."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)
        self._mac_key = hmac.new(key, _MAC_KEY_LABEL, hashlib.sha256).digest()

    def mac(self, message: bytes) -> bytes:
        """An HMAC-SHA256 of `message` under a key derived from the library key (row binding)."""
        return hmac.new(self._mac_key, message, hashlib.sha256).digest()

    def seal(self, plaintext: bytes, context: str) -> bytes:
        """Encrypt `plaintext` for the place named by `context` (e.g. `reports.json:<id>`)."""
        nonce = os.urandom(NONCE_BYTES)
        return FORMAT_VERSION + nonce + self._aead.encrypt(nonce, plaintext, context.encode())

    def open(self, sealed: bytes, context: str, what: str) -> bytes:
        """Decrypt a sealed value; `what` names it for the user if it fails its check."""
        if len(sealed) < 1 + NONCE_BYTES + 16 or sealed[:1] != FORMAT_VERSION:
            raise TamperedDataError(_tampered(what))
        nonce = sealed[1 : 1 + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, sealed[1 + NONCE_BYTES :], context.encode())
        except InvalidTag as error:
            raise TamperedDataError(_tampered(what)) from error

    def key_check(self) -> bytes:
        """A sealed known value, kept in the database to recognise the right key."""
        return self.seal(_KEY_CHECK, _KEY_CHECK_CONTEXT)

    def matches(self, key_check: bytes) -> bool:
        """True when this sealer's key made `key_check`."""
        try:
            return self.open(key_check, _KEY_CHECK_CONTEXT, "key check") == _KEY_CHECK
        except TamperedDataError:
            return False


def _tampered(what: str) -> str:
    return (
        f"The {what} stored in the library failed its integrity check: it was altered, damaged "
        "or moved from another record, so it is not shown. Re-import it from the original file "
        "or a review bundle, or restore the library folder from a backup."
    )
