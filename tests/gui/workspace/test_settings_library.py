"""Settings → Library: this computer, or a team server (its password to the keyring)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assets_desktop.services.settings import SecretStore, Settings, SettingsError
from assets_desktop.services.team import save_team_password
from assets_desktop.store import secrets as kinds
from assets_desktop.store.settings import SettingsFile
from assets_desktop.ui.workspace.settings_dialog import SettingsDialog

TEAM = "postgresql://alberta_c@db.example.com:5433/lending_team"


def test_choosing_a_team_server_keeps_its_address_and_not_its_password(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = SettingsDialog(Settings(), SecretStore())
    qtbot.addWidget(dialog)
    row = dialog.location
    assert row.local.isChecked() and not row.details.isEnabled()
    row.server.setChecked(True)
    row.host.setText("db.example.com")
    assert dialog.errors() == ["Enter the team server's database, user."]
    row.port.setValue(5433)
    row.database.setText("lending_team")
    row.user.setText("alberta_c")
    row.password.setText("s3cret-pass")
    assert dialog.errors() == []
    result = dialog.value()
    assert (result.settings.team_server, result.team_password) == (TEAM, "s3cret-pass")
    file = SettingsFile(tmp_path / "settings.json")
    file.save(result.settings)
    assert file.load()[0].team_server == TEAM
    assert "s3cret" not in (tmp_path / "settings.json").read_text()
    store = SecretStore()
    save_team_password(store, result.settings.team_server, result.team_password)
    assert store.get(kinds.TEAM_PASSWORD, TEAM) == "s3cret-pass"


def test_the_dialog_shows_the_saved_server_and_can_go_back_to_this_computer(
    qtbot: QtBot,
) -> None:
    dialog = SettingsDialog(Settings(team_server=TEAM), SecretStore())
    qtbot.addWidget(dialog)
    row = dialog.location
    assert (row.host.text(), row.port.value(), row.database.text(), row.user.text()) == (
        "db.example.com", 5433, "lending_team", "alberta_c",
    )  # fmt: skip
    row.local.setChecked(True)
    assert dialog.value().settings.team_server == ""
    with pytest.raises(SettingsError, match="without a password"):
        Settings(team_server="postgresql://alberta_c:pw@db/lending_team").validated()
