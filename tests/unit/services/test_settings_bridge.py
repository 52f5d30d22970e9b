"""services.settings: the rules the workspace applies, and the keys in the keyring."""

from __future__ import annotations

from assets_desktop.services.environment import save_keys
from assets_desktop.services.settings import (
    SecretStore,
    Settings,
    WorkspaceRules,
    forget_keys,
    has_keys,
)


def test_the_workspace_rules_are_the_settings_with_polling_off_the_built_in_sandbox() -> None:
    chosen = Settings(
        environment="production", poll_interval_seconds=9.0, large_deposit_ratio=0.25,
        retirement_factor=0.6, min_history_days=90,
    )  # fmt: skip
    rules = WorkspaceRules.of(chosen)
    assert (rules.large_deposit_ratio, rules.retirement_factor) == (0.25, 0.6)
    assert (rules.min_history_days, rules.poll_interval) == (90, 9.0)
    assert rules.wait_timeout == 900.0  # not a setting: 15 minutes
    local = WorkspaceRules.of(Settings(environment="local", poll_interval_seconds=9.0))
    assert local.poll_interval is None  # the built-in sandbox's own quick default
    sandbox = Settings(environment="sandbox", poll_interval_seconds=2.5)
    assert WorkspaceRules.of(sandbox).poll_interval == 2.5


def test_keys_are_found_only_in_pairs_and_forgotten_together() -> None:
    secrets = SecretStore()
    assert not has_keys(secrets, "sandbox")
    save_keys(secrets, "sandbox", "client-1", "secret-1")
    assert has_keys(secrets, "sandbox") and not has_keys(secrets, "production")
    forget_keys(secrets, "sandbox")
    assert not has_keys(secrets, "sandbox")
