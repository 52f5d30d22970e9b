"""The sandbox's state file: sealed with a key; without one, no personal data in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assets_desktop.sandbox.state import ReportRecord, SandboxState
from assets_desktop.sandbox.state_file import (
    load_state,
    new_state_key,
    parse_state_key,
    save_state,
)

USER = {"first_name": "Marguerite", "last_name": "Okonkwo", "ssn": "219-09-9999"}


def _state() -> SandboxState:
    report = ReportRecord(
        asset_report_id="rep-1", asset_report_token="assets-sandbox-tok", item_ids=["i"],
        days_requested=61, client_report_id=None, webhook=None, user=dict(USER), add_ons=[],
        exclude_account_ids=[], date_generated="2026-11-20T00:00:00Z",
        created_at="2026-11-20T00:00:00Z",
    )  # fmt: skip
    return SandboxState(reports={report.asset_report_token: report})


def test_with_a_key_the_file_is_sealed_and_reads_back(tmp_path: Path) -> None:
    key = parse_state_key(new_state_key())
    path = tmp_path / "state.json"
    save_state(_state(), path, key)
    data = path.read_bytes()
    assert b"219-09-9999" not in data and b"Marguerite" not in data
    assert b"assets-sandbox-tok" not in data
    assert load_state(path, key).reports["assets-sandbox-tok"].user == USER
    with pytest.raises(ValueError, match="encrypted: give its key in ASSETS_SANDBOX_STATE_KEY"):
        load_state(path, None)


def test_a_key_that_does_not_open_the_file_starts_afresh_keeping_it_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    save_state(_state(), path, parse_state_key(new_state_key()))
    fresh = load_state(path, parse_state_key(new_state_key()))
    assert fresh.reports == {}
    assert not path.exists()
    assert len(list(tmp_path.glob("state.json.unreadable-*"))) == 1


def test_without_a_key_personal_fields_are_not_written(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    save_state(_state(), path)
    assert b"219-09-9999" not in path.read_bytes()
    assert load_state(path).reports["assets-sandbox-tok"].user == {}


@pytest.mark.parametrize("text", ["", "short", "!" * 44, new_state_key()[:-4]])
def test_a_malformed_key_is_refused_clearly(text: str) -> None:
    with pytest.raises(ValueError, match="32 bytes in URL-safe base64"):
        parse_state_key(text)
