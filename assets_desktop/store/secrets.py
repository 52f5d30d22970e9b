"""Secrets in the OS keyring (service `assets-desktop`), or sealed in a passphrase library.

Secrets never go to a file, the database, a log or an error message in clear. When the library's
key is protected by a passphrase, the library attaches a `Vault` that seals secrets in it with the
library key, and every secret but the library key itself goes there. Otherwise, when the OS has
no usable keyring (the `fail` or `null` backend, an empty chainer, a plaintext `keyrings.alt`
backend, or a keyring that raises), the store keeps secrets in memory for this run only and says
why in `warning`.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

import keyring
import keyring.backend
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "assets-desktop"

# Kinds of secret; the key that goes with each is noted beside it.
PLAID_CLIENT_ID = "plaid_client_id"  # key: environment name (local | sandbox | production)
PLAID_SECRET = "plaid_secret"  # noqa: S105 - key: environment name
ACCESS_TOKEN = "access_token"  # noqa: S105 - key: item_id
ASSET_REPORT_TOKEN = "asset_report_token"  # noqa: S105 - key: asset_report_id
AUDIT_COPY_TOKEN = "audit_copy_token"  # noqa: S105 - key: audit copy id
LIBRARY_KEY = "library_key"  # key: hash of the library path
SANDBOX_STATE_KEY = "sandbox_state_key"  # key: the app's local sandbox state file
TEAM_PASSWORD = "team_password"  # noqa: S105 - key: postgresql://user@host:port/db

KINDS = frozenset(
    {
        PLAID_CLIENT_ID,
        PLAID_SECRET,
        ACCESS_TOKEN,
        ASSET_REPORT_TOKEN,
        AUDIT_COPY_TOKEN,
        LIBRARY_KEY,
        SANDBOX_STATE_KEY,
        TEAM_PASSWORD,
    }
)

SESSION_ONLY_WARNING = (
    "No usable system keyring: secrets are kept for this session only and will be asked for "
    "again next time ({reason}). Install or unlock a system keyring (GNOME Keyring, KWallet, "
    "macOS Keychain, Windows Credential Manager) to keep them."
)

_PROBE_USERNAME = "probe:assets-desktop"


class Vault(Protocol):
    """Where secrets go instead of the keyring (sealed in a passphrase library)."""

    def get(self, kind: str, key: str) -> str | None: ...

    def set(self, kind: str, key: str, value: str) -> None: ...

    def delete(self, kind: str, key: str) -> None: ...


def unusable_reason(backend: keyring.backend.KeyringBackend) -> str | None:
    """Why this keyring backend cannot keep secrets durably and safely, or None if it can."""
    module = type(backend).__module__
    name = type(backend).__name__
    if module == "keyring.backends.fail":
        return "the keyring library found no backend"
    if module == "keyring.backends.null":
        return "the keyring is disabled (null backend)"
    if module.startswith("keyrings.alt"):
        return f"the only keyring is {name} from keyrings.alt, which is not a secure store"
    if module == "keyring.backends.chainer":
        chained = list(getattr(backend, "backends", []))
        if not chained:
            return "the keyring library found no backend"
        reasons = [unusable_reason(b) for b in chained]
        if all(reasons):
            return reasons[0]
    return None


class SecretStore:
    """Secrets in the OS keyring under service 'assets-desktop'; session memory when none."""

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service
        self._backend = keyring.get_keyring()
        self._memory: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()
        self.durable = True
        self.warning: str | None = None
        self.vault: Vault | None = None
        """Set by a passphrase library: secrets (but the library key) are sealed there."""
        reason = unusable_reason(self._backend)
        if reason is None:
            reason = self._probe()
        if reason is not None:
            self._fall_back(reason)

    @property
    def backend_name(self) -> str:
        """The keyring backend in use, for diagnostics."""
        return f"{type(self._backend).__module__}.{type(self._backend).__name__}"

    def attach_vault(self, vault: Vault | None) -> None:
        """Keep secrets in `vault` from now on (None: back to the keyring)."""
        self.vault = vault

    def get(self, kind: str, key: str) -> str | None:
        """The secret, or None when there is none."""
        if self.vault is not None and kind != LIBRARY_KEY:
            _username(kind, key)
            return self.vault.get(kind, key)
        return self.keyring_get(kind, key)

    def set(self, kind: str, key: str, value: str) -> None:
        """Keep a secret (replacing any previous one)."""
        if self.vault is not None and kind != LIBRARY_KEY:
            _check_value(kind, key, value)
            self.vault.set(kind, key, value)
            return
        self.keyring_set(kind, key, value)

    def delete(self, kind: str, key: str) -> None:
        """Forget a secret; nothing happens when there is none."""
        if self.vault is not None and kind != LIBRARY_KEY:
            _username(kind, key)
            self.vault.delete(kind, key)
            return
        self.keyring_delete(kind, key)

    def keyring_get(self, kind: str, key: str) -> str | None:
        """The secret from the keyring (or this run's memory), whatever the vault."""
        username = _username(kind, key)
        with self._lock:
            if not self.durable:
                return self._memory.get((kind, key))
            try:
                value = self._backend.get_password(self.service, username)
            except Exception as error:  # any backend failure: not durable
                self._fall_back(_describe(error))
                return self._memory.get((kind, key))
            return value if value is not None else self._memory.get((kind, key))

    def keyring_set(self, kind: str, key: str, value: str) -> None:
        """Keep a secret in the keyring (or this run's memory), whatever the vault."""
        username = _check_value(kind, key, value)
        with self._lock:
            if self.durable:
                try:
                    self._backend.set_password(self.service, username, value)
                    return
                except Exception as error:
                    self._fall_back(_describe(error))
            self._memory[(kind, key)] = value

    def keyring_delete(self, kind: str, key: str) -> None:
        """Forget a secret in the keyring (and this run's memory), whatever the vault."""
        username = _username(kind, key)
        with self._lock:
            self._memory.pop((kind, key), None)
            if not self.durable:
                return
            try:
                self._backend.delete_password(self.service, username)
            except keyring.errors.PasswordDeleteError:
                pass  # absent
            except Exception as error:
                self._fall_back(_describe(error))

    def _probe(self) -> str | None:
        try:
            self._backend.get_password(self.service, _PROBE_USERNAME)
        except Exception as error:
            return _describe(error)
        return None

    def _fall_back(self, reason: str) -> None:
        if self.durable:
            log.warning("Keyring unusable (%s): secrets go to the library or to memory", reason)
        self.durable = False
        self.warning = SESSION_ONLY_WARNING.format(reason=reason)


def _check_value(kind: str, key: str, value: str) -> str:
    username = _username(kind, key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"a {kind} secret must be a non-empty string")
    return username


def _username(kind: str, key: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown secret kind {kind!r}; expected one of {sorted(KINDS)}")
    if not key:
        raise ValueError(f"a {kind} secret needs a non-empty key")
    return f"{kind}:{key}"


def _describe(error: BaseException) -> str:
    """A reason naming the error type only: a backend's message could echo what it was given."""
    if isinstance(error, keyring.errors.KeyringLocked):
        return "the keyring is locked"
    if isinstance(error, keyring.errors.NoKeyringError):
        return "the keyring library found no backend"
    return f"the keyring failed with {type(error).__name__}"
