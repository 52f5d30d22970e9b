"""The keyring-backed secret store: durable with a keyring, session-only memory without one."""

from __future__ import annotations

import logging

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest

from assets_desktop.store import secrets
from assets_desktop.store.secrets import SecretStore


def test_secrets_round_trip_through_the_keyring(memory_keyring) -> None:
    store = SecretStore()
    assert store.durable and store.warning is None
    store.set(secrets.ACCESS_TOKEN, "item-1", "access-sandbox-abc")
    store.set(secrets.PLAID_SECRET, "production", "s3cr3t")
    assert store.get(secrets.ACCESS_TOKEN, "item-1") == "access-sandbox-abc"
    assert store.get(secrets.PLAID_SECRET, "production") == "s3cr3t"
    assert store.get(secrets.PLAID_SECRET, "sandbox") is None
    assert memory_keyring.secrets[("assets-desktop", "access_token:item-1")] == "access-sandbox-abc"
    # A second store (a later run) sees what the first kept.
    assert SecretStore().get(secrets.ACCESS_TOKEN, "item-1") == "access-sandbox-abc"


def test_delete_forgets_and_tolerates_absent_secrets(memory_keyring) -> None:
    store = SecretStore()
    store.set(secrets.ASSET_REPORT_TOKEN, "rep-1", "assets-sandbox-1")
    store.delete(secrets.ASSET_REPORT_TOKEN, "rep-1")
    store.delete(secrets.ASSET_REPORT_TOKEN, "rep-1")
    store.delete(secrets.AUDIT_COPY_TOKEN, "never-set")
    assert store.get(secrets.ASSET_REPORT_TOKEN, "rep-1") is None
    assert memory_keyring.secrets == {}
    assert store.durable


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (keyring.backends.fail.Keyring(), "found no backend"),
        (keyring.backends.null.Keyring(), "null backend"),
    ],
)
def test_no_usable_keyring_keeps_secrets_for_this_session_only(backend, reason) -> None:
    keyring.set_keyring(backend)
    store = SecretStore()
    assert not store.durable
    assert store.warning is not None
    assert "session only" in store.warning and reason in store.warning
    store.set(secrets.PLAID_CLIENT_ID, "sandbox", "client-123")
    assert store.get(secrets.PLAID_CLIENT_ID, "sandbox") == "client-123"
    store.delete(secrets.PLAID_CLIENT_ID, "sandbox")
    assert store.get(secrets.PLAID_CLIENT_ID, "sandbox") is None
    # Nothing outlives the store: a new one (the next run) has nothing.
    store.set(secrets.PLAID_CLIENT_ID, "sandbox", "client-123")
    assert SecretStore().get(secrets.PLAID_CLIENT_ID, "sandbox") is None


class _LockedKeyring(keyring.backend.KeyringBackend):
    priority = 5  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked, and here is what you asked: " + username)

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("could not store " + password)

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


class _FailsOnSet(keyring.backend.KeyringBackend):
    priority = 5  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("could not store " + password)

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError(username)


def test_a_locked_keyring_is_detected_when_the_store_starts() -> None:
    keyring.set_keyring(_LockedKeyring())
    store = SecretStore()
    assert not store.durable
    assert store.warning is not None and "locked" in store.warning
    store.set(secrets.LIBRARY_KEY, "abc", "key-material")
    assert store.get(secrets.LIBRARY_KEY, "abc") == "key-material"


def test_a_keyring_error_later_falls_back_without_leaking_the_secret(caplog) -> None:
    keyring.set_keyring(_FailsOnSet())
    store = SecretStore()
    assert store.durable
    with caplog.at_level(logging.DEBUG):
        store.set(secrets.ACCESS_TOKEN, "item-9", "access-production-TOPSECRET")
    assert not store.durable
    assert store.warning is not None and "PasswordSetError" in store.warning
    assert "TOPSECRET" not in store.warning
    assert "TOPSECRET" not in caplog.text
    assert store.get(secrets.ACCESS_TOKEN, "item-9") == "access-production-TOPSECRET"


def test_a_plaintext_keyrings_alt_backend_is_refused() -> None:
    plaintext = type("PlaintextKeyring", (_FailsOnSet,), {"__module__": "keyrings.alt.file"})
    keyring.set_keyring(plaintext())
    store = SecretStore()
    assert not store.durable
    assert store.warning is not None and "keyrings.alt" in store.warning


def test_bad_kinds_keys_and_values_are_refused() -> None:
    store = SecretStore()
    with pytest.raises(ValueError, match="unknown secret kind"):
        store.set("password", "x", "y")
    with pytest.raises(ValueError, match="non-empty key"):
        store.get(secrets.ACCESS_TOKEN, "")
    with pytest.raises(ValueError, match="non-empty string"):
        store.set(secrets.ACCESS_TOKEN, "item", "")
