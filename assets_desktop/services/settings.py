"""What the UI needs of the settings and of the Plaid keys in the keyring, without reaching
into `store` (the layering: ui → services → store).

The settings types are the store's own (re-exported: a thin, Qt-free dataclass); the keys are
read and forgotten here, never shown.
"""

from __future__ import annotations

from assets_desktop.domain.vocabulary import PlaidEnvironment
from assets_desktop.store import secrets as kinds
from assets_desktop.store.secrets import SecretStore
from assets_desktop.store.settings import (
    ENVIRONMENT_LABELS,
    ENVIRONMENTS,
    MAX_POLL,
    Settings,
    SettingsError,
    check_poll_interval,
)

__all__ = [
    "ENVIRONMENTS",
    "ENVIRONMENT_LABELS",
    "MAX_POLL",
    "SecretStore",
    "Settings",
    "SettingsError",
    "check_poll_interval",
    "forget_keys",
    "has_keys",
    "poll_interval_for",
]


def has_keys(secrets: SecretStore, environment: str) -> bool:
    """Whether both Plaid keys of `environment` are in the keyring."""
    return bool(
        secrets.get(kinds.PLAID_CLIENT_ID, environment)
        and secrets.get(kinds.PLAID_SECRET, environment)
    )


def forget_keys(secrets: SecretStore, environment: str) -> None:
    """Delete both Plaid keys of `environment` from the keyring."""
    secrets.delete(kinds.PLAID_CLIENT_ID, environment)
    secrets.delete(kinds.PLAID_SECRET, environment)


def poll_interval_for(settings: Settings) -> float | None:
    """The report polling interval to use: the setting, except on the built-in sandbox (None:
    its own quick default, since the setting's floor is meant for Plaid's servers)."""
    local = settings.environment == PlaidEnvironment.LOCAL
    return None if local else settings.poll_interval_seconds
