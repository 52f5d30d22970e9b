"""The sandbox's state file: encrypted when a key is given, and never personal data in clear.

With a key (`ASSETS_SANDBOX_STATE_KEY`, 32 random bytes in URL-safe base64; the app keeps one
in the OS keyring and passes it to its child sandbox), the whole file is sealed with AES-256-GCM:
the Create Report users (SSN, names, e-mail), tokens and the webhook signing key stay private.
Without a key, the file is JSON but the users' personal fields are left out, so a restarted
sandbox serves reports without them. A file that the key cannot open (the keyring lost it) is
moved aside and the sandbox starts afresh, saying so: the app's library is not affected.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import time
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from assets_desktop.sandbox.state import SandboxState

MAGIC = b"assets-desktop-sandbox-state/aesgcm1\n"
_NONCE = 12


def new_state_key() -> str:
    """A fresh key, as `ASSETS_SANDBOX_STATE_KEY` takes it."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")


def parse_state_key(text: str) -> bytes:
    """The 32 bytes of a key given as URL-safe base64; ValueError saying what is wrong."""
    try:
        key = base64.urlsafe_b64decode(text.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        key = b""
    if len(key) != 32:
        raise ValueError("the state key must be 32 bytes in URL-safe base64 (44 characters)")
    return key


def load_state(path: Path | None, key: bytes | None = None) -> SandboxState:
    """The state in `path`, or a fresh one when there is no path or no file yet."""
    if path is None or not path.exists():
        return SandboxState()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read the sandbox state file {path}: {exc}") from exc
    if data.startswith(MAGIC):
        if key is None:
            raise ValueError(
                f"the sandbox state file {path} is encrypted: give its key in "
                "ASSETS_SANDBOX_STATE_KEY, or use another --state-file"
            )
        sealed = data[len(MAGIC) :]
        try:
            data = AESGCM(key).decrypt(sealed[:_NONCE], sealed[_NONCE:], MAGIC)
        except (InvalidTag, ValueError):
            aside = path.with_name(f"{path.name}.unreadable-{int(time.time())}")
            os.replace(path, aside)
            print(f"The state file {path} does not open with this key; moved to {aside}.")
            return SandboxState()
    try:
        return SandboxState.from_json(json.loads(data))
    except (ValueError, TypeError, KeyError, RecursionError) as exc:
        raise ValueError(f"cannot read the sandbox state file {path}: {exc}") from exc


def save_state(state: SandboxState, path: Path | None, key: bytes | None = None) -> None:
    """Write the state atomically (owner-only), sealed with `key`; no-op without a path."""
    if path is None:
        return
    snapshot = state.to_json()
    if key is None:
        for report in snapshot["reports"]:
            report["user"] = {}
    data = json.dumps(snapshot, indent=None if key else 1).encode()
    if key is not None:
        nonce = secrets.token_bytes(_NONCE)
        data = MAGIC + nonce + AESGCM(key).encrypt(nonce, data, MAGIC)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
