"""The app's settings: a typed dataclass kept as JSON in the user's config directory.

Secrets never live here (they go to the keyring through `store.secrets`). A settings file that is
unreadable, not JSON, or holds invalid values falls back to the defaults (for the bad values only,
when the file is otherwise readable) and the loader returns a warning the UI shows as is.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import platformdirs

from assets_desktop.domain.errors import AppError
from assets_desktop.domain.vocabulary import PlaidEnvironment

log = logging.getLogger(__name__)

APP_DIR_NAME = "assets-desktop"
SETTINGS_FILE = "settings.json"
SCHEMA_VERSION = 1

ENVIRONMENTS: tuple[PlaidEnvironment, ...] = tuple(PlaidEnvironment)
ENVIRONMENT_LABELS: dict[str, str] = {name: name.label for name in PlaidEnvironment}
DEFAULT_BASE_URLS: dict[str, str] = {
    name: name.plaid_url for name in PlaidEnvironment if name.plaid_url is not None
}

# Plaid allows 15 /asset_report/get per minute per report in production: one every 4 s at most.
MIN_POLL_PRODUCTION = 4.0
MIN_POLL_OTHER = 0.5
MAX_POLL = 60.0
MAX_DAYS = 731


class SettingsError(AppError, ValueError):
    """A settings value that cannot be used; the message says which and what is allowed."""


@dataclass(frozen=True)
class Settings:
    """Everything the user can set that is not a secret."""

    environment: PlaidEnvironment = PlaidEnvironment.LOCAL
    base_urls: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_BASE_URLS))
    poll_interval_seconds: float = 4.0
    large_deposit_ratio: float = 0.5
    retirement_factor: float = 1.0  # share of vested retirement funds counted (B3-4.3-03)
    default_days_purchase: int = 61
    default_days_refinance: int = 31
    min_history_days: int = 60
    retention_days: int = 0  # 0 keeps reports until removed
    data_dir: str = ""  # empty: the platform's user data directory
    team_server: str = ""  # postgresql://user@host:port/db (no password); empty: this computer
    lock_after_minutes: int = 0  # 0: never; else cover the window after this long idle
    date_format: str = "iso"  # "iso" (2026-12-03) or "locale" (the locale's, yyyy)
    window_geometry: str = ""  # opaque base64 blobs written by the window
    window_state: str = ""
    splitter_state: str = ""

    def __post_init__(self) -> None:
        if self.environment in ENVIRONMENTS:  # a plain string read from the file
            object.__setattr__(self, "environment", PlaidEnvironment(self.environment))

    def validated(self) -> Settings:
        """This object, after checking every value; raises SettingsError naming the bad one."""
        if self.environment not in ENVIRONMENTS:
            raise SettingsError(
                f"environment {self.environment!r} is not one of {', '.join(ENVIRONMENTS)}"
            )
        for name in ("sandbox", "production"):
            url = self.base_urls.get(name, "")
            if not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
                raise SettingsError(f"the {name} base URL must start with https:// (got {url!r})")
        check_poll_interval(self.environment, self.poll_interval_seconds)
        if not 0.05 <= self.large_deposit_ratio <= 5.0:
            raise SettingsError("the large-deposit ratio must be between 0.05 and 5 (0.5 = 50 %)")
        if not 0.0 <= self.retirement_factor <= 1.0:
            raise SettingsError("the retirement factor must be between 0 and 1 (1 = 100 %)")
        for name in ("default_days_purchase", "default_days_refinance", "min_history_days"):
            value = getattr(self, name)
            if not 1 <= value <= MAX_DAYS:
                raise SettingsError(f"{name.replace('_', ' ')} must be 1–{MAX_DAYS} (got {value})")
        if not 0 <= self.retention_days <= 36500:
            raise SettingsError("retention must be 0 (keep) or a number of days up to 36500")
        if not 0 <= self.lock_after_minutes <= 1440:
            raise SettingsError("the idle lock must be 0 (never) or 1–1440 minutes")
        if self.team_server and (
            not self.team_server.startswith("postgresql://")
            or ":" in self.team_server.split("@")[0][13:]
        ):
            raise SettingsError(
                "the team server must be postgresql://user@host:port/database, without a "
                "password (the password goes to the keyring)"
            )
        if self.date_format not in ("iso", "locale"):
            raise SettingsError(f"the date format must be iso or locale (got {self.date_format!r})")
        return self

    def replace(self, **changes: Any) -> Settings:
        """A validated copy with some values changed."""
        return dataclasses.replace(self, **changes).validated()

    def resolved_data_dir(self) -> Path:
        """The data directory in use (the setting, or the platform default)."""
        return Path(self.data_dir) if self.data_dir else default_data_dir()


def check_poll_interval(environment: str, seconds: float) -> None:
    """Raise SettingsError when `seconds` is outside Plaid's limits for `environment`."""
    low = MIN_POLL_PRODUCTION if environment == "production" else MIN_POLL_OTHER
    if not low <= seconds <= MAX_POLL:
        where = "Plaid Production" if environment == "production" else "this environment"
        raise SettingsError(
            f"the polling interval must be {low:g}–{MAX_POLL:g} s for {where} "
            f"(Plaid allows 15 report checks a minute); got {seconds:g} s"
        )


