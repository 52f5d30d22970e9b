"""Settings: typed, validated on load, atomic, owner-only, and never holding secrets."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from assets_desktop.domain.vocabulary import PlaidEnvironment
from assets_desktop.store.settings import Settings, SettingsError, SettingsFile


def test_missing_file_gives_defaults_without_warning(tmp_path: Path) -> None:
    settings, warning = SettingsFile(tmp_path / "settings.json").load()
    assert settings == Settings()
    assert warning is None


def test_round_trip_with_owner_only_permissions(tmp_path: Path) -> None:
    store = SettingsFile(tmp_path / "cfg" / "settings.json")
    saved = Settings().replace(environment="sandbox", poll_interval_seconds=2.5, retention_days=90)
    store.save(saved)
    loaded, warning = store.load()
    assert warning is None
    assert loaded == saved
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert json.loads(store.path.read_text())["schema_version"] == 1


def test_corrupt_file_falls_back_to_defaults_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    settings, warning = SettingsFile(path).load()
    assert settings == Settings()
    assert warning is not None
    assert str(path) in warning and "Defaults are in use" in warning


def test_invalid_values_are_reset_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "environment": "production",
                "poll_interval_seconds": 1.0,  # below Plaid's 4 s production floor
                "retention_days": "forever",  # wrong type
                "large_deposit_ratio": 0.75,  # fine
                "some_future_key": True,  # ignored
            }
        ),
        encoding="utf-8",
    )
    settings, warning = SettingsFile(path).load()
    assert settings.environment is PlaidEnvironment.PRODUCTION  # the file's string, as the enum
    assert settings.poll_interval_seconds == 4.0
    assert settings.retention_days == 0
    assert settings.large_deposit_ratio == 0.75
    assert warning is not None
    assert "poll_interval_seconds" in warning and "retention_days" in warning


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"environment": "mars"}, "environment"),
        ({"environment": "production", "poll_interval_seconds": 2.0}, "4–60 s"),
        ({"default_days_purchase": 800}, "1–731"),
        ({"large_deposit_ratio": 0.0}, "large-deposit"),
        ({"retirement_factor": 1.2}, "retirement factor must be between 0 and 1"),
        ({"base_urls": {"sandbox": "http://evil.example", "production": "https://x"}}, "https"),
    ],
)
def test_validation_says_what_is_wrong(changes: dict[str, object], words: str) -> None:
    with pytest.raises(SettingsError, match=words):
        Settings().replace(**changes)


def test_no_secret_fields() -> None:
    names = set(Settings.__dataclass_fields__)
    assert not {n for n in names if "secret" in n or "token" in n or "client_id" in n}
