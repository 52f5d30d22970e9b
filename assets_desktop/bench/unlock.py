"""Unlocking a passphrase-protected library, beside opening one whose key is in a keyring.

The library sits in a temporary folder; the keyring is an in-memory one (the user's is
untouched), or none at all for the passphrase library. The figure is the whole open: connect,
schema check, scrypt with the library's parameters, unwrap, key check.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import keyring
import keyring.backends.fail

from assets_desktop.bench.figures import Figure, median_ms
from assets_desktop.bench.library import _MemoryKeyring
from assets_desktop.store.keys import Access
from assets_desktop.store.library import Library
from assets_desktop.store.passphrase import SCRYPT_N, SCRYPT_P, SCRYPT_R
from assets_desktop.store.secrets import SecretStore

PHRASE = "bench passphrase: correct horse battery staple"


def run(quick: bool) -> list[Figure]:
    """Time opening a passphrase library and a keyring library of the same (small) content."""
    repeat = 2 if quick else 5
    previous = keyring.get_keyring()
    quiet = logging.getLogger("assets_desktop.store.secrets")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # "no usable keyring" is the point here, not news
    try:
        with tempfile.TemporaryDirectory(prefix="assets-bench-") as folder:
            locked, plain = Path(folder) / "passphrase", Path(folder) / "keyring"
            keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
            access = Access(passphrase=PHRASE)
            Library(locked, SecretStore(), access=access).close()
            unlock_ms = median_ms(
                lambda: Library(locked, SecretStore(), access=access).close(), repeat
            )
            keyring.set_keyring(_MemoryKeyring())
            Library(plain, SecretStore()).close()
            keyring_ms = median_ms(lambda: Library(plain, SecretStore()).close(), repeat)
    finally:
        keyring.set_keyring(previous)
        quiet.setLevel(level)
    memory = 128 * SCRYPT_N * SCRYPT_R // 2**20
    return [
        Figure(
            f"library: unlock with passphrase (scrypt N=2^{SCRYPT_N.bit_length() - 1}, "
            f"r={SCRYPT_R}, p={SCRYPT_P}, {memory} MiB)",
            unlock_ms,
            "ms",
            peer="open with the key in a keyring",
            peer_value=keyring_ms,
            target="≤ 1 s",
        )
    ]
