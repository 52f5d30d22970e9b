"""What the UI needs of the settings and of the Plaid keys in the keyring, without reaching
into `store` (the layering: ui → services → store).

The settings types are the store's own (re-exported: a thin, Qt-free dataclass); the keys are
read and forgotten here, never shown.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    "WorkspaceRules",
    "check_poll_interval",
    "forget_keys",
    "has_keys",
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


def _poll_interval(settings: Settings) -> float | None:
    """The report polling interval to use: the setting, except on the built-in sandbox (None:
    its own quick default, since the setting's floor is meant for Plaid's servers)."""
    local = settings.environment == PlaidEnvironment.LOCAL
    return None if local else settings.poll_interval_seconds


@dataclass(frozen=True)
class WorkspaceRules:
    """The settings the workspace applies to every analysis and to every wait for a report.

    `min_history_days`: the history a purchase needs (None: the Selling Guide's 60 days).
    `poll_interval`: seconds between report checks (None: the environment's default; the API
    never polls production faster than every 4 s). `wait_timeout`: how long a wait lasts.
    """

    large_deposit_ratio: float = 0.5
    min_history_days: int | None = None
    retirement_factor: float = 1.0
    poll_interval: float | None = None
    wait_timeout: float = 15 * 60.0

    @classmethod
    def of(cls, settings: Settings) -> WorkspaceRules:
        """The rules the user set (the wait lasts its default)."""
        return cls(
            large_deposit_ratio=settings.large_deposit_ratio,
            min_history_days=settings.min_history_days,
            retirement_factor=settings.retirement_factor,
            poll_interval=_poll_interval(settings),
        )
