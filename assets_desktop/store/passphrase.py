"""The library passphrase: scrypt turns it into a key that wraps the library key.

scrypt (from `cryptography`) with a random per-library salt derives 64 bytes from the passphrase:
the first 32 wrap the library key with AES-GCM, the last 32 are a verifier kept beside the wrap.
A passphrase whose verifier differs is the wrong one; a right verifier with a wrap that does not
open means the library was damaged. The parameters travel with the library (JSON in `meta`), so
they can be raised later without breaking older libraries.
"""

from __future__ import annotations

import base64
import hmac
import json
import math
import os
import unicodedata
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from assets_desktop.store.crypto import Sealer
from assets_desktop.store.errors import (
    TamperedDataError,
    WeakPassphraseError,
    WrongPassphraseError,
)

# 2**17 × 8 × 128 B = 128 MiB and ~0.35 s here (2 shared cores); 2**18 took 0.7–1.1 s.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
MIN_LENGTH = 8
_MIN_N = 2**14  # parameters below this in a library are refused as damaged, not used

WRONG_PASSPHRASE = "Wrong passphrase: the library was not unlocked. Check it and try again."  # noqa: S105
DAMAGED_WRAP = (
    "The passphrase is right, but the library's wrapped key is damaged, so the library cannot be "
    "unlocked. Restore the library folder from a backup, or use a different --data-dir."
)


@dataclass(frozen=True)
class KdfParams:
    """scrypt's cost parameters and the library's salt."""

    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P
    salt: bytes = b""

    @classmethod
    def fresh(cls, n: int = SCRYPT_N) -> KdfParams:
        """Default costs with a new random salt."""
        return cls(n=n, salt=os.urandom(SALT_BYTES))

    def to_json(self) -> str:
        salt = base64.b64encode(self.salt).decode("ascii")
        return json.dumps({"kdf": "scrypt", "n": self.n, "r": self.r, "p": self.p, "salt": salt})

    @classmethod
    def from_json(cls, text: str) -> KdfParams:
        """Parameters read back from the library; anything odd is damage."""
        try:
            data = json.loads(text)
            params = cls(
                n=int(data["n"]),
                r=int(data["r"]),
                p=int(data["p"]),
                salt=base64.b64decode(data["salt"], validate=True),
            )
            valid = data["kdf"] == "scrypt" and len(params.salt) == SALT_BYTES
        except (ValueError, KeyError, TypeError) as error:
            raise TamperedDataError(_damaged("key-derivation parameters")) from error
        power_of_two = params.n & (params.n - 1) == 0
        if not valid or not power_of_two or not _MIN_N <= params.n <= 2**20 or params.r < 1:
            raise TamperedDataError(_damaged("key-derivation parameters"))
        if not 1 <= params.p <= 16 or params.r > 32:
            raise TamperedDataError(_damaged("key-derivation parameters"))
        return params


@dataclass(frozen=True)
class WrappedKey:
    """The library key sealed under a passphrase: parameters, verifier, sealed key."""

    params: KdfParams
    verifier: bytes
    sealed_key: bytes


def wrap(library_key: bytes, passphrase: str, context: str, params: KdfParams) -> WrappedKey:
    """Seal `library_key` under `passphrase` (use a fresh salt each time)."""
    wrapping, verifier = _derive(passphrase, params)
    return WrappedKey(params, verifier, Sealer(wrapping).seal(library_key, context))


def unwrap(wrapped: WrappedKey, passphrase: str, context: str) -> bytes:
    """The library key; WrongPassphraseError or TamperedDataError (a damaged wrap)."""
    wrapping, verifier = _derive(passphrase, wrapped.params)
    if not hmac.compare_digest(verifier, wrapped.verifier):
        raise WrongPassphraseError(WRONG_PASSPHRASE)
    try:
        return Sealer(wrapping).open(wrapped.sealed_key, context, "wrapped library key")
    except TamperedDataError as error:
        raise TamperedDataError(DAMAGED_WRAP) from error


def matches(wrapped: WrappedKey, passphrase: str) -> bool:
    """True when `passphrase` is the one this wrap was made with."""
    return hmac.compare_digest(_derive(passphrase, wrapped.params)[1], wrapped.verifier)


def retry_delay(failures: int) -> float:
    """Seconds to wait after `failures` wrong passphrases in a row: 0, 0, 1, 2, 4 … 30."""
    return 0.0 if failures < 3 else float(min(30, 2 ** (failures - 3)))


def check_new(passphrase: str, repeated: str) -> None:
    """Refuse a new passphrase that is too short or was not typed the same twice."""
    if len(_normal(passphrase)) < MIN_LENGTH:
        raise WeakPassphraseError(
            f"The passphrase needs at least {MIN_LENGTH} characters; a few unrelated words are "
            "easy to remember and hard to guess."
        )
    if passphrase != repeated:
        raise WeakPassphraseError("The two passphrases differ; type the same one twice.")


def strength(passphrase: str) -> tuple[str, str]:
    """A rough strength rating (weak | fair | strong) and a hint saying how to improve it."""
    text = _normal(passphrase)
    pool = sum(
        size
        for present, size in (
            (any(c.islower() for c in text), 26),
            (any(c.isupper() for c in text), 26),
            (any(c.isdigit() for c in text), 10),
            (any(not c.isalnum() for c in text), 33),
        )
        if present
    )
    distinct = len(set(text))
    bits = min(len(text), distinct * 2) * math.log2(max(pool, 2))
    if len(text) < MIN_LENGTH:
        return "weak", f"Too short: use at least {MIN_LENGTH} characters."
    if bits < 50:
        return "weak", "Weak: add another word or two; length helps most."
    if bits < 80:
        return "fair", "Fair: one more unrelated word makes it strong."
    return "strong", "Strong. Keep it somewhere safe: without it the library cannot be opened."


def _derive(passphrase: str, params: KdfParams) -> tuple[bytes, bytes]:
    derived = Scrypt(salt=params.salt, length=64, n=params.n, r=params.r, p=params.p).derive(
        _normal(passphrase).encode("utf-8")
    )
    return derived[:32], derived[32:]


def _normal(passphrase: str) -> str:
    """The same passphrase typed on another keyboard or OS gives the same bytes."""
    return unicodedata.normalize("NFC", passphrase)


def _damaged(what: str) -> str:
    return (
        f"The library's {what} are damaged, so it cannot be unlocked. Restore the library folder "
        "from a backup, or use a different --data-dir."
    )
