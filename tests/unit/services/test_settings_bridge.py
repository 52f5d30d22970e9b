"""services.settings: the polling interval the workspace uses, and the keys in the keyring."""

from __future__ import annotations

from assets_desktop.services.environment import save_keys
from assets_desktop.services.settings import (
    SecretStore,
    Settings,
    forget_keys,
    has_keys,
    poll_interval_for,
)


def test_the_polling_setting_is_used_off_the_built_in_sandbox() -> None:
    assert poll_interval_for(Settings(environment="local", poll_interval_seconds=9.0)) is None
    production = Settings(environment="production", poll_interval_seconds=9.0)
    assert poll_interval_for(production) == 9.0
    assert poll_interval_for(Settings(environment="sandbox", poll_interval_seconds=2.5)) == 2.5


def test_keys_are_found_only_in_pairs_and_forgotten_together() -> None:
    secrets = SecretStore()
    assert not has_keys(secrets, "sandbox")
    save_keys(secrets, "sandbox", "client-1", "secret-1")
    assert has_keys(secrets, "sandbox") and not has_keys(secrets, "production")
    forget_keys(secrets, "sandbox")
    assert not has_keys(secrets, "sandbox")