def default_config_dir() -> Path:
    """The platform's config directory for the app."""
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def default_data_dir() -> Path:
    """The platform's data directory for the app (the library lives there)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


class SettingsFile:
    """Loads and saves `Settings` as JSON at one path (atomic writes, owner-only permissions)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_config_dir() / SETTINGS_FILE

    def load(self) -> tuple[Settings, str | None]:
        """The settings, and a warning when the file was unusable (defaults then apply)."""
        if not self.path.exists():
            return Settings(), None
        try:
            raw = json.loads(self.path.read_text("utf-8"))
            if not isinstance(raw, dict):
                raise SettingsError("the file does not hold a JSON object")
        except (OSError, UnicodeDecodeError, ValueError) as error:
            return Settings(), self._warn(f"it could not be read ({error})")
        return self._from_mapping(raw)

    def save(self, settings: Settings) -> None:
        """Write the settings atomically (temp file + rename) with mode 0600."""
        settings.validated()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"schema_version": SCHEMA_VERSION, **dataclasses.asdict(settings)}
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=2, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _from_mapping(self, raw: dict[str, Any]) -> tuple[Settings, str | None]:
        defaults = Settings()
        known = {f.name: f for f in dataclasses.fields(Settings)}
        values: dict[str, Any] = {}
        rejected: list[str] = []
        for name, value in raw.items():
            if name not in known:
                continue  # schema_version, or a key from a newer version
            default = getattr(defaults, name)
            if not _same_kind(value, default):
                rejected.append(name)
                continue
            values[name] = float(value) if isinstance(default, float) else value
        if "base_urls" in values:
            values["base_urls"] = {**DEFAULT_BASE_URLS, **cast(dict[str, str], values["base_urls"])}
        settings = defaults
        for name in known:  # field order: the environment before the rules that depend on it
            if name in values:
                try:
                    settings = settings.replace(**{name: values[name]})
                except SettingsError:
                    rejected.append(name)
        if rejected:
            names = ", ".join(sorted(set(rejected)))
            return settings, self._warn(f"these values were invalid and reset: {names}")
        return settings, None

    def _warn(self, why: str) -> str:
        message = f"The settings file {self.path} was not usable: {why}. Defaults are in use."
        log.warning("%s", message)
        return message


def _same_kind(value: object, default: object) -> bool:
    if isinstance(default, str):  # a StrEnum default (the environment) is read as a string
        return isinstance(value, str)
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    if isinstance(default, float):
        return isinstance(value, int | float)
    if isinstance(default, dict):
        return isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )
    return type(value) is type(default)
